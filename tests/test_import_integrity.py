"""A response import is a record of something published elsewhere: it never rewrites the report it
answers, and it cannot be used to publish alone, backdated or under another name.

Every refusal leaves every table as it was (counted before and after).
"""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from imports.models import ImportJob
from imports.parsers.parsed import ParsedFinding
from imports.report_plan import Match, match_findings
from responses import rules, workflow
from responses.actors import IMPORT_COMMAND
from responses.models import PublishedVersion, Quotation, Response, ResponseEvent, ResponseItem, Revision, StatutoryCopy
from tests.factories import BodyFactory, ForceFactory, MembershipFactory, UserFactory
from tracker.models import Finding, InspectionReport, LocalPolicingBody, Membership

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_8afd4baeb6f5bf21.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone")

TITLE = "National Child Protection Inspections: 2019 thematic report"
REPORT_DATE = datetime.date(2020, 2, 27)
ORIGINAL_URL = "https://www.example.org/opcc/ncpi-2019-response"
HAMPSHIRE = "hampshire-and-the-isle-of-wight-pcc"

# The report's own words. 1-3 are those the seed quotes, without its defects (words lost at line
# ends restored, straight apostrophes, "of those forces" where the seed has "on"); 4-5 it does not quote.
RECOMMENDATIONS = [
    "We recommend that chief constables take steps to reduce the unnecessary criminalisation of children. "
    "Such steps could include (but don't need to be limited to): considering fully a child's circumstances when making "
    "decisions; more effective use of legislation to discontinue prosecutions not in the public (or child's) interest; and "
    "the development of more effective non-criminal justice pathways for vulnerable children who commit lower level crimes.",
    "We recommend that chief constables should review performance management and quality assurance approaches to ensure "
    "that assessments of the nature and quality of decision making are routinely undertaken. The purpose of this would be "
    "to reinforce the understanding that compliance with policy or process is only one part of effective practice.",
    "We recommend that chief constables of those forces not yet inspected by the NCPI or JTAI take steps to identify and "
    "implement good practice and the learning highlighted from these inspections. This may include engaging with those "
    "forces who have been inspected, direct contact with the HMICFRS child protection lead or participating in a regional "
    "or national learning event.",
    "We recommend that chief constables make sure that officers who attend incidents of domestic abuse record the views "
    "and experiences of every child present.",
    "We recommend that chief constables work with their safeguarding partners to agree how information about children at "
    "risk is shared out of hours.",
]

TABLES = (
    Finding,
    InspectionReport,
    Response,
    ResponseItem,
    Quotation,
    Revision,
    ResponseEvent,
    PublishedVersion,
    StatutoryCopy,
)


def table_counts():
    return {model.__name__: model.objects.count() for model in TABLES}


def page_text(client, url):
    return " ".join(client.get(url).content.decode().split())


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_response", *args, stdout=out, stderr=err)
    return out.getvalue()


def statutory_emails():
    return [message for message in mail.outbox if set(message.to) & set(settings.STATUTORY_COPY_RECIPIENTS)]


@pytest.fixture
def ncpi():
    report = InspectionReport.objects.create(
        title=TITLE, slug="ncpi-2019", report_type="ncpi", published_on=REPORT_DATE, concerns_all_forces=True
    )
    for n, text in enumerate(RECOMMENDATIONS, start=1):
        Finding.objects.create(
            report=report, kind="recommendation", reference=f"Recommendation {n}", order=n, text=text
        )
    return report


@pytest.fixture
def hampshire():
    return LocalPolicingBody.objects.get(slug=HAMPSHIRE)


@pytest.fixture
def hampshire_publisher(hampshire):
    user = UserFactory(username="hampshire-publisher")
    MembershipFactory(user=user, body=hampshire, role=Membership.Role.PUBLISHER)
    return user


@pytest.fixture
def hampshire_reviewer(hampshire):
    user = UserFactory(username="hampshire-reviewer")
    MembershipFactory(user=user, body=hampshire, role=Membership.Role.REVIEWER)
    return user


@pytest.fixture
def site_admin_client(client):
    client.force_login(UserFactory(username="site-admin", is_superuser=True, is_staff=True))
    return client


