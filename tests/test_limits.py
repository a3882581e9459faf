"""Bounded work (issue 8): each text field has a limit, named when it is passed, with the text kept;
long unbroken text survives into the PDF; no PDF is rendered while the response's row is locked,
and what was rendered is published only if nobody changed the response meanwhile; a draft too long
to render while someone waits is refused with a message."""

import datetime
import re
import shutil
import subprocess
from urllib.parse import urlencode

import pytest
import time_machine
from django.apps import apps
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from responses import workflow
from responses.actors import IMPORT_COMMAND
from responses.models import Response
from tests.factories import publish, response_with_findings
from tracker import limits

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def table_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _editor_data(response, **overrides):
    data = {"base_edit_count": response.edit_count, "introduction": "Our introduction."}
    for item in response.items.all():
        data[f"item-{item.finding_id}-comment"] = f"Comment on {item.finding.reference}."
        data[f"item-{item.finding_id}-position"] = "action-proposed"
    data.update(overrides)
    return data


def _post_form(client, url, data):
    """Post as a browser does (urlencoded), so Django's request size limit counts the real body."""
    return client.post(url, urlencode(data), content_type=FORM)


def _amendment(draft, drafter, reviewer, publisher):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.publish(draft, publisher)
    workflow.amend(draft, drafter)
    draft.refresh_from_db()
    return draft


# Field limits -----------------------------------------------------------------------------------


EDITOR_FIELDS = [
    ("introduction", "Introduction", limits.RESPONSE_TEXT_MAX),
    ("chief_officer_comments", "The chief officer's comments", limits.RESPONSE_TEXT_MAX),
    ("reply_to_chief_officer", "Our reply to the chief officer's comments", limits.RESPONSE_TEXT_MAX),
    ("signature", "Signed by", limits.SIGNATURE_MAX),
]


@pytest.mark.parametrize(("field", "name", "limit"), EDITOR_FIELDS)
def test_an_editor_field_over_its_limit_is_refused_naming_the_limit_and_keeping_the_text(
    client, drafter, draft, field, name, limit
):
    client.force_login(drafter)
    typed = "w" * (limit + 1)
    counts = table_counts()
    reply = _post_form(client, f"/staff/responses/{draft.pk}/edit/", _editor_data(draft, **{field: typed}))
    assert reply.status_code == 400
    html = reply.content.decode()
    assert f"{name} must be {limit:,} characters or fewer".replace("'", "&#x27;") in html
    assert typed in html  # still in the form
    assert table_counts() == counts


@pytest.mark.parametrize(("field", "name", "limit"), EDITOR_FIELDS)
def test_an_editor_field_at_its_limit_is_saved(client, drafter, draft, field, name, limit):
    client.force_login(drafter)
    typed = "w" * limit
    reply = _post_form(client, f"/staff/responses/{draft.pk}/edit/", _editor_data(draft, **{field: typed}))
    assert reply.status_code == 302
    assert getattr(Response.objects.get(pk=draft.pk), field) == typed


def test_a_comment_over_its_limit_is_refused_naming_the_finding(client, drafter, draft):
    client.force_login(drafter)
    item = draft.items.select_related("finding").first()
    typed = "w" * (limits.RESPONSE_TEXT_MAX + 1)
    reply = _post_form(
        client, f"/staff/responses/{draft.pk}/edit/", _editor_data(draft, **{f"item-{item.finding_id}-comment": typed})
    )
    assert reply.status_code == 400
    html = reply.content.decode()
    assert f"{item.finding.reference}: Our response must be 50,000 characters or fewer" in html
    assert typed in html


def test_a_change_note_over_its_limit_is_refused(client, drafter, reviewer, publisher, draft):
    response = _amendment(draft, drafter, reviewer, publisher)
    client.force_login(drafter)
    typed = "w" * (limits.NOTE_MAX + 1)
    reply = _post_form(
        client, f"/staff/responses/{response.pk}/edit/", _editor_data(response, change_note=typed, change_is_major="no")
    )
    assert reply.status_code == 400
    assert "Change note must be 10,000 characters or fewer" in reply.content.decode()
    assert typed in reply.content.decode()


