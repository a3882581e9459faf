"""The buttons, the dashboard and the server give one answer: responses.rules.decide().

For every (state, action, person) — people chosen for their authorship of the content as well as
their role — the staff page shows the action's button exactly when the rules allow it, the
dashboard lists the response for that person exactly when the rules allow it, and a POST of the
action succeeds exactly when the rules allow it (and otherwise changes nothing).
"""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from responses import rules, workflow
from responses.models import PublishedVersion, Response, ResponseEvent, Revision, StatutoryCopy
from responses.views import confirm
from tests.factories import FindingFactory, MembershipFactory, ReportFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db

Role = Membership.Role
STATES = [
    "draft",
    "in_review",
    "changes_requested",
    "approved",
    "scheduled",
    "published",
    "published_forced",
    "withdrawn",
    "amendment_in_review",
]
# Who each person is: their roles in the body, and (by the way the state is built below) their
# part in writing the content.
PEOPLE = {
    "drafter": [Role.DRAFTER],  # saved a small change and submitted
    "writer_reviewer": [Role.DRAFTER, Role.REVIEWER],  # wrote the whole content, did not submit
    "reviewer": [Role.REVIEWER],  # wrote nothing
    "approver": [Role.PUBLISHER],  # approves and publishes in the set-up; wrote nothing
    "forcer": [Role.PUBLISHER],  # force-publishes in "published_forced"
    "publisher": [Role.PUBLISHER],  # wrote nothing, did nothing
    "outsider": [],  # a publisher of another body
    "site_admin": [],  # a superuser with no role
}
REASONS = {"request_changes": "Say more.", "force_publish": "The deadline is today.", "withdraw": "Published in error."}


@pytest.fixture(autouse=True)
def cheap_pdfs(monkeypatch):
    """The rendering is tested elsewhere; here it would only cost time."""
    monkeypatch.setattr(workflow, "render_pdf", lambda snapshot, **dates: b"%PDF-1.7 test")


def _people(body):
    people = {}
    for name, roles in PEOPLE.items():
        user = UserFactory(username=f"person-{name}")
        for role in roles:
            MembershipFactory(user=user, body=body, role=role)
        people[name] = user
    MembershipFactory(user=people["outsider"], role=Role.PUBLISHER)
    people["site_admin"].is_superuser = people["site_admin"].is_staff = True
    people["site_admin"].save()
    return people


def _save(response, user, introduction):
    response.refresh_from_db()
    items = {
        item.finding_id: (f"{introduction}: our plan for {item.finding.reference}.", "action-proposed")
        for item in response.items.all()
    }
    workflow.save(
        response,
        user,
        response.edit_count,
        {"introduction": introduction, "change_note": "Corrected.", "change_is_major": False},
        items,
    )


def _build(state, body, people):
    report = ReportFactory()
    FindingFactory(report=report)
    FindingFactory(report=report)
    response = workflow.start(report, body, people["writer_reviewer"])
    _save(response, people["writer_reviewer"], "The whole of our response")
    if state == "draft":
        return response
    if state == "published_forced":
        workflow.force_publish(response, people["forcer"], "The deadline is today.")
        return response
    _save(response, people["drafter"], "The whole of our response.")  # a colleague's one-character change
    workflow.submit(response, people["drafter"])
    if state == "in_review":
        return response
    if state == "changes_requested":
        workflow.request_changes(response, people["approver"], "Say more.")
        return response
    workflow.approve(response, people["approver"])
    if state == "approved":
        return response
    if state == "scheduled":
        workflow.schedule(response, people["approver"], timezone.now() + datetime.timedelta(days=1))
        return response
    workflow.publish(response, people["approver"])
    if state == "published":
        return response
    if state == "withdrawn":
        workflow.withdraw(response, people["approver"], "Replaced.")
        return response
    workflow.amend(response, people["drafter"])
    _save(response, people["drafter"], "An amended response")
    workflow.submit(response, people["drafter"])
    return response


def _post_data(action, response):
    if action == "approve":
        return {"approve-revision": response.revisions.order_by("-number").first().number}
    if action in REASONS:
        return {f"{action}-reason": REASONS[action]}
    if action == "schedule":
        day = timezone.localdate() + datetime.timedelta(days=3)
        return {
            "schedule-publish_on_0": day.day,
            "schedule-publish_on_1": day.month,
            "schedule-publish_on_2": day.year,
            "schedule-publish_at": "09:30",
        }
    return {}


def _record(response):
    response.refresh_from_db()
    return (
        response.status,
        response.current_version_id,
        response.needs_retrospective_review,
        Response.objects.count(),
        ResponseEvent.objects.count(),
        Revision.objects.count(),
        PublishedVersion.objects.count(),
        StatutoryCopy.objects.count(),
    )