def response_json(items, *, title=TITLE, body_name="Office of the Police and Crime Commissioner, Hampshire", **extra):
    return json.dumps(
        {
            "format": "tracker-response/1",
            "report_title": title,
            "body_name": body_name,
            "introduction": "We welcome the report.",
            "items": [
                {"finding": {"kind": "recommendation", "reference": reference, "text": text}, "comment": comment}
                for reference, text, comment in items
            ],
            **extra,
        }
    )


RECOMMENDATION_99 = [
    ("Recommendation 1", RECOMMENDATIONS[0], "We will keep children out of the justice system."),
    ("Recommendation 99", "Chief constables should hand every child protection case to the PCC.", "Done already."),
]


# The browser import --------------------------------------------------------------------------


def start(client, text, **fields):
    reply = client.post("/staff/import/", {"kind": "response", "pasted": text, "fmt": "auto", **fields})
    assert reply.status_code == 302, reply.content.decode()
    return ImportJob.objects.order_by("-pk").first()


def preview_post(
    client, job, *, action="confirm", body=HAMPSHIRE, report="ncpi-2019", url=ORIGINAL_URL, day=None, matches=None
):
    """Post the preview as a person would: each finding as read, the details, and any matches chosen."""
    data = {
        action: "yes",
        "details-body": body,
        "details-report": report,
        "details-original_url": url,
        "details-introduction": job.parsed["introduction"],
    }
    if day is not None:
        data.update({f"details-original_published_on_{n}": part for n, part in enumerate(day)})
    for n, item in enumerate(job.parsed["items"]):
        finding = item["finding"]
        data.update(
            {
                f"f{n}-kind": finding["kind"],
                f"f{n}-reference": finding["reference"],
                f"f{n}-text": finding["text"],
                f"f{n}-comment": item["comment"],
            }
        )
        if matches and n in matches:
            data[f"f{n}-match"] = matches[n]
    return client.post(job.get_absolute_url(), data)


# The seed against the report's own findings --------------------------------------------------


@needs_seed
def test_the_seed_matches_the_reports_own_recommendations_and_adds_no_finding(client, ncpi, hampshire):
    out = run(str(SEED), "--original-url", ORIGINAL_URL, "--published-on", "2020-04-22")
    assert "Recommendation 1 (as quoted): Matched to Recommendation 1 by its words" in out
    assert list(ncpi.findings.order_by("order").values_list("reference", flat=True)) == [
        f"Recommendation {n}" for n in range(1, 6)
    ]
    assert not Finding.objects.filter(reference__contains="(2)").exists()
    response = Response.objects.get(report=ncpi, body=hampshire)
    commented = {item.finding.reference for item in response.items.exclude(comment="")}
    assert commented == {"Recommendation 1", "Recommendation 2", "Recommendation 3"}
    assert not response.quotations.exists()

    html = page_text(client, response.get_absolute_url())
    # Each comment sits under the report's own words of its recommendation, in report order.
    places = []
    for item in response.items.select_related("finding").order_by("finding__order")[:3]:
        own_words = " ".join(item.finding.text.split())[:70]
        comment = " ".join(item.comment.split())[:60]
        places += [html.index(own_words), html.index(comment)]
    assert places == sorted(places)
    assert "No comment given." in html  # recommendations 4 and 5, which Hampshire did not quote
    assert "Recommendation 1 (2)" not in page_text(client, ncpi.get_absolute_url())


