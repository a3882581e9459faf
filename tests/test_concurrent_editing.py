"""Two people save from the same version: one wins, the other is refused with their text kept."""

import pytest

from responses.models import Response
from tests.factories import MembershipFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db


def _form(response, base, introduction, comment):
    data = {"base_edit_count": base, "introduction": introduction}
    for item in response.items.all():
        data[f"item-{item.finding_id}-comment"] = comment
        data[f"item-{item.finding_id}-position"] = "action-proposed"
    return data


@pytest.fixture
def second_drafter(body):
    user = UserFactory(username="second-drafter", first_name="Sam", last_name="Second")
    MembershipFactory(user=user, body=body, role=Membership.Role.DRAFTER)
    return user


def test_the_second_save_from_the_same_version_is_refused_and_keeps_its_text(client, draft, drafter, second_drafter):
    url = f"/staff/responses/{draft.pk}/edit/"
    base = draft.edit_count
    client.force_login(drafter)
    first = client.post(url, _form(draft, base, "Alpha introduction by the first drafter.", "Alpha comment."))
    assert first.status_code == 302

    client.force_login(second_drafter)
    second = client.post(url, _form(draft, base, "Bravo introduction by the second drafter.", "Bravo comment."))
    assert second.status_code == 409
    html = second.content.decode()
    assert "Someone else saved this response while you were editing it" in html
    assert "Bravo introduction by the second drafter." in html  # still in the form
    assert "Alpha" in html  # what the other person changed is shown
    assert "<title>Error: " in html

    draft.refresh_from_db()
    assert draft.introduction == "Alpha introduction by the first drafter."
    assert {item.comment for item in draft.items.all()} == {"Alpha comment."}


def test_saving_again_after_seeing_the_conflict_is_a_deliberate_overwrite(client, draft, drafter, second_drafter):
    url = f"/staff/responses/{draft.pk}/edit/"
    base = draft.edit_count
    client.force_login(drafter)
    client.post(url, _form(draft, base, "First.", "First."))
    client.force_login(second_drafter)
    conflict = client.post(url, _form(draft, base, "Second.", "Second."))
    new_base = conflict.context["base_edit_count"]
    assert new_base == Response.objects.get(pk=draft.pk).edit_count
    assert client.post(url, _form(draft, new_base, "Second.", "Second.")).status_code == 302
    draft.refresh_from_db()
    assert draft.introduction == "Second."


def test_every_save_writes_a_revision_with_a_full_snapshot(client, draft, drafter):
    before = draft.revisions.count()
    client.force_login(drafter)
    client.post(f"/staff/responses/{draft.pk}/edit/", _form(draft, draft.edit_count, "New words.", "New comment."))
    latest = draft.revisions.order_by("-number").first()
    assert draft.revisions.count() == before + 1
    assert latest.author == drafter
    assert latest.snapshot["introduction"] == "New words."
    assert {item["comment"] for item in latest.snapshot["items"]} == {"New comment."}


def test_a_conflicting_signature_is_shown_beside_theirs_and_kept_in_the_form(client, draft, drafter, second_drafter):
    url = f"/staff/responses/{draft.pk}/edit/"
    base = draft.edit_count
    client.force_login(drafter)
    client.post(url, {**_form(draft, base, "Same.", "Same."), "signature": "Alex Morgan"})

    client.force_login(second_drafter)
    second = client.post(url, {**_form(draft, base, "Same.", "Same."), "signature": "Sam Okafor"})

    assert second.status_code == 409
    rows = {row.label: row for row in second.context["conflict"]["rows"]}
    assert list(rows) == ["Signed by"]  # the only part the two saves differ in
    assert "Alex Morgan" in rows["Signed by"].old_html and "Sam Okafor" in rows["Signed by"].new_html
    assert "Sam Okafor</textarea>" in second.content.decode()
    draft.refresh_from_db()
    assert draft.signature == "Alex Morgan"
