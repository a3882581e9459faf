"""The public side's acceptance points, where the other test files leave gaps.

- Query counts: every public address costs the same queries with 3 responses as with 30, and with
  5 findings as with 50. Addresses already measured that way elsewhere are not measured again:
  the home page (test_home), the reports list (test_browse), a report (test_report_page), a finding
  (test_finding_pages, responses), a body (test_body_pages), the feeds and data CSVs
  (test_feeds_and_data, responses), the statistics page and CSVs (test_statistics), the API lists
  (test_api, responses; findings, reports and a report's findings) and a response in the API
  (test_api, findings).
- The leak crawl: a marker in every kind of text the public must never see, and a crawl of every
  kind of public output (pages, PDFs, search results, feeds, API, CSVs, sitemap, statistics).
- Open data: every CSV with an API equivalent reads back to the API's rows, page after page; the
  OpenAPI document as served validates, and every API answer matches what it documents.
"""

import csv
import datetime
import html
import io
import json
import re
from collections import deque

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from jsonschema import Draft202012Validator, FormatChecker
from pypdf import PdfReader

from imports.models import ImportJob
from public.api import urls as api_urls
from public.findings import finding_url
from public.views.data import FORMULA_STARTS
from responses import workflow
from responses.actors import IMPORT_COMMAND
from responses.models import Quotation, Remark
from tests.factories import (
    BodyFactory,
    FindingFactory,
    ForceFactory,
    ReportFactory,
    ResponseFactory,
    ResponseItemFactory,
    publish,
    publish_without_signature_key,
    response_with_findings,
    with_unpublished_amendment,
)
from tracker.models import Addressee, Finding

pytestmark = pytest.mark.django_db

API_PAGE = 100  # REST_FRAMEWORK["PAGE_SIZE"]: the lists below run past one page


def _content(reply):
    """The whole body: streamed answers (CSVs, PDFs) run their queries only as they are read."""
    return b"".join(reply.streaming_content) if reply.streaming else reply.content


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        reply = client.get(url)
        _content(reply)
    assert reply.status_code == 200, (url, reply.status_code)
    return len(queries)


# Query counts: 3 responses against 30 ---------------------------------------------------------------

# Each address as a template: {response} is the response page (ending in "/"), {pdf} its PDF.
COST_BY_RESPONSES = [
    "/bodies/",
    "/search/?q=scrutinise",
    "/search/?q=scrutinise&body={body}&position=action-proposed&type=national-thematic",
    "{response}",
    "{pdf}",
    "{response}versions/1/",
    "{response}versions/1.pdf",
    "{response}versions/compare/",
    "{response}versions/compare/?from=1&to=2&show=all",
    "/about/",
    "/accessibility/",
    "/data/",
    "/api/",
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-reports.xml",
    "/sitemap-bodies.xml",
    "/sitemap-responses.xml",
    "/api/v1/schema/",
    "/api/v1/reports/{report}/",
    "/api/v1/responses/{report}/{body}/",
]


def _grow_responses(report, body, count):
    """Give `report` and `body` `count` published responses each, two answered findings apiece
    (so the report's findings, and the search's matches, grow with them)."""
    while report.responses.count() < count:
        response_with_findings(2, published=True, report=report)
    while body.responses.count() < count:
        response_with_findings(2, published=True, body=body)


@pytest.fixture
def two_versions(body, drafter):
    """A response of `body` published twice: version 2 is an amendment with a major change note."""
    report = ReportFactory(published_on=datetime.date(2024, 3, 1))
    response = response_with_findings(2, published=True, report=report, body=body)
    workflow.amend(response, drafter)
    response.refresh_from_db()
    workflow.save(
        response, drafter, response.edit_count, {"change_note": "We updated our plan.", "change_is_major": True}, {}
    )
    return publish(response)


def _address(template, response):
    return template.format(
        response=response.get_absolute_url(),
        pdf=response.get_pdf_url(),
        report=response.report.slug,
        body=response.body.slug,
    )


@pytest.mark.parametrize("template", COST_BY_RESPONSES)
def test_it_costs_the_same_queries_with_3_responses_as_with_30(
    client, fast_pdf, two_versions, template, django_assert_num_queries
):
    url = _address(template, two_versions)
    _grow_responses(two_versions.report, two_versions.body, 3)
    client.get(url)  # anything read once a process (a cache) is not counted against the small site
    small = _queries(client, url)
    _grow_responses(two_versions.report, two_versions.body, 30)
    with django_assert_num_queries(small):
        _content(client.get(url))


