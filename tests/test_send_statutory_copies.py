"""`send_statutory_copies` catches up on copies that failed to go, and never sends one twice."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from responses import workflow
from responses.models import StatutoryCopy
from tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def test_a_copy_that_failed_is_sent_by_the_next_run_and_only_once(draft, publisher, mailoutbox, django_capture_on_commit_callbacks):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("mail server down")):
        with django_capture_on_commit_callbacks(execute=True):
            workflow.force_publish(draft, publisher, "The deadline is today.")
    assert StatutoryCopy.objects.count() == 0
    call_command("send_statutory_copies", stdout=StringIO())
    call_command("send_statutory_copies", stdout=StringIO())
    assert StatutoryCopy.objects.count() == 1
    assert sum(1 for message in mailoutbox if message.attachments) == 1


def test_imported_responses_are_not_sent(mailoutbox):
    response = ResponseFactory()
    workflow.record_publication(response, None, action="import")
    call_command("send_statutory_copies", stdout=StringIO())
    assert StatutoryCopy.objects.count() == 0
