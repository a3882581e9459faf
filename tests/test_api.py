"""The public JSON API (/api/v1/): published data only, read-only, paginated, cacheable, described."""

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responses import workflow
from responses.actors import IMPORT_COMMAND
from tests.factories import (
    BodyFactory,
    FindingFactory,
    ForceFactory,
    ReportFactory,
    publish_without_signature_key,
    response_with_findings,
    with_secret_text,
    with_unpublished_amendment,
)

pytestmark = pytest.mark.django_db

MARKER = "NARWHAL-UNPUBLISHED-7730"
API = "/api/v1/"
LISTS = [f"{API}bodies/", f"{API}reports/", f"{API}findings/", f"{API}responses/"]


def _get(client, url, **headers):
    reply = client.get(url, headers=headers)
    assert reply.status_code == 200, (url, reply.status_code, reply.content[:300])
    assert reply["Content-Type"] == "application/json"
    return reply.json()


def _all(client, url):
    """Every item of a list, following `next` through its pages."""
    items = []
    while url:
        page = _get(client, url)
        items += page["results"]
        url = page["next"]
    return items


@pytest.fixture
def amended(body, drafter):
    """A published response whose amendment, saved but not published, holds the marker everywhere."""
    return with_unpublished_amendment(body, drafter, MARKER)


@pytest.fixture
def secret_draft(draft):
    return with_secret_text(draft, MARKER)


# Shapes --------------------------------------------------------------------------------------------


def test_bodies_lists_every_body_with_its_force_and_succession(client):
    force = ForceFactory(slug="testshire-police")
    old = BodyFactory(force=force, slug="old-pcc", ended_on=datetime.date(2024, 5, 6))
    new = BodyFactory(force=force, slug="new-mayor", kind="mayor", started_on=datetime.date(2024, 5, 7))

    results = _get(client, f"{API}bodies/?force=testshire-police")["results"]

    assert results == [
        {
            "slug": "old-pcc",
            "name": old.name,
            "kind": "pcc",
            "force": "testshire-police",
            "force_name": force.name,
            "started_on": None,
            "ended_on": "2024-05-06",
            "predecessor": None,
            "successor": "new-mayor",
            "url": "http://testserver/bodies/old-pcc/",
        },
        {
            "slug": "new-mayor",
            "name": new.name,
            "kind": "mayor",
            "force": "testshire-police",
            "force_name": force.name,
            "started_on": "2024-05-07",
            "ended_on": None,
            "predecessor": "old-pcc",
            "successor": None,
            "url": "http://testserver/bodies/new-mayor/",
        },
    ]


def test_reports_list_each_report_with_its_forces_and_count_of_findings(client):
    report = ReportFactory(
        slug="a-report", published_on=datetime.date(2024, 3, 1), concerns_all_forces=False, source_url=""
    )
    report.forces.set([ForceFactory(slug="aberwen", name="Aberwen Police")])
    for _ in range(3):
        FindingFactory(report=report)

    (item,) = _get(client, f"{API}reports/")["results"]

    assert item == {
        "slug": "a-report",
        "title": report.title,
        "type": "national-thematic",
        "published_on": "2024-03-01",
        "due_on": "2024-04-25",
        "concerns_all_forces": False,
        "forces": [{"slug": "aberwen", "name": "Aberwen Police"}],
        "source_url": "",
        "url": "http://testserver/reports/a-report/",
        "findings_count": 3,
    }


def test_a_report_comes_with_its_findings_in_order(client):
    report = ReportFactory(slug="a-report", summary="What was found.")
    FindingFactory(report=report, order=2, reference="AFI 1", kind="area-for-improvement")
    first = FindingFactory(report=report, order=1, reference="Recommendation 1", deadline_text="Immediately")

    data = _get(client, f"{API}reports/a-report/")

    assert data["summary"] == "What was found."
    assert [finding["reference"] for finding in data["findings"]] == ["Recommendation 1", "AFI 1"]
    assert data["findings"][0] == {
        "slug": "recommendation-1",
        "reference": "Recommendation 1",
        "kind": "recommendation",
        "text": first.text,
        "addressees": [],
        "deadline_on": None,
        "deadline_text": "Immediately",
        "url": "http://testserver/reports/a-report/findings/recommendation-1/",
    }
    assert client.get(f"{API}reports/no-such-report/").status_code == 404


