"""Published versions are immutable and provably what was approved."""

import datetime
import hashlib

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from responses import workflow
from responses.models import ImmutableRowError, PublishedVersion, Response, ResponseEvent

pytestmark = pytest.mark.django_db


def _approve_and_publish(draft, drafter, reviewer, publisher):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.publish(draft, publisher)
    draft.refresh_from_db()
    return draft.current_version


def test_the_stored_pdf_matches_its_recorded_sha256(draft, drafter, reviewer, publisher):
    version = _approve_and_publish(draft, drafter, reviewer, publisher)
    with version.pdf.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == version.pdf_sha256
    assert hashlib.sha256(version.html.encode()).hexdigest() == version.html_sha256


def test_the_public_pdf_is_the_stored_one(client, draft, drafter, reviewer, publisher):
    version = _approve_and_publish(draft, drafter, reviewer, publisher)
    served = b"".join(client.get(draft.get_pdf_url()).streaming_content)
    assert hashlib.sha256(served).hexdigest() == version.pdf_sha256


def test_what_was_approved_is_what_was_published(draft, drafter, reviewer, publisher):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    draft.refresh_from_db()
    approved = draft.approved_revision
    workflow.publish(draft, publisher)
    draft.refresh_from_db()
    assert draft.current_version.revision == approved
    assert draft.current_version.snapshot == approved.snapshot


def test_editing_after_publication_never_changes_the_published_version(client, draft, drafter, reviewer, publisher):
    version = _approve_and_publish(draft, drafter, reviewer, publisher)
    frozen = (version.html, version.html_sha256, version.pdf_sha256, version.snapshot)
    workflow.amend(draft, drafter)
    draft.refresh_from_db()
    items = {item.finding_id: ("A completely rewritten comment.", "action-taken") for item in draft.items.all()}
    workflow.save(draft, drafter, draft.edit_count, {"introduction": "Rewritten.", "change_note": "Updated."}, items)
    version.refresh_from_db()
    assert (version.html, version.html_sha256, version.pdf_sha256, version.snapshot) == frozen
    assert "A completely rewritten comment." not in client.get(draft.get_absolute_url()).content.decode()


def test_a_published_version_row_cannot_be_changed_or_deleted(draft, drafter, reviewer, publisher):
    version = _approve_and_publish(draft, drafter, reviewer, publisher)
    version.html = "<p>tampered</p>"
    with pytest.raises(ImmutableRowError):
        version.save()
    with pytest.raises(ImmutableRowError):
        version.delete()
    with pytest.raises(ImmutableRowError):
        ResponseEvent.objects.first().delete()


def test_an_amendment_keeps_the_live_version_public_until_it_is_published(client, draft, drafter, reviewer, publisher):
    _approve_and_publish(draft, drafter, reviewer, publisher)
    workflow.amend(draft, drafter)
    draft.refresh_from_db()
    items = {item.finding_id: ("Amended comment.", "action-taken") for item in draft.items.all()}
    workflow.save(
        draft,
        drafter,
        draft.edit_count,
        {"change_note": "We have now finished the training.", "change_is_major": True},
        items,
    )
    assert "Amended comment." not in client.get(draft.get_absolute_url()).content.decode()

    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.publish(draft, publisher)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Amended comment." in html
    assert "We have now finished the training." in html  # a major change note is public
    assert "Last updated" in html
    first = client.get(f"{draft.get_absolute_url()}versions/1/").content.decode()
    assert "Amended comment." not in first and "It has been replaced" in " ".join(first.split())


def test_a_minor_change_note_is_not_public(client, draft, drafter, reviewer, publisher):
    _approve_and_publish(draft, drafter, reviewer, publisher)
    workflow.amend(draft, drafter)
    draft.refresh_from_db()
    workflow.save(
        draft, drafter, draft.edit_count, {"change_note": "Fixed a typing error.", "change_is_major": False}, {}
    )
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.publish(draft, publisher)
    assert "Fixed a typing error." not in client.get(draft.get_absolute_url()).content.decode()


def test_an_amendment_cannot_be_submitted_without_a_change_note(draft, drafter, reviewer, publisher):
    _approve_and_publish(draft, drafter, reviewer, publisher)
    workflow.amend(draft, drafter)
    with pytest.raises(workflow.WorkflowError, match="change note"):
        workflow.submit(draft, drafter)


