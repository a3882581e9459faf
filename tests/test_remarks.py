"""Remarks on one finding or on the whole response, resolved by the drafters, and listed when a
reviewer requests changes."""

from html import unescape

import pytest

from responses import remarks, workflow
from responses.models import Remark, RemarkResolution
from tests.factories import FindingFactory, MembershipFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(draft, drafter):
    workflow.submit(draft, drafter)
    return draft


def _finding(response, n=1):
    return response.items.select_related("finding")[n].finding


def _resolve_url(remark):
    return f"/staff/responses/{remark.response_id}/remarks/{remark.pk}/resolve/"


# Adding -----------------------------------------------------------------------------------------


def test_a_reviewer_remarks_on_one_finding(client, reviewer, in_review):
    finding = _finding(in_review)
    client.force_login(reviewer)
    reply = client.post(
        f"/staff/responses/{in_review.pk}/remarks/",
        {"remark-text": "The date is wrong.", "remark-finding": finding.pk},
    )
    assert reply.status_code == 302 and reply["Location"].endswith(f"#review-item-{finding.pk}")
    remark = Remark.objects.get(response=in_review)
    assert (remark.finding, remark.author, remark.text) == (finding, reviewer, "The date is wrong.")


def test_a_remark_without_a_finding_is_on_the_whole_response(client, reviewer, in_review):
    client.force_login(reviewer)
    client.post(f"/staff/responses/{in_review.pk}/remarks/", {"remark-text": "Too long.", "remark-finding": ""})
    assert Remark.objects.get(response=in_review).finding is None


def test_a_finding_of_another_report_is_refused_and_nothing_saved(client, reviewer, in_review):
    client.force_login(reviewer)
    reply = client.post(
        f"/staff/responses/{in_review.pk}/remarks/",
        {"remark-text": "Kept text.", "remark-finding": FindingFactory().pk},
    )
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "Select a finding of this report, or the whole response" in html and "Kept text." in html
    assert not Remark.objects.exists()


def test_the_review_page_shows_a_remark_beside_its_finding_with_a_form_to_add_one(client, reviewer, in_review):
    finding, other = _finding(in_review, 1), _finding(in_review, 0)
    remarks.add(in_review, reviewer, "Recommendation two needs a date.", finding=finding)
    client.force_login(reviewer)
    html = client.get(in_review.get_staff_url()).content.decode()
    section = html[html.index(f'id="review-item-{finding.pk}"') :]
    section = section[: section.index("</section>")]
    assert "Recommendation two needs a date." in section
    assert f"Add a remark on {finding.reference}" in section
    assert f'id="review-{finding.pk}-remark-text"' in section
    other_section = html[html.index(f'id="review-item-{other.pk}"') :]
    assert "Recommendation two needs a date." not in other_section[: other_section.index("</section>")]


# Resolving: who may ------------------------------------------------------------------------------


@pytest.fixture
def remark(in_review, reviewer):
    return remarks.add(in_review, reviewer, "Check the figures.", finding=_finding(in_review))


def test_a_drafter_resolves_a_remark_and_goes_back_beside_the_finding(client, drafter, remark):
    client.force_login(drafter)
    reply = client.post(_resolve_url(remark), {"next": "editor"})
    assert reply.status_code == 302
    assert reply["Location"] == f"/staff/responses/{remark.response_id}/edit/#item-{remark.finding_id}"
    resolution = RemarkResolution.objects.get(remark=remark)
    assert resolution.resolved_by == drafter


def test_a_publisher_may_resolve_a_remark(client, publisher, remark):
    client.force_login(publisher)
    assert client.post(_resolve_url(remark)).status_code == 302
    assert RemarkResolution.objects.filter(remark=remark).exists()


def test_a_reviewer_who_is_not_a_drafter_may_not_resolve(client, reviewer, remark):
    client.force_login(reviewer)
    assert client.post(_resolve_url(remark)).status_code == 403
    assert not RemarkResolution.objects.exists()


def test_staff_of_another_body_get_a_404(client, outsider, remark):
    client.force_login(outsider)
    assert client.post(_resolve_url(remark)).status_code == 404
    assert not RemarkResolution.objects.exists()


