"""Importing a response already published elsewhere: a record of it, never a rewrite of the report.

Each quoted finding is matched to the report's own findings (imports.report_plan.match_findings).
A quoted finding the report lacks is kept on the response as a Quotation, as printed, and never
added to the report: adding findings is a report import, by a site admin. The one exception is a
report not in the tracker at all, which a site admin's import creates from the quoted findings.

Who imports decides what happens, by the rules in responses.rules: a site admin's import (or the
import command's) is published at once as an imported record with its original date; a
publisher's import of their own body's response goes to review, and is public only once a second
person has approved it and a publisher has published it. Neither sends a statutory copy: that was
sent when the response was first published. The public name is the body's own, the body in office
on the original date; how the source named it is kept in `source_body_name`, for reference only.

The demo (manage.py seed_demo) comes in by this same path, as an `Example`: labelled as example
content, not a record of something published elsewhere, and either left a draft or published with
its date as the demo's own publication (imports/demo/README.md says why).
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from imports.parsers.parsed import ImportProblem, ParsedReport
from imports.report_plan import apply_report_plan, find_report, match_findings, plan_report
from responses import rules, workflow
from responses.actors import is_system
from responses.models import Quotation, Response, ResponseItem
from tracker.coverage import body_in_office

NOT_IN_REPORT = "none"  # the preview's choice for a quoted finding the report does not have


class ImportNotAllowed(ImportProblem):
    """The user may not import a response for this body, or create the report it answers."""


class OriginalProblem(ImportProblem):
    """The original web address or date cannot be right; `field` names which."""

    def __init__(self, message, field):
        super().__init__(message)
        self.field = field


# A superuser, or the tracker acting as one (the import command): their imports are published at
# once as records, and may create a report that is not in the tracker (the rule is in rules.py).
is_site_admin = rules.may_record_import


def check_allowed(actor, body):
    if actor is None:
        raise TypeError("An import has an actor: a person, or a SystemActor for the tracker itself")
    if is_site_admin(actor) or (not is_system(actor) and rules.may_import_for_review(actor, body)):
        return
    raise ImportNotAllowed(
        f"You can only import responses for bodies in which you are a publisher, and {body.name} is not one of them"
    )


# The original web address and date ---------------------------------------------------------


def _long_date(day):
    return f"{day.day} {day:%B %Y}"


def original_url_problem(url):
    """Why `url` cannot be the original web address, or None. Only http and https: the address is a
    link on the public page, so javascript: and the like must never get there."""
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        return "Enter the web address where the response was first published, starting with https:// or http://"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return "Enter the web address where the response was first published in the correct format, like https://www.example.org/response"
    return None


def original_date_problem(day, report_published_on, today=None):
    """Why `day` cannot be the date the response was first published, or None."""
    if day is None:
        return None
    today = today or timezone.localdate()
    if day > today:
        return "The date the response was first published must be today or in the past"
    if report_published_on is not None and day < report_published_on:
        return (
            f"The date the response was first published must be on or after {_long_date(report_published_on)}, "
            "the day the report was published: a response cannot predate its report"
        )
    return None


def _check_original(parsed, report_published_on):
    problem = original_url_problem(parsed.original_url)
    if problem:
        raise OriginalProblem(problem, "original_url")
    problem = original_date_problem(parsed.published_on, report_published_on)
    if problem:
        raise OriginalProblem(problem, "original_published_on")


# The demo's examples ---------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """Save the response as demo content (manage.py seed_demo) rather than as an imported record.

    It is labelled as an example on every page, and not as an imported record (it was published
    nowhere else), and keeps no source name of its own. A draft is left with the loader's revision,
    for the demo's drafters to carry on; otherwise it is published at once, through the workflow's
    record of a publication, dated with the response's `published_on` (noon that day, as any
    publication with a known original date). Neither goes to review, and neither sends a statutory
    copy (ACTION is one send_statutory_copies leaves alone).
    """

    draft: bool = False

    ACTION = "seed_demo"  # the event the demo's publications write in the history


# The plan --------------------------------------------------------------------------------


@dataclass
class ResponsePlan:
    parsed: object  # ParsedResponse
    body: object  # the body the response is recorded as: in office on the original date
    report: object  # the existing InspectionReport, or None when a site admin's import creates it
    actor: object
    report_plan: object = None  # the new report, from the quoted findings (site admins only)
    report_findings: list = field(default_factory=list)
    matches: list = field(default_factory=list)  # a saving.Match per quoted finding (existing report)
    existing: Response | None = None
    notes: list = field(default_factory=list)
    example: Example | None = None  # the demo's content, not an imported record

    @property
    def changes_anything(self):
        return self.existing is None

    @property
    def publishes_at_once(self):
        if self.example is not None:
            return not self.example.draft
        return is_site_admin(self.actor)

    @property
    def creates_report(self):
        return self.report is None

    @property
    def unmatched(self):
        """The quoted findings (ParsedItem) the report does not have: kept as quotations."""
        if self.creates_report:
            return []
        return [item for item, match in zip(self.parsed.items, self.matches, strict=True) if match.finding is None]

    @property
    def title(self):
        return self.report.title if self.report else self.parsed.report_title

    def summary(self):
        if self.existing is not None:
            if _same_as_existing(self):
                return [f"No changes: the response of {self.body.name} to {self.title} is already here."]
            return [
                f"{self.body.name} already has a response to {self.title}. It differs from this source; it is left as it "
                "is (amend it in the staff area if it needs to change)."
            ]
        lines = list(self.notes)
        total = len(self.parsed.items)
        if self.creates_report:
            lines.append(
                f"New report: {self.title}, published {_long_date(self.report_plan.parsed.published_on)}, with the {total} "
                "findings this response quotes (the report is not in the tracker yet)."
            )
        else:
            matched = total - len(self.unmatched)
            lines.append(
                f"{matched} of the {total} quoted findings match the report's own findings. The report is not changed."
            )
            if self.unmatched:
                references = ", ".join(item.finding.reference or "(no reference)" for item in self.unmatched)
                lines.append(
                    f"{len(self.unmatched)} quoted finding(s) match none of the report's findings: {references}. "
                    "Their comments are kept on the response as quotations, shown as such, and listed for a site admin to check."
                )
            lines += [
                f"Quoted finding {n}: {match.note}" for n, match in enumerate(self.matches, start=1) if match.note
            ]
        lines += details_lines(self.parsed)
        when = _long_date(self.parsed.published_on) if self.parsed.published_on else None
        if self.example is not None:
            lines.append(
                f"Saved as example content from {self.body.name}: "
                + ("a draft." if self.example.draft else f"published, dated {when or 'today'}.")
            )
        elif self.publishes_at_once:
            lines.append(
                f"Published at once as an imported record of the response of {self.body.name}, "
                + (f"first published on {when}" if when else "whose original date is not known")
                + (f" at {self.parsed.original_url}" if self.parsed.original_url else "")
                + ". No statutory copy is sent: it was sent when the response was first published."
            )
        else:
            lines.append(
                f"Goes to review as an imported record of the response of {self.body.name}: nothing is public until "
                "someone else approves it and a publisher publishes it, "
                + (
                    f"with its original date, {when}."
                    if when
                    else "as published before that day (the original date is not known)."
                )
                + " No statutory copy is sent."
            )
        return lines

    def match_lines(self):
        """One line per quoted finding: what it was matched to, and how."""
        if self.creates_report or self.existing is not None:
            return []
        return [
            f"{item.finding.reference or f'Quoted finding {n}'} (as quoted): {match.describe}"
            for n, (item, match) in enumerate(zip(self.parsed.items, self.matches, strict=True), start=1)
        ]


def details_lines(parsed):
    """What the response carries besides its comments, as the preview and --dry-run say it: the
    chief officer's comments and their dates (s.55(4)-(5)), the reply, the explanation of lateness
    and the signature. Nothing for what the source does not have."""
    lines = []
    dates = [
        f"{what} {_long_date(day)}"
        for what, day in (
            ("asked for on", parsed.chief_officer_comments_requested_on),
            ("due by", parsed.chief_officer_comments_due_on),
            ("received on", parsed.chief_officer_comments_received_on),
        )
        if day
    ]
    if parsed.chief_officer_comments:
        words = len(parsed.chief_officer_comments.split())
        lines.append(
            f"The chief officer's comments ({words:,} word{'s' if words != 1 else ''}"
            + (f"; {', '.join(dates)}" if dates else "")
            + ") are recorded with the response."
        )
    elif dates:
        lines.append(f"The chief officer's comments were {', '.join(dates)}; the source has none of their words.")
    if parsed.reply_to_chief_officer:
        words = len(parsed.reply_to_chief_officer.split())
        lines.append(
            f"The reply to the chief officer's comments ({words:,} word{'s' if words != 1 else ''}) is recorded."
        )
    if parsed.late_explanation:
        lines.append(f"Its explanation of publishing after the 56 days: “{_shortened(parsed.late_explanation)}”")
    if parsed.signature:
        lines.append(f"Signed: {', '.join(line.strip() for line in parsed.signature.splitlines() if line.strip())}.")
    return lines


def _shortened(text, length=120):
    words = " ".join(text.split())
    return words if len(words) <= length else words[: length - 1] + "…"


def _words(text):
    return " ".join(text.split())


# The texts of the response itself that an import sets: the same source twice changes nothing.
RESPONSE_TEXTS = ("introduction", "chief_officer_comments", "reply_to_chief_officer", "late_explanation", "signature")


def _same_as_existing(plan):
    existing = plan.existing
    comments = {_words(item.comment) for item in existing.items.all() if item.comment}
    comments |= {_words(quotation.comment) for quotation in existing.quotations.all() if quotation.comment}
    wanted = {_words(item.comment) for item in plan.parsed.items}
    return comments == wanted and all(
        _words(getattr(existing, name)) == _words(getattr(plan.parsed, name)) for name in RESPONSE_TEXTS
    )


def _body_on(body, day, notes):
    """The body of `body`'s force in office on `day` (the response is theirs), saying so if it differs."""
    if day is None:
        return body
    in_office = body_in_office(body.force_id, day)
    if in_office is None or in_office.pk == body.pk:
        return body
    notes.append(
        f"{body.name} was not in office on {_long_date(day)}, when the response was first published: "
        f"it is recorded as the response of {in_office.name}, the body in office for that force then."
    )
    return in_office


