"""The browser import's pages: who may use them, bad input kept in the form, background parsing
(more on the import worker in test_import_jobs.py)."""

import datetime

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from imports.models import ImportJob
from tests.factories import FindingFactory, ReportFactory, UserFactory
from tracker.models import InspectionReport

REPORT = b"""An inspection of stations

Published: 2 May 2024

Recommendations

Recommendation 1
Chief constables should keep front counters open.
"""


def report_details(job):
    """The preview's report details as read from the source (the form's fields, unchanged)."""
    day = job.parsed["published_on"] and datetime.date.fromisoformat(job.parsed["published_on"])
    return {
        "report-title": job.parsed["title"],
        "report-published_on_0": day.day if day else "",
        "report-published_on_1": day.month if day else "",
        "report-published_on_2": day.year if day else "",
        "report-report_type": job.parsed["report_type"],
        "report-source_url": job.parsed["source_url"],
    }


def table_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model is not ImportJob}


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="importer", is_superuser=True, is_staff=True))
    return client


@pytest.mark.django_db
def test_staff_without_a_publisher_role_cannot_import(client, drafter):
    client.force_login(drafter)
    assert client.get("/staff/import/").status_code == 403


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_sign_in(client):
    assert client.get("/staff/import/").status_code == 302


@pytest.mark.django_db
def test_a_publisher_may_import_responses_but_not_reports(client, publisher):
    client.force_login(publisher)
    reply = client.post("/staff/import/", {"kind": "report", "pasted": REPORT.decode(), "fmt": "auto"})
    assert reply.status_code == 403
    assert "Only site admins can import reports" in reply.content.decode()


@pytest.mark.django_db
def test_bad_input_is_shown_with_the_form_kept_and_nothing_saved(admin_client):
    counts = table_counts()
    reply = admin_client.post(
        "/staff/import/", {"kind": "report", "pasted": "No findings here at all, just prose.", "fmt": "text"}
    )
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "<title>Error: " in html and "No recommendations" in html
    assert "No findings here at all, just prose." in html
    assert table_counts() == counts


@pytest.mark.django_db
def test_an_upload_that_is_not_a_pdf_is_refused(admin_client):
    upload = SimpleUploadedFile("report.pdf", b"\x00\x01garbage" * 100, content_type="application/pdf")
    reply = admin_client.post("/staff/import/", {"kind": "report", "upload": upload, "fmt": "auto"})
    assert reply.status_code == 400
    assert "This file is not a PDF" in reply.content.decode()


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(admin_client, settings):
    settings.IMPORT_MAX_BYTES = 50
    upload = SimpleUploadedFile("report.txt", REPORT, content_type="text/plain")
    reply = admin_client.post("/staff/import/", {"kind": "report", "upload": upload, "fmt": "auto"})
    assert reply.status_code == 400
    assert "over the" in reply.content.decode()


