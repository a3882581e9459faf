"""Chasing the chief officer's comments (s.55(4)): overdue once the date the body set has passed with
none recorded as received; the dashboard lists them and `send_reminders` chases each once."""

import datetime
import html
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from responses.models import ReminderSent
from tests.factories import (
    MembershipFactory,
    ReportFactory,
    ResponseFactory,
    UserFactory,
    publish,
    response_with_findings,
)
from tracker.models import Membership

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DAY = datetime.timedelta(days=1)
ASKED_BY = datetime.date(2024, 4, 1)


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=LONDON), tick=False)


def run_on(day):
    """Run the command as cron would, at 7 in the morning on `day`; returns its output."""
    out = io.StringIO()
    with at(day):
        call_command("send_reminders", stdout=out)
    return out.getvalue()


def _report(force, **kwargs):
    """A report on one force, published 1 March 2024: the response is due on 25 April 2024."""
    report = ReportFactory(concerns_all_forces=False, published_on=datetime.date(2024, 3, 1), **kwargs)
    report.forces.add(force)
    return report


@pytest.fixture
def response(body):
    return ResponseFactory(
        report=_report(body.force, title="An inspection of custody"),
        body=body,
        chief_officer_comments_requested_on=datetime.date(2024, 3, 4),
        chief_officer_comments_due_on=ASKED_BY,
    )


def _co_reminders(mailoutbox):
    return [message for message in mailoutbox if "chief officer" in message.subject]


def _text(reply):
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", reply.content.decode())).split())


# The rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "overdue", "days_left"),
    [(ASKED_BY - DAY, False, 1), (ASKED_BY, False, 0), (ASKED_BY + DAY, True, -1), (ASKED_BY + 30 * DAY, True, -30)],
)
def test_overdue_once_the_date_has_passed(response, today, overdue, days_left):
    assert response.chief_officer_comments_overdue(today) is overdue
    assert response.chief_officer_countdown(today).days_left == days_left


def test_not_overdue_once_received(response):
    response.chief_officer_comments_received_on = ASKED_BY + 3 * DAY
    assert not response.chief_officer_comments_overdue(ASKED_BY + 10 * DAY)
    assert response.chief_officer_countdown(ASKED_BY + 10 * DAY) is None


def test_never_overdue_without_a_date(body):
    response = ResponseFactory(report=_report(body.force), body=body)
    assert not response.chief_officer_comments_overdue(ASKED_BY + 10 * DAY)


def test_not_chased_once_the_response_is_published(response):
    publish(response, when=datetime.datetime(2024, 4, 3, 12, tzinfo=LONDON))
    assert not response.chief_officer_comments_overdue(ASKED_BY + 10 * DAY)


# The reminder -------------------------------------------------------------------------------


def test_no_reminder_before_or_on_the_date(response, drafter, mailoutbox):
    run_on(ASKED_BY - DAY)
    run_on(ASKED_BY)
    assert _co_reminders(mailoutbox) == []
    assert not ReminderSent.objects.filter(threshold=ReminderSent.Threshold.CHIEF_OFFICER_OVERDUE).exists()


def test_the_day_after_the_date_the_writers_are_reminded(response, drafter, publisher, reviewer, mailoutbox):
    assert run_on(ASKED_BY + DAY) == "Sent 2 reminder emails.\n"
    reminders = _co_reminders(mailoutbox)
    # Drafters and publishers write the response; a reviewer only reviews it.
    assert sorted(address for message in reminders for address in message.to) == [
        "drafter@example.org",
        "publisher@example.org",
    ]
    message = reminders[0]
    assert message.subject == "The chief officer's comments on An inspection of custody are overdue"
    body = " ".join(message.body.split())
    assert "by 1 April 2024 (section 55(4) of the Police Act 1996)" in body
    assert "they are now 1 day overdue" in body
    assert "Asked for on: 4 March 2024" in body
    assert f"http://testserver/staff/responses/{response.pk}/" in body
    assert "1 day overdue" in message.alternatives[0][0]
    assert list(ReminderSent.objects.values_list("report", "body", "threshold")) == [
        (response.report_id, response.body_id, "co-overdue")
    ]


def test_the_reminder_is_sent_once(response, drafter, mailoutbox):
    run_on(ASKED_BY + DAY)
    assert run_on(ASKED_BY + 2 * DAY) == "Sent 0 reminder emails.\n"
    run_on(ASKED_BY + 9 * DAY)
    assert len(_co_reminders(mailoutbox)) == 1