def plan_response(parsed, *, body, actor, report=None, report_published_on=None, chosen=None, example=None):
    """What importing `parsed` would do. Reads only; raises ImportProblem for what cannot be imported.

    `chosen` ({index of a quoted finding: Finding pk, or NOT_IN_REPORT}) are a person's choices
    of match from the preview; choices of findings the report does not have are ignored.
    `example` (an Example) saves it as the demo's content instead of as an imported record.
    """
    if actor is None:
        raise TypeError("An import has an actor: a person, or a SystemActor for the tracker itself")
    if example is not None and example.draft and parsed.published_on is not None:
        raise ImportProblem(
            f"A draft has not been published: give the draft response of {parsed.body_name} no published_on"
        )
    report = report or find_report(parsed.report_title)
    notes = []
    plan_body = _body_on(body, parsed.published_on, notes)
    check_allowed(actor, plan_body)
    if report is None:
        if not is_site_admin(actor):
            raise ImportNotAllowed(
                f"The report {parsed.report_title!r} is not in the tracker. A site admin must import the report first "
                "(with its findings, from HMICFRS); then import this response again"
            )
        report_date = report_published_on or parsed.report_published_on
        if report_date is None:
            raise ImportProblem(
                f"The report {parsed.report_title!r} is not in the tracker and its publication date is not in the text. "
                "Give it (the 56-day clock starts then): --report-published-on YYYY-MM-DD, or the report date field in the browser"
            )
        _check_original(parsed, report_date)
        plan = ResponsePlan(parsed=parsed, body=plan_body, report=None, actor=actor, notes=notes, example=example)
        plan.report_plan = plan_report(
            ParsedReport(
                title=parsed.report_title, findings=[item.finding for item in parsed.items], published_on=report_date
            )
        )
        return plan
    _check_original(parsed, report.published_on)
    plan = ResponsePlan(parsed=parsed, body=plan_body, report=report, actor=actor, notes=notes, example=example)
    plan.existing = Response.objects.filter(report=report, body=plan_body).first()
    plan.report_findings = list(report.findings.order_by("order", "pk"))
    by_pk = {str(finding.pk): finding for finding in plan.report_findings}
    hand = {}
    for index, choice in (chosen or {}).items():
        if choice == NOT_IN_REPORT:
            hand[int(index)] = None
        elif str(choice) in by_pk:
            hand[int(index)] = by_pk[str(choice)]
    plan.matches = match_findings(plan.report_findings, [item.finding for item in parsed.items], hand)
    return plan