@pytest.mark.django_db
def test_someone_elses_import_is_not_found(admin_client, client):
    job = ImportJob.objects.create(
        user=UserFactory(username="other-admin", is_superuser=True), kind="report", parsed={}
    )
    assert admin_client.get(job.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_the_preview_saves_nothing_until_confirmed(admin_client):
    counts = table_counts()
    reply = admin_client.post("/staff/import/", {"kind": "report", "pasted": REPORT.decode(), "fmt": "text"})
    job = ImportJob.objects.get()
    assert reply["Location"] == job.get_absolute_url()
    preview = admin_client.get(job.get_absolute_url()).content.decode()
    assert "Chief constables should keep front counters open." in preview
    assert "New report: An inspection of stations" in preview
    assert table_counts() == counts


@pytest.mark.django_db
def test_merging_two_findings_and_splitting_one(admin_client):
    text = REPORT.decode() + "\nRecommendation 2\nChief constables should publish opening hours.\n"
    admin_client.post("/staff/import/", {"kind": "report", "pasted": text, "fmt": "text"})
    job = ImportJob.objects.get()
    data = {
        **report_details(job),
        "f0-kind": "recommendation",
        "f0-reference": "Recommendation 1",
        "f0-text": "Keep counters open.\n---\nStaff them.",
        "f1-kind": "recommendation",
        "f1-reference": "Recommendation 2",
        "f1-text": "Publish hours.",
        "update": "yes",
    }
    admin_client.post(job.get_absolute_url(), data)
    job.refresh_from_db()
    assert [f["text"] for f in job.parsed["findings"]] == ["Keep counters open.", "Staff them.", "Publish hours."]
    assert job.parsed["findings"][1]["reference"] == "Recommendation 1 (part 2)"
    merge = {
        **report_details(job),
        "f0-kind": "recommendation",
        "f0-reference": "Recommendation 1",
        "f0-text": "Keep counters open.",
        "f0-merge_with_next": "on",
        "f1-kind": "recommendation",
        "f1-reference": "Recommendation 1 (part 2)",
        "f1-text": "Staff them.",
        "f2-kind": "recommendation",
        "f2-reference": "Recommendation 2",
        "f2-text": "Publish hours.",
        "confirm": "yes",
    }
    admin_client.post(job.get_absolute_url(), merge)
    report = InspectionReport.objects.get(title="An inspection of stations")
    assert [(f.reference, f.text) for f in report.findings.order_by("order")] == [
        ("Recommendation 1", "Keep counters open.\n\nStaff them."),
        ("Recommendation 2", "Publish hours."),
    ]


@pytest.mark.django_db
def test_an_invalid_correction_is_refused_with_the_form_kept(admin_client):
    admin_client.post("/staff/import/", {"kind": "report", "pasted": REPORT.decode(), "fmt": "text"})
    job = ImportJob.objects.get()
    reply = admin_client.post(
        job.get_absolute_url(),
        {"f0-kind": "recommendation", "f0-reference": "", "f0-text": "Kept words.", "confirm": "yes"},
    )
    assert reply.status_code == 400
    assert (
        "Enter the finding&#x27;s reference" in reply.content.decode()
        or "Enter the finding's reference" in reply.content.decode()
    )
    assert "Kept words." in reply.content.decode()
    assert not InspectionReport.objects.filter(title="An inspection of stations").exists()


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_read_in_the_background_with_progress(client, settings):
    from tests import report_pdfs

    settings.IMPORT_BACKGROUND_BYTES = 0
    client.force_login(UserFactory(username="bg-admin", is_superuser=True, is_staff=True))
    upload = SimpleUploadedFile("report.pdf", report_pdfs.make_report_pdf(), content_type="application/pdf")
    reply = client.post("/staff/import/", {"kind": "report", "upload": upload, "fmt": "auto"})
    job = ImportJob.objects.get()
    assert reply["Location"] == job.get_absolute_url()
    assert job.status == ImportJob.Status.PARSING
    # The import worker, as `make run` starts it beside the server, takes the queued parse.
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY, job.problem
    assert job.progress == 100
    assert len(job.parsed["findings"]) >= 5


@pytest.mark.django_db
def test_the_page_of_a_file_being_read_shows_its_progress_and_checks_again(admin_client):
    from django.contrib.auth import get_user_model

    job = ImportJob.objects.create(
        user=get_user_model().objects.get(username="importer"), kind="report", progress=40, heartbeat_at=timezone.now()
    )
    html = admin_client.get(job.get_absolute_url()).content.decode()
    assert "40% done" in html and "js/import-status.js" in html


@pytest.mark.django_db
def test_a_parse_no_worker_started_is_reported_as_failed_after_ten_minutes(admin_client):
    import datetime

    import time_machine
    from django.contrib.auth import get_user_model

    job = ImportJob.objects.create(user=get_user_model().objects.get(username="importer"), kind="report")
    with time_machine.travel(job.created_at + datetime.timedelta(minutes=11)):
        html = admin_client.get(job.get_absolute_url()).content.decode()
    assert "No import worker started reading the file within 10 minutes" in html
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED


def _response_json(report, body_name):
    import json

    return json.dumps(
        {
            "format": "tracker-response/1",
            "report_title": report.title,
            "body_name": body_name,
            "introduction": "We welcome it.",
            "items": [
                {
                    "finding": {
                        "kind": "recommendation",
                        "reference": "Recommendation 7",
                        "text": "Chief constables should keep front counters open.",
                    },
                    "comment": "We will.",
                },
                {
                    "finding": {
                        "kind": "recommendation",
                        "reference": "Recommendation 8",
                        "text": "Chief constables should sell the stations.",
                    },
                    "comment": "We will not.",
                },
            ],
        }
    )


@pytest.mark.django_db
def test_the_response_preview_shows_each_match_with_a_choice_of_every_finding_or_not_in_this_report(admin_client, body):
    report = ReportFactory(title="An inspection of counters")
    counters = FindingFactory(
        report=report, reference="Recommendation 1", text="Chief constables should keep front counters open."
    )
    FindingFactory(report=report, reference="Recommendation 2", text="Chief constables should publish opening hours.")
    admin_client.post(
        "/staff/import/",
        {"kind": "response", "pasted": _response_json(report, body.name), "fmt": "json", "body": body.slug},
    )
    job = ImportJob.objects.get()
    counts = table_counts()
    html = admin_client.get(job.get_absolute_url()).content.decode()
    assert html.count('<select class="govuk-select app-import-match"') == 2
    # Each match offers every finding (">" starts an option's text; the passages' choices say "our comment on").
    assert html.count(">Recommendation 2: Chief constables should publish opening hours.") == 2
    assert f'<option value="{counters.pk}" selected>Recommendation 1:' in html
    assert '<option value="none" selected>Not in this report' in html
    assert "Matched to Recommendation 1 by its words (100% alike)." in html
    assert "No finding of the report is like it: the comment is kept as a quotation." in html
    assert "Published at once as an imported record" in html
    for label in (
        "Local policing body",
        "Report it answers",
        "Web address where the response was first published",
        "Date the response was first published",
        "Introduction",
    ):
        assert label in html
    assert table_counts() == counts


@pytest.mark.django_db
def test_a_publishers_response_preview_says_it_goes_to_review(client, publisher, body):
    report = ReportFactory(title="An inspection of counters")
    FindingFactory(
        report=report, reference="Recommendation 1", text="Chief constables should keep front counters open."
    )
    client.force_login(publisher)
    client.post("/staff/import/", {"kind": "response", "pasted": _response_json(report, body.name), "fmt": "json"})
    html = client.get(ImportJob.objects.get().get_absolute_url()).content.decode()
    assert "Goes to review as an imported record" in html
    assert "Report publication date" not in html  # only a site admin's import may create a report