# Query counts: 5 findings against 50 ----------------------------------------------------------------

# Every address that shows findings, or answers to them, and is not measured so elsewhere.
COST_BY_FINDINGS = [
    "{report_page}",
    "{finding}",
    "{response}",
    "{pdf}",
    "{response}versions/1/",
    "{response}versions/1.pdf",
    "{response}versions/compare/?show=all",
    "/search/?q=improvement",
    "/search/?q=scrutinise",
    "/search/?q=improvement&kind=recommendation&type=national-thematic&year=2024",
    "/data/findings.csv",
    "/data/responses.csv",
]


def _answered_report(count, body, drafter):
    """A report of `count` findings (a cause of concern, then recommendations made under it, each
    addressed to someone), answered in full by `body`, published and then amended and republished."""
    report = ReportFactory(published_on=datetime.date(2024, 3, 1))
    concern = FindingFactory(report=report, kind=Finding.Kind.CAUSE_OF_CONCERN, reference="Cause of concern 1")
    for _ in range(count - 1):
        FindingFactory(report=report, cause_of_concern=concern)
    addressee = Addressee.objects.get_or_create(name="Chief constables", defaults={"slug": "chief-constables"})[0]
    force = ForceFactory()
    response = ResponseFactory(report=report, body=body)
    for finding in report.findings.all():
        finding.addressees.add(addressee)
        finding.addressed_forces.add(force)
        ResponseItemFactory(response=response, finding=finding)
    publish(response)
    workflow.amend(response, drafter)
    response.refresh_from_db()
    items = {item.finding_id: (f"{item.comment} Updated.", "action-taken") for item in response.items.all()}
    workflow.save(response, drafter, response.edit_count, {"change_note": "Progress since."}, items)
    return publish(response)


def _finding_address(template, response):
    concern = response.report.findings.get(kind=Finding.Kind.CAUSE_OF_CONCERN)
    return template.format(
        report_page=response.report.get_absolute_url(),
        finding=finding_url(concern),
        response=response.get_absolute_url(),
        pdf=response.get_pdf_url(),
    )


@pytest.mark.parametrize("template", COST_BY_FINDINGS)
def test_it_costs_the_same_queries_with_5_findings_as_with_50(
    client, fast_pdf, body, drafter, template, django_assert_num_queries
):
    small = _finding_address(template, _answered_report(5, body, drafter))
    client.get(small)
    count = _queries(client, small)
    large = _finding_address(template, _answered_report(50, body, drafter))
    with django_assert_num_queries(count):
        reply = client.get(large)
        _content(reply)
    assert reply.status_code == 200


# The leak crawl ----------------------------------------------------------------------------------

# Each kind of text the public must never see holds its own marker, QUAGGA-<code>, so that a leak
# names its kind. A search for the code alone finds the marker without echoing it.
NEVER_PUBLIC = {
    "draftintroduction": "a draft's introduction",
    "draftchiefofficer": "the chief officer's comments in a draft",
    "draftreply": "the reply to the chief officer in a draft",
    "draftsignature": "the signature of a draft",
    "draftcomment": "a draft's comments on findings",
    "draftquotedfinding": "a finding quoted by a draft (an unpublished import's quotation)",
    "draftquotedcomment": "a draft's comment on a quoted finding",
    "draftremark": "a remark on a draft",
    "inreview": "a response in review",
    "reviewreason": "a reviewer's request for changes",
    "approved": "an approved response not yet published",
    "approvalcomment": "a reviewer's comment on approving",
    "scheduled": "a response scheduled for later",
    "earlierrevision": "an earlier revision of a published response, never published",
    "remark": "an internal remark on a published response",
    "amendintroduction": "the introduction of an amendment saved but not published",
    "amendchiefofficer": "the chief officer's comments in an unpublished amendment",
    "amendreply": "the reply to the chief officer in an unpublished amendment",
    "amendsignature": "the signature of an unpublished amendment",
    "amendcomment": "the comments of an unpublished amendment",
    "amendnote": "the major change note of an unpublished amendment",
    "minornote": "a minor change note of a published amendment (never shown)",
    "forcereason": "the reason a response was published without review",
    "retrospectivecomment": "a reviewer's comment on approving retrospectively",
    "withdrawnrevision": "an earlier revision of a response since withdrawn",
    "importforreview": "an imported response awaiting review",
    "importsourcename": "how an import awaiting review named its body",
    "recordsourcename": "how an imported record's source named its body (kept for reference only)",
    "importjob": "an import read but not yet saved",
}
PUBLISHED = "publiccontrol"  # the control: published text in the same form, which the crawl must see
_MARKED = re.compile(r"QUAGGA(?:-\s*(\w+))?")