@needs_seed
def test_the_command_as_the_import_command_publishes_a_record_with_an_import_event(
    client, ncpi, hampshire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out = run(str(SEED), "--original-url", ORIGINAL_URL, "--published-on", "2020-04-22")
    response = Response.objects.get(report=ncpi, body=hampshire)
    assert "Published as an imported record" in out
    assert response.is_imported and response.is_published
    assert response.original_url == ORIGINAL_URL
    assert response.original_published_on == datetime.date(2020, 4, 22)
    assert response.published_on == datetime.date(2020, 4, 22)
    event = response.events.get(action="import")
    assert event.system_actor == IMPORT_COMMAND.name and event.actor is None
    assert StatutoryCopy.objects.count() == 0 and statutory_emails() == []
    html = page_text(client, response.get_absolute_url())
    assert "Imported record: first published elsewhere" in html
    assert (
        f'First published at</dt> <dd class="govuk-summary-list__value app-original-url"> <a class="govuk-link" href="{ORIGINAL_URL}"'
        in html
    )
    assert "22 April 2020: published within the 56 days" in html


@needs_seed
def test_a_site_admins_import_of_a_report_not_in_the_tracker_creates_it_with_the_quoted_findings(hampshire):
    run(str(SEED), "--report-published-on", "2020-02-27")
    report = InspectionReport.objects.get(title=TITLE)
    assert report.published_on == REPORT_DATE
    assert report.findings.count() == 3
    response = Response.objects.get(report=report, body=hampshire)
    assert response.items.exclude(comment="").count() == 3 and response.is_published


# Recommendation 99: a quoted finding the report lacks -----------------------------------------


def test_a_publishers_recommendation_99_adds_no_finding_and_is_not_public_until_a_second_person_approves(
    client, ncpi, hampshire, hampshire_publisher, hampshire_reviewer, django_capture_on_commit_callbacks
):
    client.force_login(hampshire_publisher)
    job = start(client, response_json(RECOMMENDATION_99))
    preview = client.get(job.get_absolute_url()).content.decode()
    assert "Goes to review as an imported record" in preview
    assert "1 quoted finding(s) match none of the report&#x27;s findings: Recommendation 99" in preview
    with django_capture_on_commit_callbacks(execute=True):
        reply = preview_post(client, job, day=("22", "4", "2020"))
    response = Response.objects.get(report=ncpi, body=hampshire)
    assert reply.status_code == 302 and reply["Location"] == response.get_staff_url()

    assert ncpi.findings.count() == 5 and not Finding.objects.filter(reference="Recommendation 99").exists()
    quotation = response.quotations.get()
    assert (quotation.reference, quotation.comment, quotation.checked_by_admin) == (
        "Recommendation 99",
        "Done already.",
        False,
    )
    assert response.status == Response.Status.IN_REVIEW and response.submitted_by == hampshire_publisher
    assert response.events.get().action == "import"
    assert PublishedVersion.objects.count() == 0 and StatutoryCopy.objects.count() == 0
    client.logout()
    assert client.get(response.get_absolute_url()).status_code == 404

    # The publisher who imported it cannot approve it, rush it out, or put it off.
    assert rules.decide(hampshire_publisher, "approve", response).refusal == rules.Refusal.SECOND_PAIR_OF_EYES
    assert not rules.decide(hampshire_publisher, "force_publish", response)
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(response, hampshire_publisher)
    assert response.events.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(response, hampshire_reviewer)
        workflow.publish(response, hampshire_publisher)
    response.refresh_from_db()
    assert response.is_published and response.published_on == datetime.date(2020, 4, 22)
    assert StatutoryCopy.objects.count() == 0 and statutory_emails() == []
    html = page_text(client, response.get_absolute_url())
    assert "Comments on findings not in the report as recorded here" in html
    assert (
        html.index("Comments on findings not in the report")
        < html.index("Recommendation 99, as quoted")
        < html.index("Done already.")
    )
    assert "Recommendation 99" not in page_text(client, ncpi.get_absolute_url())


def test_a_publisher_cannot_schedule_an_imported_record(
    ncpi, hampshire, hampshire_publisher, hampshire_reviewer, client
):
    client.force_login(hampshire_publisher)
    preview_post(client, start(client, response_json(RECOMMENDATION_99[:1])), day=("22", "4", "2020"))
    response = Response.objects.get(report=ncpi, body=hampshire)
    workflow.approve(response, hampshire_reviewer)
    assert not rules.decide(hampshire_publisher, "schedule", response)
    with pytest.raises(workflow.WorkflowError, match="imported record"):
        workflow.schedule(response, hampshire_publisher, timezone.now() + datetime.timedelta(days=1))


def test_the_command_names_the_quoted_findings_the_report_lacks_and_writes_nothing(ncpi, hampshire, tmp_path):
    path = tmp_path / "response.json"
    path.write_text(response_json(RECOMMENDATION_99), encoding="utf-8")
    counts = table_counts()
    with pytest.raises(
        CommandError, match=r"Recommendation 99: “Chief constables should hand every child protection case"
    ):
        run(str(path), "--body", HAMPSHIRE)
    assert table_counts() == counts


def test_keep_unmatched_keeps_them_as_quotations_and_the_report_as_it_was(ncpi, hampshire, tmp_path):
    path = tmp_path / "response.json"
    path.write_text(response_json(RECOMMENDATION_99), encoding="utf-8")
    run(str(path), "--body", HAMPSHIRE, "--keep-unmatched")
    response = Response.objects.get(report=ncpi, body=hampshire)
    assert ncpi.findings.count() == 5
    assert list(response.quotations.values_list("reference", "comment")) == [("Recommendation 99", "Done already.")]
    assert (
        response.items.get(finding__reference="Recommendation 1").comment
        == "We will keep children out of the justice system."
    )


# The original address and date ----------------------------------------------------------------


@pytest.mark.parametrize(
    "day,message",
    [
        (
            ("1", "1", "2019"),
            "must be on or after 27 February 2020, the day the report was published: a response cannot predate its report",
        ),
        (("1", "1", str(timezone.localdate().year + 1)), "must be today or in the past"),
        (("31", "2", "2020"), "must be a real date"),
    ],
    ids=["backdated", "future", "not-a-date"],
)
def test_a_wrong_original_date_is_refused_with_the_typed_values_kept(ncpi, hampshire, site_admin_client, day, message):
    job = start(site_admin_client, response_json(RECOMMENDATION_99[:1]))
    counts = table_counts()
    reply = preview_post(site_admin_client, job, day=day)
    html = reply.content.decode()
    assert reply.status_code == 400
    assert "<title>Error: " in html and "govuk-error-summary" in html
    assert f"The date the response was first published {message}".replace("'", "&#x27;") in html
    assert f'value="{day[2]}"' in html and ORIGINAL_URL in html
    assert table_counts() == counts


@pytest.mark.parametrize("published_on", ["2019-01-01", "2999-01-01"], ids=["backdated", "future"])
def test_the_command_refuses_a_wrong_original_date(ncpi, hampshire, tmp_path, published_on):
    path = tmp_path / "response.json"
    path.write_text(response_json(RECOMMENDATION_99[:1]), encoding="utf-8")
    counts = table_counts()
    with pytest.raises(CommandError, match="The date the response was first published must be"):
        run(str(path), "--body", HAMPSHIRE, "--published-on", published_on)
    assert table_counts() == counts


def test_a_backdated_date_in_the_source_is_refused_in_the_preview(ncpi, hampshire, site_admin_client):
    job = start(site_admin_client, response_json(RECOMMENDATION_99[:1], published_on="2019-06-01"))
    html = site_admin_client.get(job.get_absolute_url()).content.decode()
    assert "<title>Error: " in html and "a response cannot predate its report" in html
    counts = table_counts()
    assert preview_post(site_admin_client, job, day=("1", "6", "2019")).status_code == 400
    assert table_counts() == counts


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/x"]
)
def test_an_original_address_that_is_not_http_is_refused(ncpi, hampshire, site_admin_client, url, tmp_path):
    job = start(site_admin_client, response_json(RECOMMENDATION_99[:1]))
    counts = table_counts()
    reply = preview_post(site_admin_client, job, url=url)
    html = reply.content.decode()
    assert reply.status_code == 400
    assert "Enter the web address where the response was first published, starting with https:// or http://" in html
    assert 'href="#id_details-original_url"' in html
    path = tmp_path / "response.json"
    path.write_text(response_json(RECOMMENDATION_99[:1], original_url=url), encoding="utf-8")
    with pytest.raises(CommandError, match="starting with https:// or http://"):
        run(str(path), "--body", HAMPSHIRE)
    assert table_counts() == counts


