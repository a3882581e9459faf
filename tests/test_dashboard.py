"""The staff dashboard: my bodies' responses, what waits for me, and reports not yet started."""

import datetime
import html
import re

import pytest
import time_machine

from responses import workflow
from responses.models import Response
from tests.factories import FindingFactory, ReportFactory, ResponseFactory, response_with_findings

pytestmark = pytest.mark.django_db


def test_it_lists_my_bodies_responses_with_status_and_days_left(client, drafter, draft):
    due = draft.due_on
    client.force_login(drafter)
    with time_machine.travel(
        datetime.datetime.combine(due - datetime.timedelta(days=3), datetime.time(12)), tick=False
    ):
        text = " ".join(client.get("/staff/").content.decode().split())
    assert draft.report.title in text
    assert "3 days left" in text
    assert "Draft" in text


def test_it_says_how_many_days_overdue(client, drafter, draft):
    client.force_login(drafter)
    with time_machine.travel(
        datetime.datetime.combine(draft.due_on + datetime.timedelta(days=2), datetime.time(12)), tick=False
    ):
        assert "2 days overdue" in client.get("/staff/").content.decode()


def test_it_never_shows_another_bodys_response(client, outsider, draft):
    client.force_login(outsider)
    assert draft.get_staff_url() not in client.get("/staff/").content.decode()


def test_it_offers_to_start_a_response_to_a_national_report(client, drafter, body):
    report = ReportFactory(title="A national thematic nobody has answered", concerns_all_forces=True)
    FindingFactory(report=report)
    client.force_login(drafter)
    html = client.get("/staff/").content.decode()
    assert f"/staff/reports/{report.slug}/start/{body.slug}/" in html
    reply = client.post(f"/staff/reports/{report.slug}/start/{body.slug}/")
    response = Response.objects.get(report=report, body=body)
    assert reply["Location"] == f"/staff/responses/{response.pk}/edit/"
    assert response.items.count() == 1


def test_starting_twice_does_not_make_a_second_response(client, drafter, body):
    report = ReportFactory()
    client.force_login(drafter)
    client.post(f"/staff/reports/{report.slug}/start/{body.slug}/")
    client.post(f"/staff/reports/{report.slug}/start/{body.slug}/")
    assert Response.objects.filter(report=report, body=body).count() == 1


def test_a_force_report_for_another_force_is_not_offered(client, drafter, body):
    elsewhere = ReportFactory(title="A force report elsewhere", concerns_all_forces=False)
    client.force_login(drafter)
    assert elsewhere.title not in client.get("/staff/").content.decode()


def test_it_lists_responses_waiting_for_my_review(client, drafter, reviewer, draft):
    workflow.submit(draft, drafter)
    client.force_login(reviewer)
    section = client.get("/staff/").content.decode().split("Waiting for your review")[1].split("Your responses")[0]
    assert draft.get_staff_url() in section
    client.force_login(drafter)
    section = client.get("/staff/").content.decode().split("Waiting for your review")[1].split("Your responses")[0]
    assert draft.get_staff_url() not in section


def test_the_account_page_lists_my_roles(client, drafter, body):
    client.force_login(drafter)
    text = " ".join(client.get("/staff/account/").content.decode().split())
    assert body.name in text and "Drafter" in text


def test_it_costs_a_fixed_number_of_queries(client, drafter, body, django_assert_max_num_queries):
    for _ in range(5):
        ResponseFactory(body=body)
        ReportFactory()
    client.force_login(drafter)
    with django_assert_max_num_queries(12):
        client.get("/staff/")


def _words(reply):
    """The page's words, each tag (a line break too) read as a space."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", reply.content.decode())).split())


def test_a_report_with_no_response_yet_shows_its_days_left(client, drafter, body):
    report = ReportFactory(title="A report nobody has started", published_on=datetime.date(2024, 3, 1))
    client.force_login(drafter)
    with time_machine.travel(datetime.datetime(2024, 4, 20, 12), tick=False):
        text = _words(client.get("/staff/"))
    assert f"{report.title} {body.name} 25 Apr 2024 5 days left" in text


def test_a_report_with_no_response_yet_says_when_it_is_overdue(client, drafter, body):
    ReportFactory(title="A report nobody has started", published_on=datetime.date(2024, 3, 1))
    client.force_login(drafter)
    with time_machine.travel(datetime.datetime(2024, 4, 26, 12), tick=False):
        text = _words(client.get("/staff/"))
    assert "A report nobody has started" in text and "25 Apr 2024 1 day overdue" in text


def test_the_review_list_gives_the_days_left(client, drafter, reviewer, draft):
    workflow.submit(draft, drafter)
    client.force_login(reviewer)
    with time_machine.travel(
        datetime.datetime.combine(draft.due_on - datetime.timedelta(days=4), datetime.time(12)), tick=False
    ):
        section = _words(client.get("/staff/")).split("Waiting for your review")[1].split("Your responses")[0]
    assert f"due {draft.due_on:%-d %B %Y}: 4 days left" in section


def test_a_published_response_says_when_it_was_published_even_while_amended(client, drafter, body):
    response = response_with_findings(1, published=True, body=body)
    workflow.amend(response, drafter)
    client.force_login(drafter)
    with time_machine.travel(
        datetime.datetime.combine(response.due_on + datetime.timedelta(days=400), datetime.time(12)), tick=False
    ):
        text = _words(client.get("/staff/"))
    # The statutory deadline was met (or missed) for good at publication: no "400 days overdue".
    assert f"Published {response.published_on:%-d %B %Y}" in text
    assert "overdue" not in text


def test_the_reviewers_reason_for_changes_is_on_the_dashboard(client, drafter, reviewer, draft):
    workflow.submit(draft, drafter)
    workflow.request_changes(draft, reviewer, "Recommendation 2: the date we give is wrong.")
    client.force_login(drafter)
    words = _words(client.get("/staff/"))
    assert "asked: “Recommendation 2: the date we give is wrong.”" in words


def test_only_the_latest_request_for_changes_is_shown(client, drafter, reviewer, draft):
    workflow.submit(draft, drafter)
    workflow.request_changes(draft, reviewer, "First round: spell out the plan.")
    draft.refresh_from_db()
    workflow.submit(draft, drafter)
    workflow.request_changes(draft, reviewer, "Second round: name the lead officer.")
    client.force_login(drafter)
    words = _words(client.get("/staff/"))
    assert "Second round: name the lead officer." in words
    assert "First round" not in words


def test_the_reason_goes_once_the_response_is_resubmitted(client, drafter, reviewer, draft):
    workflow.submit(draft, drafter)
    workflow.request_changes(draft, reviewer, "Shorten the introduction.")
    draft.refresh_from_db()
    workflow.submit(draft, drafter)
    client.force_login(drafter)
    assert "Shorten the introduction." not in _words(client.get("/staff/"))


def test_reasons_cost_one_query_however_many_responses_were_sent_back(client, drafter, reviewer, body):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def sent_back(n):
        for _ in range(n):
            response = response_with_findings(1, body=body)
            workflow.submit(response, drafter)
            workflow.request_changes(response, reviewer, "Add the dates.")

    client.force_login(drafter)
    sent_back(1)
    with CaptureQueriesContext(connection) as one:
        client.get("/staff/")
    sent_back(4)
    with CaptureQueriesContext(connection) as five:
        assert _words(client.get("/staff/")).count("asked: “Add the dates.”") == 5
    assert len(five) == len(one)
