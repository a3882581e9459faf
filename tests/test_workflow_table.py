"""Every (state, action, role), against the one home of the rules (responses.rules.decide): allowed
ones move the state and write history; the rest raise and leave the database unchanged.
Authorship (second pair of eyes, co-authors) is walked in tests/test_rules_agreement.py."""

import datetime

import pytest
from django.utils import timezone

from responses import rules, workflow
from responses.models import PublishedVersion, Response, ResponseEvent
from tests.factories import MembershipFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db

Status = Response.Status
ROLES = ["drafter", "reviewer", "publisher", "outsider", "admin"]

# What each role may do, by action, where the state allows it.
ALLOWED_ROLES = {
    "submit": {"drafter", "publisher"},
    "request_changes": {"reviewer", "publisher"},
    "approve": {"reviewer", "publisher"},
    "publish": {"publisher"},
    "schedule": {"publisher"},
    "unschedule": {"publisher"},
    "force_publish": {"publisher"},
    "retrospective_approve": {"reviewer", "publisher"},
    "amend": {"drafter", "publisher"},
    "withdraw": {"publisher"},
}
EXPECTED_TARGET = {name: transition.target for name, transition in workflow.TRANSITIONS.items()}


def _actor(role, body):
    user = UserFactory(username=f"actor-{role}")
    if role == "admin":
        user.is_superuser = user.is_staff = True
        user.save()
    elif role == "outsider":
        MembershipFactory(user=user, role=Membership.Role.PUBLISHER)
    else:
        MembershipFactory(user=user, body=body, role=role)
    return user


def _bring_to(response, state, author):
    """Put a complete draft (written by `author`) into `state` through the workflow itself."""
    helper = UserFactory(username="helper-publisher")
    Membership.objects.get_or_create(user=helper, body=response.body, role=Membership.Role.PUBLISHER)
    if state == Status.DRAFT:
        return response
    if state == Status.WITHDRAWN:
        _bring_to(response, Status.PUBLISHED, author)
        workflow.withdraw(response, helper, "Replaced by a joint response.")
        return response
    if state == Status.PUBLISHED:
        workflow.force_publish(response, helper, "Deadline today.")
        return response
    workflow.submit(response, author)
    if state == Status.IN_REVIEW:
        return response
    if state == Status.CHANGES_REQUESTED:
        workflow.request_changes(response, helper, "Say more about training.")
        return response
    workflow.approve(response, helper)
    if state == Status.SCHEDULED:
        workflow.schedule(response, helper, timezone.now() + datetime.timedelta(days=1))
    return response


def _attempt(action, response, actor):
    args = {
        "request_changes": ("Needs more detail.",),
        "force_publish": ("The deadline is today.",),
        "withdraw": ("Published in error.",),
        "schedule": (timezone.now() + datetime.timedelta(days=2),),
    }.get(action, ())
    return getattr(workflow, action)(response, actor, *args)


def _database_state(response):
    response.refresh_from_db()
    return (
        response.status,
        response.current_version_id,
        response.needs_retrospective_review,
        ResponseEvent.objects.count(),
        PublishedVersion.objects.count(),
    )


@pytest.mark.parametrize("state", list(Status))
@pytest.mark.parametrize("action", list(workflow.TRANSITIONS))
@pytest.mark.parametrize("role", ROLES)
def test_every_state_action_and_role(state, action, role, draft, drafter):
    response = _bring_to(draft, state, author=drafter)
    response.refresh_from_db()
    actor = _actor(role, response.body)
    transition = workflow.TRANSITIONS[action]
    allowed = state in transition.sources and role in ALLOWED_ROLES[action]
    if action == "retrospective_approve":
        allowed = allowed and response.needs_retrospective_review
    assert bool(rules.decide(actor, action, response)) == allowed
    before = _database_state(response)
    events_before = ResponseEvent.objects.count()

    if allowed:
        _attempt(action, response, actor)
        response.refresh_from_db()
        assert response.status == EXPECTED_TARGET[action]
        event = ResponseEvent.objects.order_by("-pk").first()
        assert ResponseEvent.objects.count() == events_before + 1
        assert (event.action, event.from_status, event.to_status, event.actor) == (
            action,
            state,
            response.status,
            actor,
        )
    else:
        with pytest.raises(workflow.WorkflowError):
            _attempt(action, response, actor)
        assert _database_state(response) == before


def test_the_table_covers_every_transition():
    assert set(ALLOWED_ROLES) == set(workflow.TRANSITIONS)
