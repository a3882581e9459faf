"""The statutory copy record (s.55(6)) is true, and stored files nobody refers to can be found.

A StatutoryCopy row is the evidence that the copy went to HMICFRS and the Home Secretary, so it is
written only once the mail backend has accepted the message, and says which backend and to whom.
"""

import datetime
import smtplib
from io import StringIO

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from responses.models import PublishedVersion, StatutoryCopy
from responses.notifications import send_statutory_copy
from tests.factories import ReportFactory, response_with_findings
from tracker.models import InspectionReport

pytestmark = pytest.mark.django_db

HERE = "tests.test_statutory_copy_record"


class RecordsWhatItSaw(BaseEmailBackend):
    """Accepts every message, noting how many statutory copies were recorded when it was asked."""

    copies_recorded_when_sent = []

    def send_messages(self, messages):
        self.copies_recorded_when_sent.append(StatutoryCopy.objects.count())
        return len(messages)


class AcceptsNothing(BaseEmailBackend):
    def send_messages(self, messages):
        return 0


class RefusesTheRecipients(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"reports@hmicfrs.example": (550, b"No such user")})


class Unreachable(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server is down")


@pytest.fixture
def version():
    return response_with_findings(2, published=True).current_version


# The statutory copy -----------------------------------------------------------------------------


def test_the_copy_is_recorded_with_the_backend_and_recipients_that_accepted_it(version, settings, mailoutbox):
    copy = send_statutory_copy(version)
    assert len(mailoutbox) == 1
    assert list(StatutoryCopy.objects.all()) == [copy]
    assert copy.version == version
    assert copy.backend == "django.core.mail.backends.locmem.EmailBackend"
    assert copy.recipients == settings.STATUTORY_COPY_RECIPIENTS == mailoutbox[0].to


def test_the_row_is_written_only_after_the_backend_accepted_the_message(version, settings):
    settings.EMAIL_BACKEND = f"{HERE}.RecordsWhatItSaw"
    RecordsWhatItSaw.copies_recorded_when_sent.clear()
    copy = send_statutory_copy(version)
    assert RecordsWhatItSaw.copies_recorded_when_sent == [0]
    assert StatutoryCopy.objects.count() == 1
    assert copy.backend == f"{HERE}.RecordsWhatItSaw"


@pytest.mark.parametrize("backend", ["AcceptsNothing", "RefusesTheRecipients", "Unreachable"])
def test_a_message_the_backend_did_not_accept_writes_no_row(backend, version, settings, caplog):
    settings.EMAIL_BACKEND = f"{HERE}.{backend}"
    before = StatutoryCopy.objects.count()
    assert send_statutory_copy(version) is None
    assert StatutoryCopy.objects.count() == before
    assert "nothing recorded, so it can be sent again" in caplog.text


def test_a_copy_the_backend_did_not_accept_goes_on_the_next_catch_up_run(version, settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{HERE}.AcceptsNothing"
    send_statutory_copy(version)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_statutory_copies", stdout=StringIO())
    (copy,) = StatutoryCopy.objects.all()
    assert copy.version == version
    assert copy.backend == "django.core.mail.backends.locmem.EmailBackend"


# Orphaned files ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A storage of this test's own, so files other tests left behind do not show up."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _store(name, content=b"%PDF-1.7 stored by a test"):
    return default_storage.save(name, ContentFile(content))


def _orphaned_files(*args):
    out = StringIO()
    call_command("orphaned_files", *args, stdout=out)
    return out.getvalue().splitlines()


def _later():
    """An hour and a bit from now, when today's files are no longer a publication under way."""
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=61), tick=False)


@pytest.fixture
def referenced(version):
    """A published version's PDF and a report's document: files rows refer to."""
    report = ReportFactory(document=_store("reports/an-inspection.pdf"))
    return [version.pdf.name, report.document.name]


@pytest.fixture
def orphans():
    """A PDF left by a publication that never committed, and an old report document in a subfolder."""
    return [_store(f"published/{'0' * 64}.pdf"), _store("reports/2019/replaced.pdf")]


def test_it_lists_each_orphan_and_counts_them(referenced, orphans):
    assert _orphaned_files() == [*orphans, "2 orphaned files."]


def test_it_never_lists_a_file_a_row_refers_to(referenced):
    assert all(default_storage.exists(name) for name in referenced)
    assert _orphaned_files() == ["0 orphaned files."]


def test_listing_deletes_nothing(referenced, orphans):
    _orphaned_files()
    assert all(default_storage.exists(name) for name in referenced + orphans)


def test_delete_removes_the_orphans_and_says_how_many(referenced, orphans):
    with _later():
        output = _orphaned_files("--delete")
    assert output == [*orphans, "Deleted 2 orphaned files."]
    assert not any(default_storage.exists(name) for name in orphans)


def test_delete_leaves_the_files_rows_refer_to_and_the_rows(referenced, orphans):
    counts = (PublishedVersion.objects.count(), InspectionReport.objects.count())
    with _later():
        _orphaned_files("--delete")
    assert all(default_storage.exists(name) for name in referenced)
    assert (PublishedVersion.objects.count(), InspectionReport.objects.count()) == counts
    assert _orphaned_files() == ["0 orphaned files."]


def test_delete_keeps_a_file_stored_moments_ago_whose_row_may_be_committing(orphans):
    output = _orphaned_files("--delete")
    assert output[-2:] == [
        "Deleted 0 orphaned files.",
        "Kept 2 orphaned files stored in the last 60 minutes: a publication may be under way.",
    ]
    assert all(default_storage.exists(name) for name in orphans)
    _orphaned_files("--delete", "--min-age", "0")
    assert not any(default_storage.exists(name) for name in orphans)


def test_it_copes_with_a_storage_that_has_no_files_yet():
    assert _orphaned_files("--delete") == ["Deleted 0 orphaned files."]