def _mark(code):
    return f"QUAGGA-{code}"


def _report_with_findings(title):
    report = ReportFactory(title=title)
    for _ in range(2):
        FindingFactory(report=report)
    return report


def _write(response, who, fields=None, comment="We will act on this."):
    """Save the working copy through the editor's path: `fields`, and `comment` on every finding."""
    response.refresh_from_db()
    items = {item.finding_id: (comment, "action-taken") for item in response.items.all()}
    workflow.save(response, who, response.edit_count, fields or {}, items)
    response.refresh_from_db()
    return response


def _through_review(response, drafter, reviewer, publisher):
    workflow.submit(response, drafter)
    workflow.approve(response, reviewer)
    workflow.publish(response, publisher)
    response.refresh_from_db()
    return response


@pytest.fixture
def planted(body, drafter, reviewer, publisher):
    """Every kind of unpublished text, each with its marker, in `body`'s responses to several reports;
    and a published control response whose text carries the marker's form with the code PUBLISHED."""
    started = {}

    def start(name):
        started[name] = workflow.start(_report_with_findings(f"A report everyone can read ({name})"), body, drafter)
        return started[name]

    # A draft, never published, with every part of its text and a quotation marked, and a remark.
    draft = start("draft")
    received = datetime.date(2024, 4, 1)
    fields = {
        "introduction": _mark("draftintroduction"),
        "chief_officer_comments": _mark("draftchiefofficer"),
        "chief_officer_comments_received_on": received,
        "reply_to_chief_officer": _mark("draftreply"),
        "signature": _mark("draftsignature"),
    }
    _write(draft, drafter, fields, comment=_mark("draftcomment"))
    Quotation.objects.create(
        response=draft,
        reference="Recommendation 9",
        text=_mark("draftquotedfinding"),
        comment=_mark("draftquotedcomment"),
    )
    Remark.objects.create(response=draft, author=reviewer, text=_mark("draftremark"))

    # In review; changes requested; approved; scheduled: none of them published.
    in_review = _write(start("in review"), drafter, {"introduction": _mark("inreview")})
    workflow.submit(in_review, drafter)
    sent_back = _write(start("sent back"), drafter)
    workflow.submit(sent_back, drafter)
    workflow.request_changes(sent_back, reviewer, _mark("reviewreason"))
    approved = _write(start("approved"), drafter, {"introduction": _mark("approved")})
    workflow.submit(approved, drafter)
    workflow.approve(approved, reviewer, _mark("approvalcomment"))
    scheduled = _write(start("scheduled"), drafter, {"introduction": _mark("scheduled")})
    workflow.submit(scheduled, drafter)
    workflow.approve(scheduled, reviewer)
    workflow.schedule(scheduled, publisher, timezone.now() + datetime.timedelta(days=30))

    # Published, after an earlier revision that was never published; then a remark, and an amendment
    # saved but not published with every part of its text marked.
    published = _write(start("published"), drafter, {"introduction": _mark("earlierrevision")})
    _write(published, drafter, {"introduction": "Clean words for the public."})
    _through_review(published, drafter, reviewer, publisher)
    Remark.objects.create(response=published, author=reviewer, text=_mark("remark"))
    workflow.amend(published, drafter)
    fields = {
        "introduction": _mark("amendintroduction"),
        "chief_officer_comments": _mark("amendchiefofficer"),
        "reply_to_chief_officer": _mark("amendreply"),
        "signature": _mark("amendsignature"),
        "change_note": _mark("amendnote"),
        "change_is_major": True,
    }
    _write(published, drafter, fields, comment=_mark("amendcomment"))

    # Amended and republished with a minor change note, which the public is never shown.
    minor = _through_review(_write(start("minor"), drafter), drafter, reviewer, publisher)
    workflow.amend(minor, drafter)
    _write(minor, drafter, {"introduction": "Words amended.", "change_note": _mark("minornote")})
    _through_review(minor, drafter, reviewer, publisher)

    # Published without review, then approved retrospectively.
    forced = _write(start("forced"), drafter)
    workflow.force_publish(forced, publisher, _mark("forcereason"))
    workflow.retrospective_approve(forced, reviewer, _mark("retrospectivecomment"))

    # Published after an earlier revision that was never published, then withdrawn.
    withdrawn = _write(start("withdrawn"), drafter, {"introduction": _mark("withdrawnrevision")})
    _write(withdrawn, drafter, {"introduction": "Words later withdrawn."})
    _through_review(withdrawn, drafter, reviewer, publisher)
    workflow.withdraw(withdrawn, publisher, "Replaced by a corrected response.")

    # A publisher's import of a response published elsewhere, awaiting review; a site admin's import,
    # published as a record; an import read but not yet saved.
    imported = ResponseFactory(
        report=_report_with_findings("A report everyone can read (import)"),
        body=body,
        introduction=_mark("importforreview"),
        is_imported=True,
        source_body_name=_mark("importsourcename"),
        original_url="https://pcc.example/response",
        original_published_on=datetime.date(2024, 4, 1),
    )
    for finding in imported.report.findings.all():
        ResponseItemFactory(response=imported, finding=finding)
    workflow.submit_imported(imported, publisher)
    record = ResponseFactory(
        report=_report_with_findings("A report everyone can read (record)"),
        body=body,
        introduction="Words first published elsewhere.",
        source_body_name=_mark("recordsourcename"),
        original_url="https://pcc.example/record",
    )
    for finding in record.report.findings.all():
        ResponseItemFactory(response=record, finding=finding)
    workflow.record_publication(record, timezone.make_aware(datetime.datetime(2024, 4, 2, 12)), IMPORT_COMMAND)
    ImportJob.objects.create(
        user=publisher,
        kind=ImportJob.Kind.RESPONSE,
        status=ImportJob.Status.READY,
        source_name=f"{_mark('importjob')}.pdf",
        parsed={"introduction": _mark("importjob"), "items": [{"comment": _mark("importjob")}]},
    )

    # The control: published text with the marker's form.
    control = _write(start("control"), drafter, {"introduction": _mark(PUBLISHED)}, comment=_mark(PUBLISHED))
    _through_review(control, drafter, reviewer, publisher)

    for response in started.values():
        response.refresh_from_db()
    return {**started, "import": imported, "record": record}


