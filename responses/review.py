"""What a reviewer reads before approving, and what a drafter is asked to change.

The review page shows the whole text to be approved (the latest revision: approving approves
exactly it), with the words changed since the last version this reviewer saw marked in place: the
revision they last approved or requested changes on, else the last published version, else
nothing is marked. The editor shows the open request for changes.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from responses.diff import inline_diff
from responses.models import ResponseEvent
from responses.snapshot import POSITION_LABELS
from tracker.models import Finding

# A reviewer has seen a revision when they took one of these actions on it.
REVIEW_ACTIONS = ("approve", "request_changes", "retrospective_approve")
# Events after a request for changes that answer it: the response went back to review, or out.
ANSWERS = ("submit", "force_publish", "publish", "publish_scheduled", "amend", "import", "approve")


def person(user):
    if user is None:
        return "the tracker"
    return user.get_full_name() or user.username


def revision_label(revision):
    """'revision 7 (saved by Dana at 14:03 on 3 March 2026)': which one is being approved."""
    when = timezone.localtime(revision.created_at)
    return f"revision {revision.number} (saved by {person(revision.author)} at {when:%H:%M} on {when.day} {when:%B %Y})"


def open_changes_requests(responses):
    """{response id: the request for changes still waiting for its drafters (a ResponseEvent)}, for
    many responses in one query: the latest request_changes not yet answered, while editable."""
    editable = [response for response in responses if response.is_editable]
    if not editable:
        return {}
    latest = {}
    events = (
        ResponseEvent.objects.filter(response__in=editable, action__in=("request_changes", *ANSWERS))
        .select_related("actor")
        .order_by("response_id", "-created_at", "-pk")
    )
    for event in events:
        latest.setdefault(event.response_id, event)
    return {pk: event for pk, event in latest.items() if event.action == "request_changes"}


def open_changes_request(response):
    """The request for changes still waiting for the drafters (a ResponseEvent), or None."""
    return open_changes_requests([response]).get(response.pk)


def _revision_at(response, moment):
    return response.revisions.filter(created_at__lte=moment).select_related("author").order_by("-number").first()


def baseline(response, user):
    """(revision to compare with or None, a sentence saying which and why)."""
    seen = response.events.filter(actor=user, action__in=REVIEW_ACTIONS).order_by("-created_at", "-pk").first()
    if seen is not None:
        revision = _revision_at(response, seen.created_at)
        if revision is not None:
            what = "approved" if "approve" in seen.action else "requested changes on"
            when = timezone.localtime(seen.created_at)
            return revision, (
                f"Marked: what changed since revision {revision.number}, the last one you {what} "
                f"({when.day} {when:%B %Y})."
            )
    version = response.versions.select_related("revision__author").order_by("-number").first()
    if version is not None:
        return version.revision, (
            f"Marked: what changed since the last published version (version {version.number}, "
            f"revision {version.revision.number})."
        )
    return None, (
        "Nothing is marked: you have not reviewed this response before, and it has never been published, "
        "so all of it is new to you."
    )


@dataclass
class Part:
    """One part of the text to approve, as HTML with the changes marked (safe: from diff.inline_diff)."""

    label: str
    html: str
    changed: bool


@dataclass
class ItemPart:
    finding_id: int
    reference: str
    kind_label: str
    text: str
    addressees: list
    deadline: str
    cause_of_concern: str
    comment: Part
    position: Part
    remarks: list = field(default_factory=list)


def _part(label, old, new, compare):
    old_text = (old or "") if compare else None
    return Part(label, inline_diff(old_text, new or ""), compare and (old or "") != (new or ""))


def _date(iso):
    day = datetime.date.fromisoformat(iso) if iso else None
    return f"{day.day} {day:%B %Y}" if day else ""


@dataclass
class ReviewText:
    revision: object
    baseline: object
    baseline_words: str
    parts: list
    items: list
    closing: list  # the parts after the findings, as the response reads: its sign-off

    @property
    def nothing_changed(self):
        return self.baseline is not None and not any(
            part.changed
            for part in self.parts + [p for i in self.items for p in (i.comment, i.position)] + self.closing
        )


def review_text(response, user, remarks_by_finding=None):
    """The latest revision laid out part by part, with changes since `baseline` marked; None if none."""
    revision = response.revisions.select_related("author").order_by("-number").first()
    if revision is None:
        return None
    base, words = baseline(response, user)
    compare = base is not None
    new, old = revision.snapshot, (base.snapshot if compare else {})
    parts = [
        _part("Introduction", old.get("introduction"), new["introduction"], compare),
        _part(
            "The chief officer's comments", old.get("chief_officer_comments"), new["chief_officer_comments"], compare
        ),
        _part(
            "Date the chief officer's comments were received",
            _date(old.get("chief_officer_comments_received_on")),
            _date(new["chief_officer_comments_received_on"]),
            compare,
        ),
        _part(
            "Our reply to the chief officer's comments",
            old.get("reply_to_chief_officer"),
            new["reply_to_chief_officer"],
            compare,
        ),
    ]
    if new.get("change_note") or old.get("change_note"):
        parts.append(_part("Change note", old.get("change_note"), new.get("change_note"), compare))
    old_items = {item["finding_id"]: item for item in old.get("items", [])}
    remarks_by_finding = remarks_by_finding or {}
    items = []
    for item in new["items"]:
        before = old_items.get(item["finding_id"], {})
        items.append(
            ItemPart(
                finding_id=item["finding_id"],
                reference=item["reference"],
                kind_label=Finding.Kind(item["kind"]).label if item["kind"] in Finding.Kind.values else "",
                text=item["text"],
                addressees=item["addressees"],
                deadline=item["deadline"],
                cause_of_concern=item["cause_of_concern"],
                comment=_part("Our response", before.get("comment"), item["comment"], compare),
                position=_part(
                    "What is being done",
                    POSITION_LABELS.get(before.get("position"), ""),
                    POSITION_LABELS.get(item["position"], ""),
                    compare,
                ),
                remarks=remarks_by_finding.get(item["finding_id"], []),
            )
        )
    closing = [_part("Signed by", old.get("signature"), new.get("signature"), compare)]
    return ReviewText(revision, base, words, parts, items, closing)
