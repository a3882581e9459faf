"""One home for every rule of the editorial workflow.

`decide(actor, action, response)` answers "may this actor take this action on this response now,
and if not, why not": the state, the actor's role in the response's body, the second pair of eyes,
section 55(5B) completeness, and what an imported record allows. The transitions in
responses/workflow.py, the buttons on the staff pages, the dashboard's lists and the templates all
ask it, so they cannot disagree. Tests walk it for every (state, action, role, authorship).

The second pair of eyes: whoever approves (or approves retrospectively) must have saved no revision
of the content being approved (every revision since the last published version that was reviewed)
and must be neither its submitter nor a person who force-published it.
"""

from dataclasses import dataclass, field

from responses.actors import SystemActor
from responses.models import PublishedVersion, RemarkResolution, Response, Revision
from responses.permissions import PUBLISHERS, REVIEWERS, WRITERS, roles_in

Status = Response.Status


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    target: str
    roles: frozenset
    label: str


# The whole state machine in one table.
TRANSITIONS = {
    "submit": Transition(
        frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}), Status.IN_REVIEW, frozenset(WRITERS), "Submit for review"
    ),
    "request_changes": Transition(
        frozenset({Status.IN_REVIEW, Status.APPROVED, Status.SCHEDULED}),
        Status.CHANGES_REQUESTED,
        frozenset(REVIEWERS),
        "Request changes",
    ),
    "approve": Transition(frozenset({Status.IN_REVIEW}), Status.APPROVED, frozenset(REVIEWERS), "Approve"),
    "publish": Transition(frozenset({Status.APPROVED}), Status.PUBLISHED, frozenset(PUBLISHERS), "Publish now"),
    "schedule": Transition(
        frozenset({Status.APPROVED}), Status.SCHEDULED, frozenset(PUBLISHERS), "Schedule publication"
    ),
    "unschedule": Transition(
        frozenset({Status.SCHEDULED}), Status.APPROVED, frozenset(PUBLISHERS), "Cancel the schedule"
    ),
    "force_publish": Transition(
        frozenset({Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW}),
        Status.PUBLISHED,
        frozenset(PUBLISHERS),
        "Force publish",
    ),
    "retrospective_approve": Transition(
        frozenset({Status.PUBLISHED}), Status.PUBLISHED, frozenset(REVIEWERS), "Approve retrospectively"
    ),
    "amend": Transition(frozenset({Status.PUBLISHED}), Status.DRAFT, frozenset(WRITERS), "Amend"),
    "withdraw": Transition(frozenset({Status.PUBLISHED}), Status.WITHDRAWN, frozenset(PUBLISHERS), "Withdraw"),
}

# Actions that are not transitions a person chooses from a button, with the states they need.
EDIT = "edit"
PUBLISH_SCHEDULED = "publish_scheduled"
RECORD_IMPORT = "record_import"  # a site admin's (or the import command's) import: published as a record
EDITABLE = frozenset(Response.EDITABLE_STATUSES)
# Section 55(5B) is checked before these; an imported record is kept as it was first published.
NEEDS_COMPLETE = frozenset({"submit", "publish", "force_publish", "approve"})
SECOND_PAIR_OF_EYES = frozenset({"approve", "retrospective_approve"})
# Publishing renders a PDF while someone waits: refused above RESPONSE_PDF_MAX_CHARACTERS.
RENDERED_NOW = frozenset({"publish", "force_publish"})
# An imported record must be seen by a second person before it is public, and is published with
# its original date: it cannot be rushed out alone or put off to a date of our choosing.
NOT_FOR_IMPORTED_RECORDS = frozenset({"force_publish", "schedule"})


class Refusal:
    ROLE = "role"  # 403: you may read it but not do this
    STATE = "state"  # 409: not in this state
    SECOND_PAIR_OF_EYES = "second_pair_of_eyes"  # 409
    INCOMPLETE = "incomplete"  # 409, with the missing items
    TOO_LARGE = "too_large"  # 409: too long to make into a PDF while someone waits


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    refusal: str = ""
    missing_items: tuple = field(default=(), compare=False)

    def __bool__(self):
        return self.allowed


ALLOW = Decision(True)


def _refuse(refusal, reason, missing=()):
    return Decision(False, reason, refusal, tuple(missing))


def label(action):
    if action in TRANSITIONS:
        return TRANSITIONS[action].label
    return {EDIT: "Edit", PUBLISH_SCHEDULED: "Publish as scheduled", RECORD_IMPORT: "Import"}[action]


def _status_words(response):
    return response.get_status_display().lower()


def is_imported_record_awaiting_first_publication(response):
    return response.is_imported and not response.is_published


# Authorship --------------------------------------------------------------------------------


def _baseline(response, *, retrospective):
    """The revision number after which the content under review begins.

    For an approval: everything saved since the live version. For a retrospective approval: the
    forced version(s) and everything before them back to the last version that was not forced.
    """
    versions = list(response.versions.order_by("-number").values_list("revision__number", "forced"))
    if not retrospective:
        return versions[0][0] if versions else 0
    for revision_number, forced in versions:
        if not forced:
            return revision_number
    return 0


