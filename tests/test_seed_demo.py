"""`manage.py seed_demo`: a living site on first start, safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command

from responses.models import Response, ResponseItem
from tracker.models import Finding, InspectionReport

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (InspectionReport, Finding, Response, ResponseItem)]


def test_it_loads_reports_with_published_and_draft_responses():
    call_command("seed_demo", stdout=StringIO())
    assert InspectionReport.objects.count() >= 3
    assert Response.objects.published().values("body").distinct().count() >= 3
    assert Response.objects.filter(status=Response.Status.DRAFT).exists()
    assert set(Finding.objects.values_list("kind", flat=True)) >= {"recommendation", "area-for-improvement", "cause-of-concern"}


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
    InspectionReport.objects.create(title="Already here", slug="already-here", report_type="other", published_on="2024-01-01")
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
