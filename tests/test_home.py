"""The home page: the latest reports with their responses counted, the latest responses with their timing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ReportFactory, ResponseFactory, publish, response_with_findings
from tracker.models import LocalPolicingBody

pytestmark = pytest.mark.django_db

LONDON = datetime.timezone(datetime.timedelta(hours=1))  # British Summer Time, as in April to June 2024


def _text(client):
    return " ".join(client.get("/").content.decode().split())


def _published(when=None, **kwargs):
    """A response to a report published on 1 March 2024 (due by 25 April 2024), published `when`."""
    response = ResponseFactory(**kwargs)
    return publish(response, when=when)


def test_it_links_to_published_responses_and_not_to_drafts(client):
    published = response_with_findings(1, published=True)
    draft = ResponseFactory()
    html = client.get("/").content.decode()
    assert published.get_absolute_url() in html
    assert draft.get_absolute_url() not in html


def test_it_lists_the_latest_reports_with_how_many_expected_responses_are_published(client):
    report = ReportFactory(concerns_all_forces=True, published_on=datetime.date(2024, 3, 1))
    ResponseFactory(report=report, body=LocalPolicingBody.objects.get(slug="kent-pcc"), published=True)
    ResponseFactory(report=report, body=LocalPolicingBody.objects.get(slug="essex-pfcc"))  # a draft: not counted
    text = _text(client)
    assert report.get_absolute_url() in text
    assert "National thematic, published 1 March 2024" in text
    assert "1 of 43 expected responses published, due by 25 April 2024" in text


def test_it_shows_only_the_five_newest_reports(client):
    reports = [
        ReportFactory(title=f"Report number {day}", published_on=datetime.date(2024, 1, day)) for day in range(1, 8)
    ]
    html = client.get("/").content.decode()
    shown = [report for report in reports if f'href="{report.get_absolute_url()}"' in html]
    assert shown == reports[2:]
    assert html.index("Report number 7") < html.index("Report number 3")


def test_it_says_when_a_response_was_on_time(client):
    _published(when=datetime.datetime(2024, 4, 25, 16, 0, tzinfo=LONDON))
    assert "Published 25 April 2024, on time" in _text(client)


def test_it_says_by_how_many_days_a_response_was_late(client):
    _published(when=datetime.datetime(2024, 5, 22, 10, 0, tzinfo=LONDON))
    _published(when=datetime.datetime(2024, 4, 26, 10, 0, tzinfo=LONDON))
    text = _text(client)
    assert "Published 22 May 2024, 27 days late" in text
    assert "Published 26 April 2024, 1 day late" in text


def test_it_claims_nothing_about_the_56_days_for_an_imported_response_of_unknown_date(client):
    _published(publication_date_known=False)
    text = _text(client)
    assert "First published elsewhere, date not known" in text
    assert "on time" not in text and "day late" not in text and "days late" not in text


def test_it_lists_the_newest_responses_first(client):
    older = _published(when=datetime.datetime(2024, 4, 1, 10, 0, tzinfo=LONDON))
    newer = _published(when=datetime.datetime(2024, 4, 2, 10, 0, tzinfo=LONDON))
    html = client.get("/").content.decode()
    assert html.index(newer.get_absolute_url()) < html.index(older.get_absolute_url())


def test_it_links_to_the_reports_list_and_its_most_outstanding_reports(client):
    ReportFactory()
    html = client.get("/").content.decode()
    assert 'href="/reports/"' in html
    assert 'href="/reports/?sort=outstanding"' in html


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_it_costs_the_same_few_queries_however_many_reports_and_responses(client, django_assert_num_queries):
    """Both lists are of fixed length and the figures come from coverage_for (bodies fetched once).
    Six queries: latest reports, their forces, their linked force reports, the bodies, their
    published responses, the latest responses. Measured with 3 and then 30 of each; the count is
    the same, and no more than those six."""
    for _ in range(3):
        response_with_findings(2, published=True)
    few = _queries(client)
    assert few <= 6
    for _ in range(27):
        response_with_findings(2, published=True)
    with django_assert_num_queries(few):
        assert client.get("/").status_code == 200
