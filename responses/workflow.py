"""The editorial workflow: named, atomic, permission-checked transitions of a response.

draft → in review → approved → (scheduled →) published, with changes requested from review;
publishers may force publish with a reason (reviewed retrospectively); a published response can be
amended (the live version stays public until the amendment is published) or withdrawn.

Each transition locks the response row, asks responses.rules.decide() (state, role, second pair
of eyes, s.55(5B)) whether the actor may take it, changes the state, and writes a ResponseEvent. A wrong state or missing information raises WorkflowError
and changes nothing; a missing role raises NotPermitted. Emails go out only after commit.

Publishing renders the PDF (seconds, for a long response) before the row is locked, so nobody
waits on the lock meanwhile; under the lock it checks again that what was rendered is still what
is to be published, and refuses if anyone changed it in between.
"""

import datetime
from dataclasses import dataclass

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
from tracker.deadlines import is_on_time

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


def _read(response):
    """Re-read the response without a lock: what a publication renders before it locks the row."""
    return Response.objects.select_related("report", "body").get(pk=response.pk)


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


def write_revision(response, actor, snapshot=None):
    """A revision of the working copy (or of `snapshot`, already taken from it)."""
    if actor is None:
        raise TypeError("A revision has an author: a person, or a SystemActor for the tracker itself")
    number = (response.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    snapshot = take_snapshot(response) if snapshot is None else snapshot
    return Revision.objects.create(response=response, number=number, snapshot=snapshot, author=_person(actor))


# Starting and saving ------------------------------------------------------------------------


@transaction.atomic
def start(report, body, actor):
    """Create the draft response of `body` to `report`, with one item per finding."""
    enforce(rules.decide_start(actor, report, body))
    response = Response.objects.create(report=report, body=body, last_edited_by=actor, last_edited_at=timezone.now())
    ResponseItem.objects.bulk_create(
        ResponseItem(response=response, finding=finding) for finding in report.findings.all()
    )
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
    return _move(
        response, "request_changes", actor, reason, approved_revision=None, approved_by=None, scheduled_for=None
    )


@transaction.atomic
def approve(response, actor, comment="", revision_number=None):
    """Approve the latest revision, which must be `revision_number` when given: the one the
    reviewer read. A save since then (after changes were requested and the response resubmitted)
    is refused, as the editor refuses a conflicting save, rather than approved unseen."""
    response = _lock(response)
    _check(response, "approve", actor)
    latest = response.revisions.order_by("-number").first()
    if revision_number is not None and revision_number > latest.number:
        raise WorkflowError(f"This response has no revision {revision_number}: nothing was approved.")
    if revision_number is not None and latest.number != revision_number:
        raise WorkflowError(
            f"Revision {latest.number} was saved after you opened this page, so nothing was approved. "
            f"Read revision {latest.number} below, then approve it if it is right."
        )
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


CHANGED_MEANWHILE = (
    "Someone changed this response while it was being prepared for publication. "
    "Nothing was published: look at it again, then publish."
)


@dataclass(frozen=True)
class Rendering:
    """A snapshot rendered for publication, before any row is locked, with the dates it shows."""

    snapshot: dict
    now: datetime.datetime  # the moment of publication (noon on the original day for an imported record)
    date_known: bool  # False: an imported record whose original date is not known
    dates: dict
    html: str
    pdf: bytes
    late_explanation: str = ""  # as the public reads it: blank unless the publication is late


def _moment(response, *, imported_record=False, now=None):
    """(when the publication is dated, whether that date is known), as _store will stamp it."""
    if imported_record:
        original = _original_published_at(response)
        if original is None:
            return now or timezone.now(), False
        return original, response.publication_date_known
    return now or timezone.now(), response.publication_date_known


def _dates(response, now, date_known):
    """The dates a version shows, from the response's state before this publication."""
    first_published_at = response.published_at or now
    return {
        "published_on": timezone.localdate(first_published_at) if date_known else None,
        "updated_on": timezone.localdate(now) if response.published_at else None,
        "known_before": None if date_known else timezone.localdate(first_published_at),
    }


def _is_late(published_on, response):
    return published_on is not None and not is_on_time(published_on, response.due_on)


def publication_day(response, when=None):
    """The date the public will read as the response's publication if it is published at `when`
    (now by default), dated exactly as _render dates it: an amendment keeps its first publication's
    date, an imported record awaiting its first publication has its original date (None when that
    is not known). For the confirmation page's on-time status."""
    imported_record = rules.is_imported_record_awaiting_first_publication(response)
    now, date_known = _moment(response, imported_record=imported_record, now=when)
    return _dates(response, now, date_known)["published_on"]


def may_explain_lateness(response, when=None):
    """Whether a publication at `when` may carry a public explanation of its lateness: only a late
    one, and never an imported record's first publication, which keeps the words first published."""
    if rules.is_imported_record_awaiting_first_publication(response):
        return False
    return _is_late(publication_day(response, when), response)


def sends_statutory_copy(response):
    """Whether publishing `response` now sends the s.55(6) copy: every publication does, but an
    imported record's first, whose copy was sent when it was first published elsewhere."""
    return not rules.is_imported_record_awaiting_first_publication(response)


def _explanation(response, given):
    """The explanation to publish: the one given at the confirmation, or (None given: a scheduled
    publication, or a caller with nothing to say) the one stored on the response."""
    return (response.late_explanation if given is None else given).strip()


def _render(response, snapshot, *, imported_record=False, now=None, late_explanation=""):
    """Render `snapshot` to HTML and PDF as `response` would publish it now. Call with no row locked:
    a long response takes seconds, and nobody should wait on the lock for it."""
    now, date_known = _moment(response, imported_record=imported_record, now=now)
    dates = _dates(response, now, date_known)
    if imported_record or not _is_late(dates["published_on"], response):
        late_explanation = ""
    publication = {**dates, "late_explanation": late_explanation}
    return Rendering(
        snapshot,
        now,
        date_known,
        dates,
        render_html(snapshot, **publication),
        render_pdf(snapshot, **publication),
        late_explanation,
    )


def _store(response, revision, rendering, actor, *, forced=False, force_reason="", statutory_copy=True):
    """Store `rendering` of `revision` as the locked response's new live version.

    Refused (WorkflowError, nothing stored) if the response moved on since it was rendered, so that
    its dates would now read differently (another publication in between)."""
    if not rendering.date_known and response.publication_date_known:
        response.publication_date_known = False
        response.save(update_fields=["publication_date_known"])
    if _dates(response, rendering.now, rendering.date_known) != rendering.dates:
        raise WorkflowError(CHANGED_MEANWHILE)
    now, snapshot, html, pdf = rendering.now, rendering.snapshot, rendering.html, rendering.pdf
    first_published_at = response.published_at or now
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
        late_explanation=rendering.late_explanation,
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


def _publish(response, revision, actor, *, forced=False, force_reason="", now=None, statutory_copy=True):
    """Render `revision` once to HTML and PDF and store both as the response's new live version,
    with the explanation of lateness stored on the response.

    For set-ups that hold no lock (tests' fixtures); the transitions below render before locking."""
    rendering = _render(response, revision.snapshot, now=now, late_explanation=_explanation(response, None))
    return _store(
        response, revision, rendering, actor, forced=forced, force_reason=force_reason, statutory_copy=statutory_copy
    )


def _original_published_at(response):
    """Noon on the original date of an imported record (None if not known)."""
    if response.original_published_on is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(response.original_published_on, datetime.time(12)))