def content_people(response, *, retrospective=False):
    """(authors, submitter, force-publishers) of the content under review, as user ids."""
    baseline = _baseline(response, retrospective=retrospective)
    authors = set(
        Revision.objects.filter(response=response, number__gt=baseline, author__isnull=False).values_list(
            "author_id", flat=True
        )
    )
    forcers = set(
        PublishedVersion.objects.filter(
            response=response, forced=True, revision__number__gt=baseline, published_by__isnull=False
        ).values_list("published_by_id", flat=True)
    )
    return authors, response.submitted_by_id, forcers


def _second_pair_of_eyes(actor, response, action):
    retrospective = action == "retrospective_approve"
    authors, submitter, forcers = content_people(response, retrospective=retrospective)
    what = "approve it retrospectively" if retrospective else "approve it"
    if actor.pk in forcers:
        return _refuse(
            Refusal.SECOND_PAIR_OF_EYES, f"You published this response without review, so someone else must {what}."
        )
    if not retrospective and actor.pk == submitter:
        return _refuse(
            Refusal.SECOND_PAIR_OF_EYES,
            f"You submitted this response, so someone else must {what} (a second pair of eyes).",
        )
    if actor.pk in authors:
        return _refuse(
            Refusal.SECOND_PAIR_OF_EYES,
            f"You wrote part of this version, so someone else must {what} (a second pair of eyes).",
        )
    return ALLOW


# Completeness (s.55(5B)) --------------------------------------------------------------------


def missing_items(response):
    """Recommendations and causes of concern still lacking a comment or a position (s.55(5B))."""
    return [item for item in response.items.select_related("finding") if not item.is_complete]


def _completeness(response):
    if response.is_imported:
        return ALLOW
    missing = missing_items(response)
    if missing:
        references = ", ".join(item.finding.reference for item in missing)
        return _refuse(
            Refusal.INCOMPLETE,
            "Section 55(5B) needs a comment and a position on every recommendation and cause of concern. "
            f"Missing: {references}.",
            missing,
        )
    if response.is_amendment and not response.change_note.strip():
        return _refuse(Refusal.INCOMPLETE, "Enter a change note saying what this amendment changes.")
    return ALLOW


# The one question ---------------------------------------------------------------------------


def decide(actor, action, response, *, now=None):
    """May `actor` (a User or a SystemActor) take `action` on `response` now? A Decision, with why not."""
    if actor is None:
        raise TypeError("Every action has an actor: a person, or a SystemActor for the tracker itself")
    if isinstance(actor, SystemActor):
        return _decide_for_system(actor, action, response, now)
    if action == RECORD_IMPORT:
        return _decide_record_import(actor, response)
    if action == PUBLISH_SCHEDULED:
        return _refuse(Refusal.ROLE, "Only the tracker publishes scheduled responses, when their time comes.")
    roles = roles_in(actor, response.body)
    if action == EDIT:
        if not roles & WRITERS:
            return _refuse(
                Refusal.ROLE, f"You need to be a drafter or publisher in {response.body.name} to edit this response."
            )
        if response.status not in EDITABLE:
            return _refuse(Refusal.STATE, f"You cannot edit a response that is {_status_words(response)}.")
        return ALLOW
    transition = TRANSITIONS[action]
    if not roles & transition.roles:
        return _refuse(
            Refusal.ROLE,
            f"You do not have a role in {response.body.name} that allows you to {transition.label.lower()}.",
        )
    if response.status not in transition.sources:
        return _refuse(
            Refusal.STATE, f"You cannot {transition.label.lower()} a response that is {_status_words(response)}."
        )
    if action == "retrospective_approve" and not response.needs_retrospective_review:
        return _refuse(Refusal.STATE, "This response does not need a retrospective review.")
    if action in NOT_FOR_IMPORTED_RECORDS and is_imported_record_awaiting_first_publication(response):
        return _refuse(
            Refusal.STATE,
            f"You cannot {transition.label.lower()} an imported record: it is published with its original date, "
            "once a second person has approved it.",
        )
    if action in SECOND_PAIR_OF_EYES:
        eyes = _second_pair_of_eyes(actor, response, action)
        if not eyes:
            return eyes
    if action in NEEDS_COMPLETE:
        complete = _completeness(response)
        if not complete:
            return complete
    if action in RENDERED_NOW:
        return _renderable(response, action)
    return ALLOW


def _renderable(response, action):
    """Refuse a response too long to make into a PDF while someone waits (tracker/limits.py)."""
    from responses.snapshot import take_snapshot, text_length
    from tracker import limits

    if action == "publish" and response.approved_revision_id:
        snapshot = response.approved_revision.snapshot
    else:
        snapshot = take_snapshot(response)
    length, limit = text_length(snapshot), limits.response_pdf_max_characters()
    if length > limit:
        return _refuse(
            Refusal.TOO_LARGE,
            f"This response is {length:,} characters long, over the limit of {limit:,} for making its PDF "
            "(RESPONSE_PDF_MAX_CHARACTERS). Shorten it, then publish it.",
        )
    return ALLOW


