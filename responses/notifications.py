"""Emails about responses: workflow events, the statutory copy (s.55(6)) and deadline reminders.

One function per email, each rendering emails/<kind>_subject.txt, emails/<kind>.txt and
emails/<kind>.html, so the wording lives in templates and who gets what lives here. Staff emails
go one per recipient, so colleagues' addresses are not disclosed to each other.

Workflow emails are sent after the transition has committed: a mail failure there is logged and
never turns a done transition into an error page.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from responses.models import ReminderSent, Response, StatutoryCopy
from responses.permissions import PUBLISHERS, REVIEWERS, WRITERS
from tracker.coverage import expected_bodies
from tracker.deadlines import RESPONSE_PERIOD_DAYS, Countdown
from tracker.models import InspectionReport, LocalPolicingBody, Membership

logger = logging.getLogger(__name__)

# What a mail server or the network can throw at us; anything else is a bug and should surface.
MAIL_ERRORS = (smtplib.SMTPException, OSError)

Role = Membership.Role
EVERYONE = {Role.DRAFTER, Role.REVIEWER, Role.PUBLISHER}
DRAFTERS = {Role.DRAFTER}

# RFC 3834: tells mail servers not to send out-of-office replies to the tracker.
HEADERS = {"Auto-Submitted": "auto-generated"}


# Rendering and sending ----------------------------------------------------------------------


def _render(kind, context):
    context = {"site_name": settings.SITE_NAME, **context}
    # A subject is one line: template line breaks would make Django refuse the header.
    context["subject"] = " ".join(render_to_string(f"emails/{kind}_subject.txt", context).split())
    text = render_to_string(f"emails/{kind}.txt", context)
    html = render_to_string(f"emails/{kind}.html", context)
    return context["subject"], text, html


def _message(rendered, to, attachments=()):
    subject, text, html = rendered
    message = EmailMultiAlternatives(subject, text, to=to, headers=HEADERS)
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    return message


def _send_each(kind, users, context, connection=None):
    """One message per user; returns how many went."""
    if not users:
        return 0
    rendered = _render(kind, context)
    messages = [_message(rendered, [user.email]) for user in users]
    return (connection or get_connection()).send_messages(messages) or 0


def _staff_link(response):
    """Absolute, because an email has no request to build a link from."""
    return settings.SITE_URL + response.get_staff_url()


def _name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _deadline(due_on, today):
    countdown = Countdown(due_on, today)
    return {"due_on": due_on, "days_left": countdown.days_left, "days_overdue": countdown.days_overdue}


# Recipients ---------------------------------------------------------------------------------


def _members(body_ids, roles):
    """Users holding any of `roles`, by body id: active, with an email address, each once per body."""
    memberships = (
        Membership.objects.filter(body_id__in=body_ids, role__in=roles, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email", "user__pk")
    )
    by_body = {}
    for membership in memberships:
        users = by_body.setdefault(membership.body_id, {})
        users.setdefault(membership.user.pk, membership.user)
    return {body_id: list(users.values()) for body_id, users in by_body.items()}


def _recipients(event, roles, also=(), leave_out=()):
    """Holders of `roles` in the response's body, plus `also`, minus `leave_out` and the actor.

    Someone in `also` (the submitter) is included only while they still hold a role in the body,
    so internal review comments do not follow people who have left the office.
    """
    body_id = event.response.body_id
    members = {user.pk: user for user in _members([body_id], EVERYONE).get(body_id, [])}
    users = _members([body_id], roles).get(body_id, [])
    chosen = {user.pk for user in users}
    users += [members[user.pk] for user in also if user is not None and user.pk in members and user.pk not in chosen]
    skip = {user.pk for user in leave_out} | {event.actor_id}
    return [user for user in users if user.pk not in skip]


# Workflow events ----------------------------------------------------------------------------


def _event_context(event):
    response = event.response
    version = response.current_version
    context = {
        "response": response,
        "report": response.report,
        "body_name": response.body_name,
        "actor_name": _name(event.actor),
        "comment": event.comment,
        "forced": event.action == "force_publish",
        "link": _staff_link(response),
        "due_on": response.due_on,
        "published_on": version.published_on if version else None,
        "version_number": version.number if version else None,
    }
    # Once a response is live the statutory deadline has been met (or missed) for good: counting
    # days on an amendment ("40 days overdue") would only alarm people.
    if not response.is_published:
        context.update(_deadline(response.due_on, timezone.localdate()))
    return context


def review_needed(event):
    """Submitted: anyone who may approve it hears, since review is the second pair of eyes."""
    return _send_each("submitted", _recipients(event, REVIEWERS), _event_context(event))


def changes_requested(event):
    """Sent back: the drafters, and whoever submitted it, need the reviewer's reason to act on,
    and the remarks still open then, each with the finding it concerns."""
    from responses import remarks  # it imports the workflow, which imports this module

    users = _recipients(event, DRAFTERS, also=[event.response.submitted_by])
    context = {**_event_context(event), "remarks": remarks.unresolved_at(event.response, event.created_at)}
    return _send_each("changes_requested", users, context)


def ready_to_publish(event):
    """Approved: publishers can now publish it; the submitter learns their work got through."""
    users = _recipients(event, PUBLISHERS, also=[event.response.submitted_by])
    return _send_each("approved", users, _event_context(event))


def published(event):
    """Live: the whole office hears, because the public (and HMICFRS) can now read it.

    A forced publication skipped review, so those who can review it get a request to review it
    retrospectively instead of the plain notice.
    """
    forced = event.action == "force_publish"
    reviewers = _recipients(event, REVIEWERS) if forced else []
    sent = _send_each("published", _recipients(event, EVERYONE, leave_out=reviewers), _event_context(event))
    return sent + _send_each("retrospective_review", reviewers, _event_context(event))


def withdrawn(event):
    """Withdrawn: the whole office hears, with the reason the public sees on the banner."""
    return _send_each("withdrawn", _recipients(event, EVERYONE), _event_context(event))


def imported(event):
    """A publisher's import goes to review: reviewers hear as for a submission. A site admin's
    import is a record of something published elsewhere: nobody needs telling."""
    if event.to_status == Response.Status.IN_REVIEW:
        return review_needed(event)
    return 0


EVENT_EMAILS = {
    "import": imported,
    "submit": review_needed,
    "request_changes": changes_requested,
    "approve": ready_to_publish,
    "publish": published,
    "publish_scheduled": published,
    "force_publish": published,
    "withdraw": withdrawn,
}


def transition_happened(event):
    """Tell the right role holders of the body about a workflow event (after commit).

    Returns how many emails went. Never raises: the transition is already committed, so a mail
    failure is logged for the administrators rather than shown to the user as an error.
    """
    send = EVENT_EMAILS.get(event.action)
    if send is None:
        return 0
    try:
        return send(event)
    except MAIL_ERRORS:
        logger.exception("Could not send the %s emails for response %s", event.action, event.response_id)
        return 0


# Statutory copy -----------------------------------------------------------------------------


def _statutory_copy_message(version, recipients):
    snapshot = version.snapshot
    report = snapshot["report"]
    context = {
        "version": version,
        "body_name": snapshot["body"]["name"],
        "report_title": report["title"],
        "report_published_on": datetime.date.fromisoformat(report["published_on"]),
        "due_on": datetime.date.fromisoformat(report["due_on"]),
        "published_on": version.published_on,
        "link": settings.SITE_URL + version.response.get_absolute_url(),
    }
    with version.pdf.open("rb") as pdf:
        content = pdf.read()
    filename = f"{report['slug']}-{snapshot['body']['slug']}-version-{version.number}.pdf"
    return _message(_render("statutory_copy", context), recipients, [(filename, content, "application/pdf")])


def _dotted_path(connection):
    return f"{type(connection).__module__}.{type(connection).__qualname__}"


def send_statutory_copy(version):
    """Section 55(6): email the published PDF to HMICFRS and the Home Office; record the dispatch.

    The StatutoryCopy row is the evidence that s.55(6) was met, so it is written only once the
    mail backend has accepted the message (a backend that accepts none, or raises, leaves no row),
    and it names that backend and the recipients. Its absence means "not sent", so a later re-send
    (`send_statutory_copies`) is safe. Demo responses are never sent, even when republished
    through the workflow: example content must not reach HMICFRS or the Home Secretary.
    Returns the StatutoryCopy, or None. A mail failure is logged, never raised: publication has
    already been committed.
    """
    if version.response.is_example:
        logger.info("Not sending a statutory copy of %s: it is an example response", version)
        return None
    recipients = list(settings.STATUTORY_COPY_RECIPIENTS)
    if not recipients:
        logger.warning("STATUTORY_COPY_RECIPIENTS is empty: no statutory copy of %s was sent", version)
        return None
    try:
        connection = get_connection()
        accepted = connection.send_messages([_statutory_copy_message(version, recipients)])
    except MAIL_ERRORS:
        logger.exception("Could not send the statutory copy of %s; nothing recorded, so it can be sent again", version)
        return None
    backend = _dotted_path(connection)
    if not accepted:
        logger.error("%s accepted no statutory copy of %s; nothing recorded, so it can be sent again", backend, version)
        return None
    return StatutoryCopy.objects.create(version=version, recipients=recipients, backend=backend)


# Deadline reminders -------------------------------------------------------------------------

REMIND_FROM_DAYS_LEFT = 14
# After this, a reminder is noise: the report is long past due and the office knows.
STOP_AFTER_DAYS_OVERDUE = 28

Threshold = ReminderSent.Threshold


def reminder_threshold(days_left):
    """The most urgent reminder that applies with `days_left` to go, or None."""
    if days_left < 0:
        return Threshold.OVERDUE
    if days_left <= 1:
        return Threshold.DAYS_1
    if days_left <= 7:
        return Threshold.DAYS_7
    if days_left <= REMIND_FROM_DAYS_LEFT:
        return Threshold.DAYS_14
    return None


def _reports_to_remind_about(today):
    # Narrow by publication date in the database, then apply the exact clock in Python so the
    # 56-day rule stays in tracker.deadlines alone.
    oldest = today - datetime.timedelta(days=RESPONSE_PERIOD_DAYS + STOP_AFTER_DAYS_OVERDUE)
    # The forces of linked force reports too: expected_bodies() leaves out the bodies answering there.
    reports = InspectionReport.objects.filter(published_on__gte=oldest, published_on__lte=today).prefetch_related(
        "forces", "force_reports__forces"
    )
    return [
        report
        for report in reports
        if -STOP_AFTER_DAYS_OVERDUE <= (report.responses_due_on - today).days <= REMIND_FROM_DAYS_LEFT
    ]


def _claim(report, body, threshold):
    """Record the reminder, committed, before it is sent.

    A crash between this and the send loses one reminder rather than sending it twice, and the
    unique constraint makes two overlapping runs claim it once. Called outside any transaction
    (as the command does), the atomic block here is a real commit.
    """
    with transaction.atomic():
        _, created = ReminderSent.objects.get_or_create(report=report, body=body, threshold=threshold)
    return created


def deadline_reminder(report, body, response, today, users, connection):
    """Due soon or overdue: the people who can write and publish the response need to act."""
    context = {
        "report": report,
        "body_name": body.name,
        "response": response,
        "link": settings.SITE_URL + (response.get_staff_url() if response else report.get_absolute_url()),
        **_deadline(report.responses_due_on, today),
    }
    return _send_each("reminder", users, context, connection)


def send_due_reminders(today):
    """Remind bodies that have not published a response of the deadline; returns emails sent.

    Reminders go 14, 7 and 1 days before the due date and once overdue, each once per report and
    body. After an outage only the most urgent one that applies is sent, never a backlog. Mail
    errors propagate (after logging) so that cron reports them; what was not claimed yet is
    sent on the next run.
    """
    reports = _reports_to_remind_about(today)
    if not reports:
        return 0
    bodies = list(LocalPolicingBody.objects.all())
    writers = _members([body.pk for body in bodies], WRITERS)
    responses = {(r.report_id, r.body_id): r for r in Response.objects.filter(report__in=reports)}
    sent = 0
    # Opening the connection first means an unreachable mail server claims nothing.
    with get_connection() as connection:
        for report in reports:
            threshold = reminder_threshold((report.responses_due_on - today).days)
            for body in expected_bodies(report, bodies):
                response = responses.get((report.pk, body.pk))
                users = writers.get(body.pk)
                if (response and response.is_published) or not users:
                    continue
                if not _claim(report, body, threshold):
                    continue
                try:
                    sent += deadline_reminder(report, body, response, today, users, connection)
                except Exception:
                    logger.exception(
                        "Reminder (%s) for %s about %s recorded but not sent", threshold.label, body, report
                    )
                    raise
    return sent


def chief_officer_reminder(response, today, users, connection):
    """The chief officer's comments are overdue: those who write the response should chase them."""
    context = {
        "report": response.report,
        "body_name": response.body.name,
        "response": response,
        "requested_on": response.chief_officer_comments_requested_on,
        "link": _staff_link(response),
        **_deadline(response.chief_officer_comments_due_on, today),
    }
    return _send_each("chief_officer_reminder", users, context, connection)


def send_chief_officer_reminders(today):
    """Chase the chief officer's comments (s.55(4)) once the date the body set has passed and none
    are recorded as received: one reminder per response (per report and body), ever. Whether they
    are overdue is Response's rule; the query only narrows. Mail errors propagate, as for
    send_due_reminders."""
    candidates = (
        Response.objects.filter(
            chief_officer_comments_due_on__isnull=False,
            chief_officer_comments_received_on__isnull=True,
            current_version__isnull=True,
        )
        .select_related("report", "body")
        .order_by("chief_officer_comments_due_on", "pk")
    )
    overdue = [response for response in candidates if response.chief_officer_comments_overdue(today)]
    if not overdue:
        return 0
    writers = _members({response.body_id for response in overdue}, WRITERS)
    sent = 0
    with get_connection() as connection:
        for response in overdue:
            users = writers.get(response.body_id)
            if not users or not _claim(response.report, response.body, Threshold.CHIEF_OFFICER_OVERDUE):
                continue
            try:
                sent += chief_officer_reminder(response, today, users, connection)
            except Exception:
                logger.exception("Chief officer's comments reminder for %s recorded but not sent", response)
                raise
    return sent
