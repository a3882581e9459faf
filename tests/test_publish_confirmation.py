"""The confirmation page before publishing, scheduling, force publishing and withdrawing: what it says
(what becomes public and where, the statutory copy, the on-time status in words), the public
explanation of a late publication, and who may see it (issue 10, item 3)."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from responses import workflow
from responses.models import PublishedVersion, Response, ResponseEvent
from tracker.deadlines import lateness_sentence, long_date

pytestmark = pytest.mark.django_db

EXPLANATION = "The chief constable's comments arrived five weeks after we asked for them."


def _text(reply):
    """The page's words, white space folded and entities decoded as a reader sees them."""
    html = reply.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _confirm_url(response, action):
    return reverse("staff:confirm", kwargs={"pk": response.pk, "action": action})


def _act_url(response, action):
    return reverse("staff:transition", kwargs={"pk": response.pk, "action": action})


def _report_published(response, days_ago):
    """Date the response's report `days_ago` days before today (due on its 56th day). Before the
    response is approved: the approved snapshot keeps the report's dates as they were."""
    response.report.published_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    response.report.save()
    response.refresh_from_db()
    if response.is_editable:  # a revision with the report's new dates, to be approved
        workflow.write_revision(response, response.last_edited_by)
    return response.due_on


def _approve(draft, drafter, reviewer):
    workflow.submit(draft, drafter)
    workflow.approve(draft, reviewer)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def on_time(draft, drafter, reviewer):
    """Approved, with 45 days to go."""
    _report_published(draft, 10)
    return _approve(draft, drafter, reviewer)


@pytest.fixture
def late(draft, drafter, reviewer):
    """Approved, and 27 days past its last day."""
    _report_published(draft, 55 + 27)
    return _approve(draft, drafter, reviewer)


@pytest.fixture
def published(late, publisher):
    workflow.publish(late, publisher, late_explanation=EXPLANATION)
    late.refresh_from_db()
    return late


def _history(response):
    response.refresh_from_db()
    return (response.status, response.current_version_id, ResponseEvent.objects.count(), len(mail.outbox))


def _imported_record(draft, publisher, reviewer, original_published_on):
    """A publisher's import of their own body's response, approved by someone else: awaiting its
    first publication, with its original date (None: not known)."""
    draft.is_imported = True
    draft.original_published_on = original_published_on
    draft.original_url = "https://www.example.org/our-response"
    draft.save()
    workflow.submit_imported(draft, publisher)
    workflow.approve(draft, reviewer)
    draft.refresh_from_db()
    return draft


# The sentence ---------------------------------------------------------------------------------


def test_the_sentence_counts_the_days_late_and_names_the_last_day():
    due = datetime.date(2020, 4, 22)
    assert lateness_sentence(datetime.date(2020, 5, 19), due) == "27 days late: the last day was 22 April 2020"
    assert lateness_sentence(datetime.date(2020, 4, 23), due) == "1 day late: the last day was 22 April 2020"
    assert lateness_sentence(datetime.date(2024, 3, 22), due) == "1,430 days late: the last day was 22 April 2020"


def test_the_sentence_says_on_time_with_the_last_day_in_the_right_tense():
    due = datetime.date(2026, 5, 3)
    assert lateness_sentence(due, due, today=datetime.date(2026, 4, 20)) == "On time: the last day is 3 May 2026"
    assert lateness_sentence(due, due, today=datetime.date(2026, 5, 4)) == "On time: the last day was 3 May 2026"


def test_the_sentence_says_when_the_date_is_not_known():
    sentence = lateness_sentence(None, datetime.date(2020, 4, 22), today=datetime.date(2026, 1, 1))
    assert sentence == "Not known: the date it was first published is not known, and the last day was 22 April 2020"


# What the page says ---------------------------------------------------------------------------


def test_publishing_late_is_confirmed_with_the_days_late_and_the_last_day(client, publisher, late):
    client.force_login(publisher)
    reply = client.get(_confirm_url(late, "publish"))
    assert reply.status_code == 200
    text = _text(reply)
    assert f"27 days late: the last day was {long_date(late.due_on)}" in text
    assert "Why is it late? (optional)" in text


def test_publishing_on_time_says_so_and_offers_no_explanation(client, publisher, on_time):
    client.force_login(publisher)
    text = _text(client.get(_confirm_url(on_time, "publish")))
    assert f"On time: the last day is {long_date(on_time.due_on)}" in text
    assert "Why is it late?" not in text


