"""Web addresses we store become links on public pages, so only http and https get in, on every path
in: the admin, the import commands, the browser import. A refusal leaves every table as it was. An
address that got into the database some other way is never rendered as a link."""

import json
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import CommandError, call_command

from imports.models import ImportJob
from responses.models import Response
from tests.factories import BodyFactory, FindingFactory, ReportFactory, UserFactory, publish, response_with_findings
from tracker.models import InspectionReport
from tracker.templatetags.web import is_web_address

pytestmark = pytest.mark.django_db

NOT_WEB = ["javascript:alert(1)//", "data:text/html,<script>alert(1)</script>", "ftp://x", " JavaScript:alert(1)//"]
SOURCE = "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/an-inspection/"

REPORT_TEXT = """An inspection of how forces record calls

Published: 12 March 2024

Recommendations

Recommendation 1
By 30 September 2024, chief constables should make sure that every call is recorded.
"""


def hrefs(html):
    return [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)]


def assert_only_web_links(html, where):
    """Every link is to a page of this site (a path or an anchor) or an http(s) address."""
    for href in hrefs(html):
        assert href.startswith(("/", "#", "?")) or is_web_address(href), f"{where} links to {href!r}"


def table_counts():
    """Rows in every table but the browser import's own jobs (a step of its, not a change)."""
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model is not ImportJob}


@pytest.fixture
def site_admin_client(client):
    client.force_login(UserFactory(username="web-address-admin", is_superuser=True, is_staff=True))
    return client


# The admin ------------------------------------------------------------------------------------