def test_the_browser_import_needs_the_original_address(ncpi, hampshire, site_admin_client):
    job = start(site_admin_client, response_json(RECOMMENDATION_99[:1]))
    reply = preview_post(site_admin_client, job, url="")
    assert reply.status_code == 400
    assert "Enter the web address where the response was first published" in reply.content.decode()
    assert not Response.objects.exists()


# The public name ------------------------------------------------------------------------------


def test_the_sources_body_name_never_becomes_the_public_name(
    client, ncpi, hampshire, hampshire_publisher, hampshire_reviewer
):
    client.force_login(hampshire_publisher)
    job = start(client, response_json(RECOMMENDATION_99[:1], body_name="The Mayor of London"), body=HAMPSHIRE)
    preview_post(client, job, day=("22", "4", "2020"))
    response = Response.objects.get(report=ncpi)
    assert response.body == hampshire
    assert response.source_body_name == "The Mayor of London" and response.published_body_name == ""
    workflow.approve(response, hampshire_reviewer)
    workflow.publish(response, hampshire_publisher)
    response.refresh_from_db()
    assert response.published_body_name == hampshire.name
    html = page_text(client, response.get_absolute_url())
    assert f"Response from: {hampshire.name}" in html and "Mayor of London" not in html


def test_the_body_in_office_on_the_original_date_is_the_one_recorded(tmp_path):
    force = ForceFactory()
    earlier = BodyFactory(
        force=force, name="Police, Fire and Crime Commissioner for Testshire", ended_on=datetime.date(2024, 5, 6)
    )
    later = BodyFactory(force=force, name="Mayor of Testshire", started_on=datetime.date(2024, 5, 7))
    report = InspectionReport.objects.create(
        title="An inspection of Testshire", slug="testshire", published_on=datetime.date(2023, 1, 10)
    )
    Finding.objects.create(
        report=report, kind="recommendation", reference="Recommendation 1", order=1, text="Do the thing well."
    )
    path = tmp_path / "response.json"
    path.write_text(
        response_json(
            [("Recommendation 1", "Do the thing well.", "We did.")], title=report.title, body_name=later.name
        ),
        encoding="utf-8",
    )
    out = run(str(path), "--published-on", "2023-02-01")
    response = Response.objects.get(report=report)
    assert response.body == earlier and response.published_body_name == earlier.name
    assert "Mayor of Testshire was not in office on 1 February 2023" in out


