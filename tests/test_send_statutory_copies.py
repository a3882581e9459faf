"""`send_statutory_copies` catches up on copies that failed to go, and never sends one twice."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from responses import workflow
from responses.actors import IMPORT_COMMAND
from responses.models import StatutoryCopy
from tests.factories import ResponseFactory, publish

pytestmark = pytest.mark.django_db


def test_a_copy_that_failed_is_sent_by_the_next_run_and_only_once(
    draft, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("mail server down")
    ):
        with django_capture_on_commit_callbacks(execute=True):
            workflow.force_publish(draft, publisher, "The deadline is today.")
    assert StatutoryCopy.objects.count() == 0
    call_command("send_statutory_copies", stdout=StringIO())
    call_command("send_statutory_copies", stdout=StringIO())
    (copy,) = StatutoryCopy.objects.all()
    assert copy.backend == "django.core.mail.backends.locmem.EmailBackend"
    assert sum(1 for message in mailoutbox if message.attachments) == 1


def test_imported_responses_are_not_sent(mailoutbox):
    response = ResponseFactory()
    workflow.record_publication(response, None, IMPORT_COMMAND, action="import")
    call_command("send_statutory_copies", stdout=StringIO())
    assert StatutoryCopy.objects.count() == 0


def test_an_imported_record_is_not_sent_whatever_its_events(mailoutbox):
    publish(ResponseFactory(is_imported=True))
    call_command("send_statutory_copies", stdout=StringIO())
    assert StatutoryCopy.objects.count() == 0
