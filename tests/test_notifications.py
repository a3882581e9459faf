"""Workflow emails and the statutory copy: who hears about what, and what the email says."""

import datetime
import hashlib
import logging
import smtplib

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend

from responses import workflow
from responses.models import ResponseEvent, StatutoryCopy
from responses.notifications import send_statutory_copy, transition_happened
from tests.factories import MembershipFactory, ReportFactory, ResponseFactory, ResponseItemFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db

Role = Membership.Role
LOGGER = "responses.notifications"


class BrokenMailServer(BaseEmailBackend):
    def open(self):
        raise ConnectionRefusedError("The mail server is down")

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("The mail server hung up")


def _member(body, role, username, **user_fields):
    user = UserFactory(username=username, **user_fields)
    MembershipFactory(user=user, body=body, role=role)
    return user


@pytest.fixture
def response(body):
    report = ReportFactory(
        title="Police response to stalking & harassment: the victim's view", published_on=datetime.date(2024, 3, 1)
    )
    response = ResponseFactory(report=report, body=body)
    ResponseItemFactory(response=response)
    return response


def _event(response, action, actor, comment="", from_status="", to_status=None):
    return ResponseEvent.objects.create(
        response=response,
        action=action,
        actor=actor,
        comment=comment,
        from_status=from_status,
        to_status=to_status or response.status,
    )