def test_findings_lists_every_finding_with_its_report(client):
    finding = FindingFactory(report=ReportFactory(slug="a-report"), reference="Recommendation 4")

    (item,) = _get(client, f"{API}findings/")["results"]

    assert item["report"] == "a-report"
    assert item["reference"] == "Recommendation 4"
    assert item["text"] == finding.text
    assert item["url"] == "http://testserver/reports/a-report/findings/recommendation-4/"


def test_responses_lists_published_responses_with_their_dates_and_links(client):
    report = ReportFactory(slug="a-report", published_on=datetime.date(2024, 3, 1))
    response = response_with_findings(1, published=True, report=report, body=BodyFactory(slug="a-body"))

    (item,) = _get(client, f"{API}responses/")["results"]

    assert item == {
        "report": "a-report",
        "body": "a-body",
        "body_name": response.body_name,
        "published_on": response.published_on.isoformat(),
        "due_on": "2024-04-25",
        "on_time": False,
        "days_late": response.days_late,
        "imported": False,
        "withdrawn": False,
        "version": 1,
        "url": "http://testserver/reports/a-report/responses/a-body/",
        "pdf_url": "http://testserver/reports/a-report/responses/a-body.pdf",
        "api_url": "http://testserver/api/v1/responses/a-report/a-body/",
    }
    assert response.days_late > 0


def test_an_imported_record_with_an_unknown_date_has_no_date_and_no_on_time(client):
    imported = response_with_findings(1)
    workflow.record_publication(imported, None, IMPORT_COMMAND, action="import")

    (item,) = _get(client, f"{API}responses/")["results"]

    assert (item["published_on"], item["on_time"], item["days_late"], item["imported"]) == (None, None, None, True)


def test_a_withdrawn_response_is_listed_and_marked(client, body, publisher):
    response = response_with_findings(1, published=True, body=body)
    workflow.withdraw(response, publisher, "Replaced by a corrected response.")

    (item,) = _get(client, f"{API}responses/")["results"]

    assert item["withdrawn"] is True


def test_a_response_comes_with_its_published_items(client, amended):
    data = _get(client, f"{API}responses/{amended.report.slug}/{amended.body.slug}/")

    snapshot = amended.current_version.snapshot
    assert data["introduction"] == "The words we published."
    assert data["items"] == [
        {
            "finding_reference": item["reference"],
            "finding_kind": item["kind"],
            "position": item["position"],
            "comment": item["comment"],
        }
        for item in snapshot["items"]
    ]
    assert len(data["items"]) == 2


# Published only ------------------------------------------------------------------------------------


def test_a_draft_is_not_found_and_not_listed(client, secret_draft):
    url = f"{API}responses/{secret_draft.report.slug}/{secret_draft.body.slug}/"
    assert client.get(url).status_code == 404
    assert _get(client, f"{API}responses/")["results"] == []


def test_no_draft_or_pending_amendment_text_is_in_any_answer(client, amended, secret_draft):
    urls = [
        *LISTS,
        f"{API}reports/{amended.report.slug}/",
        f"{API}responses/{amended.report.slug}/{amended.body.slug}/",
        f"{API}responses/?body={secret_draft.body.slug}",
    ]
    for url in urls:
        assert MARKER not in client.get(url).content.decode(), url
    # The marker is really planted: the working copy holds it.
    amended.refresh_from_db()
    assert MARKER in amended.introduction and MARKER in secret_draft.introduction


# Pagination and filters -------------------------------------------------------------------------------


def test_lists_come_100_a_page(client):
    report = ReportFactory(slug="big")
    for order in range(1, 102):
        FindingFactory(report=report, order=order)

    first = _get(client, f"{API}findings/")
    second = _get(client, first["next"])

    assert (first["count"], len(first["results"]), first["previous"]) == (101, 100, None)
    assert len(second["results"]) == 1 and second["next"] is None
    assert second["results"][0]["reference"] == "Recommendation 101"
    assert client.get(f"{API}findings/?page=9").status_code == 404


