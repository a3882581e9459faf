"""The editor's bar, what each finding shows, the chief officer's dates and the GOV.UK wording of
its errors: a drafter saves and submits without leaving the editor."""

import datetime
from html import unescape

import pytest
from django.utils import timezone

from responses import remarks, workflow
from responses.models import Response, ResponseEvent
from tracker.models import Addressee, Finding

pytestmark = pytest.mark.django_db


def _form(response, **overrides):
    data = {"base_edit_count": response.edit_count, "introduction": "Our introduction."}
    for item in response.items.all():
        data[f"item-{item.finding_id}-comment"] = f"Comment on {item.finding.reference}."
        data[f"item-{item.finding_id}-position"] = "action-taken"
    data.update(overrides)
    return data


def _date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _edit(client, response, **overrides):
    return client.post(f"/staff/responses/{response.pk}/edit/", _form(response, **overrides))


# The bar --------------------------------------------------------------------------------------


def test_the_bar_offers_save_and_submit_side_by_side(client, drafter, draft):
    client.force_login(drafter)
    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()
    bar = html[html.index('class="app-editor-bar"') :]
    bar = bar[: bar.index("</form>")]
    assert ">Save</button>" in bar
    assert 'name="then" value="submit"' in bar and "Submit for review</button>" in bar


def test_submitting_from_the_editor_saves_then_submits(client, drafter, draft):
    client.force_login(drafter)
    reply = _edit(client, draft, introduction="Saved on the way to review.", then="submit")
    assert reply.status_code == 302 and reply["Location"] == draft.get_staff_url()
    draft.refresh_from_db()
    assert draft.introduction == "Saved on the way to review."
    assert draft.status == Response.Status.IN_REVIEW
    assert draft.submitted_by == drafter
    assert draft.revisions.first().snapshot["introduction"] == "Saved on the way to review."
    follow = client.get(reply["Location"]).content.decode()
    assert "Your changes have been saved and the response has been submitted for review." in follow


def test_an_invalid_form_submits_nothing_and_keeps_the_text(client, drafter, draft):
    client.force_login(drafter)
    reply = _edit(
        client,
        draft,
        introduction="Words that must not be lost.",
        then="submit",
        **_date("chief_officer_comments_received_on", timezone.localdate() + datetime.timedelta(days=3)),
    )
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "Words that must not be lost." in html
    assert "must be today or in the past" in html
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT
    assert draft.introduction != "Words that must not be lost."
    assert not ResponseEvent.objects.filter(response=draft, action="submit").exists()


def test_a_refused_submission_keeps_the_save_and_says_why(client, drafter, draft):
    client.force_login(drafter)
    item = draft.items.first()
    reply = _edit(client, draft, then="submit", **{f"item-{item.finding_id}-position": ""})
    assert reply.status_code == 302 and reply["Location"].endswith("/edit/")
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT
    assert draft.items.get(pk=item.pk).position == ""
    page = client.get(reply["Location"]).content.decode()
    assert "Your changes have been saved, but the response has not been submitted." in page
    assert f"Missing: {item.finding.reference}" in page


def test_the_bar_gives_the_reason_instead_of_submit_when_submitting_is_refused(client, drafter, draft):
    item = draft.items.first()
    item.position = ""
    item.save()
    client.force_login(drafter)
    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()
    assert 'value="submit"' not in html
    assert 'href="#submit-blocked"' in html
    blocked = html[html.index('id="submit-blocked"') :]
    assert f"Missing: {item.finding.reference}" in blocked[: blocked.index("</div>")]


def test_the_bar_stays_in_view_with_css_alone(client, drafter, draft):
    from pathlib import Path

    scss = (Path(__file__).resolve().parents[1] / "static" / "scss" / "app.scss").read_text()
    rule = scss[scss.index(".app-editor-bar {") :]
    assert "position: sticky" in rule[: rule.index("}")] and "bottom: 0" in rule[: rule.index("}")]


# What each finding shows ----------------------------------------------------------------------


def test_each_finding_shows_its_addressees_and_its_own_deadline(client, drafter, draft):
    finding = draft.items.first().finding
    finding.addressees.set(Addressee.objects.filter(name__in=["Chief constables", "Police and crime commissioners"]))
    finding.deadline_text = "By 31 March 2025"
    finding.save()
    other = draft.items.last().finding
    other.deadline_on = datetime.date(2025, 6, 30)
    other.save()
    client.force_login(drafter)
    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()
    section = html[html.index(f'id="item-{finding.pk}"') :]
    section = section[: section.index("</section>")]
    assert "Addressed to: Chief constables, Police and crime commissioners" in section
    assert "Deadline in the report: By 31 March 2025" in section
    assert finding.reference in section and Finding.Kind(finding.kind).label in section
    assert "Deadline in the report: 30 June 2025" in html