def test_a_name_shared_by_a_forces_bodies_over_time_is_resolved_and_moved_to_the_one_in_office(tmp_path):
    force = ForceFactory(name="Vale of Testshire Police")
    BodyFactory(
        force=force,
        kind="pcc",
        name="Police and Crime Commissioner for the Vale of Testshire",
        ended_on=datetime.date(2018, 11, 14),
    )
    pfcc = BodyFactory(
        force=force,
        kind="pfcc",
        name="Police, Fire and Crime Commissioner for the Vale of Testshire",
        started_on=datetime.date(2018, 11, 15),
        ended_on=datetime.date(2024, 5, 6),
    )
    BodyFactory(force=force, kind="mayor", name="Mayor of the Vale of Testshire", started_on=datetime.date(2024, 5, 7))
    report = InspectionReport.objects.create(
        title="An inspection of the Vale", slug="vale", published_on=datetime.date(2020, 1, 10)
    )
    Finding.objects.create(
        report=report, kind="recommendation", reference="Recommendation 1", order=1, text="Do the thing well."
    )
    path = tmp_path / "response.json"
    source_name = "Office of the Police and Crime Commissioner, Vale of Testshire"
    path.write_text(
        response_json(
            [("Recommendation 1", "Do the thing well.", "We did.")], title=report.title, body_name=source_name
        ),
        encoding="utf-8",
    )
    out = run(str(path), "--published-on", "2020-02-01")
    response = Response.objects.get(report=report)
    assert response.body == pfcc and response.source_body_name == source_name
    assert "Police and Crime Commissioner for the Vale of Testshire was not in office on 1 February 2020" in out


# Who may import what --------------------------------------------------------------------------


def test_a_publisher_cannot_import_a_response_to_a_report_not_in_the_tracker(
    client, hampshire, hampshire_publisher, tmp_path
):
    client.force_login(hampshire_publisher)
    text = response_json(RECOMMENDATION_99[:1], title="A report nobody imported", report_published_on="2024-01-10")
    job = start(client, text)
    counts = table_counts()
    preview = client.get(job.get_absolute_url()).content.decode()
    assert "A site admin must import the report first" in preview
    reply = preview_post(client, job, report="", day=("1", "2", "2024"))
    assert reply.status_code == 400 and "A site admin must import the report first" in reply.content.decode()
    path = tmp_path / "response.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="A site admin must import the report first"):
        run(str(path), "--user", "hampshire-publisher")
    assert table_counts() == counts