# Every kind of public output, from which the crawl follows every link it finds.
OUTPUTS = [
    "/",
    "/reports/",
    "/bodies/",
    "/about/",
    "/accessibility/",
    "/data/",
    "/statistics/",
    "/robots.txt",
    "/feeds/responses.atom",
    "/feeds/reports.atom",
    "/data/reports.csv",
    "/data/findings.csv",
    "/data/responses.csv",
    "/statistics/by-body.csv",
    "/statistics/by-year.csv",
    "/statistics/by-type.csv",
    "/sitemap.xml",
    "/api/",
    "/api/v1/schema/",
    "/api/v1/bodies/",
    "/api/v1/reports/",
    "/api/v1/findings/",
    "/api/v1/responses/",
    "/search/?q=quagga",
    f"/search/?q={PUBLISHED}",
]


def _addresses_of(response):
    """Every public address of one response, its report and its body (a draft's are 404s)."""
    page, report, body = response.get_absolute_url(), response.report.slug, response.body.slug
    return [
        page,
        response.get_pdf_url(),
        *[f"{page}versions/{number}/" for number in (1, 2)],
        *[f"{page}versions/{number}.pdf" for number in (1, 2)],
        f"{page}versions/compare/?show=all",
        f"/reports/{report}/responses.atom",
        f"/bodies/{body}/responses.atom",
        f"/api/v1/responses/{report}/{body}/",
        f"/api/v1/reports/{report}/",
        f"/api/v1/responses/?report={report}",
        f"/api/v1/responses/?body={body}",
        f"/api/v1/findings/?report={report}",
        f"/search/?q=quagga&body={body}",
    ]