def publish(response, actor, late_explanation=None):
    """Publish the approved revision. An imported record's first publication carries its original
    date, and no statutory copy (that was sent when it was first published, not by us).

    `late_explanation`, given at the confirmation, is stored on the response and, if the
    publication is late, published with it (None: the one stored on the response)."""
    current = _read(response)
    _check(current, "publish", actor)
    revision = current.approved_revision
    imported_record = rules.is_imported_record_awaiting_first_publication(current)
    explanation = _explanation(current, late_explanation)
    rendering = _render(current, revision.snapshot, imported_record=imported_record, late_explanation=explanation)
    with transaction.atomic():
        response = _lock(response)
        _check(response, "publish", actor)
        if (
            response.approved_revision_id != revision.pk
            or rules.is_imported_record_awaiting_first_publication(response) != imported_record
            or _explanation(response, late_explanation) != explanation
        ):
            raise WorkflowError(CHANGED_MEANWHILE)
        before = response.status
        response.late_explanation = explanation
        _store(response, revision, rendering, actor, statutory_copy=sends_statutory_copy(response))
        return _record(response, "publish", before, actor)


def record_publication(response, published_at, actor, action="record_publication", *, imported=True):
    """Publish, as an imported record, a response that was already published elsewhere, with its
    original date, through the same path as any publication: a site admin's import (or the import
    command's, or the demo's). No review: a publisher's import goes through `submit_imported`.

    With `published_at` None the original date is not known: the response is stamped with now and
    the public page says it was published before that, claiming nothing about the 56 days.
    With `imported` False (the demo's example content, imports.response_plan.Example) it is dated
    the same way but is no record of a publication elsewhere, so it is not labelled as one.
    """
    current = _read(response)
    _check(current, rules.RECORD_IMPORT, actor)
    current.is_imported = imported
    current.original_published_on = timezone.localdate(published_at) if published_at else None
    snapshot = take_snapshot(current)
    rendering = _render(current, snapshot, imported_record=True)
    with transaction.atomic():
        response = _lock(response)
        _check(response, rules.RECORD_IMPORT, actor)
        response.is_imported = imported
        response.original_published_on = current.original_published_on
        response.save(update_fields=["is_imported", "original_published_on"])
        if take_snapshot(response) != snapshot:
            raise WorkflowError(CHANGED_MEANWHILE)
        before = response.status
        revision = write_revision(response, actor, snapshot)
        version = _store(response, revision, rendering, actor, statutory_copy=False)
        comment = "Published before it was recorded here." if imported else "Example content, published on its date."
        _record(response, action, before, actor, comment)
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
    return _record(
        response, "import", before, actor, "Imported for review: published elsewhere before it was recorded here."
    )