def test_responses_filter_by_report_body_and_year(client, body):
    old = ReportFactory(published_on=datetime.date(2023, 5, 1))
    new = ReportFactory(published_on=datetime.date(2024, 5, 1))
    ours_old = response_with_findings(1, published=True, report=old, body=body)
    ours_new = response_with_findings(1, published=True, report=new, body=body)
    theirs_new = response_with_findings(1, published=True, report=new)

    def pairs(query):
        return [(item["report"], item["body"]) for item in _get(client, f"{API}responses/?{query}")["results"]]

    def pair(response):
        return (response.report.slug, response.body.slug)

    assert pairs(f"body={body.slug}") == [pair(ours_old), pair(ours_new)]
    assert sorted(pairs(f"report={new.slug}")) == sorted([pair(ours_new), pair(theirs_new)])
    assert pairs("year=2023") == [pair(ours_old)]
    assert pairs(f"year=2024&body={body.slug}") == [pair(ours_new)]
    assert pairs("report=no-such-report") == []


def test_reports_and_findings_filter_by_year_type_force_and_report(client):
    force = ForceFactory(slug="aberwen")
    local = ReportFactory(published_on=datetime.date(2023, 1, 1), concerns_all_forces=False, report_type="peel")
    local.forces.set([force])
    national = ReportFactory(published_on=datetime.date(2024, 1, 1))
    ReportFactory(published_on=datetime.date(2024, 2, 1), concerns_all_forces=False)  # another force's
    FindingFactory(report=local)
    FindingFactory(report=national)

    def slugs(url):
        return [item["slug"] for item in _get(client, url)["results"]]

    assert slugs(f"{API}reports/?year=2023") == [local.slug]
    assert slugs(f"{API}reports/?type=peel") == [local.slug]
    assert slugs(f"{API}reports/?force=aberwen") == [national.slug, local.slug]
    assert [item["report"] for item in _get(client, f"{API}findings/?report={local.slug}")["results"]] == [local.slug]
    assert [item["report"] for item in _get(client, f"{API}findings/?year=2024")["results"]] == [national.slug]


def test_a_year_that_is_not_a_year_is_a_bad_request(client):
    reply = client.get(f"{API}responses/?year=last")
    assert reply.status_code == 400
    assert "year" in reply.json()


# Read-only, caching, CORS ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [*LISTS, f"{API}reports/a-report/", f"{API}schema/"])
def test_every_write_method_is_not_allowed(client, method, url):
    ReportFactory(slug="a-report")
    reply = getattr(client, method)(url, data="{}", content_type="application/json")
    assert reply.status_code == 405
    assert "POST" not in reply["Allow"]


def test_a_write_is_refused_with_405_even_with_csrf_checks_on():
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(f"{API}responses/").status_code == 405


def test_a_get_has_an_etag_and_a_matching_if_none_match_gets_304(client):
    response_with_findings(1, published=True)

    first = client.get(f"{API}responses/")
    etag = first["ETag"]
    again = client.get(f"{API}responses/", headers={"If-None-Match": etag})

    assert etag
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"


def test_the_etag_changes_when_something_is_published(client):
    response_with_findings(1, published=True)
    etag = client.get(f"{API}responses/")["ETag"]
    response_with_findings(1, published=True)

    reply = client.get(f"{API}responses/", headers={"If-None-Match": etag})

    assert reply.status_code == 200
    assert reply["ETag"] != etag


def test_head_answers_like_get_without_a_body(client):
    reply = client.head(f"{API}reports/")
    assert reply.status_code == 200
    assert reply["ETag"]
    assert reply.content == b""


@pytest.mark.parametrize("url", [*LISTS, f"{API}schema/"])
def test_every_answer_allows_any_origin(client, url):
    reply = client.get(url, headers={"Origin": "https://elsewhere.example"})
    assert reply["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(url, headers={"Origin": "https://elsewhere.example"})
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_no_session_is_read_or_set(client):
    reply = client.get(f"{API}responses/")
    assert "Cookie" not in reply.get("Vary", "")
    assert not reply.cookies


def test_json_only_no_browsable_api(client):
    reply = client.get(f"{API}reports/", headers={"Accept": "text/html"})
    assert reply["Content-Type"] == "application/json"


# Query counts ---------------------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        reply = client.get(url)
    assert reply.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [*LISTS, f"{API}responses/?report={{report}}", f"{API}responses/?body={{body}}"])