def test_a_late_first_run_still_chases_once(response, drafter, mailoutbox):
    run_on(ASKED_BY + 20 * DAY)
    run_on(ASKED_BY + 21 * DAY)
    reminders = _co_reminders(mailoutbox)
    assert len(reminders) == 1
    assert "they are now 20 days overdue" in " ".join(reminders[0].body.split())


def test_no_reminder_once_the_comments_are_received(response, drafter, mailoutbox):
    response.chief_officer_comments_received_on = ASKED_BY
    response.save()
    run_on(ASKED_BY + DAY)
    assert _co_reminders(mailoutbox) == []


def test_no_reminder_once_the_response_is_published(response, drafter, mailoutbox):
    publish(response, when=datetime.datetime(2024, 3, 30, 12, tzinfo=LONDON))
    run_on(ASKED_BY + DAY)
    assert _co_reminders(mailoutbox) == []


def test_the_deadline_reminder_and_the_chief_officers_are_separate(body, drafter, mailoutbox):
    """On 11 April the response has 14 days left and the chief officer's date (10 April) has passed."""
    ResponseFactory(
        report=_report(body.force, title="Vetting"), body=body, chief_officer_comments_due_on=datetime.date(2024, 4, 10)
    )
    run_on(datetime.date(2024, 4, 11))
    assert sorted(ReminderSent.objects.values_list("threshold", flat=True)) == ["14", "co-overdue"]
    assert len(mailoutbox) == 2


def test_another_bodys_chase_goes_to_its_own_staff_only(response, drafter, other_body, mailoutbox):
    stranger = UserFactory(username="stranger")
    MembershipFactory(user=stranger, body=other_body, role=Membership.Role.DRAFTER)
    ResponseFactory(report=_report(other_body.force), body=other_body, chief_officer_comments_due_on=ASKED_BY)
    run_on(ASKED_BY + DAY)
    to = {message.to[0]: message.subject for message in _co_reminders(mailoutbox)}
    assert to["drafter@example.org"] == "The chief officer's comments on An inspection of custody are overdue"
    assert "An inspection of custody" not in to["stranger@example.org"]
    assert len(_co_reminders(mailoutbox)) == 2


# The dashboard ------------------------------------------------------------------------------


def test_the_dashboard_lists_overdue_chief_officers_comments_with_days_overdue(client, response, drafter):
    client.force_login(drafter)
    with at(ASKED_BY + 3 * DAY):
        text = _text(client.get("/staff/"))
    section = text.split("The chief officer's comments are overdue")[1].split("Waiting for your review")[0]
    assert f"{response.body.name}: An inspection of custody" in section
    assert "(asked for by 1 April 2024: 3 days overdue" in section


def test_the_dashboard_shows_days_left_before_the_date(client, response, drafter):
    client.force_login(drafter)
    with at(ASKED_BY - 2 * DAY):
        text = _text(client.get("/staff/"))
    assert "The chief officer's comments are overdue" not in text
    assert "Chief officer's comments asked for by 1 Apr 2024: 2 days left" in text


def test_the_dashboard_stops_listing_them_once_received(client, response, drafter):
    response.chief_officer_comments_received_on = ASKED_BY + 2 * DAY
    response.save()
    client.force_login(drafter)
    with at(ASKED_BY + 3 * DAY):
        text = _text(client.get("/staff/"))
    assert "The chief officer's comments are overdue" not in text
    assert "Chief officer's comments asked for" not in text


def test_the_dashboard_never_lists_another_bodys(client, outsider, response):
    client.force_login(outsider)
    with at(ASKED_BY + 3 * DAY):
        assert "The chief officer's comments are overdue" not in _text(client.get("/staff/"))


# The public page ----------------------------------------------------------------------------


def test_the_public_page_says_when_the_chief_officers_comments_were_received(client, body):
    response = response_with_findings(
        1,
        report=_report(body.force, title="Stalking"),
        body=body,
        chief_officer_comments="The force accepts the recommendations.",
        chief_officer_comments_received_on=datetime.date(2024, 3, 28),
    )
    publish(response, when=datetime.datetime(2024, 4, 3, 12, tzinfo=LONDON))
    text = _text(client.get(response.get_absolute_url()))
    assert "The chief officer's comments Received 28 March 2024. The force accepts the recommendations." in text