def test_the_page_says_where_the_response_will_be_public(client, publisher, late, settings):
    client.force_login(publisher)
    text = _text(client.get(_confirm_url(late, "publish")))
    assert settings.SITE_URL + late.get_absolute_url() in text
    assert settings.SITE_URL + late.get_pdf_url() in text
    for place in (
        "/feeds/responses.atom",
        f"/bodies/{late.body.slug}/responses.atom",
        "/api/v1/responses/",
        "/search/",
    ):
        assert settings.SITE_URL + place in text
    assert f"revision {late.approved_revision.number}" in text


def test_the_page_names_the_statutory_copys_recipients(client, publisher, late, settings):
    settings.STATUTORY_COPY_RECIPIENTS = ["reports@hmicfrs.example", "policing@homeoffice.example"]
    client.force_login(publisher)
    text = _text(client.get(_confirm_url(late, "publish")))
    assert "emailed as soon as it is published to reports@hmicfrs.example, policing@homeoffice.example" in text


def test_the_page_says_when_no_statutory_copy_can_be_sent(client, publisher, late, settings):
    settings.STATUTORY_COPY_RECIPIENTS = []
    client.force_login(publisher)
    text = _text(client.get(_confirm_url(late, "publish")))
    assert "None is sent: no recipients are set (STATUTORY_COPY_RECIPIENTS)" in text


def test_an_imported_record_is_confirmed_with_its_original_date_and_no_statutory_copy(
    client, draft, publisher, reviewer
):
    _report_published(draft, 55 + 300 + 4)
    response = _imported_record(draft, publisher, reviewer, timezone.localdate() - datetime.timedelta(days=300))
    client.force_login(publisher)
    text = _text(client.get(_confirm_url(response, "publish")))
    assert f"4 days late: the last day was {long_date(response.due_on)}" in text
    assert "None is sent: this is an imported record" in text
    assert "Why is it late?" not in text  # kept in the words first published


def test_an_imported_record_whose_date_is_not_known_says_so(client, draft, publisher, reviewer):
    response = _imported_record(draft, publisher, reviewer, None)
    client.force_login(publisher)
    text = _text(client.get(_confirm_url(response, "publish")))
    assert (
        f"Not known: the date it was first published is not known, and the last day was {long_date(response.due_on)}"
        in text
    )


def test_an_amendment_keeps_the_lateness_of_its_first_publication(client, published, drafter, reviewer, publisher):
    workflow.amend(published, drafter)
    published.refresh_from_db()
    workflow.save(published, drafter, published.edit_count, {"change_note": "Corrected a date."}, {})
    workflow.submit(published, drafter)
    workflow.approve(published, reviewer)
    client.force_login(publisher)
    reply = client.get(_confirm_url(published, "publish"))
    text = _text(reply)
    assert f"27 days late: the last day was {long_date(published.due_on)}" in text
    assert "It replaces version 1" in text
    assert EXPLANATION in reply.content.decode().replace("&#x27;", "'")  # offered again as it stands


# Acting ---------------------------------------------------------------------------------------


def test_opening_the_page_changes_nothing(client, publisher, late):
    before = _history(late)
    client.force_login(publisher)
    for action in ("publish", "schedule", "force_publish", "withdraw"):
        client.get(_confirm_url(late, action))
    assert _history(late) == before and not PublishedVersion.objects.exists()


def test_the_action_is_not_one_click_on_the_response_page(client, publisher, late):
    client.force_login(publisher)
    html = client.get(late.get_staff_url()).content.decode()
    assert f'href="{_confirm_url(late, "publish")}"' in html
    assert f'action="{_act_url(late, "publish")}"' not in html


def test_confirming_publishes_with_the_explanation_stored_and_shown_publicly(client, publisher, late):
    client.force_login(publisher)
    reply = client.post(_act_url(late, "publish"), {"publication-late_explanation": EXPLANATION})
    assert reply.status_code == 302
    late.refresh_from_db()
    assert late.status == Response.Status.PUBLISHED
    assert late.late_explanation == EXPLANATION
    assert late.current_version.late_explanation == EXPLANATION
    client.logout()
    text = _text(client.get(late.get_absolute_url()))
    assert "published after the 56 days, 27 days late" in text
    assert f"Why it was published late {EXPLANATION}" in text


def test_the_explanation_is_in_the_published_pdf(publisher, late):
    workflow.publish(late, publisher, late_explanation=EXPLANATION)
    late.refresh_from_db()
    reader = PdfReader(io.BytesIO(late.current_version.pdf.read()))
    words = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Why it was published late" in words
    assert EXPLANATION in words.replace("\u2019", "'")


