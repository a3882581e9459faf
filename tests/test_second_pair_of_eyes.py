"""The person who submitted a draft, or edited it last, cannot approve it."""

import pytest

from responses import workflow
from responses.models import Response
from tests.factories import MembershipFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter_who_reviews(drafter, body):
    """The drafter also holds the reviewer role: the rule must still stop them."""
    MembershipFactory(user=drafter, body=body, role=Membership.Role.REVIEWER)
    return drafter


def test_the_submitter_cannot_approve_in_the_model(draft, drafter_who_reviews):
    workflow.submit(draft, drafter_who_reviews)
    with pytest.raises(workflow.WorkflowError, match="second pair of eyes"):
        workflow.approve(draft, drafter_who_reviews)
    draft.refresh_from_db()
    assert draft.status == Response.Status.IN_REVIEW


def test_the_last_editor_cannot_approve_even_if_someone_else_submitted(draft, drafter_who_reviews, publisher):
    workflow.submit(draft, publisher)
    with pytest.raises(workflow.WorkflowError, match="second pair of eyes"):
        workflow.approve(draft, drafter_who_reviews)


def test_another_reviewer_can_approve(draft, drafter, reviewer):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    draft.refresh_from_db()
    assert draft.status == Response.Status.APPROVED
    assert draft.approved_by == reviewer


def test_the_submitter_cannot_approve_through_the_view(client, draft, drafter_who_reviews):
    workflow.submit(draft, drafter_who_reviews)
    client.force_login(drafter_who_reviews)
    reply = client.post(f"/staff/responses/{draft.pk}/actions/approve/", _approving_the_latest(draft))
    assert reply.status_code == 409
    assert "someone else must approve it" in reply.content.decode()
    draft.refresh_from_db()
    assert draft.status == Response.Status.IN_REVIEW


def test_only_someone_else_is_offered_the_approve_button(client, draft, drafter_who_reviews, reviewer):
    workflow.submit(draft, drafter_who_reviews)
    approve_url = f"/staff/responses/{draft.pk}/actions/approve/"
    client.force_login(drafter_who_reviews)
    assert approve_url not in client.get(draft.get_staff_url()).content.decode()
    client.force_login(reviewer)
    assert approve_url in client.get(draft.get_staff_url()).content.decode()
    assert client.post(approve_url, _approving_the_latest(draft)).status_code == 302


def _approving_the_latest(response):
    """What the Approve button posts: the number of the revision the page showed."""
    return {"approve-revision": response.revisions.order_by("-number").first().number}