def test_a_withdrawn_response_stays_readable_under_a_banner_with_the_reason(
    client, draft, drafter, reviewer, publisher
):
    _approve_and_publish(draft, drafter, reviewer, publisher)
    workflow.withdraw(draft, publisher, "Replaced by the joint response of the regional commissioners.")
    reply = client.get(draft.get_absolute_url())
    assert reply.status_code == 200
    text = " ".join(reply.content.decode().split())
    assert "This response was withdrawn on" in text
    assert "Replaced by the joint response of the regional commissioners." in text


def test_a_response_cannot_be_submitted_until_every_recommendation_is_answered(draft, drafter):
    item = draft.items.select_related("finding").first()
    item.comment = ""
    item.save()
    with pytest.raises(workflow.WorkflowError) as raised:
        workflow.submit(draft, drafter)
    assert item.finding.reference in str(raised.value)
    assert [missing.pk for missing in raised.value.missing_items] == [item.pk]


def test_the_missing_ones_are_listed_with_links_to_the_editor(client, draft, drafter):
    item = draft.items.first()
    item.position = ""
    item.save()
    client.force_login(drafter)
    reply = client.post(f"/staff/responses/{draft.pk}/actions/submit/")
    assert reply.status_code == 409
    assert f"/staff/responses/{draft.pk}/edit/#item-{item.finding_id}" in reply.content.decode()
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT


def test_force_publish_needs_a_reason_and_shows_until_reviewed(client, draft, drafter, reviewer, publisher):
    with pytest.raises(workflow.WorkflowError, match="why"):
        workflow.force_publish(draft, publisher, "  ")
    workflow.force_publish(draft, publisher, "The deadline is today and the reviewer is ill.")
    draft.refresh_from_db()
    assert draft.current_version.forced
    client.force_login(reviewer)
    assert draft.report.title in client.get("/staff/").content.decode().split("awaiting retrospective review")[1]
    with pytest.raises(workflow.WorkflowError):
        workflow.retrospective_approve(draft, publisher)  # the force publisher cannot review their own
    workflow.retrospective_approve(draft, reviewer)
    draft.refresh_from_db()
    assert not draft.needs_retrospective_review
    assert "awaiting retrospective review" not in client.get("/staff/").content.decode()


class TestScheduledPublication:
    @pytest.fixture
    def scheduled(self, draft, drafter, reviewer, publisher):
        workflow.submit(draft, drafter)
        workflow.approve(draft, reviewer)
        with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
            workflow.schedule(draft, publisher, timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30)))
        return draft

    def test_nothing_is_published_before_its_time(self, scheduled):
        with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 29, tzinfo=datetime.UTC), tick=False):
            call_command("publish_scheduled")
        scheduled.refresh_from_db()
        assert scheduled.status == Response.Status.SCHEDULED and not scheduled.is_published

    def test_it_is_published_once_its_time_has_come_and_running_twice_changes_nothing(self, scheduled):
        with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 31, tzinfo=datetime.UTC), tick=False):
            call_command("publish_scheduled")
            call_command("publish_scheduled")
        scheduled.refresh_from_db()
        assert scheduled.status == Response.Status.PUBLISHED
        assert PublishedVersion.objects.filter(response=scheduled).count() == 1
        assert ResponseEvent.objects.filter(response=scheduled, action="publish_scheduled").count() == 1
        assert scheduled.current_version.published_by is None

    def test_a_cancelled_schedule_is_not_published(self, scheduled, publisher):
        workflow.unschedule(scheduled, publisher)
        with time_machine.travel(datetime.datetime(2026, 3, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
            call_command("publish_scheduled")
        scheduled.refresh_from_db()
        assert scheduled.status == Response.Status.APPROVED

    def test_a_time_in_the_past_is_refused(self, draft, drafter, reviewer, publisher):
        workflow.submit(draft, drafter)
        workflow.approve(draft, reviewer)
        with pytest.raises(workflow.WorkflowError, match="future"):
            workflow.schedule(draft, publisher, timezone.now() - datetime.timedelta(minutes=1))