# Error messages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "parts,message",
    [
        (("31", "2", "2024"), "The date the chief officer's comments were received must be a real date"),
        (("9" * 25, "2", "2024"), "The date the chief officer's comments were received must be a real date"),
        (("x", "2", "2024"), "The date the chief officer's comments were received must be a real date"),
        (("", "2", "2024"), "The date the chief officer's comments were received must include a day"),
        (("3", "", ""), "The date the chief officer's comments were received must include a month and year"),
        (("3", "2", "24"), "The date the chief officer's comments were received must include a year of 4 numbers"),
    ],
)
def test_date_errors_are_worded_the_gov_uk_way(client, drafter, draft, parts, message):
    client.force_login(drafter)
    fields = {f"chief_officer_comments_received_on_{n}": part for n, part in enumerate(parts)}
    reply = _edit(client, draft, **fields)
    assert reply.status_code == 400
    html = unescape(reply.content.decode())
    assert message in html
    assert "out of range" not in html and "Enter a valid" not in html


def test_a_schedule_date_that_cannot_exist_says_enter_a_real_date(client, drafter, reviewer, publisher, draft):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    client.force_login(publisher)
    reply = client.post(
        f"/staff/responses/{draft.pk}/actions/schedule/",
        {
            "schedule-publish_on_0": "31",
            "schedule-publish_on_1": "4",
            "schedule-publish_on_2": "2030",
            "schedule-publish_at": "09:30",
        },
    )
    assert reply.status_code == 400
    assert "Enter a real date" in reply.content.decode()
    assert "out of range" not in reply.content.decode()


# The chief officer's dates (s.55(4)) ------------------------------------------------------------


def test_the_chief_officers_request_and_due_dates_are_saved(client, drafter, draft):
    client.force_login(drafter)
    requested, due = timezone.localdate() - datetime.timedelta(days=10), timezone.localdate() + datetime.timedelta(4)
    reply = _edit(
        client,
        draft,
        **_date("chief_officer_comments_requested_on", requested),
        **_date("chief_officer_comments_due_on", due),
    )
    assert reply.status_code == 302
    draft.refresh_from_db()
    assert (draft.chief_officer_comments_requested_on, draft.chief_officer_comments_due_on) == (requested, due)
    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()
    assert f'name="chief_officer_comments_due_on_2" value="{due.year}"' in html


def test_a_request_date_in_the_future_is_refused(client, drafter, draft):
    client.force_login(drafter)
    reply = _edit(
        client, draft, **_date("chief_officer_comments_requested_on", timezone.localdate() + datetime.timedelta(1))
    )
    assert reply.status_code == 400
    message = "The date the chief officer's comments were requested must be today or in the past"
    assert message in unescape(reply.content.decode())
    draft.refresh_from_db()
    assert draft.chief_officer_comments_requested_on is None


def test_a_due_date_before_the_request_is_refused(client, drafter, draft):
    client.force_login(drafter)
    requested = timezone.localdate() - datetime.timedelta(days=5)
    reply = _edit(
        client,
        draft,
        **_date("chief_officer_comments_requested_on", requested),
        **_date("chief_officer_comments_due_on", requested - datetime.timedelta(days=1)),
    )
    assert reply.status_code == 400
    assert "must be the same as or after the date the comments were requested" in reply.content.decode()
    draft.refresh_from_db()
    assert draft.chief_officer_comments_due_on is None


# The reviewer's words, where the drafter works ----------------------------------------------------


def test_the_open_request_for_changes_is_shown_at_the_top(client, drafter, reviewer, draft):
    workflow.submit(draft, drafter)
    workflow.request_changes(draft, reviewer, "Say when the new phone system goes live.")
    client.force_login(drafter)
    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()
    banner = html[html.index('id="review-notes"') :]
    assert "Changes requested" in banner[:400]
    assert "Say when the new phone system goes live." in banner[: banner.index("<form")]


def test_a_request_for_changes_already_answered_is_not_shown(client, drafter, reviewer, publisher, draft):
    workflow.submit(draft, drafter)
    workflow.request_changes(draft, reviewer, "An old reason.")
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    workflow.publish(draft, publisher)
    workflow.amend(draft, drafter)
    client.force_login(drafter)
    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()
    assert "An old reason." not in html


def test_unresolved_remarks_are_at_the_top_and_beside_their_finding(client, drafter, reviewer, draft):
    first, second = [item.finding for item in draft.items.all()[:2]]
    remarks.add(draft, reviewer, "The date in this one is wrong.", finding=second)
    remarks.add(draft, reviewer, "Shorten the introduction.")
    done = remarks.add(draft, reviewer, "Already dealt with.", finding=first)
    remarks.resolve(done, drafter)
    client.force_login(drafter)
    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()
    top = html[html.index('id="review-notes"') : html.index("data-warn-unsaved")]
    assert "2 remarks not resolved yet" in top
    assert f'href="#item-{second.pk}">{second.reference}</a>: The date in this one is wrong.' in top
    assert "Shorten the introduction." in top
    section = html[html.index(f'id="item-{second.pk}"') :]
    assert "The date in this one is wrong." in section[: section.index("</section>")]
    first_section = html[html.index(f'id="item-{first.pk}"') :]
    assert "The date in this one is wrong." not in first_section[: first_section.index("</section>")]
    assert "Already dealt with." not in html
