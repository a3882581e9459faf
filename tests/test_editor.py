"""The editor: one page to write the response; nothing typed is lost on a validation error."""

import datetime

import pytest

from responses import workflow
from responses.models import Response
from tests.factories import publish

pytestmark = pytest.mark.django_db


def _form(response, **overrides):
    data = {"base_edit_count": response.edit_count, "introduction": "Our introduction."}
    for item in response.items.all():
        data[f"item-{item.finding_id}-comment"] = f"Comment on {item.finding.reference}."
        data[f"item-{item.finding_id}-position"] = "action-taken"
    data.update(overrides)
    return data


def test_it_shows_every_finding_in_full_with_its_reference_and_kind(client, drafter, draft):
    client.force_login(drafter)
    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()
    for item in draft.items.select_related("finding"):
        assert item.finding.text in html
        assert item.finding.reference in html
        assert item.finding.get_kind_display() in html
    assert "data-warn-unsaved" in html


def test_saving_stores_the_text_and_the_positions(client, drafter, draft):
    client.force_login(drafter)
    reply = client.post(f"/staff/responses/{draft.pk}/edit/", _form(draft, chief_officer_comments="The chief agrees."))
    assert reply.status_code == 302
    draft.refresh_from_db()
    assert draft.introduction == "Our introduction."
    assert draft.chief_officer_comments == "The chief agrees."
    assert {item.position for item in draft.items.all()} == {"action-taken"}
    assert draft.last_edited_by == drafter


def test_an_invalid_form_keeps_everything_typed_and_says_error_in_the_title(client, drafter, draft):
    client.force_login(drafter)
    item = draft.items.first()
    data = _form(
        draft,
        introduction="Words that must not be lost.",
        **{
            "chief_officer_comments_received_on_0": "31",
            "chief_officer_comments_received_on_1": "2",
            "chief_officer_comments_received_on_2": "2024",
            f"item-{item.finding_id}-position": "maybe",
        },
    )
    reply = client.post(f"/staff/responses/{draft.pk}/edit/", data)
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert "Words that must not be lost." in html
    assert "Select action taken, action proposed or no action" in html
    draft.refresh_from_db()
    assert draft.introduction != "Words that must not be lost."


def test_no_action_needs_a_reason(client, drafter, draft):
    client.force_login(drafter)
    item = draft.items.first()
    data = _form(draft, **{f"item-{item.finding_id}-position": "no-action", f"item-{item.finding_id}-comment": ""})
    reply = client.post(f"/staff/responses/{draft.pk}/edit/", data)
    assert reply.status_code == 400
    assert "Enter why no action is being taken" in reply.content.decode()


def test_a_received_date_in_the_future_is_refused(client, drafter, draft):
    client.force_login(drafter)
    future = datetime.date.today() + datetime.timedelta(days=30)
    data = _form(
        draft,
        chief_officer_comments_received_on_0=str(future.day),
        chief_officer_comments_received_on_1=str(future.month),
        chief_officer_comments_received_on_2=str(future.year),
    )
    reply = client.post(f"/staff/responses/{draft.pk}/edit/", data)
    assert reply.status_code == 400
    assert "must be today or in the past" in reply.content.decode()


def test_a_response_in_review_cannot_be_edited(client, drafter, draft):
    from responses import workflow

    workflow.submit(draft, drafter)
    client.force_login(drafter)
    reply = client.post(f"/staff/responses/{draft.pk}/edit/", _form(draft, introduction="Sneaky change."))
    assert reply.status_code == 302
    draft.refresh_from_db()
    assert draft.introduction != "Sneaky change."
    assert draft.status == Response.Status.IN_REVIEW


def test_a_missing_base_version_is_treated_as_a_conflict_not_a_crash(client, drafter, draft):
    client.force_login(drafter)
    data = _form(draft)
    data["base_edit_count"] = "not-a-number"
    assert client.post(f"/staff/responses/{draft.pk}/edit/", data).status_code == 409


def test_the_preview_shows_exactly_the_working_copy(client, drafter, draft):
    client.force_login(drafter)
    client.post(f"/staff/responses/{draft.pk}/edit/", _form(draft, introduction="Preview me."))
    html = client.get(f"/staff/responses/{draft.pk}/preview/").content.decode()
    assert "Preview me." in html and "Draft preview" in html
    pdf = client.get(f"/staff/responses/{draft.pk}/preview/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "private, no-store"


def test_a_reason_is_required_to_request_changes(client, drafter, reviewer, draft):
    from responses import workflow

    workflow.submit(draft, drafter)
    client.force_login(reviewer)
    reply = client.post(f"/staff/responses/{draft.pk}/actions/request_changes/", {"request_changes-reason": ""})
    assert reply.status_code == 400
    assert "Enter what needs to change" in reply.content.decode()
    assert "<title>Error: " in reply.content.decode()
    draft.refresh_from_db()
    assert draft.status == Response.Status.IN_REVIEW


def test_compare_shows_word_level_changes(client, drafter, draft):
    client.force_login(drafter)
    client.post(f"/staff/responses/{draft.pk}/edit/", _form(draft, introduction="The force agreed quickly."))
    draft.refresh_from_db()
    client.post(f"/staff/responses/{draft.pk}/edit/", _form(draft, introduction="The force agreed slowly."))
    latest = draft.revisions.order_by("-number").first().number
    html = client.get(f"/staff/responses/{draft.pk}/compare/?from={latest - 1}&to={latest}").content.decode()
    assert "quickly" in html and "slowly" in html
    assert 'class="app-diff__removed"' in html and 'class="app-diff__added"' in html
    assert client.get(f"/staff/responses/{draft.pk}/compare/?from=999").status_code == 404


SIGNATURE = "Alex Morgan\nPolice and Crime Commissioner for Aberwen"


def test_the_signature_is_saved_into_the_working_copy_and_its_revision(client, drafter, draft):
    client.force_login(drafter)

    reply = client.post(f"/staff/responses/{draft.pk}/edit/", _form(draft, signature=SIGNATURE))

    assert reply.status_code == 302
    draft.refresh_from_db()
    assert draft.signature == SIGNATURE
    assert draft.revisions.order_by("-number").first().snapshot["signature"] == SIGNATURE


def test_the_signature_field_comes_after_the_reply_and_before_the_change_note(client, drafter, draft):
    draft.signature = SIGNATURE
    draft.save()
    publish(draft)
    workflow.amend(draft, drafter)  # an amendment's editor has the change note too
    client.force_login(drafter)

    html = client.get(f"/staff/responses/{draft.pk}/edit/").content.decode()

    reply, signature, note = (
        html.index(f'name="{name}"') for name in ("reply_to_chief_officer", "signature", "change_note")
    )
    assert reply < signature < note
    words = " ".join(html.split())
    assert '<label for="id_signature" class="govuk-label govuk-label--s"> Signed by </label>' in words
    assert "The name and office printed at the end of the response, each on its own line." in words
    assert f"{SIGNATURE}</textarea>" in html