def may_record_import(actor):
    """Whose import is published at once as a record (and may create a report not yet in the
    tracker): a site admin's, or the tracker's own import command's. Anyone else's goes to review."""
    if isinstance(actor, SystemActor):
        return RECORD_IMPORT in actor.actions
    return actor.is_superuser


def _decide_record_import(actor, response):
    if not may_record_import(actor):
        return _refuse(Refusal.ROLE, "Only a site admin can publish an imported record without review.")
    if response.is_published:
        return _refuse(Refusal.STATE, "This response is already published here.")
    return ALLOW


def _decide_for_system(actor, action, response, now):
    if action not in actor.actions:
        return _refuse(Refusal.ROLE, f"{actor} may not {label(action).lower()}.")
    if action == PUBLISH_SCHEDULED:
        if response.status != Status.SCHEDULED:
            return _refuse(Refusal.STATE, f"This response is {_status_words(response)}, not scheduled.")
        if now is not None and response.scheduled_for > now:
            return _refuse(Refusal.STATE, "Its time has not come yet.")
        return ALLOW
    if action == RECORD_IMPORT and response.is_published:
        return _refuse(Refusal.STATE, "This response is already published here.")
    return ALLOW


def decide_start(actor, report, body, *, roles=None, started=None, duty=None):
    """May `actor` start `body`'s response to `report`? The body must have the duty to answer it
    (tracker.coverage.must_answer: the report's forces, office dates, linked force reports).

    `roles` (the actor's roles in the body), `started` (whether a response exists) and `duty`
    (tracker.coverage's answer, e.g. from its batch `reports_to_answer`) may be given by a page
    that already knows them, to save queries.
    """
    from tracker.coverage import must_answer

    roles = roles_in(actor, body) if roles is None else roles
    if not roles & WRITERS:
        return _refuse(Refusal.ROLE, f"You need to be a drafter or publisher in {body.name} to start a response.")
    concerned, reason = must_answer(report, body) if duty is None else duty
    if not concerned:
        return _refuse(Refusal.STATE, f"{body.name} cannot start a response to this report. {reason}")
    if started is None:
        started = Response.objects.filter(report=report, body=body).exists()
    if started:
        return _refuse(Refusal.STATE, f"{body.name} already has a response to this report.")
    return ALLOW


def may_import(user):
    """Whether to offer the import at all: site admins, and publishers (for their own bodies)."""
    from tracker.models import Membership

    return user.is_superuser or Membership.objects.filter(user=user, role__in=PUBLISHERS).exists()


def may_have_calendar_feed(user):
    """A private calendar address carries the due dates of the user's bodies: for staff of a body only."""
    from tracker.models import Membership

    return user.is_authenticated and user.is_active and Membership.objects.filter(user=user).exists()


def may_import_for_review(user, body):
    """A publisher's import of their own body's response: it goes to review like any response."""
    return bool(roles_in(user, body) & PUBLISHERS)


# Remarks ------------------------------------------------------------------------------------


def decide_remark(actor, response):
    """May `actor` add an internal remark to `response`? Anyone with a role in its body."""
    if not roles_in(actor, response.body):
        return _refuse(Refusal.ROLE, f"Only staff of {response.body.name} can add remarks.")
    return ALLOW


def decide_resolve(actor, remark):
    """May `actor` mark `remark` resolved? Those who write the response (its body's drafters, and
    publishers, who may also write): a remark asks the writers to change something, and they say
    when they have. The reviewer sees it resolved, and can remark again if it is not."""
    body = remark.response.body
    if not roles_in(actor, body) & WRITERS:
        return _refuse(
            Refusal.ROLE, f"Only the drafters of {body.name} can mark a remark as resolved: they make the changes."
        )
    if RemarkResolution.objects.filter(remark=remark).exists():
        return _refuse(Refusal.STATE, "This remark has already been resolved.")
    return ALLOW


# For pages ----------------------------------------------------------------------------------


def decisions(actor, response, actions=tuple(TRANSITIONS)):
    """{action: Decision} for the buttons of a page."""
    return {action: decide(actor, action, response) for action in actions}


def available_actions(response, user):
    """The transitions `user` may take now, in table order: the buttons to show."""
    return [action for action, decision in decisions(user, response).items() if decision]


def blocked_actions(response, user):
    """Transitions the user's role and the state allow but another rule refuses now, with why:
    shown as sentences where the button would be, so nobody is offered what the server refuses."""
    return [
        (action, decision.reason)
        for action, decision in decisions(user, response).items()
        if not decision and decision.refusal in {Refusal.SECOND_PAIR_OF_EYES, Refusal.INCOMPLETE, Refusal.TOO_LARGE}
    ]