def _form_data(html, form_id):
    """What the browser would post for the form as shown: every field with its current value."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file") or field.has_attr("disabled"):
            continue
        if field.name == "select":
            chosen = [option.get("value", "") for option in field.find_all("option") if option.has_attr("selected")]
            data[name] = chosen if field.has_attr("multiple") else (chosen[0] if chosen else "")
        elif field.name == "textarea":
            data[name] = field.text.lstrip("\n")
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


@pytest.mark.parametrize("url", NOT_WEB)
def test_the_admin_refuses_a_report_source_that_is_not_a_web_address(site_admin_client, url):
    report = ReportFactory(source_url=SOURCE)
    FindingFactory(report=report)
    change = f"/admin/tracker/inspectionreport/{report.pk}/change/"
    data = _form_data(site_admin_client.get(change).content.decode(), "inspectionreport_form")
    counts = table_counts()
    reply = site_admin_client.post(change, {**data, "source_url": url})
    assert reply.status_code == 200  # the form again, with the error
    assert "errornote" in reply.content.decode()
    report.refresh_from_db()
    assert report.source_url == SOURCE
    assert table_counts() == counts


def test_the_admin_saves_a_web_address(site_admin_client):
    """The form data above is what the admin accepts: the refusals are for the address alone."""
    report = ReportFactory(source_url="")
    FindingFactory(report=report)
    change = f"/admin/tracker/inspectionreport/{report.pk}/change/"
    data = _form_data(site_admin_client.get(change).content.decode(), "inspectionreport_form")
    reply = site_admin_client.post(change, {**data, "source_url": SOURCE})
    assert reply.status_code == 302, reply.content.decode()
    report.refresh_from_db()
    assert report.source_url == SOURCE


# The import commands --------------------------------------------------------------------------


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("url", NOT_WEB)
def test_import_report_refuses_a_source_url_that_is_not_a_web_address(report_file, url):
    counts = table_counts()
    with pytest.raises(CommandError, match="--source-url: give a web address starting with https:// or http://"):
        call_command("import_report", report_file, f"--source-url={url}")
    assert table_counts() == counts


@pytest.mark.parametrize("url", NOT_WEB)
def test_import_report_refuses_a_source_url_in_the_file_that_is_not_a_web_address(tmp_path, url):
    path = tmp_path / "report.json"
    report = {
        "format": "tracker-report/1",
        "title": "An inspection of how forces record calls",
        "published_on": "2024-03-12",
        "report_type": "national-thematic",
        "source_url": url,
        "findings": [
            {"kind": "recommendation", "reference": "Recommendation 1", "text": "Chief constables should record calls."}
        ],
    }
    path.write_text(json.dumps(report), encoding="utf-8")
    counts = table_counts()
    with pytest.raises(CommandError, match="https://"):
        call_command("import_report", str(path))
    assert table_counts() == counts


def test_import_report_keeps_a_web_source_url(report_file):
    call_command("import_report", report_file, f"--source-url={SOURCE}", stdout=StringIO())
    assert InspectionReport.objects.get(title="An inspection of how forces record calls").source_url == SOURCE


@pytest.mark.parametrize("url", NOT_WEB)
def test_import_response_refuses_an_original_url_that_is_not_a_web_address(tmp_path, url):
    path = tmp_path / "response.txt"
    path.write_text("Our response to the report.\n", encoding="utf-8")
    counts = table_counts()
    with pytest.raises(CommandError, match="--original-url: give a web address starting with https:// or http://"):
        call_command("import_response", str(path), f"--original-url={url}")
    assert table_counts() == counts


# The browser import's preview -----------------------------------------------------------------


@pytest.mark.parametrize("url", NOT_WEB)
def test_the_import_preview_refuses_an_original_address_that_is_not_a_web_address(site_admin_client, url):
    report = ReportFactory(title="An inspection of how forces record calls")
    finding = FindingFactory(report=report, text="Chief constables should record every call.")
    body = BodyFactory()
    pasted = json.dumps(
        {
            "format": "tracker-response/1",
            "report_title": report.title,
            "body_name": body.name,
            "introduction": "We welcome the report.",
            "items": [
                {
                    "finding": {"kind": "recommendation", "reference": finding.reference, "text": finding.text},
                    "comment": "Done.",
                }
            ],
        }
    )
    reply = site_admin_client.post("/staff/import/", {"kind": "response", "pasted": pasted, "fmt": "auto"})
    assert reply.status_code == 302, reply.content.decode()
    job = ImportJob.objects.order_by("-pk").first()
    counts = table_counts()
    data = {"confirm": "yes", "details-body": body.slug, "details-report": report.slug, "details-original_url": url,
            "details-introduction": "We welcome the report.", "f0-kind": "recommendation", "f0-reference": finding.reference,
            "f0-text": finding.text, "f0-comment": "Done."}  # fmt: skip
    reply = site_admin_client.post(job.get_absolute_url(), data)
    assert reply.status_code == 400
    assert "starting with https:// or http://" in reply.content.decode()
    assert table_counts() == counts
    assert not Response.objects.exists()


# Addresses stored around the checks are never links --------------------------------------------


@pytest.mark.parametrize("url", NOT_WEB)
def test_a_stored_source_that_is_not_a_web_address_is_not_a_link(client, url):
    response = response_with_findings(1, published=True)
    InspectionReport.objects.filter(pk=response.report_id).update(source_url=url)
    for page in (response.report.get_absolute_url(), response.get_absolute_url()):
        html = client.get(page).content.decode()
        assert "The report on the HMICFRS website" not in html, page
        assert_only_web_links(html, page)


def test_a_stored_web_source_is_a_link(client):
    response = response_with_findings(1, published=True)
    InspectionReport.objects.filter(pk=response.report_id).update(source_url=SOURCE)
    for page in (response.report.get_absolute_url(), response.get_absolute_url()):
        assert f'href="{SOURCE}">The report on the HMICFRS website</a>' in client.get(page).content.decode(), page


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "data:text/html,<script>alert(1)</script>"])
def test_a_stored_original_address_that_is_not_a_web_address_is_not_a_link(client, url):
    response = response_with_findings(1, is_imported=True)
    Response.objects.filter(pk=response.pk).update(original_url=url)
    response.refresh_from_db()
    publish(response)
    html = client.get(response.get_absolute_url()).content.decode()
    assert "Web address not recorded" in html
    assert_only_web_links(html, response.get_absolute_url())


@pytest.mark.parametrize(
    ("value", "linked"),
    [
        (SOURCE, True),
        ("http://www.example.org/a?b=c", True),
        ("", False),
        (None, False),
        ("javascript:alert(1)//", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,x", False),
        ("ftp://example.org/x", False),
        ("//evil.example.org/x", False),
        ("http://exa mple.org/", False),
    ],
)
def test_the_template_filter_links_only_http_and_https(value, linked):
    assert is_web_address(value) is linked
