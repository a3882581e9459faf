"""Saving what an importer parsed: all or nothing, and the same source twice changes nothing.

A plan is worked out first (what would be created, updated or left alone), shown to the person or
printed with --dry-run, and only then applied inside one transaction. A finding that responses
already refer to is never rewritten or deleted: a changed source only reports the difference.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from tracker.importers.parsed import ImportProblem
from tracker.models import Addressee, Finding, Force, InspectionReport
from tracker.vocabulary import CONCERN_KINDS



def _words(text):
    return " ".join(text.split())


def find_report(title):
    """An existing report with this title, ignoring case and spacing."""
    wanted = _words(title).casefold()
    for report in InspectionReport.objects.filter(title__iexact=title.strip()):
        return report
    for report in InspectionReport.objects.all().only("pk", "title", "slug", "published_on"):
        if _words(report.title).casefold() == wanted:
            return report
    return None


def unique_report_slug(title):
    base = slugify(title)[:180] or "report"
    slug, n = base, 2
    while InspectionReport.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@dataclass
class ReportPlan:
    parsed: object
    report: InspectionReport | None
    add: list = field(default_factory=list)  # ParsedFinding
    update: list = field(default_factory=list)  # (Finding, ParsedFinding), not yet answered
    kept: list = field(default_factory=list)  # (Finding, ParsedFinding), changed but answered: left alone
    not_in_source: list = field(default_factory=list)  # Finding rows the source no longer has: kept

    @property
    def changes_anything(self):
        return self.report is None or bool(self.add or self.update)

    def summary(self):
        if self.report is None:
            return [f"New report: {self.parsed.title}, with {len(self.parsed.findings)} findings."]
        if not (self.add or self.update or self.kept):
            return [f"No changes: {self.report.title} and its {len(self.parsed.findings)} findings are already here."]
        lines = [f"Existing report: {self.report.title}."]
        lines += [f"Add {finding.reference}." for finding in self.add]
        lines += [f"Update the text of {finding.reference} (no response refers to it yet)." for finding, _ in self.update]
        lines += [
            f"{finding.reference} differs in the source but responses refer to it: left as it is." for finding, _ in self.kept
        ]
        lines += [f"{finding.reference} is not in the source: kept." for finding in self.not_in_source]
        return lines


def _same(finding, parsed):
    return (finding.kind, _words(finding.text), finding.deadline_text) == (parsed.kind, _words(parsed.text), parsed.deadline_text)


def plan_report(parsed):
    """What saving `parsed` would do. Reads only."""
    report = find_report(parsed.title)
    plan = ReportPlan(parsed=parsed, report=report)
    if report is None:
        if parsed.published_on is None:
            raise ImportProblem(
                "The report's publication date was not found. Give it (the 56-day clock starts then): "
                "--published-on YYYY-MM-DD on the command line, or the date field in the browser"
            )
        plan.add = list(parsed.findings)
        return plan
    existing = {f.reference: f for f in report.findings.all()}
    answered = set(Finding.objects.filter(report=report, response_items__isnull=False).values_list("pk", flat=True))
    for finding in parsed.findings:
        current = existing.pop(finding.reference, None)
        if current is None:
            plan.add.append(finding)
        elif not _same(current, finding):
            (plan.kept if current.pk in answered else plan.update).append((current, finding))
    plan.not_in_source = sorted(existing.values(), key=lambda f: f.order)
    return plan


def _addressees(slugs):
    found = {a.slug: a for a in Addressee.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


@transaction.atomic
def apply_report_plan(plan):
    """Write the plan. Returns the report."""
    parsed = plan.parsed
    report = plan.report
    if report is None:
        report = InspectionReport.objects.create(
            title=parsed.title,
            slug=unique_report_slug(parsed.title),
            report_type=parsed.report_type,
            published_on=parsed.published_on,
            source_url=parsed.source_url,
            summary=parsed.summary,
            concerns_all_forces=parsed.concerns_all_forces or not parsed.forces,
        )
        if parsed.forces:
            report.forces.set(Force.objects.filter(slug__in=parsed.forces))
    order = (report.findings.order_by("-order").values_list("order", flat=True).first() or 0)
    by_reference = {f.reference: f for f in report.findings.all()}
    for position, parsed_finding in enumerate(parsed.findings, start=1):
        if parsed_finding not in plan.add:
            continue
        finding = Finding.objects.create(
            report=report,
            kind=parsed_finding.kind,
            reference=parsed_finding.reference,
            order=order + position,
            text=parsed_finding.text,
            deadline_on=parsed_finding.deadline_on,
            deadline_text=parsed_finding.deadline_text,
        )
        finding.addressees.set(_addressees(parsed_finding.addressees))
        by_reference[finding.reference] = finding
    for finding, parsed_finding in plan.update:
        finding.kind, finding.text = parsed_finding.kind, parsed_finding.text
        finding.deadline_on, finding.deadline_text = parsed_finding.deadline_on, parsed_finding.deadline_text
        finding.save()
    # Link recommendations to their cause of concern once every finding exists.
    for parsed_finding in parsed.findings:
        finding = by_reference.get(parsed_finding.reference)
        parent = by_reference.get(parsed_finding.cause_of_concern)
        if finding and parent and parent.kind in CONCERN_KINDS and finding.cause_of_concern_id is None:
            finding.cause_of_concern = parent
            finding.save(update_fields=["cause_of_concern"])
    return report


def match_finding(findings, parsed):
    """The existing finding a response's quoted finding refers to, matched by its text."""
    wanted = _words(parsed.text).casefold()
    for finding in findings:
        if _words(finding.text).casefold() == wanted:
            return finding
    # A quoted finding may have lost words at line ends: accept one whose text starts the same way.
    head = re.sub(r"\W+", " ", wanted)[:80]
    for finding in findings:
        if head and re.sub(r"\W+", " ", _words(finding.text).casefold()).startswith(head):
            return finding
    # Same reference but other words is a different finding (or another report's): never guess.
    return None