def test_the_command_as_a_publisher_puts_the_record_in_review(ncpi, hampshire, hampshire_publisher, tmp_path):
    path = tmp_path / "response.json"
    path.write_text(response_json(RECOMMENDATION_99[:1]), encoding="utf-8")
    out = run(
        str(path), "--user", "hampshire-publisher", "--original-url", ORIGINAL_URL, "--published-on", "2020-04-22"
    )
    response = Response.objects.get(report=ncpi, body=hampshire)
    assert "Imported for review" in out
    assert response.status == Response.Status.IN_REVIEW and response.submitted_by == hampshire_publisher
    assert response.events.get().actor == hampshire_publisher and not response.is_published


def test_a_publisher_of_another_body_cannot_import_for_this_one(client, ncpi, hampshire):
    outsider = UserFactory(username="elsewhere-publisher")
    MembershipFactory(user=outsider, role=Membership.Role.PUBLISHER)
    client.force_login(outsider)
    job = start(client, response_json(RECOMMENDATION_99[:1]), body=HAMPSHIRE)
    counts = table_counts()
    reply = preview_post(client, job, day=("22", "4", "2020"))
    assert (
        reply.status_code == 400
        and "only import responses for bodies in which you are a publisher" in reply.content.decode()
    )
    assert table_counts() == counts


def test_a_site_admins_browser_import_is_published_at_once_as_a_record(
    site_admin_client, ncpi, hampshire, django_capture_on_commit_callbacks
):
    job = start(site_admin_client, response_json(RECOMMENDATION_99[:1]))
    with django_capture_on_commit_callbacks(execute=True):
        reply = preview_post(site_admin_client, job, day=("22", "4", "2020"))
    response = Response.objects.get(report=ncpi, body=hampshire)
    assert reply["Location"] == response.get_absolute_url()
    assert response.is_published and response.published_on == datetime.date(2020, 4, 22)
    event = response.events.get(action="import")
    assert event.actor.username == "site-admin"
    assert StatutoryCopy.objects.count() == 0 and statutory_emails() == []


# Matching by hand in the preview --------------------------------------------------------------


def test_the_previews_choice_of_another_finding_or_not_in_this_report_is_honoured(site_admin_client, ncpi, hampshire):
    items = [
        ("Recommendation 1", RECOMMENDATIONS[0], "Comment on the first."),
        ("Recommendation 2", RECOMMENDATIONS[1], "Comment on the second."),
    ]
    job = start(site_admin_client, response_json(items))
    preview = site_admin_client.get(job.get_absolute_url()).content.decode()
    assert preview.count('<option value="none"') == 2
    fourth = ncpi.findings.get(reference="Recommendation 4")
    update = preview_post(
        site_admin_client, job, action="update", day=("22", "4", "2020"), matches={0: str(fourth.pk), 1: "none"}
    )
    assert update.status_code == 302
    preview = site_admin_client.get(job.get_absolute_url()).content.decode()
    assert "Matched by hand to Recommendation 4." in preview
    assert "Not in this report (chosen by hand)" in preview
    job.refresh_from_db()
    preview_post(site_admin_client, job, day=("22", "4", "2020"), matches={0: str(fourth.pk), 1: "none"})
    response = Response.objects.get(report=ncpi, body=hampshire)
    assert response.items.get(finding=fourth).comment == "Comment on the first."
    assert response.items.get(finding__reference="Recommendation 1").comment == ""
    assert list(response.quotations.values_list("reference", "comment")) == [
        ("Recommendation 2", "Comment on the second.")
    ]
    assert ncpi.findings.count() == 5


def test_two_quoted_findings_chosen_for_one_finding_are_refused(site_admin_client, ncpi, hampshire):
    items = [("Recommendation 1", RECOMMENDATIONS[0], "First."), ("Recommendation 2", RECOMMENDATIONS[1], "Second.")]
    job = start(site_admin_client, response_json(items))
    first = str(ncpi.findings.get(reference="Recommendation 1").pk)
    counts = table_counts()
    reply = preview_post(site_admin_client, job, day=("22", "4", "2020"), matches={0: first, 1: first})
    assert reply.status_code == 400
    assert "Quoted findings 1 and 2 are both matched to Recommendation 1" in reply.content.decode()
    assert table_counts() == counts


# Matching tolerance (no database rows needed beyond the findings) ------------------------------


def _quoted(text, reference="Recommendation 1"):
    return ParsedFinding(kind="recommendation", reference=reference, text=text)