def test_an_on_time_publication_carries_no_explanation(client, publisher, on_time):
    client.force_login(publisher)
    client.post(_act_url(on_time, "publish"), {"publication-late_explanation": EXPLANATION})
    on_time.refresh_from_db()
    assert on_time.is_published and on_time.current_version.late_explanation == ""
    assert "Why it was published late" not in on_time.current_version.html


def test_an_explanation_over_the_limit_is_refused_with_the_text_kept(client, publisher, late):
    typed = "Late. " * 2000  # 12,000 characters
    before = _history(late)
    client.force_login(publisher)
    reply = client.post(_act_url(late, "publish"), {"publication-late_explanation": typed})
    assert reply.status_code == 400
    text = _text(reply)
    assert text.startswith("Error: ") or "<title>Error: " in reply.content.decode()
    assert "The explanation must be 10,000 characters or fewer" in text
    assert typed.strip() in reply.content.decode()
    assert _history(late) == before


def test_scheduling_first_asks_for_the_date(client, publisher, late):
    client.force_login(publisher)
    reply = client.get(_confirm_url(late, "schedule"))
    assert reply.status_code == 200
    html = reply.content.decode()
    assert 'name="schedule-publish_on_0"' in html and 'method="get"' in html
    assert "Continue" in html


def _schedule_query(day, time="09:30"):
    return {
        "schedule-publish_on_0": day.day,
        "schedule-publish_on_1": day.month,
        "schedule-publish_on_2": day.year,
        "schedule-publish_at": time,
    }


def test_scheduling_is_confirmed_with_the_lateness_on_the_day_chosen(client, publisher, draft, drafter, reviewer):
    due = _report_published(draft, 55 - 2)  # the last day is the day after tomorrow
    approved = _approve(draft, drafter, reviewer)
    day = timezone.localdate() + datetime.timedelta(days=5)
    client.force_login(publisher)
    reply = client.get(_confirm_url(approved, "schedule"), _schedule_query(day))
    assert reply.status_code == 200
    text = _text(reply)
    assert f"3 days late: the last day is {long_date(due)}" in text
    assert f"On {long_date(day)} at 09:30" in text
    assert "Why is it late? (optional)" in text
    assert 'name="schedule-publish_on_0" value="' in reply.content.decode()  # carried to the form that acts


def test_a_date_in_the_past_is_refused_before_confirming(client, publisher, late):
    client.force_login(publisher)
    reply = client.get(
        _confirm_url(late, "schedule"), _schedule_query(timezone.localdate() - datetime.timedelta(days=1))
    )
    assert reply.status_code == 400
    assert "The date and time to publish must be in the future" in _text(reply)


def test_a_scheduled_publication_carries_the_explanation_given_when_scheduling(client, publisher, late):
    day = timezone.localdate() + datetime.timedelta(days=2)
    client.force_login(publisher)
    data = {**_schedule_query(day), "publication-late_explanation": EXPLANATION}
    assert client.post(_act_url(late, "schedule"), data).status_code == 302
    late.refresh_from_db()
    assert late.status == Response.Status.SCHEDULED and late.late_explanation == EXPLANATION
    workflow.publish_due(now=late.scheduled_for + datetime.timedelta(minutes=1))
    late.refresh_from_db()
    assert late.current_version.late_explanation == EXPLANATION
    assert EXPLANATION in late.current_version.html.replace("&#x27;", "'")


def test_force_publishing_asks_for_the_reason_and_the_explanation(client, publisher, draft):
    _report_published(draft, 55 + 27)
    client.force_login(publisher)
    text = _text(client.get(_confirm_url(draft, "force_publish")))
    assert "Why must this be published without review?" in text
    assert "Why is it late? (optional)" in text
    assert f"27 days late: the last day was {long_date(draft.due_on)}" in text


def test_force_publishing_without_a_reason_is_refused_and_changes_nothing(client, publisher, draft):
    _report_published(draft, 55 + 27)
    before = _history(draft)
    client.force_login(publisher)
    reply = client.post(_act_url(draft, "force_publish"), {"publication-late_explanation": EXPLANATION})
    assert reply.status_code == 400
    assert "Enter why this response must be published without review" in _text(reply)
    assert EXPLANATION in reply.content.decode().replace("&#x27;", "'")
    assert _history(draft) == before


def test_force_publishing_publishes_with_the_reason_and_the_explanation(client, publisher, draft):
    _report_published(draft, 55 + 27)
    client.force_login(publisher)
    data = {"force_publish-reason": "The deadline passed.", "publication-late_explanation": EXPLANATION}
    assert client.post(_act_url(draft, "force_publish"), data).status_code == 302
    draft.refresh_from_db()
    version = draft.current_version
    assert version.forced and version.force_reason == "The deadline passed."
    assert version.late_explanation == EXPLANATION