def test_a_site_admin_without_a_role_may_not_resolve(client, site_admin, remark):
    client.force_login(site_admin)
    assert client.post(_resolve_url(remark)).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(client, remark):
    reply = client.post(_resolve_url(remark))
    assert reply.status_code == 302 and reply["Location"].startswith("/staff/sign-in/")
    assert not RemarkResolution.objects.exists()


def test_resolving_twice_is_refused_and_changes_nothing(client, drafter, remark, body):
    remarks.resolve(remark, drafter)
    second = UserFactory(username="second-drafter")
    MembershipFactory(user=second, body=body, role=Membership.Role.DRAFTER)
    client.force_login(second)
    reply = client.post(_resolve_url(remark))
    assert reply.status_code == 409
    assert "This remark has already been resolved." in reply.content.decode()
    assert RemarkResolution.objects.get(remark=remark).resolved_by == drafter


def test_a_remark_of_another_response_is_not_found_through_this_one(client, drafter, remark, draft, body):
    other = workflow.start(FindingFactory().report, body, drafter)
    client.force_login(drafter)
    assert client.post(f"/staff/responses/{other.pk}/remarks/{remark.pk}/resolve/").status_code == 404


def test_resolving_needs_a_post(client, drafter, remark):
    client.force_login(drafter)
    assert client.get(_resolve_url(remark)).status_code == 405


def test_the_rule_lives_in_rules(drafter, reviewer, remark):
    from responses import rules

    assert rules.decide_resolve(drafter, remark)
    refused = rules.decide_resolve(reviewer, remark)
    assert not refused and refused.refusal == rules.Refusal.ROLE


def test_the_page_offers_resolve_only_to_those_who_may(client, drafter, reviewer, remark):
    client.force_login(drafter)
    assert _resolve_url(remark) in client.get(remark.response.get_staff_url()).content.decode()
    client.force_login(reviewer)
    assert _resolve_url(remark) not in client.get(remark.response.get_staff_url()).content.decode()


# Requesting changes lists the unresolved ones --------------------------------------------------------


@pytest.fixture
def three_remarks(in_review, reviewer, drafter):
    finding = _finding(in_review)
    open_on_finding = remarks.add(in_review, reviewer, "The date is wrong.", finding=finding)
    open_on_all = remarks.add(in_review, reviewer, "Say who is accountable.")
    resolved = remarks.add(in_review, reviewer, "A typo, since fixed.")
    remarks.resolve(resolved, drafter)
    return finding, open_on_finding, open_on_all, resolved


def test_the_request_changes_form_lists_the_unresolved_remarks(client, reviewer, in_review, three_remarks):
    finding, *_ = three_remarks
    client.force_login(reviewer)
    html = unescape(client.get(in_review.get_staff_url()).content.decode())
    listed = html[html.index('class="govuk-list govuk-list--bullet app-open-remarks"') :]
    listed = listed[: listed.index("</ul>")]
    assert f"{finding.reference}: The date is wrong." in listed
    assert "The whole response: Say who is accountable." in listed
    assert "A typo" not in listed


def test_the_email_and_the_history_list_the_remarks_open_when_changes_were_requested(
    client, reviewer, drafter, in_review, three_remarks, mailoutbox, django_capture_on_commit_callbacks
):
    finding, *_ = three_remarks
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(
            f"/staff/responses/{in_review.pk}/actions/request_changes/",
            {"request_changes-reason": "See the remarks."},
        )
    assert reply.status_code == 302
    (message,) = [m for m in mailoutbox if drafter.email in m.to]
    assert f"- {finding.reference}: The date is wrong." in message.body
    assert "- The whole response: Say who is accountable." in message.body
    assert "A typo" not in message.body
    html = unescape(client.get(in_review.get_staff_url()).content.decode())
    history = html[html.index("Every change of status") :]
    assert f"Remarks not resolved then: {finding.reference} (“The date is wrong.”)" in history


def test_a_remark_resolved_later_is_still_listed_as_open_then(reviewer, drafter, in_review, three_remarks):
    _, open_on_finding, *_ = three_remarks
    event = workflow.request_changes(in_review, reviewer, "See the remarks.")
    remarks.resolve(open_on_finding, drafter)
    assert open_on_finding in remarks.unresolved_at(in_review, event.created_at)
    assert open_on_finding not in remarks.unresolved(in_review)
