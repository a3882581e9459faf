"""The editorial workflow: named, atomic, permission-checked transitions of a response.

draft → in review → approved → (scheduled →) published, with changes requested from review;
publishers may force publish with a reason (reviewed retrospectively); a published response can be
amended (the live version stays public until the amendment is published) or withdrawn.

Each transition locks the response row, checks the source state and the actor's role, changes
the state, and writes a ResponseEvent. A wrong state or missing information raises WorkflowError
and changes nothing; a missing role raises NotPermitted. Emails go out only after commit.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from responses import notifications
from responses.models import PublishedVersion, Response, ResponseEvent, ResponseItem, Revision
from responses.permissions import PUBLISHERS, REVIEWERS, WRITERS, roles_in
from responses.snapshot import render_html, render_pdf, sha256, take_snapshot
from django.core.files.base import ContentFile

Status = Response.Status


class WorkflowError(Exception):
    """A transition that cannot happen now; its message is shown to the user as it is."""

    def __init__(self, message, missing_items=()):
        super().__init__(message)
        self.missing_items = list(missing_items)


class NotPermitted(WorkflowError):
    """The actor lacks the role this transition needs."""


class EditConflict(WorkflowError):
    """Someone else saved since the editor was opened; nothing was saved."""

    def __init__(self, message, theirs):
        super().__init__(message)
        self.theirs = theirs


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    target: str
    roles: frozenset
    label: str


# The whole state machine in one table; tests walk it for every (state, action, role).
TRANSITIONS = {
    "submit": Transition(frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}), Status.IN_REVIEW, frozenset(WRITERS), "Submit for review"),
    "request_changes": Transition(
        frozenset({Status.IN_REVIEW, Status.APPROVED, Status.SCHEDULED}), Status.CHANGES_REQUESTED, frozenset(REVIEWERS), "Request changes"
    ),
    "approve": Transition(frozenset({Status.IN_REVIEW}), Status.APPROVED, frozenset(REVIEWERS), "Approve"),
    "publish": Transition(frozenset({Status.APPROVED}), Status.PUBLISHED, frozenset(PUBLISHERS), "Publish now"),
    "schedule": Transition(frozenset({Status.APPROVED}), Status.SCHEDULED, frozenset(PUBLISHERS), "Schedule publication"),
    "unschedule": Transition(frozenset({Status.SCHEDULED}), Status.APPROVED, frozenset(PUBLISHERS), "Cancel the schedule"),
    "force_publish": Transition(
        frozenset({Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW}), Status.PUBLISHED, frozenset(PUBLISHERS), "Force publish"
    ),
    "retrospective_approve": Transition(frozenset({Status.PUBLISHED}), Status.PUBLISHED, frozenset(REVIEWERS), "Approve retrospectively"),
    "amend": Transition(frozenset({Status.PUBLISHED}), Status.DRAFT, frozenset(WRITERS), "Amend"),
    "withdraw": Transition(frozenset({Status.PUBLISHED}), Status.WITHDRAWN, frozenset(PUBLISHERS), "Withdraw"),
}


def available_actions(response, user):
    """The transitions `user` could attempt now, by name (the view shows these as buttons)."""
    roles = roles_in(user, response.body)
    names = []
    for name, transition in TRANSITIONS.items():
        if response.status in transition.sources and roles & transition.roles:
            if name == "retrospective_approve" and not response.needs_retrospective_review:
                continue
            if name == "approve" and user.pk in {response.submitted_by_id, response.last_edited_by_id}:
                continue
            names.append(name)
    return names


def _lock(response):
    """Re-read the response under a row lock so two transitions cannot interleave."""
    return Response.objects.select_for_update().select_related("report", "body").get(pk=response.pk)


def _check(response, action, actor):
    transition = TRANSITIONS[action]
    if actor is not None and not (roles_in(actor, response.body) & transition.roles):
        raise NotPermitted(f"You do not have a role in {response.body.name} that allows you to {transition.label.lower()}.")
    if response.status not in transition.sources:
        raise WorkflowError(
            f"You cannot {transition.label.lower()} a response that is {response.get_status_display().lower()}."
        )
    return transition


def _record(response, action, from_status, actor, comment=""):
    event = ResponseEvent.objects.create(
        response=response, action=action, from_status=from_status, to_status=response.status, actor=actor, comment=comment
    )
    transaction.on_commit(lambda: notifications.transition_happened(event))
    return event


def _move(response, action, actor, comment="", **fields):
    """Put the locked, checked response into the action's target state, set fields, record it."""
    before = response.status
    response.status = TRANSITIONS[action].target
    for name, value in fields.items():
        setattr(response, name, value)
    response.save()
    return _record(response, action, before, actor, comment)


def _require(text, message):
    if not (text or "").strip():
        raise WorkflowError(message)
    return text.strip()


