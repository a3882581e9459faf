"""A body can start a response only to a report it must answer (tracker.coverage.must_answer)."""

import datetime

import pytest

from responses.models import Response, ResponseEvent, ResponseItem, Revision
from tests.factories import FindingFactory, ForceFactory, ReportFactory
from tracker.models import LocalPolicingBody, Membership

pytestmark = pytest.mark.django_db


def _counts():
    return {model.__name__: model.objects.count() for model in (Response, ResponseItem, Revision, ResponseEvent)}


def _start(client, report, body):
    return client.post(f"/staff/reports/{report.slug}/start/{body.slug}/", follow=True)


def test_a_body_cannot_start_a_response_to_another_forces_report(client, drafter, body):
    report = ReportFactory(concerns_all_forces=False)
    report.forces.set([ForceFactory()])
    FindingFactory(report=report)
    client.force_login(drafter)
    before = _counts()
    page = " ".join(_start(client, report, body).content.decode().split())
    assert _counts() == before
    assert "cannot start a response to this report" in page and "only" in page


def test_a_body_cannot_start_a_response_to_a_report_that_predates_it(client):
    """The Mayor of South Yorkshire took office on 7 May 2024 (real history data)."""
    from tests.factories import UserFactory

    mayor = LocalPolicingBody.objects.get(name="Mayor of South Yorkshire")
    user = UserFactory(username="sy-drafter")
    Membership.objects.create(user=user, body=mayor, role=Membership.Role.DRAFTER)
    report = ReportFactory(published_on=datetime.date(2021, 3, 1), concerns_all_forces=True)
    FindingFactory(report=report)
    client.force_login(user)
    before = _counts()
    page = " ".join(_start(client, report, mayor).content.decode().split())
    assert _counts() == before
    assert "took office on 7 May 2024" in page


def test_the_dashboard_does_not_ask_a_body_to_answer_a_report_that_predates_it(client):
    from tests.factories import UserFactory

    mayor = LocalPolicingBody.objects.get(name="Mayor of South Yorkshire")
    user = UserFactory(username="sy-drafter")
    Membership.objects.create(user=user, body=mayor, role=Membership.Role.DRAFTER)
    old = ReportFactory(title="A report of 2021", published_on=datetime.date(2021, 3, 1))
    new = ReportFactory(title="A report of 2025", published_on=datetime.date(2025, 3, 1))
    client.force_login(user)
    html = client.get("/staff/").content.decode()
    assert new.title in html
    assert old.title not in html


def test_a_body_can_start_a_response_to_a_report_it_must_answer(client, drafter, body):
    report = ReportFactory(concerns_all_forces=False)
    report.forces.set([body.force])
    FindingFactory(report=report)
    client.force_login(drafter)
    _start(client, report, body)
    assert Response.objects.filter(report=report, body=body).exists()
