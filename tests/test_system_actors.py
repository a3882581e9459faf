"""The tracker acts as a named system actor, never as None, and only for what it is there to do."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from responses import rules, workflow
from responses.actors import DEMO_LOADER, IMPORT_COMMAND, SCHEDULER
from responses.models import PublishedVersion, ResponseEvent, Revision
from tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def _scheduled(draft, drafter, reviewer, publisher):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.schedule(draft, publisher, timezone.now() + datetime.timedelta(hours=1))
    draft.refresh_from_db()
    return draft


def test_scheduled_publishing_is_recorded_as_the_tracker_not_as_nobody(draft, drafter, reviewer, publisher):
    response = _scheduled(draft, drafter, reviewer, publisher)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        assert workflow.publish_due() == 1
    event = ResponseEvent.objects.filter(response=response, action="publish_scheduled").get()
    assert event.actor is None and event.system_actor == SCHEDULER.name


def test_the_scheduler_publishes_nothing_before_its_time(draft, drafter, reviewer, publisher):
    response = _scheduled(draft, drafter, reviewer, publisher)
    assert workflow.publish_due() == 0
    decision = rules.decide(SCHEDULER, rules.PUBLISH_SCHEDULED, response, now=timezone.now())
    assert not decision and "not come" in decision.reason


@pytest.mark.parametrize("actor", [SCHEDULER, IMPORT_COMMAND, DEMO_LOADER])
@pytest.mark.parametrize("action", list(rules.TRANSITIONS))
def test_a_system_actor_may_take_no_persons_action(draft, actor, action):
    decision = rules.decide(actor, action, draft)
    assert not decision and decision.refusal == rules.Refusal.ROLE


def test_the_import_command_may_record_an_import_but_not_publish_scheduled(draft):
    assert rules.decide(IMPORT_COMMAND, rules.RECORD_IMPORT, draft)
    assert not rules.decide(IMPORT_COMMAND, rules.PUBLISH_SCHEDULED, draft, now=timezone.now())


def test_a_person_cannot_pose_as_the_scheduler(draft, publisher):
    decision = rules.decide(publisher, rules.PUBLISH_SCHEDULED, draft)
    assert not decision and decision.refusal == rules.Refusal.ROLE


def test_only_a_site_admin_may_record_an_import_without_review(draft, publisher, site_admin):
    assert not rules.decide(publisher, rules.RECORD_IMPORT, draft)
    assert rules.decide(site_admin, rules.RECORD_IMPORT, draft)


def test_record_publication_refuses_a_publisher_and_changes_nothing(draft, publisher):
    counts = (Revision.objects.count(), PublishedVersion.objects.count(), ResponseEvent.objects.count())
    with pytest.raises(workflow.NotPermitted):
        workflow.record_publication(draft, None, publisher)
    draft.refresh_from_db()
    assert not draft.is_published and not draft.is_imported
    assert (Revision.objects.count(), PublishedVersion.objects.count(), ResponseEvent.objects.count()) == counts


@pytest.mark.parametrize(
    "call", ["submit", "approve", "publish", "amend", "withdraw", "record_publication", "write_revision"]
)
def test_no_transition_accepts_none_as_its_actor(draft, call):
    before = (ResponseEvent.objects.count(), Revision.objects.count())
    with pytest.raises(TypeError):
        if call == "record_publication":
            workflow.record_publication(draft, None, None)
        else:
            getattr(workflow, call)(draft, None)
    assert (ResponseEvent.objects.count(), Revision.objects.count()) == before


def test_an_import_by_command_is_recorded_with_its_name():
    response = ResponseFactory()
    workflow.record_publication(response, None, IMPORT_COMMAND, action="import")
    event = ResponseEvent.objects.get(response=response, action="import")
    revision = Revision.objects.filter(response=response).latest("number")
    assert event.actor is None and event.system_actor == IMPORT_COMMAND.name
    assert revision.author is None