# Saving ----------------------------------------------------------------------------------


def _noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))) if day else None


@transaction.atomic
def apply_response_plan(plan):
    """Write the plan; returns the response (the existing one when the plan changes nothing)."""
    if plan.existing is not None:
        return plan.existing
    parsed = plan.parsed
    if plan.creates_report:
        report = apply_report_plan(plan.report_plan)
        findings = list(report.findings.all())
        by_reference = {finding.reference: finding for finding in findings}
        answered = [by_reference.get(item.finding.reference) for item in parsed.items]
    else:
        report, findings = plan.report, plan.report_findings
        answered = [match.finding for match in plan.matches]
    example = plan.example
    response = Response.objects.create(
        report=report,
        body=plan.body,
        introduction=parsed.introduction,
        chief_officer_comments=parsed.chief_officer_comments,
        chief_officer_comments_requested_on=parsed.chief_officer_comments_requested_on,
        chief_officer_comments_due_on=parsed.chief_officer_comments_due_on,
        chief_officer_comments_received_on=parsed.chief_officer_comments_received_on,
        reply_to_chief_officer=parsed.reply_to_chief_officer,
        late_explanation=parsed.late_explanation,
        signature=parsed.signature,
        is_example=example is not None,
        is_imported=example is None,
        original_url=parsed.original_url,
        original_published_on=parsed.published_on,
        source_body_name="" if example is not None else parsed.body_name[:300],
    )
    comments = {finding.pk: item for item, finding in zip(parsed.items, answered, strict=True) if finding is not None}
    ResponseItem.objects.bulk_create(
        ResponseItem(
            response=response,
            finding=finding,
            comment=comments[finding.pk].comment if finding.pk in comments else "",
            position=comments[finding.pk].position if finding.pk in comments else "",
        )
        for finding in findings
    )
    Quotation.objects.bulk_create(
        Quotation(
            response=response,
            order=order,
            reference=item.finding.reference,
            text=item.finding.text,
            comment=item.comment,
            position=item.position,
        )
        for order, (item, finding) in enumerate(zip(parsed.items, answered, strict=True), start=1)
        if finding is None
    )
    if example is not None and example.draft:
        workflow.write_revision(response, plan.actor)
    elif plan.publishes_at_once:
        action = Example.ACTION if example is not None else "import"
        workflow.record_publication(
            response, _noon(parsed.published_on), plan.actor, action=action, imported=example is None
        )
    else:
        workflow.submit_imported(response, plan.actor)
    response.refresh_from_db()
    return response
