"""The staff dashboard: my bodies' responses, what waits for me, and reports not yet started."""

import datetime

import pytest
import time_machine

from responses import workflow
from responses.models import Response
from tests.factories import FindingFactory, ReportFactory, ResponseFactory

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