def test_a_list_costs_the_same_queries_with_3_responses_as_with_30(client, fast_pdf, url, django_assert_num_queries):
    report, body = ReportFactory(), BodyFactory()
    url = url.format(report=report.slug, body=body.slug)

    def grow(count):
        while report.responses.count() < count:
            response_with_findings(2, published=True, report=report)
        while body.responses.count() < count:
            response_with_findings(2, published=True, body=body)

    grow(3)
    small = _queries(client, url)
    grow(30)
    with django_assert_num_queries(small):
        client.get(url)


@pytest.mark.parametrize("url", [f"{API}findings/", f"{API}reports/", f"{API}reports/{{report}}/"])
def test_it_costs_the_same_queries_with_5_findings_as_with_50(client, url, django_assert_num_queries):
    report = ReportFactory()
    url = url.format(report=report.slug)

    def grow(count):
        while report.findings.count() < count:
            finding = FindingFactory(report=report)
            finding.addressed_forces.add(ForceFactory())

    grow(5)
    small = _queries(client, url)
    grow(50)
    with django_assert_num_queries(small):
        client.get(url)


def test_a_response_costs_the_same_queries_with_5_items_as_with_50(client, django_assert_num_queries):
    small = response_with_findings(5, published=True)
    large = response_with_findings(50, published=True)
    count = _queries(client, f"{API}responses/{small.report.slug}/{small.body.slug}/")
    url = f"{API}responses/{large.report.slug}/{large.body.slug}/"
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200


# The same data as the CSV ---------------------------------------------------------------------------


# The OpenAPI document -----------------------------------------------------------------------------


def test_the_schema_is_served_as_openapi_json(client):
    reply = client.get(f"{API}schema/")
    assert reply.status_code == 200
    assert reply["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = json.loads(reply.content)
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/bodies/",
        "/api/v1/reports/",
        "/api/v1/reports/{report_slug}/",
        "/api/v1/findings/",
        "/api/v1/responses/",
        "/api/v1/responses/{report_slug}/{body_slug}/",
    } <= set(schema["paths"])
    assert all(set(operations) == {"get"} for operations in schema["paths"].values())


def test_the_schema_validates_without_warnings(tmp_path):
    manage = Path(__file__).resolve().parent.parent / "manage.py"
    result = subprocess.run(
        [sys.executable, manage, "spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "schema.yaml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


# The human page -------------------------------------------------------------------------------------


def test_the_api_page_describes_every_endpoint(client):
    reply = client.get("/api/")
    assert reply.status_code == 200
    html = reply.content.decode()
    for url in [*LISTS, f"{API}schema/"]:
        assert f'href="{url}"' in html
    assert "If-None-Match" in html


def test_a_response_comes_with_its_published_signature(client):
    signed = response_with_findings(1, published=True, signature="Alex Morgan\nPolice and Crime Commissioner")

    data = _get(client, f"{API}responses/{signed.report.slug}/{signed.body.slug}/")

    assert data["signature"] == "Alex Morgan\nPolice and Crime Commissioner"
    assert list(data)[-1] == "signature"  # after the items and quotations, where the response ends


def test_a_version_published_before_signatures_answers_an_empty_one(client):
    older = publish_without_signature_key(response_with_findings(1, signature="Alex Morgan"))
    assert "signature" not in older.current_version.snapshot

    data = _get(client, f"{API}responses/{older.report.slug}/{older.body.slug}/")

    assert data["signature"] == ""


def test_the_document_describes_the_signature(client):
    schema = json.loads(client.get(f"{API}schema/").content)

    detail = schema["components"]["schemas"]["ResponseDetail"]
    assert detail["properties"]["signature"] == {
        "type": "string",
        "readOnly": True,
        "description": "Who signed the response, as published: name and office, one per line; empty if unsigned.",
    }
    assert "signature" in detail["required"]