def missing_items(response):
    """Recommendations and causes of concern still lacking a comment or a position (s.55(5B))."""
    items = response.items.select_related("finding")
    return [item for item in items if not item.is_complete]


def _check_complete(response):
    missing = missing_items(response)
    if missing:
        references = ", ".join(item.finding.reference for item in missing)
        raise WorkflowError(
            f"Section 55(5B) needs a comment and a position on every recommendation and cause of concern. Missing: {references}.",
            missing_items=missing,
        )
    if response.is_amendment and not response.change_note.strip():
        raise WorkflowError("Enter a change note saying what this amendment changes.")


def write_revision(response, actor):
    number = (response.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Revision.objects.create(response=response, number=number, snapshot=take_snapshot(response), author=actor)


# Starting and saving ------------------------------------------------------------------------


@transaction.atomic
def start(report, body, actor):
    """Create the draft response of `body` to `report`, with one item per finding."""
    if not (roles_in(actor, body) & WRITERS):
        raise NotPermitted(f"You need to be a drafter or publisher in {body.name} to start a response.")
    if Response.objects.filter(report=report, body=body).exists():
        raise WorkflowError(f"{body.name} already has a response to this report.")
    response = Response.objects.create(report=report, body=body, last_edited_by=actor, last_edited_at=timezone.now())
    ResponseItem.objects.bulk_create(ResponseItem(response=response, finding=finding) for finding in report.findings.all())
    write_revision(response, actor)
    _record(response, "start", "", actor)
    return response


@transaction.atomic
def save(response, actor, base_edit_count, fields, items):
    """Save the working copy from the editor: `fields` for the response, `items` {finding_id: (comment, position)}.

    Refused with EditConflict if anyone saved since `base_edit_count` was read: the update is a
    compare-and-swap on edit_count, so it holds on SQLite and PostgreSQL alike.
    """
    if not (roles_in(actor, response.body) & WRITERS):
        raise NotPermitted(f"You need to be a drafter or publisher in {response.body.name} to edit this response.")
    claimed = Response.objects.filter(pk=response.pk, edit_count=base_edit_count).update(edit_count=F("edit_count") + 1)
    if not claimed:
        theirs = response.revisions.order_by("-number").first()
        raise EditConflict(
            "Someone else saved this response while you were editing it. Your text has not been saved: "
            "it is still in the form below. Compare it with their changes, then save again.",
            theirs=theirs,
        )
    response = _lock(response)
    if not response.is_editable:
        raise WorkflowError(f"You cannot edit a response that is {response.get_status_display().lower()}.")
    for name, value in fields.items():
        setattr(response, name, value)
    response.last_edited_by = actor
    response.last_edited_at = timezone.now()
    response.save()
    for item in response.items.all():
        if item.finding_id in items:
            item.comment, item.position = items[item.finding_id]
            item.save(update_fields=["comment", "position"])
    return write_revision(response, actor)


# Review -------------------------------------------------------------------------------------


@transaction.atomic
def submit(response, actor):
    response = _lock(response)
    _check(response, "submit", actor)
    _check_complete(response)
    return _move(response, "submit", actor, submitted_by=actor)


@transaction.atomic
def request_changes(response, actor, reason):
    response = _lock(response)
    _check(response, "request_changes", actor)
    reason = _require(reason, "Enter what needs to change.")
    return _move(response, "request_changes", actor, reason, approved_revision=None, approved_by=None, scheduled_for=None)


def _check_second_pair_of_eyes(response, actor):
    if actor.pk in {response.submitted_by_id, response.last_edited_by_id}:
        raise WorkflowError(
            "You submitted or last edited this response, so someone else must approve it (a second pair of eyes)."
        )


@transaction.atomic
def approve(response, actor, comment=""):
    response = _lock(response)
    _check(response, "approve", actor)
    _check_second_pair_of_eyes(response, actor)
    latest = response.revisions.order_by("-number").first()
    return _move(response, "approve", actor, comment, approved_revision=latest, approved_by=actor)


# Publication --------------------------------------------------------------------------------


def _publish(response, revision, actor, *, forced=False, force_reason="", now=None, statutory_copy=True):
    """Render `revision` once to HTML and PDF and store both as the response's new live version."""
    now = now or timezone.now()
    first_published_at = response.published_at or now
    snapshot = revision.snapshot
    dates = {
        "published_on": timezone.localdate(first_published_at) if response.publication_date_known else None,
        "updated_on": timezone.localdate(now) if response.published_at else None,
        "known_before": None if response.publication_date_known else timezone.localdate(first_published_at),
    }
    html = render_html(snapshot, **dates)
    pdf = render_pdf(snapshot, **dates)
    number = response.versions.count() + 1
    version = PublishedVersion(
        response=response,
        number=number,
        revision=revision,
        snapshot=snapshot,
        html=html,
        html_sha256=sha256(html),
        pdf_sha256=sha256(pdf),
        published_at=now,
        published_by=actor,
        change_note=snapshot.get("change_note", "") if response.published_at else "",
        is_major_change=bool(snapshot.get("change_is_major")) if response.published_at else False,
        forced=forced,
        force_reason=force_reason,
    )
    version.pdf.save(f"{response.report.slug}-{response.body.slug}.pdf", ContentFile(pdf), save=False)
    version.save()
    response.current_version = version
    response.published_at = first_published_at
    response.published_body_name = response.published_body_name or snapshot["body"]["name"]
    response.status = Status.PUBLISHED
    response.scheduled_for = None
    response.approved_revision = None
    response.change_note = ""
    response.change_is_major = False
    response.withdrawn_at = None
    response.withdrawal_reason = ""
    response.save()
    if statutory_copy:
        transaction.on_commit(lambda: notifications.send_statutory_copy(version))
    return version


@transaction.atomic
def publish(response, actor):
    response = _lock(response)
    _check(response, "publish", actor)
    _check_complete(response)
    before = response.status
    _publish(response, response.approved_revision, actor)
    return _record(response, "publish", before, actor)


@transaction.atomic
def record_publication(response, published_at, actor=None, action="record_publication"):
    """Publish a response that was already published elsewhere (imported, or demo data), with its
    original date, through the same path as any publication. No review: it is history, not news.

    With `published_at` None the original date is not known: the response is stamped with now and
    the public page says it was published before that, claiming nothing about the 56 days.
    """
    response = _lock(response)
    if response.is_published:
        raise WorkflowError("This response is already published here.")
    if published_at is None:
        response.publication_date_known = False
        response.save(update_fields=["publication_date_known"])
    before = response.status
    revision = write_revision(response, actor)
    # It was sent to HMICFRS and the Home Office when it was first published, not by us.
    version = _publish(response, revision, actor, now=published_at, statutory_copy=False)
    _record(response, action, before, actor, "Published before it was recorded here.")
    return version


@transaction.atomic
def schedule(response, actor, when):
    response = _lock(response)
    _check(response, "schedule", actor)
    if when is None or when <= timezone.now():
        raise WorkflowError("Choose a date and time in the future to publish.")
    local = timezone.localtime(when)
    return _move(response, "schedule", actor, f"To be published {local:%-d %B %Y at %H:%M}.", scheduled_for=when)


@transaction.atomic
def unschedule(response, actor):
    response = _lock(response)
    _check(response, "unschedule", actor)
    return _move(response, "unschedule", actor, scheduled_for=None)


def publish_due(now=None):
    """Publish every scheduled response whose time has come; returns how many. Safe to run again."""
    now = now or timezone.now()
    published = 0
    for pk in Response.objects.filter(status=Status.SCHEDULED, scheduled_for__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            response = Response.objects.select_for_update().select_related("report", "body").get(pk=pk)
            # Another run may have published it, or a publisher cancelled, since the list was read.
            if response.status != Status.SCHEDULED or response.scheduled_for > now:
                continue
            _publish(response, response.approved_revision, actor=None)
            _record(response, "publish_scheduled", Status.SCHEDULED, None, "Published as scheduled.")
            published += 1
    return published


@transaction.atomic
def force_publish(response, actor, reason):
    """Publish the latest revision without review; recorded, and shown until reviewed retrospectively."""
    response = _lock(response)
    _check(response, "force_publish", actor)
    reason = _require(reason, "Enter why this response must be published without review.")
    _check_complete(response)
    before = response.status
    revision = write_revision(response, actor)
    _publish(response, revision, actor, forced=True, force_reason=reason)
    response.needs_retrospective_review = True
    response.save(update_fields=["needs_retrospective_review"])
    return _record(response, "force_publish", before, actor, reason)


@transaction.atomic
def retrospective_approve(response, actor, comment=""):
    response = _lock(response)
    _check(response, "retrospective_approve", actor)
    if not response.needs_retrospective_review:
        raise WorkflowError("This response does not need a retrospective review.")
    if response.current_version.published_by_id == actor.pk:
        raise WorkflowError("You force published this response, so someone else must review it.")
    response.needs_retrospective_review = False
    response.save(update_fields=["needs_retrospective_review", "updated_at"])
    return _record(response, "retrospective_approve", Status.PUBLISHED, actor, comment)


@transaction.atomic
def amend(response, actor):
    """Open a new working copy beside the live version, which stays public until this is published."""
    response = _lock(response)
    _check(response, "amend", actor)
    return _move(response, "amend", actor, submitted_by=None, change_note="", change_is_major=False)


@transaction.atomic
def withdraw(response, actor, reason):
    """Withdraw a published response: it stays readable, under a banner giving the public reason."""
    response = _lock(response)
    _check(response, "withdraw", actor)
    reason = _require(reason, "Enter the reason for withdrawal. It will be shown to the public.")
    return _move(response, "withdraw", actor, reason, withdrawn_at=timezone.now(), withdrawal_reason=reason)
