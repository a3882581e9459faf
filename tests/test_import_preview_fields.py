"""The report import's preview: dates and types in words people read, and the report's title, date,
type and HMICFRS address corrected there, checked, and kept on save (issue 10, item 7)."""

import datetime
import html
import json
import re

import pytest

from imports.models import ImportJob
from tests.factories import UserFactory
from tests.test_import_views import report_details, table_counts
from tracker.models import InspectionReport

pytestmark = pytest.mark.django_db

REPORT = {
    "format": "tracker-report/1",
    "title": "An inspection of how forces answer calls",
    "published_on": "2026-10-14",
    "report_type": "national-thematic",
    "source_url": "https://hmicfrs.example/calls",
    "findings": [
        {"kind": "recommendation", "reference": "Recommendation 1", "text": "Chief constables should answer calls."}
    ],
}


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="importer", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def job(admin_client):
    reply = admin_client.post("/staff/import/", {"kind": "report", "pasted": json.dumps(REPORT), "fmt": "json"})
    assert reply.status_code == 302
    return ImportJob.objects.get()


def _text(reply):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", reply.content.decode())).split())


def _data(job, action="confirm", **changes):
    data = {
        action: "yes",
        **report_details(job),
        "f0-kind": "recommendation",
        "f0-reference": "Recommendation 1",
        "f0-text": "Chief constables should answer calls.",
    }
    data.update({f"report-{name}": value for name, value in changes.items()})
    return data


def _date_parts(day, month, year):
    return {"published_on_0": day, "published_on_1": month, "published_on_2": year}


def test_the_date_and_type_are_shown_in_words(admin_client, job):
    reply = admin_client.get(job.get_absolute_url())
    text = _text(reply)
    assert "Published 14 October 2026" in text
    assert "Type National thematic" in text
    assert "2026-10-14" not in text


def test_the_details_are_offered_for_correction_as_read(admin_client, job):
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert 'name="report-title" value="An inspection of how forces answer calls"' in page
    assert 'name="report-published_on_0" type="text" value="14"' in page or 'value="14"' in page
    assert '<option value="national-thematic" selected>National thematic</option>' in page
    assert 'value="https://hmicfrs.example/calls"' in page


@pytest.mark.parametrize(
    "changes, field, expected",
    [
        ({"title": "How forces answer 999 calls"}, "title", "How forces answer 999 calls"),
        (_date_parts("2", "9", "2026"), "published_on", datetime.date(2026, 9, 2)),
        ({"report_type": "peel"}, "report_type", "peel"),
        ({"source_url": "https://hmicfrs.example/999"}, "source_url", "https://hmicfrs.example/999"),
        ({"source_url": ""}, "source_url", ""),
    ],
    ids=["title", "date", "type", "address", "address removed"],
)
def test_each_detail_corrected_is_kept_on_save(admin_client, job, changes, field, expected):
    reply = admin_client.post(job.get_absolute_url(), _data(job, **changes))
    assert reply.status_code == 302
    report = InspectionReport.objects.get()
    assert getattr(report, field) == expected


def test_corrections_are_kept_in_the_preview_when_it_is_updated(admin_client, job):
    changes = {"title": "How forces answer 999 calls", "report_type": "peel", **_date_parts("2", "9", "2026")}
    assert admin_client.post(job.get_absolute_url(), _data(job, action="update", **changes)).status_code == 302
    job.refresh_from_db()
    assert (job.parsed["title"], job.parsed["report_type"], job.parsed["published_on"]) == (
        "How forces answer 999 calls",
        "peel",
        "2026-09-02",
    )
    text = _text(admin_client.get(job.get_absolute_url()))
    assert "Published 2 September 2026" in text and "Type PEEL" in text
    assert not InspectionReport.objects.exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": ""}, "Enter the report's title"),
        ({"title": "A" * 501}, "The report's title must be 500 characters or fewer"),
        (_date_parts("31", "2", "2026"), "The report's publication date must be a real date"),
        (_date_parts("1", "", "2026"), "The report's publication date must include a month"),
        (_date_parts("1", "1", "2999"), "The report's publication date must be today or in the past"),
        ({"report_type": "interesting"}, "Select the type of report"),
        ({"source_url": "javascript:alert(1)"}, "Enter a web address starting with https:// or http://"),
        ({"source_url": "ftp://hmicfrs.example/calls"}, "Enter a web address starting with https:// or http://"),
    ],
    ids=["no title", "title too long", "impossible date", "no month", "future date", "unknown type", "script", "ftp"],
)
def test_a_bad_detail_is_refused_with_its_message_the_text_kept_and_nothing_saved(admin_client, job, changes, message):
    counts, parsed = table_counts(), job.parsed
    reply = admin_client.post(job.get_absolute_url(), _data(job, **changes))
    assert reply.status_code == 400
    page = html.unescape(reply.content.decode())
    assert "<title>Error: " in page
    assert message in _text(reply)
    assert re.search(r'<a href="#id_report-\w+">' + re.escape(message), page)  # in the summary, linked
    for name, value in changes.items():
        if name != "report_type":  # a select offers only the vocabulary's types
            assert value == "" or f'value="{value}"' in page, name
    job.refresh_from_db()
    assert table_counts() == counts and job.parsed == parsed


def test_a_new_report_without_a_date_is_refused_at_the_date_field(admin_client):
    undated = {**REPORT, "published_on": None}
    admin_client.post("/staff/import/", {"kind": "report", "pasted": json.dumps(undated), "fmt": "json"})
    job = ImportJob.objects.get()
    reply = admin_client.post(job.get_absolute_url(), _data(job))
    assert reply.status_code == 400
    assert 'href="#id_report-published_on_0"' in reply.content.decode()
    assert "The report's publication date was not found" in _text(reply)
    assert not InspectionReport.objects.exists()
    saved = admin_client.post(job.get_absolute_url(), _data(job, **_date_parts("14", "10", "2026")))
    assert saved.status_code == 302
    assert InspectionReport.objects.get().published_on == datetime.date(2026, 10, 14)