def test_a_remark_over_its_limit_is_refused_and_kept(client, drafter, draft):
    client.force_login(drafter)
    typed = "w" * (limits.NOTE_MAX + 1)
    counts = table_counts()
    reply = _post_form(client, f"/staff/responses/{draft.pk}/remarks/", {"remark-text": typed})
    assert reply.status_code == 400
    assert "The remark must be 10,000 characters or fewer" in reply.content.decode()
    assert typed in reply.content.decode()
    assert table_counts() == counts


def test_a_reason_over_its_limit_is_refused_and_kept(client, publisher, draft):
    client.force_login(publisher)
    typed = "w" * (limits.NOTE_MAX + 1)
    counts = table_counts()
    reply = _post_form(client, f"/staff/responses/{draft.pk}/actions/force_publish/", {"force_publish-reason": typed})
    assert reply.status_code == 400
    assert "The reason must be 10,000 characters or fewer" in reply.content.decode()
    assert typed in reply.content.decode()
    assert table_counts() == counts


def test_six_fields_of_a_megabyte_reach_the_form_and_keep_the_text(client, drafter, draft):
    """Django's default request limit (2.5 MB) answered this with its generic 400 and lost the text."""
    client.force_login(drafter)
    megabyte = "m" * 1_000_000
    data = _editor_data(draft, introduction=megabyte, chief_officer_comments=megabyte, reply_to_chief_officer=megabyte)
    for item in draft.items.all():
        data[f"item-{item.finding_id}-comment"] = megabyte
    assert sum(1 for value in data.values() if value == megabyte) == 6
    reply = _post_form(client, f"/staff/responses/{draft.pk}/edit/", data)
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "Introduction must be 50,000 characters or fewer" in html
    assert html.count("Our response must be 50,000 characters or fewer") == 3 * 2  # in the summary and by the field
    assert html.count(megabyte) == 6


