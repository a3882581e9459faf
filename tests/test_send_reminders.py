"""Deadline reminders: 14, 7 and 1 days before a response is due, and once overdue; each once."""

import datetime
import io
import smtplib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from responses.models import ReminderSent
from responses.notifications import reminder_threshold
from tests.factories import ForceFactory, MembershipFactory, ReportFactory, ResponseFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db

Role = Membership.Role
LONDON = ZoneInfo("Europe/London")
DAY = datetime.timedelta(days=1)


class UnreachableMailServer(BaseEmailBackend):
    def open(self):
        raise ConnectionRefusedError("The mail server is down")

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("The mail server hung up")


class MailServerThatHangsUp(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("The mail server hung up")


@pytest.fixture
def report(body):
    """A report on the body's own force, due on 25 April 2024."""
    report = ReportFactory(
        title="An inspection of custody", published_on=datetime.date(2024, 3, 1), concerns_all_forces=False
    )
    report.forces.add(body.force)
    return report


@pytest.fixture
def due(report):
    assert report.responses_due_on == datetime.date(2024, 4, 25)
    return report.responses_due_on


def run_on(day):
    """Run the command as cron would, at 7 in the morning London time on `day`; returns its output."""
    out = io.StringIO()
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=LONDON), tick=False):
        call_command("send_reminders", stdout=out)
    return out.getvalue()


def _to(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def _thresholds_recorded():
    return sorted(ReminderSent.objects.values_list("threshold", flat=True))


# When ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [(15, None), (14, "14"), (8, "14"), (7, "7"), (2, "7"), (1, "1"), (0, "1"), (-1, "overdue"), (-28, "overdue")],
)
def test_the_most_urgent_threshold_applies(days_left, threshold):
    assert reminder_threshold(days_left) == threshold


def test_nothing_is_sent_more_than_14_days_before_the_due_date(due, drafter, mailoutbox):
    run_on(due - 15 * DAY)
    assert mailoutbox == []


def test_the_14_day_reminder_goes_14_days_before_the_due_date(due, drafter, mailoutbox):
    run_on(due - 14 * DAY)
    (message,) = mailoutbox
    assert message.subject == "14 days left to publish your response to An inspection of custody"


def test_each_threshold_fires_once_over_the_whole_period(due, drafter, mailoutbox):
    day = due - 20 * DAY
    while day <= due + 10 * DAY:
        run_on(day)
        day += DAY
    assert [message.subject.split(" to publish")[0] for message in mailoutbox] == [
        "14 days left",
        "7 days left",
        "1 day left",
        "Your response to An inspection of custody is overdue",
    ]


def test_running_twice_the_same_day_sends_nothing_the_second_time(due, drafter, mailoutbox):
    assert run_on(due - 7 * DAY) == "Sent 1 reminder email.\n"
    assert run_on(due - 7 * DAY) == "Sent 0 reminder emails.\n"
    assert len(mailoutbox) == 1


def test_after_an_outage_only_the_most_urgent_reminder_is_sent(due, drafter, mailoutbox):
    run_on(due - 6 * DAY)
    (message,) = mailoutbox
    assert message.subject == "6 days left to publish your response to An inspection of custody"
    assert _thresholds_recorded() == ["7"]


def test_a_skipped_reminder_is_not_sent_late(due, drafter, mailoutbox):
    run_on(due - 6 * DAY)
    run_on(due - 5 * DAY)
    assert len(mailoutbox) == 1


def test_the_1_day_reminder_goes_on_the_due_date_if_the_day_before_was_missed(due, drafter, mailoutbox):
    run_on(due)
    (message,) = mailoutbox
    assert message.subject == "Your response to An inspection of custody is due today"
    assert _thresholds_recorded() == ["1"]


def test_the_overdue_reminder_is_sent_once(due, drafter, mailoutbox):
    run_on(due + DAY)
    run_on(due + 2 * DAY)
    (message,) = mailoutbox
    assert message.subject == "Your response to An inspection of custody is overdue"


def test_reports_more_than_28_days_overdue_are_left_alone(due, drafter, mailoutbox):
    run_on(due + 29 * DAY)
    assert mailoutbox == []


def test_a_report_28_days_overdue_still_gets_its_overdue_reminder(due, drafter, mailoutbox):
    run_on(due + 28 * DAY)
    assert len(mailoutbox) == 1


def test_a_reminder_already_recorded_is_never_sent_again(report, due, body, drafter, mailoutbox):
    ReminderSent.objects.create(report=report, body=body, threshold="7")
    run_on(due - 7 * DAY)
    assert mailoutbox == []


