"""The editorial workflow: named, atomic, permission-checked transitions of a response.

draft → in review → approved → (scheduled →) published, with changes requested from review;
publishers may force publish with a reason (reviewed retrospectively); a published response can be
amended (the live version stays public until the amendment is published) or withdrawn.

Each transition locks the response row, asks responses.rules.decide() (state, role, second pair
of eyes, s.55(5B)) whether the actor may take it, changes the state, and writes a ResponseEvent. A wrong state or missing information raises WorkflowError
and changes nothing; a missing role raises NotPermitted. Emails go out only after commit.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from responses import notifications, rules
from responses.actors import SCHEDULER, is_system
from responses.models import PublishedVersion, Response, ResponseEvent, ResponseItem, Revision, published_pdf_name
from responses.rules import TRANSITIONS, Refusal
from responses.snapshot import render_html, render_pdf, sha256, take_snapshot

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


# The rules live in responses.rules; these names stay for the views and tests that use them.
available_actions = rules.available_actions
missing_items = rules.missing_items


def enforce(decision):
    """Raise what a refused Decision means: NotPermitted (403) for a role, WorkflowError (409) else."""
    if decision:
        return
    if decision.refusal == Refusal.ROLE:
        raise NotPermitted(decision.reason)
    raise WorkflowError(decision.reason, missing_items=decision.missing_items)


def _lock(response):
    """Re-read the response under a row lock so two transitions cannot interleave."""
    return Response.objects.select_for_update().select_related("report", "body").get(pk=response.pk)


def _check(response, action, actor, **kwargs):
    enforce(rules.decide(actor, action, response, **kwargs))


def _person(actor):
    """The User to store on a row: None when the tracker itself acted (its name goes on the event)."""
    return None if is_system(actor) else actor


def _record(response, action, from_status, actor, comment=""):
    event = ResponseEvent.objects.create(
        response=response,
        action=action,
        from_status=from_status,
        to_status=response.status,
        actor=_person(actor),
        system_actor=actor.name if is_system(actor) else "",
        comment=comment,
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


def write_revision(response, actor):
    if actor is None:
        raise TypeError("A revision has an author: a person, or a SystemActor for the tracker itself")
    number = (response.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Revision.objects.create(response=response, number=number, snapshot=take_snapshot(response), author=_person(actor))


# Starting and saving ------------------------------------------------------------------------


@transaction.atomic
def start(report, body, actor):
    """Create the draft response of `body` to `report`, with one item per finding."""
    enforce(rules.decide_start(actor, report, body))
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
    decision = rules.decide(actor, rules.EDIT, response)
    if decision.refusal == Refusal.ROLE:
        raise NotPermitted(decision.reason)
    claimed = Response.objects.filter(pk=response.pk, edit_count=base_edit_count).update(edit_count=F("edit_count") + 1)
    if not claimed:
        theirs = response.revisions.order_by("-number").first()
        raise EditConflict(
            "Someone else saved this response while you were editing it. Your text has not been saved: "
            "it is still in the form below. Compare it with their changes, then save again.",
            theirs=theirs,
        )
    response = _lock(response)
    _check(response, rules.EDIT, actor)
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
    return _move(response, "submit", actor, submitted_by=actor)


@transaction.atomic
def request_changes(response, actor, reason):
    response = _lock(response)
    _check(response, "request_changes", actor)
    reason = _require(reason, "Enter what needs to change.")
    return _move(response, "request_changes", actor, reason, approved_revision=None, approved_by=None, scheduled_for=None)


@transaction.atomic
def approve(response, actor, comment=""):
    response = _lock(response)
    _check(response, "approve", actor)
    latest = response.revisions.order_by("-number").first()
    return _move(response, "approve", actor, comment, approved_revision=latest, approved_by=actor)


# Publication --------------------------------------------------------------------------------


def _store_pdf(version, pdf):
    """Store the PDF under its SHA-256: a retry after a crash finds the same file, never a second copy."""
    name = published_pdf_name(version.pdf_sha256)
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(pdf))
        if saved != name:  # written by a concurrent publication between exists() and save()
            default_storage.delete(saved)
    version.pdf.name = name


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
        published_by=_person(actor),
        change_note=snapshot.get("change_note", "") if response.published_at else "",
        is_major_change=bool(snapshot.get("change_is_major")) if response.published_at else False,
        forced=forced,
        force_reason=force_reason,
    )
    _store_pdf(version, pdf)
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


def _original_published_at(response):
    """Noon on the original date of an imported record (None if not known)."""
    if response.original_published_on is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(response.original_published_on, datetime.time(12)))


def _publish_imported_record(response, revision, actor):
    """First publication of a record of a response published elsewhere: its original date, and no
    statutory copy (that was sent when it was first published, not by us)."""
    published_at = _original_published_at(response)
    if published_at is None:
        response.publication_date_known = False
        response.save(update_fields=["publication_date_known"])
    return _publish(response, revision, actor, now=published_at, statutory_copy=False)


@transaction.atomic
def publish(response, actor):
    response = _lock(response)
    _check(response, "publish", actor)
    before = response.status
    if rules.is_imported_record_awaiting_first_publication(response):
        _publish_imported_record(response, response.approved_revision, actor)
    else:
        _publish(response, response.approved_revision, actor)
    return _record(response, "publish", before, actor)


@transaction.atomic
def record_publication(response, published_at, actor, action="record_publication"):
    """Publish, as an imported record, a response that was already published elsewhere, with its
    original date, through the same path as any publication: a site admin's import (or the import
    command's, or the demo's). No review: a publisher's import goes through `submit_imported`.

    With `published_at` None the original date is not known: the response is stamped with now and
    the public page says it was published before that, claiming nothing about the 56 days.
    """
    response = _lock(response)
    _check(response, rules.RECORD_IMPORT, actor)
    response.is_imported = True
    response.original_published_on = timezone.localdate(published_at) if published_at else None
    response.save(update_fields=["is_imported", "original_published_on"])
    before = response.status
    revision = write_revision(response, actor)
    version = _publish_imported_record(response, revision, actor)
    _record(response, action, before, actor, "Published before it was recorded here.")
    return version


@transaction.atomic
def submit_imported(response, actor):
    """A publisher's import of their own body's response: it goes to review, like any response, and
    is published (with its original date) only once a second person has approved it."""
    response = _lock(response)
    if not rules.may_import_for_review(actor, response.body):
        raise NotPermitted(f"You need to be a publisher in {response.body.name} to import its responses.")
    if response.status != Status.DRAFT or response.is_published:
        raise WorkflowError("This response is already in the workflow.")
    write_revision(response, actor)
    before = response.status
    response.status = Status.IN_REVIEW
    response.submitted_by = actor
    response.save()
    return _record(response, "import", before, actor, "Imported for review: published elsewhere before it was recorded here.")


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


def publish_due(now=None, actor=SCHEDULER):
    """Publish every scheduled response whose time has come; returns how many. Safe to run again."""
    now = now or timezone.now()
    published = 0
    for pk in Response.objects.filter(status=Status.SCHEDULED, scheduled_for__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            response = Response.objects.select_for_update().select_related("report", "body").get(pk=pk)
            # Another run may have published it, or a publisher cancelled, since the list was read.
            if not rules.decide(actor, rules.PUBLISH_SCHEDULED, response, now=now):
                continue
            _publish(response, response.approved_revision, actor)
            _record(response, "publish_scheduled", Status.SCHEDULED, actor, "Published as scheduled.")
            published += 1
    return published


@transaction.atomic
def force_publish(response, actor, reason):
    """Publish the latest revision without review; recorded, and shown until reviewed retrospectively."""
    response = _lock(response)
    _check(response, "force_publish", actor)
    reason = _require(reason, "Enter why this response must be published without review.")
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
