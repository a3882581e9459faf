"""The review page: the whole text to approve, changes since the reviewer last saw it marked, and
Approve naming (and approving exactly) one revision."""

from html import unescape

import pytest

from responses import workflow
from responses.models import Response
from tests.factories import MembershipFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db


def _save(response, user, **changes):
    response.refresh_from_db()
    items = {item.finding_id: (item.comment, item.position) for item in response.items.all()}
    for finding_id, comment in changes.pop("items", {}).items():
        items[finding_id] = (comment, items[finding_id][1])
    fields = {"introduction": changes.get("introduction", response.introduction)}
    return workflow.save(response, user, response.edit_count, fields, items)


def _page(client, user, response):
    client.force_login(user)
    return unescape(client.get(response.get_staff_url()).content.decode())


def _review(html):
    return html[html.index('id="review"') : html.index('id="decision"')]


@pytest.fixture
def second_reviewer(body):
    user = UserFactory(username="second-reviewer", first_name="Sam", last_name="Second")
    MembershipFactory(user=user, body=body, role=Membership.Role.REVIEWER)
    return user


def test_the_review_page_shows_the_whole_text_to_approve(client, drafter, reviewer, draft):
    _save(draft, drafter, introduction="We welcome the report.")
    workflow.submit(draft, drafter)
    review = _review(_page(client, reviewer, draft))
    assert "The text to approve: revision" in review
    assert "We welcome the report." in review
    for item in draft.items.select_related("finding"):
        assert item.finding.text in review and item.comment in review
    assert "Nothing is marked: you have not reviewed this response before" in review
    assert "<ins" not in review


def test_approve_names_the_revision_and_who_saved_it(client, drafter, reviewer, draft):
    drafter.first_name, drafter.last_name = "Dana", "Drafter"
    drafter.save()
    revision = _save(draft, drafter, introduction="Named revision.")
    workflow.submit(draft, drafter)
    html = _page(client, reviewer, draft)
    assert f"Approve revision {revision.number} (saved by Dana Drafter at " in html
    assert f'name="approve-revision" value="{revision.number}"' in html


def test_approving_approves_exactly_the_named_revision(client, drafter, reviewer, draft):
    revision = _save(draft, drafter, introduction="Exactly this.")
    workflow.submit(draft, drafter)
    client.force_login(reviewer)
    reply = client.post(f"/staff/responses/{draft.pk}/actions/approve/", {"approve-revision": revision.number})
    assert reply.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Response.Status.APPROVED and draft.approved_revision == revision


def test_a_save_after_the_page_was_loaded_is_not_approved(client, drafter, reviewer, second_reviewer, draft):
    seen = _save(draft, drafter, introduction="What the reviewer read.")
    workflow.submit(draft, drafter)
    page = _page(client, reviewer, draft)
    assert f'name="approve-revision" value="{seen.number}"' in page
    # Meanwhile: sent back by someone else, changed, and resubmitted.
    workflow.request_changes(draft, second_reviewer, "One more thing.")
    newer = _save(draft, drafter, introduction="What the reviewer never read.")
    workflow.submit(draft, drafter)
    reply = client.post(f"/staff/responses/{draft.pk}/actions/approve/", {"approve-revision": seen.number})
    assert reply.status_code == 409
    html = unescape(reply.content.decode())
    assert f"Revision {newer.number} was saved after you opened this page, so nothing was approved." in html
    assert f'name="approve-revision" value="{newer.number}"' in html
    draft.refresh_from_db()
    assert draft.status == Response.Status.IN_REVIEW and draft.approved_revision is None


def test_an_approval_without_a_revision_is_refused(client, drafter, reviewer, draft):
    workflow.submit(draft, drafter)
    client.force_login(reviewer)
    reply = client.post(f"/staff/responses/{draft.pk}/actions/approve/", {"approve-comment": "Fine."})
    assert reply.status_code == 400
    assert "approve the revision shown" in reply.content.decode()
    draft.refresh_from_db()
    assert draft.status == Response.Status.IN_REVIEW


