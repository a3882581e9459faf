"""The page of one report: its findings and who has responded."""

import pytest

from tests.factories import FindingFactory, ReportFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def test_it_shows_every_finding_in_full(client):
    report = ReportFactory()
    findings = [FindingFactory(report=report) for _ in range(3)]
    html = client.get(report.get_absolute_url()).content.decode()
    for finding in findings:
        assert finding.reference in html
        assert finding.text in html


def test_it_links_published_responses_and_hides_drafts(client):
    report = ReportFactory()
    published = ResponseFactory(report=report, published=True)
    draft = ResponseFactory(report=report)
    html = client.get(report.get_absolute_url()).content.decode()
    assert published.get_absolute_url() in html
    assert draft.get_absolute_url() not in html


def test_a_force_report_expects_an_answer_only_from_that_force(client):
    response = ResponseFactory(published=True, report__concerns_all_forces=False)
    response.report.forces.add(response.body.force)
    text = " ".join(client.get(response.report.get_absolute_url()).content.decode().split())
    assert "Not yet published" not in text
    assert response.body.force.name in text


def test_an_unknown_report_is_not_found(client):
    assert client.get("/reports/no-such-report/").status_code == 404


def test_the_list_of_reports_shows_each_report(client):
    reports = [ReportFactory() for _ in range(3)]
    html = client.get("/reports/").content.decode()
    for report in reports:
        assert report.get_absolute_url() in html


def test_the_page_costs_the_same_queries_with_3_findings_and_responses_as_with_30(client, django_assert_num_queries):
    small, large = ReportFactory(), ReportFactory()
    for report, count in ((small, 3), (large, 30)):
        for _ in range(count):
            FindingFactory(report=report)
            ResponseFactory(report=report, published=True)
    # the report, its forces, its findings, its published responses, all bodies, the force reports linked to it
    with django_assert_num_queries(6) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_num_queries(len(small_queries)):
        client.get(large.get_absolute_url())