def _button_shown(html, response, action):
    """A form posting the action, or, for those confirmed on a page of their own, a link to it."""
    if action in confirm.CONFIRMED:
        return f'href="{reverse("staff:confirm", kwargs={"pk": response.pk, "action": action})}"' in html
    return f'action="{reverse("staff:transition", kwargs={"pk": response.pk, "action": action})}"' in html


def _on_dashboard(context, response, action):
    """Whether the dashboard puts the response in the list that offers `action`, or None if no list does."""
    if action == "approve":
        return response.pk in {r.pk for r in context["waiting_for_me"]}
    if action == "publish":
        return response.pk in {r.pk for r in context["ready_to_publish"]}
    if action == "retrospective_approve":
        offered = {r.pk for r, decision in context["retrospective"] if decision}
        return response.pk in offered
    return None


@pytest.mark.parametrize("person", list(PEOPLE))
@pytest.mark.parametrize("state", STATES)
def test_buttons_dashboard_and_server_agree_with_the_rules(client, body, state, person):
    people = _people(body)
    response = _build(state, body, people)
    user = people[person]
    client.force_login(user)
    page = client.get(response.get_staff_url())
    dashboard = client.get(reverse("staff:dashboard"))
    assert dashboard.status_code == 200

    for action in rules.TRANSITIONS:
        response.refresh_from_db()
        decision = rules.decide(user, action, response)
        where = f"{action} in {state} by {person}: {decision.reason or 'allowed'}"
        if page.status_code == 200:
            assert _button_shown(page.content.decode(), response, action) == decision.allowed, where
        else:
            assert page.status_code == 404 and not decision.allowed, where
        listed = _on_dashboard(dashboard.context, response, action)
        if listed is not None:
            assert listed == decision.allowed, where

        before = _record(response)
        with transaction.atomic():
            reply = client.post(
                reverse("staff:transition", kwargs={"pk": response.pk, "action": action}), _post_data(action, response)
            )
            changed = _record(response) != before
            transaction.set_rollback(True)
        if decision.allowed:
            assert reply.status_code == 302 and changed, where
        else:
            assert reply.status_code in {403, 404, 409}, where
            assert not changed, where


def _decision(state, person, action, body):
    people = _people(body)
    response = _build(state, body, people)
    response.refresh_from_db()
    return rules.decide(people[person], action, response)


def test_a_reviewer_who_wrote_the_content_cannot_approve_after_a_colleagues_small_change(body):
    decision = _decision("in_review", "writer_reviewer", "approve", body)
    assert not decision and decision.refusal == rules.Refusal.SECOND_PAIR_OF_EYES
    assert "wrote part of this version" in decision.reason


def test_the_submitter_cannot_approve(body):
    people = _people(body)
    MembershipFactory(user=people["drafter"], body=body, role=Role.REVIEWER)
    response = _build("in_review", body, people)
    response.refresh_from_db()
    decision = rules.decide(people["drafter"], "approve", response)
    assert not decision and "submitted" in decision.reason


def test_an_uninvolved_reviewer_can_approve(body):
    assert _decision("in_review", "reviewer", "approve", body)


def test_the_author_of_force_published_content_cannot_approve_it_retrospectively(body):
    decision = _decision("published_forced", "writer_reviewer", "retrospective_approve", body)
    assert not decision and decision.refusal == rules.Refusal.SECOND_PAIR_OF_EYES


def test_the_force_publisher_cannot_approve_it_retrospectively(body):
    decision = _decision("published_forced", "forcer", "retrospective_approve", body)
    assert not decision and "without review" in decision.reason


def test_someone_uninvolved_can_approve_force_published_content_retrospectively(body):
    assert _decision("published_forced", "reviewer", "retrospective_approve", body)


def test_writing_before_the_last_publication_does_not_bar_approving_an_amendment(body):
    """The second pair of eyes looks at what changed since the live version, not at its whole past."""
    assert _decision("amendment_in_review", "writer_reviewer", "approve", body)


def test_the_amendments_author_cannot_approve_it(body):
    people = _people(body)
    MembershipFactory(user=people["drafter"], body=body, role=Role.REVIEWER)
    response = _build("amendment_in_review", body, people)
    response.refresh_from_db()
    assert response.status == Response.Status.IN_REVIEW
    assert not rules.decide(people["drafter"], "approve", response)


def test_every_action_needs_an_actor(draft):
    with pytest.raises(TypeError):
        rules.decide(None, "submit", draft)
    with pytest.raises(TypeError):
        workflow.submit(draft, None)
