"""Atom feeds, CSV downloads, sitemap.xml and robots.txt: published data only, at a fixed cost."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from responses import workflow
from responses.actors import IMPORT_COMMAND
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
    with_secret_text,
    with_unpublished_amendment,
)
from tracker.models import Addressee

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MARKER = "OKAPI-UNPUBLISHED-5521"
FEEDS = ["/feeds/responses.atom", "/feeds/reports.atom"]
CSVS = ["/data/reports.csv", "/data/findings.csv", "/data/responses.csv"]


def _body(reply):
    return b"".join(reply.streaming_content) if reply.streaming else reply.content


def _feed(client, url):
    reply = client.get(url)
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(reply.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}").text
    return root


def _entries(root):
    return root.findall(f"{ATOM}entry")


def _links(root):
    return [entry.find(f"{ATOM}link").get("href") for entry in _entries(root)]


def _rows(client, url):
    reply = client.get(url)
    assert reply.status_code == 200
    return list(csv.DictReader(io.StringIO(_body(reply).decode("utf-8"))))


def _absolute(path):
    return f"http://testserver{path}"


@pytest.fixture
def amended(body, drafter):
    """A published response whose amendment, saved but not published, holds the marker everywhere."""
    return with_unpublished_amendment(body, drafter, MARKER)


@pytest.fixture
def secret_draft(draft):
    return with_secret_text(draft, MARKER)


# Feeds --------------------------------------------------------------------------------------------


def test_the_responses_feed_has_an_atom_entry_for_each_published_response(client):
    published = [response_with_findings(1, published=True) for _ in range(2)]
    ResponseFactory()  # never published

    root = _feed(client, "/feeds/responses.atom")

    assert sorted(_links(root)) == sorted(_absolute(r.get_absolute_url()) for r in published)
    for entry in _entries(root):
        for required in ("title", "id", "published", "updated", "summary"):
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}author/{ATOM}name").text
    first = published[0]
    titles = [entry.find(f"{ATOM}title").text for entry in _entries(root)]
    assert f"{first.body_name} responded to {first.report.title}" in titles


def test_feeds_show_the_published_version_never_a_draft_or_a_pending_amendment(client, amended, secret_draft):
    for url in [
        *FEEDS,
        f"/reports/{amended.report.slug}/responses.atom",
        f"/bodies/{amended.body.slug}/responses.atom",
        f"/reports/{secret_draft.report.slug}/responses.atom",
        f"/bodies/{secret_draft.body.slug}/responses.atom",
    ]:
        assert MARKER not in client.get(url).content.decode(), url

    root = _feed(client, "/feeds/responses.atom")
    assert _links(root) == [_absolute(amended.get_absolute_url())]
    assert "The words we published." in _entries(root)[0].find(f"{ATOM}summary").text


def test_the_body_feed_has_that_bodys_responses_only(client, body, other_body):
    ours = [response_with_findings(1, published=True, body=body) for _ in range(2)]
    response_with_findings(1, published=True, body=other_body)

    root = _feed(client, f"/bodies/{body.slug}/responses.atom")

    assert sorted(_links(root)) == sorted(_absolute(r.get_absolute_url()) for r in ours)
    assert body.name in root.find(f"{ATOM}title").text
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == _absolute(f"/bodies/{body.slug}/")


def test_the_report_feed_has_that_reports_responses_only(client):
    report = ReportFactory()
    ours = [response_with_findings(1, published=True, report=report) for _ in range(2)]
    response_with_findings(1, published=True)

    root = _feed(client, f"/reports/{report.slug}/responses.atom")

    assert sorted(_links(root)) == sorted(_absolute(r.get_absolute_url()) for r in ours)
    assert root.find(f"{ATOM}title").text == f"Responses to {report.title}"


@pytest.mark.parametrize("url", ["/bodies/no-such-body/responses.atom", "/reports/no-such-report/responses.atom"])
def test_a_feed_for_an_unknown_slug_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_an_entry_carries_the_first_publication_date_and_whether_it_was_on_time(client):
    report = ReportFactory(published_on=datetime.date(2024, 3, 1))  # due 25 April 2024
    when = timezone.make_aware(datetime.datetime(2024, 4, 20, 10, 0))
    publish(ResponseFactory(report=report), when=when)

    (entry,) = _entries(_feed(client, "/feeds/responses.atom"))

    assert datetime.datetime.fromisoformat(entry.find(f"{ATOM}published").text) == when
    summary = entry.find(f"{ATOM}summary").text
    assert "Published on 20 April 2024" in summary
    assert "on time" in summary


def test_an_imported_record_with_an_unknown_date_carries_the_date_it_was_recorded_and_says_so(client):
    response = ResponseFactory()
    workflow.record_publication(response, None, IMPORT_COMMAND, action="import")
    response.refresh_from_db()

    (entry,) = _entries(_feed(client, "/feeds/responses.atom"))

    assert datetime.datetime.fromisoformat(entry.find(f"{ATOM}published").text) == response.published_at
    summary = entry.find(f"{ATOM}summary").text
    assert "the original date is not known" in summary
    assert f"recorded here on {timezone.localdate(response.published_at):%-d %B %Y}" in summary


def test_a_summary_is_escaped_html(client):
    response_with_findings(1, published=True, introduction='<script>alert("x")</script> & more')

    (entry,) = _entries(_feed(client, "/feeds/responses.atom"))

    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "&lt;script&gt;" in summary.text
    assert "<script>" not in summary.text


def test_the_reports_feed_lists_reports_newest_first(client):
    older = ReportFactory(published_on=datetime.date(2023, 5, 1))
    newer = ReportFactory(published_on=datetime.date(2024, 6, 1), summary="What the inspectorate found.")

    root = _feed(client, "/feeds/reports.atom")

    assert _links(root) == [_absolute(newer.get_absolute_url()), _absolute(older.get_absolute_url())]
    assert "What the inspectorate found." in _entries(root)[0].find(f"{ATOM}summary").text


def test_pages_announce_the_feeds(client):
    report = ReportFactory()
    home = client.get("/").content.decode()
    report_page = client.get(report.get_absolute_url()).content.decode()
    for html in (home, report_page):
        assert 'type="application/atom+xml" title="Latest published responses" href="/feeds/responses.atom"' in html
        assert 'href="/feeds/reports.atom"' in html
    assert f'href="/reports/{report.slug}/responses.atom"' in report_page


# CSV downloads ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", CSVS)
def test_a_download_is_a_streamed_utf8_csv_attachment(client, url):
    reply = client.get(url)
    assert isinstance(reply, StreamingHttpResponse)
    assert reply["Content-Type"] == "text/csv; charset=utf-8"
    assert reply["Content-Disposition"] == f'attachment; filename="{url.rsplit("/", 1)[1]}"'
    assert _body(reply).decode("utf-8").startswith(("slug,", "report_slug,"))


def test_reports_csv_has_a_row_per_report(client):
    force_a, force_b = ForceFactory(name="Aberwen Police"), ForceFactory(name="Ynys Môn Police")
    national = ReportFactory(published_on=datetime.date(2024, 3, 1), source_url="https://hmicfrs.example/national")
    local = ReportFactory(published_on=datetime.date(2024, 5, 2), concerns_all_forces=False, title="Ymchwiliad – Môn")
    local.forces.set([force_b, force_a])

    rows = _rows(client, "/data/reports.csv")

    assert rows == [
        {
            "slug": national.slug,
            "title": national.title,
            "type": "national-thematic",
            "published_on": "2024-03-01",
            "due_on": "2024-04-25",
            "concerns_all_forces": "yes",
            "forces": "",
            "source_url": "https://hmicfrs.example/national",
            "url": _absolute(national.get_absolute_url()),
        },
        {
            "slug": local.slug,
            "title": "Ymchwiliad – Môn",
            "type": "national-thematic",
            "published_on": "2024-05-02",
            "due_on": "2024-06-26",
            "concerns_all_forces": "no",
            "forces": "Aberwen Police; Ynys Môn Police",
            "source_url": "",
            "url": _absolute(local.get_absolute_url()),
        },
    ]


def test_findings_csv_has_a_row_per_finding(client):
    report = ReportFactory()
    first = FindingFactory(report=report, order=1, reference="Recommendation 1", deadline_on=datetime.date(2025, 3, 31))
    first.addressees.set([Addressee.objects.get_or_create(name="Chief constables", slug="chief-constables")[0]])
    first.addressed_forces.set([ForceFactory(name="Testshire Police")])
    FindingFactory(report=report, order=2, reference="AFI 1", kind="area-for-improvement", deadline_text="Immediately")

    rows = _rows(client, "/data/findings.csv")

    assert rows == [
        {
            "report_slug": report.slug,
            "reference": "Recommendation 1",
            "kind": "recommendation",
            "text": first.text,
            "addressees": "Chief constables; Testshire Police",
            "deadline": "2025-03-31",
        },
        {
            "report_slug": report.slug,
            "reference": "AFI 1",
            "kind": "area-for-improvement",
            "text": report.findings.get(reference="AFI 1").text,
            "addressees": "",
            "deadline": "Immediately",
        },
    ]


def test_responses_csv_has_a_row_per_published_item_as_published(client, amended, secret_draft):
    rows = _rows(client, "/data/responses.csv")

    published = amended.current_version.snapshot["items"]
    assert [(row["finding_reference"], row["position"], row["comment"]) for row in rows] == [
        (item["reference"], item["position"], item["comment"]) for item in published
    ]
    assert rows[0] == {
        **rows[0],
        "report_slug": amended.report.slug,
        "body_slug": amended.body.slug,
        "body_name": amended.body_name,
        "published_on": amended.published_on.isoformat(),
        "on_time": "no",  # the factory's report was due in 2024
        "imported": "no",
        "withdrawn": "no",
        "url": _absolute(amended.get_absolute_url()),
    }
    assert MARKER not in str(rows)


def test_responses_csv_marks_imported_records_with_unknown_dates_and_withdrawn_responses(client, body, publisher):
    imported = response_with_findings(1)
    workflow.record_publication(imported, None, IMPORT_COMMAND, action="import")
    withdrawn = response_with_findings(1, published=True, body=body)
    workflow.withdraw(withdrawn, publisher, "Replaced by a corrected response.")

    rows = {row["url"]: row for row in _rows(client, "/data/responses.csv")}

    facts = ("published_on", "on_time", "imported", "withdrawn")
    assert [rows[_absolute(imported.get_absolute_url())][name] for name in facts] == ["", "", "yes", "no"]
    assert rows[_absolute(withdrawn.get_absolute_url())]["withdrawn"] == "yes"


def test_cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(client):
    report = ReportFactory(title='=HYPERLINK("http://evil.example")')
    response = ResponseFactory(report=report)
    for comment in ("+1 for this", "-2 on that", "@SUM(A1:A9)", "\tIndented", "A = B is fine"):
        ResponseItemFactory(response=response, comment=comment)
    publish(response)

    (report_row,) = _rows(client, "/data/reports.csv")
    comments = [row["comment"] for row in _rows(client, "/data/responses.csv")]

    assert report_row["title"] == '\'=HYPERLINK("http://evil.example")'
    assert comments == ["'+1 for this", "'-2 on that", "'@SUM(A1:A9)", "'\tIndented", "A = B is fine"]


def test_the_data_page_describes_every_download_and_feed(client):
    html = client.get("/data/").content.decode()
    for url in [*CSVS, *FEEDS]:
        assert f'href="{url}"' in html
    for column in ("finding_reference", "on_time", "concerns_all_forces", "addressees"):
        assert f"<code>{column}</code>" in html
    assert "apostrophe" in html


# Query counts --------------------------------------------------------------------------------------


def _grow(report, body, count):
    """Give `report` and `body` `count` published responses each (with two items each)."""
    while report.responses.count() < count:
        response_with_findings(2, published=True, report=report)
    while body.responses.count() < count:
        response_with_findings(2, published=True, body=body)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        reply = client.get(url)
        _body(reply)
    assert reply.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        *FEEDS,
        "/reports/{report}/responses.atom",
        "/bodies/{body}/responses.atom",
        *CSVS,
    ],
)
def test_it_costs_the_same_queries_with_3_responses_as_with_30(client, fast_pdf, url, django_assert_num_queries):
    report, body = ReportFactory(), BodyFactory()
    url = url.format(report=report.slug, body=body.slug)
    _grow(report, body, 3)
    small = _queries(client, url)
    assert small <= 3
    _grow(report, body, 30)
    with django_assert_num_queries(small):
        _body(client.get(url))


# sitemap.xml and robots.txt ---------------------------------------------------------------------------


def _sitemap_locations(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = []
    for section in index.findall(f"{SITEMAP}sitemap/{SITEMAP}loc"):
        urlset = ET.fromstring(client.get(section.text.removeprefix("http://testserver")).content)
        locations += [loc.text for loc in urlset.findall(f"{SITEMAP}url/{SITEMAP}loc")]
    return locations


def test_the_sitemap_lists_published_responses_and_not_drafts(client, draft):
    published = response_with_findings(1, published=True)

    locations = _sitemap_locations(client)

    assert _absolute(published.get_absolute_url()) in locations
    assert _absolute(draft.get_absolute_url()) not in locations
    assert MARKER not in str(locations)


def test_the_sitemap_lists_reports_bodies_and_public_pages(client, body):
    report = ReportFactory()

    locations = _sitemap_locations(client)

    for path in ("/", "/reports/", "/bodies/", "/about/", "/accessibility/", "/data/", report.get_absolute_url()):
        assert _absolute(path) in locations
    assert _absolute(f"/bodies/{body.slug}/") in locations


def test_robots_txt_allows_all_but_the_staff_area_and_admin_and_names_the_sitemap(client, settings):
    settings.SITE_URL = "https://tracker.example"

    reply = client.get("/robots.txt")

    assert reply["Content-Type"] == "text/plain; charset=utf-8"
    lines = reply.content.decode().splitlines()
    assert lines[:4] == ["User-agent: *", "Allow: /", "Disallow: /staff/", "Disallow: /admin/"]
    assert "Sitemap: https://tracker.example/sitemap.xml" in lines


def test_responses_csv_carries_the_published_signature_on_each_of_its_rows(client, body, drafter):
    signed = response_with_findings(
        2, published=True, body=body, signature="Alex Morgan\nPolice and Crime Commissioner"
    )
    workflow.amend(signed, drafter)
    signed.refresh_from_db()
    workflow.save(signed, drafter, signed.edit_count, {"signature": f"Unpublished {MARKER}"}, {})
    older = publish_without_signature_key(response_with_findings(1, signature="Not in the old snapshot"))

    rows = _rows(client, "/data/responses.csv")

    by_url = {}
    for row in rows:
        by_url.setdefault(row["url"], []).append(row["signature"])
    assert by_url == {
        _absolute(signed.get_absolute_url()): ["Alex Morgan\nPolice and Crime Commissioner"] * 2,
        _absolute(older.get_absolute_url()): [""],
    }
    assert list(rows[0])[-1] == "signature"