def test_matching_tolerates_lost_line_end_words_punctuation_spacing_and_curly_quotes(ncpi):
    findings = list(ncpi.findings.order_by("order"))
    damaged = (
        "We recommend that chief  constables take steps to reduce the unnecessary criminalisation of Such steps could "
        "include (but don’t need to be limited to) considering fully a child’s circumstances when making decisions; more "
        "effective use of legislation to discontinue prosecutions not in the public (or child’s) interest; the development "
        "of more effective non-criminal justice\npathways for vulnerable children who commit lower level crimes"
    )
    [match] = match_findings(findings, [_quoted(damaged, reference="Recommendation 7")])
    assert match.finding.reference == "Recommendation 1" and match.how == Match.WORDS


def test_a_quotation_of_only_the_opening_words_matches(ncpi):
    findings = list(ncpi.findings.order_by("order"))
    opening = "We recommend that chief constables should review performance management and quality assurance approaches to ensure"
    [match] = match_findings(findings, [_quoted(opening, reference="")])
    assert match.finding.reference == "Recommendation 2"


def test_the_same_reference_with_other_words_is_not_a_match(ncpi):
    findings = list(ncpi.findings.order_by("order"))
    [match] = match_findings(findings, [_quoted("Chief constables should buy more police horses.")])
    assert match.finding is None and match.how == Match.NONE


def test_two_quoted_findings_like_one_finding_are_never_both_matched_silently(ncpi):
    findings = list(ncpi.findings.order_by("order"))
    first, second = match_findings(
        findings,
        [_quoted(RECOMMENDATIONS[3], "Recommendation 4"), _quoted(RECOMMENDATIONS[3] + " Now.", "Recommendation 5")],
    )
    assert first.finding.reference == "Recommendation 4"
    assert second.finding is None
    assert "also like Recommendation 4 of the report, which quoted finding 1 matched" in second.note


# The page and the PDF ------------------------------------------------------------------------


def test_a_snapshot_written_before_imported_records_still_renders():
    from responses.snapshot import render_html, take_snapshot
    from tests.factories import response_with_findings

    snapshot = take_snapshot(response_with_findings(1))
    for key in ("is_imported", "original_url", "original_published_on", "quotations"):
        del snapshot[key]
    html = render_html(snapshot)
    assert "Our response" in html and "Imported record" not in html and "not in the report as recorded here" not in html


def test_only_an_http_address_becomes_a_link_even_in_a_stored_snapshot():
    from responses.snapshot import render_html, take_snapshot
    from tests.factories import response_with_findings

    snapshot = take_snapshot(response_with_findings(1, is_imported=True))
    snapshot["original_url"] = "javascript:alert(1)"
    html = render_html(snapshot)
    assert "javascript:" not in html and "Web address not recorded" in html


def test_taking_a_snapshot_costs_the_same_queries_with_quotations(django_assert_num_queries):
    from responses.snapshot import take_snapshot
    from tests.factories import response_with_findings

    small, large = response_with_findings(1), response_with_findings(5)
    for n in range(5):
        Quotation.objects.create(
            response=large, order=n, reference=f"Recommendation {90 + n}", text="Quoted.", comment="Said."
        )
    # the response; its items, their addressees and addressed forces; its quotations
    with django_assert_num_queries(5) as queries:
        take_snapshot(Response.objects.select_related("report", "body").get(pk=small.pk))
    with django_assert_num_queries(len(queries)):
        snapshot = take_snapshot(Response.objects.select_related("report", "body").get(pk=large.pk))
    assert len(snapshot["quotations"]) == 5


def test_the_pdf_of_an_imported_record_carries_its_label_address_and_quotations(tmp_path):
    import io

    from pypdf import PdfReader

    from responses.snapshot import render_pdf, take_snapshot
    from tests.factories import response_with_findings

    response = response_with_findings(
        1, is_imported=True, original_url=ORIGINAL_URL, original_published_on=datetime.date(2024, 3, 20)
    )
    Quotation.objects.create(
        response=response, order=1, reference="Recommendation 99", text="Do more.", comment="We do."
    )
    text = " ".join(
        "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(take_snapshot(response)))).pages
        ).split()
    )
    for words in (
        "Imported record: first published elsewhere",
        ORIGINAL_URL,
        "20 March 2024: published within the 56 days",
        "Comments on findings not in the report as recorded here",
        "Recommendation 99, as quoted",
        "We do.",
    ):
        assert words in text