def test_changes_since_the_revision_the_reviewer_sent_back_are_marked(client, drafter, reviewer, draft):
    item = draft.items.select_related("finding")[1]
    _save(draft, drafter, items={item.finding_id: "The system goes live soon."})
    workflow.submit(draft, drafter)
    seen = draft.revisions.first()
    workflow.request_changes(draft, reviewer, "When?")
    _save(draft, drafter, items={item.finding_id: "The system goes live in May."})
    workflow.submit(draft, drafter)
    review = _review(_page(client, reviewer, draft))
    assert f"Marked: what changed since revision {seen.number}, the last one you requested changes on" in review
    section = review[review.index(f'id="review-item-{item.finding_id}"') :]
    section = section[: section.index("</section>")]
    assert "Removed: </span>soon</del>" in section and "Added: </span>in May</ins>" in section
    assert "Changed</strong>" in section


def test_another_reviewer_sees_the_changes_since_the_last_published_version(
    client, drafter, reviewer, publisher, second_reviewer, draft
):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.publish(draft, publisher)
    published = draft.versions.get().revision
    workflow.amend(draft, drafter)
    draft.refresh_from_db()
    draft.change_note = "A new introduction."
    draft.save()
    _save(draft, drafter, introduction="An amended introduction.")
    workflow.submit(draft, drafter)
    review = _review(_page(client, second_reviewer, draft))
    assert f"Marked: what changed since the last published version (version 1, revision {published.number})" in review
    assert "Added: </span>An amended introduction.</ins>" in review


def test_a_reviewer_who_approved_before_sees_changes_since_that_approval(
    client, drafter, reviewer, publisher, second_reviewer, draft
):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    approved = draft.revisions.first()
    workflow.request_changes(draft, second_reviewer, "Wait: one more change.")
    _save(draft, drafter, introduction="Added after the approval.")
    workflow.submit(draft, drafter)
    review = _review(_page(client, reviewer, draft))
    assert f"since revision {approved.number}, the last one you approved" in review
    assert "Added: </span>Added after the approval.</ins>" in review


def test_the_text_to_approve_is_shown_only_in_review(client, drafter, reviewer, draft):
    assert 'id="review"' not in _page(client, reviewer, draft)
    workflow.submit(draft, drafter)
    assert 'id="review"' in _page(client, reviewer, draft)


def test_a_changed_signature_is_marked_after_the_findings(client, drafter, reviewer, draft):
    draft.refresh_from_db()
    workflow.save(draft, drafter, draft.edit_count, {"signature": "Alex Morgan\nCommissioner"}, {})
    workflow.submit(draft, drafter)
    workflow.request_changes(draft, reviewer, "Sign as the office is named.")
    draft.refresh_from_db()
    workflow.save(draft, drafter, draft.edit_count, {"signature": "Alex Morgan\nPolice and Crime Commissioner"}, {})
    workflow.submit(draft, drafter)

    review = _review(_page(client, reviewer, draft))

    signed = review[review.index("Signed by") :]
    assert signed.startswith('Signed by <strong class="govuk-tag govuk-tag--blue app-changed-tag">Changed</strong>')
    assert "Alex Morgan<br>" in signed and "Added: </span>Police and Crime</ins> Commissioner" in signed
    last_item = draft.items.order_by("-finding__order").first()
    assert review.index(f'id="review-item-{last_item.finding_id}"') < review.index("Signed by")


def test_a_signature_that_did_not_change_is_shown_unmarked(client, drafter, reviewer, draft):
    draft.refresh_from_db()
    workflow.save(draft, drafter, draft.edit_count, {"signature": "Alex Morgan"}, {})
    workflow.submit(draft, drafter)
    workflow.request_changes(draft, reviewer, "Say more.")
    _save(draft, drafter, introduction="More words.")
    workflow.submit(draft, drafter)

    review = _review(_page(client, reviewer, draft))

    signed = review[review.index("Signed by") :]
    assert signed.startswith("Signed by</h3>")
    assert "Alex Morgan" in signed and "<ins" not in signed