def test_a_request_too_large_to_read_gets_a_page_that_says_so(client, drafter, draft, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client.force_login(drafter)
    counts = table_counts()
    reply = _post_form(client, f"/staff/responses/{draft.pk}/edit/", _editor_data(draft, introduction="w" * 200_000))
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "What you sent was too large" in html
    assert "the tracker cannot show your text again" in html
    assert "Back button" in html
    assert table_counts() == counts


def test_the_request_limit_holds_every_editor_field_at_its_limit_for_a_long_report(settings):
    """The settings' promise: 4 response fields and 60 comments at their limits, as typical text
    with an accented letter in 20 (urlencoded, as a browser sends it), fit under REQUEST_MAX_MB."""
    text = ("Ymateb y comisiynydd – we’ll act " * 2000)[: limits.RESPONSE_TEXT_MAX]
    fields = {f"item-{n}-comment": text for n in range(60)}
    fields.update(
        introduction=text, chief_officer_comments=text, reply_to_chief_officer=text, change_note=text[: limits.NOTE_MAX]
    )
    assert len(urlencode(fields)) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE


# Large previews ---------------------------------------------------------------------------------


def test_the_pdf_preview_of_a_very_large_draft_is_refused_with_the_limit_named(client, body, drafter):
    """Eleven findings answered at the field limit: every field is allowed, the whole is too long."""
    response = response_with_findings(11, body=body, introduction="Our introduction.")
    response.items.update(comment=("Words of a long answer. " * 3000)[: limits.RESPONSE_TEXT_MAX])
    client.force_login(drafter)
    reply = client.get(f"/staff/responses/{response.pk}/preview/pdf/")
    assert reply.status_code == 413
    html = reply.content.decode()
    assert "This response is too long for a PDF preview" in html
    assert "up to 500,000 characters" in html
    assert client.get(f"/staff/responses/{response.pk}/preview/").status_code == 200


def test_the_pdf_preview_of_a_draft_under_the_limit_is_a_pdf(client, drafter, draft, settings):
    settings.RESPONSE_PDF_MAX_CHARACTERS = 100_000
    client.force_login(drafter)
    reply = client.get(f"/staff/responses/{draft.pk}/preview/pdf/")
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"


@pytest.fixture
def no_pdf_over_100_characters(settings, monkeypatch):
    settings.RESPONSE_PDF_MAX_CHARACTERS = 100
    monkeypatch.setattr(workflow, "render_pdf", lambda *args, **kwargs: pytest.fail("rendered a PDF over the limit"))


def test_publishing_a_response_too_long_for_its_pdf_is_refused_before_rendering(
    draft, drafter, reviewer, publisher, no_pdf_over_100_characters
):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    counts = table_counts()
    with pytest.raises(workflow.WorkflowError, match=r"over the limit of 100 .*RESPONSE_PDF_MAX_CHARACTERS"):
        workflow.publish(draft, publisher)
    assert table_counts() == counts


def test_force_publishing_a_response_too_long_for_its_pdf_is_refused_before_rendering(
    draft, publisher, no_pdf_over_100_characters
):
    counts = table_counts()
    with pytest.raises(workflow.WorkflowError, match=r"over the limit of 100 .*RESPONSE_PDF_MAX_CHARACTERS"):
        workflow.force_publish(draft, publisher, "The deadline is today.")
    assert table_counts() == counts


# Long unbroken text in the PDF ------------------------------------------------------------------


def _pdf_text(pdf, tmp_path, body_name):
    """pdftotext's text without whitespace, hyphens or the running footer ("<body> Page 2 of 5")."""
    path = tmp_path / "response.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    joined = re.sub(r"[\s\-\u2010\u00ad\u200b]", "", text)
    return re.sub(re.escape(re.sub(r"\s", "", body_name)) + r"Page\d+of\d+", "", joined)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed (.ci/run installs it)")
def test_the_pdf_keeps_a_long_web_address_and_a_long_token_whole(client, tmp_path):
    url = "https://www.example.org/documents/view?reference=" + "AbCdEfGhJk" * 30
    url = url[:345]
    token = "QwErTyUiOpAsDfGhJkLz" * 500  # 10,000 characters, letters only: nothing to mistake for the footer
    response = response_with_findings(2)
    first, second = response.items.all()
    first.comment = f"The plan is at {url} for anyone to read."
    first.save()
    second.comment = token
    second.save()
    publish(response)
    pdf = b"".join(client.get(response.get_pdf_url()).streaming_content)
    text = _pdf_text(pdf, tmp_path, response.published_body_name)
    assert len(url) == 345 and len(token) == 10_000
    assert re.sub(r"[\-]", "", url) in text
    assert token in text


def test_long_unbroken_text_gets_invisible_break_points_in_the_pdf_only():
    from responses.snapshot import BREAK_EVERY, ZERO_WIDTH_SPACE, _breakable

    token = "x" * (BREAK_EVERY * 3 + 5)
    broken = _breakable(f"Short words stay as they are. {token}")
    assert broken.startswith("Short words stay as they are. ")
    assert broken.replace(ZERO_WIDTH_SPACE, "") == f"Short words stay as they are. {token}"
    assert broken.count(ZERO_WIDTH_SPACE) == 3
    assert all(len(piece) <= BREAK_EVERY for piece in broken.split()[-1].split(ZERO_WIDTH_SPACE))


# No rendering under a row lock ------------------------------------------------------------------


@pytest.fixture
def lock_probe(monkeypatch):
    """Patches the PDF renderer to record, while it runs, whether a transaction is open on this
    connection and (on PostgreSQL) whether another connection could lock the response's row."""
    real_render_pdf = workflow.render_pdf
    probe = {"response_pk": None, "in_transaction": [], "row_locked": []}

    def render_pdf(*args, **kwargs):
        probe["in_transaction"].append(transaction.get_connection().in_atomic_block)
        if connection.vendor == "postgresql":
            other = connection.copy()
            try:
                with other.cursor() as cursor:
                    cursor.execute(
                        "SELECT id FROM responses_response WHERE id = %s FOR UPDATE NOWAIT", [probe["response_pk"]]
                    )
                probe["row_locked"].append(False)
            except OperationalError:
                probe["row_locked"].append(True)
            finally:
                other.close()
        return real_render_pdf(*args, **kwargs)

    monkeypatch.setattr(workflow, "render_pdf", render_pdf)
    return probe


def _assert_rendered_unlocked(probe):
    assert probe["in_transaction"] == [False]
    if connection.vendor == "postgresql":
        assert probe["row_locked"] == [False]


@pytest.mark.django_db(transaction=True)
def test_publish_renders_the_pdf_with_no_row_locked(lock_probe, draft, drafter, reviewer, publisher):
    lock_probe["response_pk"] = draft.pk
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.publish(draft, publisher)
    _assert_rendered_unlocked(lock_probe)
    assert Response.objects.get(pk=draft.pk).status == Response.Status.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_force_publish_renders_the_pdf_with_no_row_locked(lock_probe, draft, publisher):
    lock_probe["response_pk"] = draft.pk
    workflow.force_publish(draft, publisher, "The deadline is today.")
    _assert_rendered_unlocked(lock_probe)
    assert Response.objects.get(pk=draft.pk).status == Response.Status.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_scheduled_publishing_renders_the_pdf_with_no_row_locked(lock_probe, draft, drafter, reviewer, publisher):
    lock_probe["response_pk"] = draft.pk
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.schedule(draft, publisher, timezone.now() + datetime.timedelta(hours=1))
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        assert workflow.publish_due() == 1
    _assert_rendered_unlocked(lock_probe)


@pytest.mark.django_db(transaction=True)
def test_recording_an_imported_publication_renders_the_pdf_with_no_row_locked(lock_probe, draft):
    lock_probe["response_pk"] = draft.pk
    workflow.record_publication(draft, None, IMPORT_COMMAND, action="import")
    _assert_rendered_unlocked(lock_probe)
    assert Response.objects.get(pk=draft.pk).status == Response.Status.PUBLISHED


# What was rendered is what is published ---------------------------------------------------------


def _changing_while_rendering(monkeypatch, change):
    """Make `change` happen while the PDF is being rendered; returns the counts just after it."""
    real_render_pdf = workflow.render_pdf
    after_change = {}

    def render_pdf(*args, **kwargs):
        change()
        after_change.update(table_counts())
        return real_render_pdf(*args, **kwargs)

    monkeypatch.setattr(workflow, "render_pdf", render_pdf)
    return after_change


def test_publish_is_refused_if_the_approved_revision_changed_while_rendering(
    monkeypatch, draft, drafter, reviewer, publisher
):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)

    def another_approval():
        newer = workflow.write_revision(Response.objects.get(pk=draft.pk), drafter)
        Response.objects.filter(pk=draft.pk).update(approved_revision=newer)

    after_change = _changing_while_rendering(monkeypatch, another_approval)
    with pytest.raises(workflow.WorkflowError, match="Someone changed this response .* Nothing was published"):
        workflow.publish(draft, publisher)
    assert table_counts() == after_change
    assert Response.objects.get(pk=draft.pk).status == Response.Status.APPROVED


