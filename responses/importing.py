"""Saving an imported response: the report and findings it answers, then the response, published
with its original date through the same path as any publication (responses.workflow)."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from responses import workflow
from responses.models import Response, ResponseItem
from responses.permissions import PUBLISHERS, has_any_role
from tracker.importers.parsed import ImportProblem, ParsedReport
from tracker.importers.saving import apply_report_plan, find_report, match_finding, plan_report


class ImportNotAllowed(ImportProblem):
    """The user may not import a response for this body."""


@dataclass
class ResponsePlan:
    parsed: object
    body: object
    report: object  # existing InspectionReport or None
    report_plan: object  # ReportPlan for the report and the findings still missing
    matched: list = field(default_factory=list)  # (ParsedItem, Finding or None)
    existing: Response | None = None

    @property
    def changes_anything(self):
        return self.existing is None

    def summary(self):
        title = self.report.title if self.report else self.parsed.report_title
        if self.existing is not None:
            same = _same_as_existing(self)
            if same:
                return [f"No changes: the response of {self.body.name} to {title} is already here."]
            return [
                f"{self.body.name} already has a response to {title}. It differs from this source; it is left as it "
                "is (amend it in the staff area if it needs to change)."
            ]
        lines = [] if self.report else [f"New report: {title}."]
        new_findings = len(self.report_plan.add) if self.report_plan else 0
        if self.report and new_findings:
            lines.append(
                f"{new_findings} quoted finding(s) match none of the report's findings by their words: "
                "they will be added to the report. Check them below."
            )
        lines.append(f"New published response from {self.body.name}, with {len(self.parsed.items)} comments, marked as imported.")
        return lines


def _same_as_existing(plan):
    existing = plan.existing
    comments = {" ".join(item.comment.split()) for item in existing.items.all() if item.comment}
    wanted = {" ".join(item.comment.split()) for item in plan.parsed.items}
    return comments == wanted and " ".join(existing.introduction.split()) == " ".join(plan.parsed.introduction.split())


def check_allowed(user, body):
    if user is None or user.is_superuser or has_any_role(user, body, PUBLISHERS):
        return
    raise ImportNotAllowed(f"You can only import responses for bodies in which you are a publisher, and {body.name} is not one of them")


def plan_response(parsed, *, body, report=None, report_published_on=None, user=None):
    check_allowed(user, body)
    report = report or find_report(parsed.report_title)
    plan = ResponsePlan(parsed=parsed, body=body, report=report, report_plan=None)
    if report is not None:
        plan.existing = Response.objects.filter(report=report, body=body).first()
        findings = list(report.findings.all())
        plan.matched = [(item, match_finding(findings, item.finding)) for item in parsed.items]
        unmatched = [item.finding for item, finding in plan.matched if finding is None]
        taken = {f.reference for f in findings}
        for finding in unmatched:
            # A quoted finding the report does not have yet: add it, under a reference of its own.
            base, n = finding.reference, 2
            while finding.reference in taken:
                finding.reference, n = f"{base} ({n})", n + 1
            taken.add(finding.reference)
        if unmatched and plan.existing is None:
            plan.report_plan = plan_report(
                ParsedReport(title=report.title, findings=unmatched, published_on=report.published_on)
            )
    else:
        published_on = report_published_on or parsed.report_published_on
        if published_on is None:
            raise ImportProblem(
                f"The report {parsed.report_title!r} is not in the tracker and its publication date is not in the text. "
                "Give it (the 56-day clock starts then): --report-published-on YYYY-MM-DD, or the report date field in the browser"
            )
        plan.report_plan = plan_report(
            ParsedReport(title=parsed.report_title, findings=[item.finding for item in parsed.items], published_on=published_on)
        )
        plan.matched = [(item, None) for item in parsed.items]
    return plan


@transaction.atomic
def apply_response_plan(plan, user=None):
    """Write the plan; returns the response (the existing one when the plan changes nothing)."""
    if plan.existing is not None:
        return plan.existing
    report = apply_report_plan(plan.report_plan) if plan.report_plan else plan.report
    findings = list(report.findings.all())
    response = Response.objects.create(
        report=report,
        body=plan.body,
        introduction=plan.parsed.introduction,
        published_body_name=plan.parsed.body_name,
        is_imported=True,
    )
    comments = {}
    for item, finding in plan.matched:
        finding = finding or match_finding(findings, item.finding)
        if finding is not None:
            comments[finding.pk] = item
    ResponseItem.objects.bulk_create(
        ResponseItem(
            response=response,
            finding=finding,
            comment=comments[finding.pk].comment if finding.pk in comments else "",
            position=comments[finding.pk].position if finding.pk in comments else "",
        )
        for finding in findings
    )
    published_at = None
    if plan.parsed.published_on:
        published_at = timezone.make_aware(datetime.datetime.combine(plan.parsed.published_on, datetime.time(12)))
    workflow.record_publication(response, published_at, actor=user, action="import")
    response.refresh_from_db()
    return response
