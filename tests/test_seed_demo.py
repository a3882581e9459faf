"""`manage.py seed_demo`: a living site on first start, safe to run again."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from responses.models import Response, ResponseItem
from tracker.models import Finding, InspectionReport, LocalPolicingBody

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (InspectionReport, Finding, Response, ResponseItem)]


def test_it_loads_reports_with_published_and_draft_responses():
    call_command("seed_demo", stdout=StringIO())
    assert InspectionReport.objects.count() >= 3
    assert Response.objects.published().values("body").distinct().count() >= 3
    assert Response.objects.filter(status=Response.Status.DRAFT).exists()
    assert set(Finding.objects.values_list("kind", flat=True)) >= {
        "recommendation",
        "area-for-improvement",
        "cause-of-concern",
    }


def test_every_demo_response_is_marked_as_an_example_and_answers_every_finding():
    call_command("seed_demo", stdout=StringIO())
    for response in Response.objects.select_related("report"):
        assert response.is_example
        assert response.items.count() == response.report.findings.count()


def test_running_it_twice_creates_nothing_more():
    call_command("seed_demo", stdout=StringIO())
    before = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == before


def test_if_empty_leaves_a_database_with_reports_alone():
    InspectionReport.objects.create(
        title="Already here", slug="already-here", report_type="other", published_on="2024-01-01"
    )
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert InspectionReport.objects.count() == 1
    assert "not loaded" in out.getvalue()


def test_every_published_demo_response_renders_as_a_page_and_a_pdf(client):
    call_command("seed_demo", stdout=StringIO())
    for response in Response.objects.published():
        page = client.get(response.get_absolute_url())
        assert page.status_code == 200
        assert "Example content." in page.content.decode()
    first = Response.objects.published().first()
    assert client.get(first.get_pdf_url())["Content-Type"] == "application/pdf"
    for draft in Response.objects.filter(status=Response.Status.DRAFT):
        assert client.get(draft.get_absolute_url()).status_code == 404


# The demo must never pose as a real report: a real one comes in only by import (issue 7).
NCPI_2019_TITLE = "National Child Protection Inspections: 2019 thematic report"


def test_every_demo_report_is_titled_as_an_example():
    call_command("seed_demo", stdout=StringIO())
    for report in InspectionReport.objects.all():
        assert report.title.startswith("Example: ")
        assert report.slug.startswith("example-")
        assert "HMICFRS has not published it" in report.summary


def test_no_demo_report_carries_the_real_ncpi_2019_report_or_its_type():
    call_command("seed_demo", stdout=StringIO())
    assert not InspectionReport.objects.filter(title__iexact=NCPI_2019_TITLE).exists()
    assert not InspectionReport.objects.filter(title__icontains="child protection inspection").exists()
    assert not InspectionReport.objects.filter(report_type="ncpi").exists()


def test_no_demo_report_points_at_a_real_inspectorate_page():
    call_command("seed_demo", stdout=StringIO())
    assert not InspectionReport.objects.filter(source_url__icontains="justiceinspectorates.gov.uk").exists()
    assert set(InspectionReport.objects.values_list("source_url", flat=True)) == {""}


def test_demo_reports_are_published_after_the_last_change_of_body():
    call_command("seed_demo", stdout=StringIO())
    for report in InspectionReport.objects.all():
        assert date(2024, 6, 1) <= report.published_on <= date(2026, 10, 31)


def test_every_demo_response_comes_from_a_body_that_must_answer_the_report():
    call_command("seed_demo", stdout=StringIO())
    for response in Response.objects.select_related("report", "body"):
        report, body = response.report, response.body
        assert report.concerns_all_forces or report.forces.filter(pk=body.force_id).exists()
        assert LocalPolicingBody.objects.in_office_on(report.published_on).filter(pk=body.pk).exists()
        if response.published_at:
            published_on = timezone.localdate(response.published_at)
            assert LocalPolicingBody.objects.in_office_on(published_on).filter(pk=body.pk).exists()


def test_the_demo_has_responses_on_time_late_and_still_in_draft():
    call_command("seed_demo", stdout=StringIO())
    published = list(Response.objects.published().select_related("report"))
    assert {response.published_on_time for response in published} == {True, False}
    assert Response.objects.filter(status=Response.Status.DRAFT).count() >= 2
    assert Finding.objects.filter(kind="cause-of-concern", recommendations__isnull=False).exists()
    assert InspectionReport.objects.filter(concerns_all_forces=False, forces__isnull=False).exists()