def _text_of(reply):
    content = _content(reply)
    if reply.get("Content-Type", "").startswith("application/pdf"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", errors="replace")


def _links(text):
    """Addresses on this site in a page, a feed, a sitemap, a CSV or a JSON answer."""
    found = [html.unescape(link) for link in re.findall(r'href="([^"]+)"', text)]
    found += re.findall(r"http://testserver(/[^\s\"'<>,]*)", text)
    return [link.removeprefix("http://testserver") for link in found]


def _codes(text):
    """The markers' codes in the text as served and as read (search results wrap matches in <mark>,
    which splits a marker in the HTML)."""
    read = html.unescape(re.sub(r"<[^>]+>", "", text))
    as_served = {match.group(1) for match in _MARKED.finditer(text) if match.group(1)}
    return as_served | {match.group(1) or "?" for match in _MARKED.finditer(read)}


def _crawl(client, start):
    seen, queue, pages = set(), deque(start), {}
    while queue:
        url = queue.popleft().split("#")[0]
        if url in seen or not url.startswith("/") or url.startswith(("/staff", "/admin", "/static/")):
            continue
        seen.add(url)
        reply = client.get(url)
        text = _text_of(reply)
        pages[url] = (reply.status_code, reply.get("Content-Type", ""), _codes(text))
        if reply.status_code == 200:
            queue.extend(_links(text))
    return pages


def test_no_unpublished_text_reaches_any_public_output(planted):
    start = list(OUTPUTS)
    for response in planted.values():
        start += _addresses_of(response)
    start += [f"/search/?q={code}" for code in NEVER_PUBLIC]

    pages = _crawl(Client(), start)

    leaks = {url: codes - {PUBLISHED} for url, (_, _, codes) in pages.items() if codes - {PUBLISHED}}
    assert leaks == {}
    # Every kind of output was read...
    assert all(pages[url][0] == 200 for url in OUTPUTS), [url for url in OUTPUTS if pages[url][0] != 200]
    sections = [url for url, (status, _, _) in pages.items() if url.startswith("/sitemap-") and status == 200]
    assert len(sections) == 4
    for name in ("draft", "in review", "approved", "scheduled"):
        assert pages[planted[name].get_absolute_url()][0] == 404
        assert pages[f"/api/v1/responses/{planted[name].report.slug}/{planted[name].body.slug}/"][0] == 404
    # ...and the control's marker, in the same form, is seen where published text goes: so a leak
    # would have been seen too, in search results as in pages, PDFs, feeds, the API and the CSV.
    control = planted["control"]
    for url in [
        "/search/?q=quagga",
        f"/search/?q={PUBLISHED}",
        "/feeds/responses.atom",
        "/data/responses.csv",
        f"/api/v1/responses/{control.report.slug}/{control.body.slug}/",
        control.get_absolute_url(),
        control.get_pdf_url(),
    ]:
        assert PUBLISHED in pages[url][2], url


def test_every_marker_is_really_planted(planted):
    """The markers are in the database, where staff read them (so the crawl above can fail)."""
    dump = io.StringIO()
    call_command("dumpdata", "responses", "tracker", "imports", stdout=dump)
    assert {code for code in NEVER_PUBLIC if _mark(code) not in dump.getvalue()} == set()


# Open data: each CSV reads back to the API's rows ----------------------------------------------------


def _csv_rows(client, url):
    reply = client.get(url)
    assert reply.status_code == 200
    return list(csv.DictReader(io.StringIO(_content(reply).decode("utf-8"))))


def _api_all(client, url):
    """Every item of an API list, following `next`; and how many pages that took."""
    items, pages = [], 0
    while url:
        reply = client.get(url)
        assert reply.status_code == 200, url
        page = reply.json()
        items += page["results"]
        url, pages = page["next"], pages + 1
    return items, pages


def _as_written(value):
    """A value as the CSV writes it: empty for None, yes/no for booleans, and an apostrophe before
    text a spreadsheet would run as a formula (public/views/data.py)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def test_reports_csv_reads_back_to_the_same_rows_as_the_api_across_its_pages(client):
    forces = [ForceFactory(name=name) for name in ("Ynys Môn Police", "Aberwen Police")]
    for number in range(API_PAGE + 2):
        report = ReportFactory(
            published_on=datetime.date(2020 + number % 5, 1 + number % 12, 1),
            concerns_all_forces=number % 3 == 0,
            source_url=f"https://hmicfrs.example/{number}" if number % 2 else "",
        )
        if number % 3:
            report.forces.set(forces[: 1 + number % 2])
    ReportFactory(title='=HYPERLINK("http://evil.example")', report_type="peel")

    api, pages = _api_all(client, "/api/v1/reports/")
    csv_rows = _csv_rows(client, "/data/reports.csv")

    assert pages > 1
    expected = [
        {
            "slug": report["slug"],
            "title": _as_written(report["title"]),
            "type": report["type"],
            "published_on": report["published_on"],
            "due_on": report["due_on"],
            "concerns_all_forces": _as_written(report["concerns_all_forces"]),
            "forces": "; ".join(force["name"] for force in report["forces"]),
            "source_url": report["source_url"],
            "url": report["url"],
        }
        for report in api
    ]
    assert len(csv_rows) == len(api) == API_PAGE + 3
    by_slug = {row["slug"]: row for row in csv_rows}
    assert [by_slug.get(row["slug"]) for row in expected] == expected


def test_findings_csv_reads_back_to_the_same_rows_as_the_api_across_its_pages(client):
    chief_constables, _ = Addressee.objects.get_or_create(
        name="Chief constables", defaults={"slug": "chief-constables"}
    )
    force = ForceFactory(name="Aberwen Police")
    reports = [ReportFactory(published_on=datetime.date(2024 - year, 3, 1)) for year in range(3)]
    for number in range(API_PAGE + 2):
        finding = FindingFactory(
            report=reports[number % 3],
            kind=Finding.Kind.values[number % 4],
            deadline_on=datetime.date(2025, 3, 31) if number % 3 == 0 else None,
            deadline_text="With immediate effect" if number % 3 == 1 else "",
        )
        if number % 2:
            finding.addressees.add(chief_constables)
            finding.addressed_forces.add(force)
    FindingFactory(text="-1 day is the deadline; =A1 is not a formula.")

    api, pages = _api_all(client, "/api/v1/findings/")
    csv_rows = _csv_rows(client, "/data/findings.csv")

    assert pages > 1
    assert len(api) == API_PAGE + 3
    assert csv_rows == [
        {
            "report_slug": finding["report"],
            "reference": finding["reference"],
            "kind": finding["kind"],
            "text": _as_written(finding["text"]),
            "addressees": "; ".join(finding["addressees"]),
            "deadline": finding["deadline_on"] or finding["deadline_text"],
        }
        for finding in api
    ]


def test_responses_csv_reads_back_to_the_same_rows_as_the_api_across_its_pages(
    client, fast_pdf, body, drafter, publisher
):
    for n in range(API_PAGE):
        response_with_findings(1, published=True, signature=f"Commissioner {n}\nOffice {n}" if n % 2 else "")
    publish_without_signature_key(response_with_findings(1, signature="Not in the snapshot published"))
    with_unpublished_amendment(body, drafter, "never in either")
    imported = response_with_findings(2)
    Quotation.objects.create(
        response=imported,
        reference="Recommendation 9",
        text="=A finding the report lacks.",
        comment="Done.",
        position="action-taken",
    )
    workflow.record_publication(imported, None, IMPORT_COMMAND, action="import")
    withdrawn = response_with_findings(1, published=True, body=body)
    workflow.withdraw(withdrawn, publisher, "Replaced by a corrected response.")
    formula = ResponseFactory()
    ResponseItemFactory(response=formula, comment="=1+1 and -2 are how we counted.", position="")
    formula.signature = "-- The Commissioner"
    formula.save()
    publish(formula)

    api, pages = _api_all(client, "/api/v1/responses/")
    csv_rows = _csv_rows(client, "/data/responses.csv")

    assert pages > 1
    expected = []
    for response in api:
        detail = client.get(response["api_url"]).json()
        facts = {
            "published_on": _as_written(response["published_on"]),
            "on_time": _as_written(response["on_time"]),
            "imported": _as_written(response["imported"]),
            "withdrawn": _as_written(response["withdrawn"]),
            "url": response["url"],
            "signature": _as_written(detail["signature"]),
        }
        answers = [{**item, "quoted_text": ""} for item in detail["items"]] + detail["quotations"]
        for item in answers:
            expected.append(
                {
                    "report_slug": response["report"],
                    "body_slug": response["body"],
                    "body_name": _as_written(response["body_name"]),
                    "finding_reference": item["finding_reference"],
                    "position": item["position"],
                    "comment": _as_written(item["comment"]),
                    "quoted_text": _as_written(item["quoted_text"]),
                    **facts,
                }
            )
    assert len(expected) == API_PAGE + 1 + 2 + 1 + 2 + 1 + 1
    assert any(row["quoted_text"] == "'=A finding the report lacks." for row in csv_rows)
    assert {row["signature"] for row in csv_rows} >= {"Commissioner 1\nOffice 1", "", "'-- The Commissioner"}
    assert csv_rows == expected


# The OpenAPI document -----------------------------------------------------------------------------


def _schema(client):
    reply = client.get("/api/v1/schema/")
    assert reply.status_code == 200
    return json.loads(reply.content)


_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _api_routes():
    """The API's routes in public/api/urls.py, written as OpenAPI paths."""
    routes = {"/api/" + _PARAMETER.sub(r"{\1}", str(pattern.pattern)) for pattern in api_urls.urlpatterns}
    return routes - {"/api/", "/api/v1/schema/"}


def test_the_openapi_document_as_served_validates_and_describes_every_route(client):
    schema = _schema(client)

    validate_schema(schema)  # against the OpenAPI 3.0 specification's JSON Schema
    assert set(schema["paths"]) == _api_routes()
    for path, operations in schema["paths"].items():
        assert operations["get"]["responses"]["200"]["content"]["application/json"]["schema"], path


def _json_schema(node):
    """An OpenAPI 3.0 schema as JSON Schema: `nullable` becomes a choice of null, and an object
    documents all its properties (an undocumented one is an error)."""
    if isinstance(node, list):
        return [_json_schema(value) for value in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("type") == "object" and "properties" in node:
        converted.setdefault("additionalProperties", False)
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def _documented(schema, path):
    answer = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return {**_json_schema(answer), "components": _json_schema(schema["components"])}


@pytest.fixture
def every_shape(body, publisher):
    """Data that takes every documented field through its values, null ones included: bodies with and
    without a predecessor, reports national and local, findings with and without deadlines and
    addressees, responses on time, late, withdrawn and imported with the date not known."""
    force = ForceFactory(slug="aberwen")
    BodyFactory(force=force, slug="old-pcc", ended_on=datetime.date(2024, 5, 6))
    BodyFactory(force=force, slug="new-mayor", kind="mayor", started_on=datetime.date(2024, 5, 7))
    local = ReportFactory(concerns_all_forces=False, report_type="peel", source_url="https://hmicfrs.example/peel")
    local.forces.set([force])
    dated = FindingFactory(report=local, deadline_on=datetime.date(2025, 3, 31))
    dated.addressed_forces.add(force)
    FindingFactory(report=local, deadline_text="With immediate effect", kind=Finding.Kind.AREA_FOR_IMPROVEMENT)
    on_time = ResponseFactory(
        report=ReportFactory(published_on=timezone.localdate()), body=body, signature="Alex Morgan\nCommissioner"
    )
    ResponseItemFactory(response=on_time)
    publish(on_time)
    response_with_findings(2, published=True, report=local)
    withdrawn = response_with_findings(1, published=True, body=body)
    workflow.withdraw(withdrawn, publisher, "Replaced by a corrected response.")
    imported = response_with_findings(1)
    workflow.record_publication(imported, None, IMPORT_COMMAND, action="import")
    return [local, on_time, withdrawn, imported]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/bodies/",
        "/api/v1/reports/",
        "/api/v1/findings/",
        "/api/v1/responses/",
    ],
)
def test_every_answer_of_an_api_list_is_what_the_document_says(client, every_shape, path):
    schema = _schema(client)
    documented = Draft202012Validator(_documented(schema, path), format_checker=FormatChecker())
    url = path
    while url:
        page = client.get(url).json()
        errors = [f"{list(error.absolute_path)}: {error.message}" for error in documented.iter_errors(page)]
        assert errors == [], url
        url = page["next"]


def test_every_api_detail_is_what_the_document_says(client, every_shape):
    schema = _schema(client)
    report = Draft202012Validator(_documented(schema, "/api/v1/reports/{report_slug}/"), format_checker=FormatChecker())
    response = Draft202012Validator(
        _documented(schema, "/api/v1/responses/{report_slug}/{body_slug}/"), format_checker=FormatChecker()
    )
    local, *responses = every_shape
    answers = [(report, f"/api/v1/reports/{local.slug}/")]
    answers += [(response, f"/api/v1/responses/{r.report.slug}/{r.body.slug}/") for r in responses]
    for documented, url in answers:
        answer = client.get(url).json()
        assert [error.message for error in documented.iter_errors(answer)] == [], url