def test_withdrawing_is_confirmed_with_what_stays_public_and_the_lateness(client, publisher, published):
    client.force_login(publisher)
    reply = client.get(_confirm_url(published, "withdraw"))
    assert reply.status_code == 200
    text = _text(reply)
    assert "Reason for withdrawal" in text
    assert "under a banner saying it was withdrawn" in text
    assert f"27 days late: the last day was {long_date(published.due_on)}" in text
    assert "Nothing is sent" in text
    assert "Why is it late?" not in text


def test_withdrawing_needs_its_reason_then_withdraws(client, publisher, published):
    client.force_login(publisher)
    reply = client.post(_act_url(published, "withdraw"), {"withdraw-reason": ""})
    assert reply.status_code == 400 and "Enter the reason for withdrawal" in _text(reply)
    published.refresh_from_db()
    assert published.status == Response.Status.PUBLISHED
    client.post(_act_url(published, "withdraw"), {"withdraw-reason": "It named a victim."})
    published.refresh_from_db()
    assert published.status == Response.Status.WITHDRAWN and published.withdrawal_reason == "It named a victim."


# Who may see it -------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["publish", "schedule", "force_publish"])
def test_staff_without_a_publishers_role_are_refused_with_the_reason(client, reviewer, drafter, late, action):
    for person in (reviewer, drafter):
        client.force_login(person)
        reply = client.get(_confirm_url(late, action))
        assert reply.status_code == 403
        assert "You do not have a role in" in _text(reply)


def test_staff_of_another_body_get_not_found(client, outsider, late):
    client.force_login(outsider)
    for action in ("publish", "schedule", "force_publish", "withdraw"):
        assert client.get(_confirm_url(late, action)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, late):
    reply = client.get(_confirm_url(late, "publish"))
    assert reply.status_code == 302 and reply["Location"].startswith("/staff/sign-in/")


def test_an_action_the_state_does_not_allow_is_refused_with_the_reason(client, publisher, late):
    client.force_login(publisher)
    reply = client.get(_confirm_url(late, "withdraw"))
    assert reply.status_code == 409
    assert "You cannot withdraw a response that is approved." in _text(reply)


def test_an_imported_record_cannot_be_scheduled_and_the_page_says_why(client, draft, publisher, reviewer):
    response = _imported_record(draft, publisher, reviewer, timezone.localdate() - datetime.timedelta(days=30))
    client.force_login(publisher)
    reply = client.get(_confirm_url(response, "schedule"))
    assert reply.status_code == 409
    assert "imported record" in _text(reply)


def test_other_actions_have_no_confirmation_page(client, publisher, late):
    client.force_login(publisher)
    assert client.get(_confirm_url(late, "approve")).status_code == 404


def test_the_confirmation_page_answers_only_get(client, publisher, late):
    client.force_login(publisher)
    assert client.post(_confirm_url(late, "publish")).status_code == 405
    assert not PublishedVersion.objects.exists()


def test_a_schedule_refused_for_its_date_keeps_the_explanation_typed(client, publisher, late):
    client.force_login(publisher)
    data = {
        **_schedule_query(timezone.localdate() - datetime.timedelta(days=1)),
        "publication-late_explanation": EXPLANATION,
    }
    reply = client.post(_act_url(late, "schedule"), data)
    assert reply.status_code == 400
    assert "The date and time to publish must be in the future" in _text(reply)
    assert f'name="publication-late_explanation" value="{EXPLANATION}"' in reply.content.decode().replace("&#x27;", "'")
    late.refresh_from_db()
    assert late.status == Response.Status.APPROVED and late.late_explanation == ""


def test_posting_an_action_the_role_does_not_allow_is_refused_and_changes_nothing(client, reviewer, late):
    before = _history(late)
    client.force_login(reviewer)
    reply = client.post(_act_url(late, "publish"), {"publication-late_explanation": EXPLANATION})
    assert reply.status_code == 403 and "You do not have a role in" in _text(reply)
    assert _history(late) == before


def test_the_staff_page_of_a_published_response_gives_the_same_sentence(client, publisher, published):
    client.force_login(publisher)
    text = _text(client.get(published.get_staff_url()))
    assert f"27 days late: the last day was {long_date(published.due_on)}." in text
    assert f"Why it was late, as published: {EXPLANATION}" in text