def _to(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def _html(message):
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


# Who hears -----------------------------------------------------------------------------------


def test_submitting_tells_the_reviewers_and_publishers(response, drafter, reviewer, publisher, mailoutbox):
    transition_happened(_event(response, "submit", drafter))
    assert _to(mailoutbox) == [publisher.email, reviewer.email]


def test_each_recipient_gets_their_own_message(response, drafter, reviewer, publisher, mailoutbox):
    transition_happened(_event(response, "submit", drafter))
    assert [len(message.recipients()) for message in mailoutbox] == [1, 1]


def test_it_never_emails_the_actor_about_their_own_action(response, reviewer, publisher, mailoutbox):
    transition_happened(_event(response, "submit", publisher))
    assert _to(mailoutbox) == [reviewer.email]


def test_staff_of_other_bodies_hear_nothing(response, drafter, outsider, mailoutbox):
    transition_happened(_event(response, "publish", drafter))
    assert outsider.email not in _to(mailoutbox)


def test_users_without_an_email_address_are_skipped(response, drafter, reviewer, mailoutbox):
    _member(response.body, Role.PUBLISHER, "no-address", email="")
    transition_happened(_event(response, "submit", drafter))
    assert _to(mailoutbox) == [reviewer.email]


def test_deactivated_users_are_skipped(response, drafter, reviewer, mailoutbox):
    _member(response.body, Role.PUBLISHER, "gone", is_active=False)
    transition_happened(_event(response, "submit", drafter))
    assert _to(mailoutbox) == [reviewer.email]


def test_someone_with_two_roles_gets_one_email(response, drafter, reviewer, mailoutbox):
    MembershipFactory(user=reviewer, body=response.body, role=Role.PUBLISHER)
    transition_happened(_event(response, "submit", drafter))
    assert _to(mailoutbox) == [reviewer.email]


def test_requesting_changes_tells_the_drafters_and_the_submitter(response, drafter, reviewer, publisher, mailoutbox):
    response.submitted_by = publisher
    response.save()
    transition_happened(_event(response, "request_changes", reviewer, "Say who will check progress."))
    assert _to(mailoutbox) == [drafter.email, publisher.email]


def test_a_submitter_who_has_left_the_body_is_not_told(response, drafter, reviewer, mailoutbox):
    response.submitted_by = UserFactory(username="left-the-office")
    response.save()
    transition_happened(_event(response, "request_changes", reviewer, "Say who will check progress."))
    assert _to(mailoutbox) == [drafter.email]


def test_approval_tells_the_publishers_and_the_submitter(response, drafter, reviewer, publisher, mailoutbox):
    other_drafter = _member(response.body, Role.DRAFTER, "other-drafter")
    response.submitted_by = drafter
    response.save()
    transition_happened(_event(response, "approve", reviewer))
    assert _to(mailoutbox) == [drafter.email, publisher.email]
    assert other_drafter.email not in _to(mailoutbox)


@pytest.mark.parametrize("action", ["publish", "publish_scheduled"])
def test_publication_tells_everyone_in_the_body(action, response, drafter, reviewer, publisher, mailoutbox):
    transition_happened(_event(response, action, None))
    assert _to(mailoutbox) == [drafter.email, publisher.email, reviewer.email]


def test_force_publishing_asks_those_who_can_review_for_a_retrospective_review(
    response, drafter, reviewer, publisher, mailoutbox
):
    second_publisher = _member(response.body, Role.PUBLISHER, "second-publisher")
    transition_happened(_event(response, "force_publish", publisher, "The report is due today."))
    sent = sorted((message.to[0], message.subject.split(":")[0]) for message in mailoutbox)
    assert sent == [
        (drafter.email, "Response published"),
        (reviewer.email, "A response was published without review"),
        (second_publisher.email, "A response was published without review"),
    ]


def test_withdrawal_tells_everyone_in_the_body_with_the_reason(response, drafter, reviewer, publisher, mailoutbox):
    transition_happened(_event(response, "withdraw", publisher, "It named a victim by mistake."))
    assert _to(mailoutbox) == [drafter.email, reviewer.email]
    assert all("It named a victim by mistake." in message.body for message in mailoutbox)


@pytest.mark.parametrize("action", ["start", "amend", "schedule", "unschedule", "retrospective_approve"])
def test_routine_steps_email_nobody(action, response, drafter, reviewer, publisher, mailoutbox):
    transition_happened(_event(response, action, publisher))
    assert mailoutbox == []


# What it says ---------------------------------------------------------------------------------


def test_the_review_email_names_the_report_and_the_body(response, drafter, reviewer, mailoutbox):
    transition_happened(_event(response, "submit", drafter))
    (message,) = mailoutbox
    assert message.subject == f"A response is waiting for your review: {response.report.title}"
    assert f"Local policing body: {response.body.name}" in message.body


@time_machine.travel(datetime.datetime(2024, 4, 18, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_review_email_gives_the_due_date_and_the_days_left(response, drafter, reviewer, mailoutbox):
    transition_happened(_event(response, "submit", drafter))
    assert "Due date: 25 April 2024 (7 days left)" in mailoutbox[0].body


@time_machine.travel(datetime.datetime(2024, 4, 27, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_review_email_says_how_overdue_it_is(response, drafter, reviewer, mailoutbox):
    transition_happened(_event(response, "submit", drafter))
    assert "Due date: 25 April 2024 (2 days overdue)" in mailoutbox[0].body


def test_the_email_links_to_the_staff_page_of_the_response(response, drafter, reviewer, settings, mailoutbox):
    transition_happened(_event(response, "submit", drafter))
    link = settings.SITE_URL + response.get_staff_url()
    assert link.startswith("http")
    assert link in mailoutbox[0].body
    assert f'href="{link}"' in _html(mailoutbox[0])


def test_the_changes_email_carries_the_reviewers_reason(response, drafter, reviewer, mailoutbox):
    transition_happened(_event(response, "request_changes", reviewer, "Say who will check progress."))
    (message,) = mailoutbox
    assert "Say who will check progress." in message.body
    assert "Say who will check progress." in _html(message)


def test_plain_text_and_subject_are_not_html_escaped(response, drafter, reviewer, mailoutbox):
    transition_happened(_event(response, "submit", drafter))
    (message,) = mailoutbox
    assert "stalking & harassment: the victim's view" in message.subject
    assert "stalking & harassment: the victim's view" in message.body
    assert "stalking &amp; harassment: the victim&#x27;s view" in _html(message)


def test_the_html_version_has_a_language_a_heading_and_a_meaningful_link(response, drafter, reviewer, mailoutbox):
    transition_happened(_event(response, "submit", drafter))
    html = _html(mailoutbox[0])
    assert '<html lang="en">' in html
    assert "<h1" in html and "A response is waiting for your review</h1>" in html
    assert f">Review the response from {response.body.name}</a>" in html


def test_a_scheduled_publication_says_it_was_published_as_scheduled(response, drafter, mailoutbox):
    transition_happened(_event(response, "publish_scheduled", None, "Published as scheduled."))
    assert "As scheduled, the tracker has published the response" in mailoutbox[0].body


# Delivery -----------------------------------------------------------------------------------


def test_a_mail_failure_is_logged_not_raised(response, drafter, reviewer, settings, caplog, mailoutbox):
    settings.EMAIL_BACKEND = "tests.test_notifications.BrokenMailServer"
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        assert transition_happened(_event(response, "submit", drafter)) == 0
    assert "Could not send the submit emails" in caplog.text


def test_workflow_emails_go_out_only_once_the_transition_commits(
    response, drafter, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(response, drafter)
        assert mailoutbox == []
    assert _to(mailoutbox) == [reviewer.email]


# The statutory copy (s.55(6)) -----------------------------------------------------------------


@pytest.fixture
def version(response, publisher):
    """A live version, force published so that no other workflow step is needed."""
    event = workflow.force_publish(response, publisher, "The deadline is today.")
    return event.response.current_version


def test_the_statutory_copy_goes_to_every_statutory_recipient_in_one_email(version, settings, mailoutbox):
    send_statutory_copy(version)
    (message,) = mailoutbox
    assert message.to == settings.STATUTORY_COPY_RECIPIENTS


def test_the_statutory_copy_attaches_the_published_pdf(version, mailoutbox):
    send_statutory_copy(version)
    ((filename, content, mimetype),) = mailoutbox[0].attachments
    assert mimetype == "application/pdf"
    assert filename.endswith(".pdf")
    assert hashlib.sha256(content).hexdigest() == version.pdf_sha256


def test_the_statutory_copy_names_the_body_and_the_report(version, mailoutbox):
    send_statutory_copy(version)
    response = version.response
    assert mailoutbox[0].subject == f"Section 55 response from {response.body.name}: {response.report.title}"
    assert "section 55(6) of the Police Act 1996" in mailoutbox[0].body


def test_sending_the_statutory_copy_is_recorded(version, settings, mailoutbox):
    copy = send_statutory_copy(version)
    assert list(StatutoryCopy.objects.all()) == [copy]
    assert copy.version == version
    assert copy.recipients == settings.STATUTORY_COPY_RECIPIENTS
    assert copy.backend == "django.core.mail.backends.locmem.EmailBackend"


def test_publishing_sends_the_statutory_copy_once_it_commits(
    response, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.force_publish(response, publisher, "The deadline is today.")
    assert StatutoryCopy.objects.filter(version__response=response).count() == 1


def test_without_statutory_recipients_nothing_is_sent_or_recorded(version, settings, caplog, mailoutbox):
    settings.STATUTORY_COPY_RECIPIENTS = []
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert send_statutory_copy(version) is None
    assert mailoutbox == []
    assert not StatutoryCopy.objects.exists()
    assert "STATUTORY_COPY_RECIPIENTS is empty" in caplog.text


def test_a_failed_statutory_copy_is_logged_and_not_recorded(version, settings, caplog):
    settings.EMAIL_BACKEND = "tests.test_notifications.BrokenMailServer"
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        assert send_statutory_copy(version) is None
    assert not StatutoryCopy.objects.exists()
    assert "Could not send the statutory copy" in caplog.text


def test_a_statutory_copy_that_failed_can_be_sent_again(version, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.test_notifications.BrokenMailServer"
    send_statutory_copy(version)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_statutory_copy(version) is not None
    assert StatutoryCopy.objects.count() == 1


def test_example_responses_are_never_sent_to_the_statutory_recipients(version, mailoutbox):
    version.response.is_example = True
    version.response.save()
    assert send_statutory_copy(version) is None
    assert mailoutbox == []


def test_a_publishers_import_for_review_tells_the_reviewers(response, publisher, reviewer, mailoutbox):
    transition_happened(_event(response, "import", publisher, from_status="draft", to_status="in_review"))
    assert _to(mailoutbox) == [reviewer.email]


def test_a_site_admins_import_published_as_a_record_tells_nobody(response, site_admin, reviewer, mailoutbox):
    transition_happened(_event(response, "import", site_admin, from_status="draft", to_status="published"))
    assert mailoutbox == []