@transaction.atomic
def schedule(response, actor, when, late_explanation=None):
    """Schedule the approved revision; `late_explanation` is stored on the response, to be
    published with it if it comes out late."""
    response = _lock(response)
    _check(response, "schedule", actor)
    if when is None or when <= timezone.now():
        raise WorkflowError("Choose a date and time in the future to publish.")
    local = timezone.localtime(when)
    return _move(
        response,
        "schedule",
        actor,
        f"To be published {local:%-d %B %Y at %H:%M}.",
        scheduled_for=when,
        late_explanation=_explanation(response, late_explanation),
    )


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
        current = Response.objects.select_related("report", "body", "approved_revision").get(pk=pk)
        if not rules.decide(actor, rules.PUBLISH_SCHEDULED, current, now=now):
            continue
        revision = current.approved_revision
        rendering = _render(current, revision.snapshot, late_explanation=_explanation(current, None))
        with transaction.atomic():
            response = Response.objects.select_for_update().select_related("report", "body").get(pk=pk)
            # Another run may have published it, or a publisher cancelled or changed it, since it was rendered.
            if (
                not rules.decide(actor, rules.PUBLISH_SCHEDULED, response, now=now)
                or response.approved_revision_id != revision.pk
                or response.late_explanation != current.late_explanation
            ):
                continue
            _store(response, revision, rendering, actor)
            _record(response, "publish_scheduled", Status.SCHEDULED, actor, "Published as scheduled.")
            published += 1
    return published


def force_publish(response, actor, reason, late_explanation=None):
    """Publish the latest revision without review; recorded, and shown until reviewed retrospectively.
    `late_explanation` as for publish().

    What is published is the working copy as it was rendered: if anyone saves in between, nothing is."""
    current = _read(response)
    _check(current, "force_publish", actor)
    reason = _require(reason, "Enter why this response must be published without review.")
    snapshot = take_snapshot(current)
    explanation = _explanation(current, late_explanation)
    rendering = _render(current, snapshot, late_explanation=explanation)
    with transaction.atomic():
        response = _lock(response)
        _check(response, "force_publish", actor)
        if take_snapshot(response) != snapshot or _explanation(response, late_explanation) != explanation:
            raise WorkflowError(CHANGED_MEANWHILE)
        before = response.status
        response.late_explanation = explanation
        revision = write_revision(response, actor, snapshot)
        _store(response, revision, rendering, actor, forced=True, force_reason=reason)
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
