"""The home page: latest published responses and reports awaiting responses."""

import pytest

from tests.factories import BodyFactory, ReportFactory, ResponseFactory, response_with_findings
from tracker.models import LocalPolicingBody

pytestmark = pytest.mark.django_db


def test_it_links_to_published_responses_and_not_to_drafts(client):
    published = response_with_findings(1, published=True)
    draft = ResponseFactory()
    html = client.get("/").content.decode()
    assert published.get_absolute_url() in html
    assert draft.get_absolute_url() not in html


def test_it_lists_reports_with_responses_outstanding_and_counts_them(client):
    report = ReportFactory(concerns_all_forces=True)
    body = LocalPolicingBody.objects.get(slug="kent-pcc")
    ResponseFactory(report=report, body=body, published=True)
    text = " ".join(client.get("/").content.decode().split())
    assert report.get_absolute_url() in text
    assert "1 of 43" in text


def test_a_report_answered_by_every_expected_body_is_not_awaiting(client):
    body = BodyFactory()
    answered = ReportFactory(concerns_all_forces=False, title="A fully answered force report")
    answered.forces.add(body.force)
    ResponseFactory(report=answered, body=body, published=True)
    html = client.get("/").content.decode()
    table = html.split("Reports awaiting responses", 1)[1]
    assert "A fully answered force report" not in table


def test_it_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(5):
        response_with_findings(2, published=True)
    with django_assert_max_num_queries(6):
        assert client.get("/").status_code == 200