def test_force_publish_is_refused_if_someone_saved_while_rendering(monkeypatch, draft, drafter, publisher):
    def someone_saves():
        response = Response.objects.get(pk=draft.pk)
        workflow.save(response, drafter, response.edit_count, {"introduction": "Saved meanwhile."}, {})

    after_change = _changing_while_rendering(monkeypatch, someone_saves)
    with pytest.raises(workflow.WorkflowError, match="Nothing was published"):
        workflow.force_publish(draft, publisher, "The deadline is today.")
    assert table_counts() == after_change
    response = Response.objects.get(pk=draft.pk)
    assert response.status == Response.Status.DRAFT and response.current_version is None


def test_scheduled_publishing_skips_a_response_changed_while_rendering(
    monkeypatch, draft, drafter, reviewer, publisher
):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.schedule(draft, publisher, timezone.now() + datetime.timedelta(hours=1))

    def unscheduled():
        workflow.unschedule(Response.objects.get(pk=draft.pk), publisher)

    after_change = _changing_while_rendering(monkeypatch, unscheduled)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        assert workflow.publish_due() == 0
    assert table_counts() == after_change
    assert Response.objects.get(pk=draft.pk).status == Response.Status.APPROVED


def test_a_publish_refused_over_the_web_says_why(client, monkeypatch, draft, drafter, reviewer, publisher):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)

    def another_approval():
        newer = workflow.write_revision(Response.objects.get(pk=draft.pk), drafter)
        Response.objects.filter(pk=draft.pk).update(approved_revision=newer)

    _changing_while_rendering(monkeypatch, another_approval)
    client.force_login(publisher)
    reply = client.post(f"/staff/responses/{draft.pk}/actions/publish/")
    assert reply.status_code == 409
    assert "Nothing was published" in reply.content.decode()


def test_the_publish_button_is_not_offered_over_the_limit_and_says_why(
    client, draft, drafter, reviewer, publisher, no_pdf_over_100_characters
):
    """The limit is a rule (responses.rules), so the page offers only what the server accepts."""
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    client.force_login(publisher)
    html = client.get(draft.get_staff_url()).content.decode()
    assert f"/staff/responses/{draft.pk}/actions/publish/" not in html
    assert "RESPONSE_PDF_MAX_CHARACTERS" in html