def test_an_unreachable_mail_server_fails_the_run_before_recording_anything(due, drafter, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.test_send_reminders.UnreachableMailServer"
    with pytest.raises(ConnectionRefusedError):
        run_on(due - 7 * DAY)
    assert not ReminderSent.objects.exists()


def test_a_send_that_fails_after_recording_is_logged_and_stops_the_run(due, drafter, settings, caplog):
    settings.EMAIL_BACKEND = "tests.test_send_reminders.MailServerThatHangsUp"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        run_on(due - 7 * DAY)
    assert "recorded but not sent" in caplog.text


# Who -----------------------------------------------------------------------------------------


def test_drafters_and_publishers_are_reminded(due, drafter, publisher, mailoutbox):
    run_on(due - 7 * DAY)
    assert _to(mailoutbox) == [drafter.email, publisher.email]
    assert [len(message.recipients()) for message in mailoutbox] == [1, 1]


def test_reviewers_are_not_reminded(due, drafter, reviewer, mailoutbox):
    run_on(due - 7 * DAY)
    assert _to(mailoutbox) == [drafter.email]


def test_users_without_an_email_address_are_skipped(due, body, drafter, mailoutbox):
    MembershipFactory(user=UserFactory(username="no-address", email=""), body=body, role=Role.PUBLISHER)
    run_on(due - 7 * DAY)
    assert _to(mailoutbox) == [drafter.email]


def test_a_body_that_has_published_gets_nothing(report, due, body, drafter, mailoutbox):
    ResponseFactory(report=report, body=body, published=True)
    run_on(due - 7 * DAY)
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()


def test_a_body_whose_response_is_only_a_draft_is_still_reminded(report, due, body, drafter, mailoutbox):
    ResponseFactory(report=report, body=body)
    run_on(due - 7 * DAY)
    assert _to(mailoutbox) == [drafter.email]


def test_a_body_not_expected_to_answer_gets_nothing(due, drafter, mailoutbox):
    report = ReportFactory(published_on=datetime.date(2024, 3, 1), concerns_all_forces=False)
    report.forces.add(ForceFactory())
    run_on(due - 7 * DAY)
    assert [message.subject for message in mailoutbox] == [
        "7 days left to publish your response to An inspection of custody"
    ]


def test_every_body_is_reminded_about_a_national_report(due, body, drafter, outsider, other_body, mailoutbox):
    ReportFactory(title="A national thematic", published_on=datetime.date(2024, 3, 1), concerns_all_forces=True)
    run_on(due - 7 * DAY)
    national = sorted(message.to[0] for message in mailoutbox if "A national thematic" in message.subject)
    assert national == [drafter.email, outsider.email]


# What it says --------------------------------------------------------------------------------


def test_the_reminder_names_the_report_body_due_date_and_days_left(due, body, drafter, mailoutbox):
    run_on(due - 7 * DAY)
    text = mailoutbox[0].body
    assert "Report: An inspection of custody" in text
    assert f"Local policing body: {body.name}" in text
    assert "Due date: 25 April 2024 (7 days left)" in text


def test_the_overdue_reminder_says_how_overdue_it_is(due, drafter, mailoutbox):
    run_on(due + 3 * DAY)
    assert "Due date: 25 April 2024 (3 days overdue)" in mailoutbox[0].body


def test_the_reminder_links_to_the_draft_when_there_is_one(report, due, body, drafter, settings, mailoutbox):
    response = ResponseFactory(report=report, body=body)
    run_on(due - 7 * DAY)
    link = settings.SITE_URL + response.get_staff_url()
    assert link in mailoutbox[0].body
    assert f'href="{link}"' in mailoutbox[0].alternatives[0][0]


def test_the_reminder_links_to_the_report_page_when_nothing_is_started(report, due, drafter, settings, mailoutbox):
    run_on(due - 7 * DAY)
    assert settings.SITE_URL + report.get_absolute_url() in mailoutbox[0].body
    assert "Where the response is: not started" in mailoutbox[0].body


def test_the_html_reminder_has_a_language_a_heading_and_a_meaningful_link(due, drafter, mailoutbox):
    run_on(due - 7 * DAY)
    html = mailoutbox[0].alternatives[0][0]
    assert '<html lang="en">' in html
    assert ">7 days left to publish your response to An inspection of custody</h1>" in html
    assert ">Start the response from the report page</a>" in html
