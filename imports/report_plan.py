"""Saving what an importer parsed: all or nothing, and the same source twice changes nothing.

A plan is worked out first (what would be created, updated or left alone), shown to the person or
printed with --dry-run, and only then applied inside one transaction. A finding that responses
already refer to is never rewritten or deleted: a changed source only reports the difference.
"""

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from django.db import transaction
from django.utils.text import slugify

from imports.parsers.parsed import FieldProblem, ImportProblem
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


def report_slug(title):
    """The slug a report with this title is given, unless another report has it already."""
    return slugify(title)[:180] or "report"


def unique_report_slug(title):
    base = report_slug(title)
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
        lines += [
            f"Update the text of {finding.reference} (no response refers to it yet)." for finding, _ in self.update
        ]
        lines += [
            f"{finding.reference} differs in the source but responses refer to it: left as it is."
            for finding, _ in self.kept
        ]
        lines += [f"{finding.reference} is not in the source: kept." for finding in self.not_in_source]
        return lines


def _same(finding, parsed):
    return (finding.kind, _words(finding.text), finding.deadline_text) == (
        parsed.kind,
        _words(parsed.text),
        parsed.deadline_text,
    )


def _check_forces(parsed):
    """Every force named must be one of ours: a finding addressed to a force we do not know would
    otherwise lose its addressee without a word."""
    named = set(parsed.forces)
    for finding in parsed.findings:
        named.update(finding.addressed_forces)
    unknown = sorted(named - set(Force.objects.filter(slug__in=named).values_list("slug", flat=True)))
    if unknown:
        raise ImportProblem(
            f"No force has the slug {', '.join(unknown)}: forces are named by their slugs, like essex-police"
        )


def plan_report(parsed):
    """What saving `parsed` would do. Reads only."""
    _check_forces(parsed)
    report = find_report(parsed.title)
    plan = ReportPlan(parsed=parsed, report=report)
    if report is None:
        if parsed.published_on is None:
            raise FieldProblem(
                "The report's publication date was not found. Give it (the 56-day clock starts then): "
                "--published-on YYYY-MM-DD on the command line, or the date field in the browser",
                "published_on",
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
    order = report.findings.order_by("-order").values_list("order", flat=True).first() or 0
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
        if parsed_finding.addressed_forces:
            finding.addressed_forces.set(Force.objects.filter(slug__in=parsed_finding.addressed_forces))
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


# Matching a response's quoted findings to the report's own -------------------------------------
#
# Offices copy findings from the report by hand, so the quotation differs in small ways: words lost
# at line ends, punctuation, spacing, curly quotes, sometimes another number. Matching compares the
# words (as a similarity ratio on normalised words), with the reference as a tie-breaker, and
# assigns each report finding to at most one quoted finding.

# Alike enough by their words alone; or, with the same reference and kind, alike enough to be the
# same finding copied with damage.
WORDS_ALIKE = 0.85
WORDS_ALIKE_WITH_REFERENCE = 0.6
# A quotation of only the opening words of a finding: at least this many words, nearly all in it.
SHORTEST_PARTIAL_QUOTE = 12

_REFERENCE_ALIASES = {"afi": "area for improvement", "rec": "recommendation", "aoi": "area for improvement"}


def normalised_words(text):
    """The words of `text`, case-folded, with punctuation (straight or curly quotes alike) and spacing ignored."""
    return re.sub(r"[^\w\s]", " ", text.casefold()).split()


def normalised_reference(reference):
    words = re.findall(r"[a-z]+|\d+", reference.casefold())
    return " ".join(_REFERENCE_ALIASES.get(word, word) for word in words)


def words_alike(quoted, finding):
    """How alike two findings' normalised words are, from 0 to 1 (a similarity ratio). A quotation of
    only a finding's opening words is compared with as many of its opening words."""
    ratio = SequenceMatcher(None, quoted, finding, autojunk=False).ratio()
    if SHORTEST_PARTIAL_QUOTE <= len(quoted) < len(finding):
        ratio = max(ratio, SequenceMatcher(None, quoted, finding[: len(quoted)], autojunk=False).ratio())
    return ratio


@dataclass
class Match:
    """Which finding of the report a quoted finding is, and how that was decided."""

    finding: Finding | None
    how: str  # WORDS, REFERENCE, BY_HAND, NONE or NONE_BY_HAND
    score: float = 0.0
    note: str = ""  # why a person should look at it

    WORDS = "words"
    REFERENCE = "reference"
    BY_HAND = "by-hand"
    NONE = "none"
    NONE_BY_HAND = "none-by-hand"

    @property
    def describe(self):
        if self.how == self.BY_HAND:
            return f"Matched by hand to {self.finding.reference}."
        if self.how == self.NONE_BY_HAND:
            return "Not in this report (chosen by hand): the comment is kept as a quotation."
        if self.how == self.NONE:
            return "No finding of the report is like it: the comment is kept as a quotation."
        alike = f"{round(100 * self.score)}% alike"
        if self.how == self.REFERENCE:
            return f"Matched to {self.finding.reference} by its reference and words ({alike})."
        return f"Matched to {self.finding.reference} by its words ({alike})."


def _candidates(findings, quoted):
    """(score, quoted index, finding index, how) for every pair alike enough, best first."""
    report_words = [normalised_words(finding.text) for finding in findings]
    report_refs = [(normalised_reference(finding.reference), finding.kind) for finding in findings]
    pairs = []
    for qi, parsed in enumerate(quoted):
        words = normalised_words(parsed.text)
        reference = (normalised_reference(parsed.reference), parsed.kind)
        for fi, finding_words in enumerate(report_words):
            score = words_alike(words, finding_words)
            same_reference = bool(reference[0]) and reference == report_refs[fi]
            if score >= WORDS_ALIKE:
                how = Match.WORDS
            elif same_reference and score >= WORDS_ALIKE_WITH_REFERENCE:
                how = Match.REFERENCE
            else:
                continue
            # The reference breaks ties between findings whose words are equally alike.
            pairs.append((score + (0.01 if same_reference else 0), qi, fi, how))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    return pairs


def _assign(findings, quoted, fixed):
    """Greedy best-first assignment of the quoted findings not in `fixed` ({index: Match})."""
    matches = dict(fixed)
    taken = {match.finding.pk: qi for qi, match in fixed.items() if match.finding is not None}
    best_taken = {}
    for score, qi, fi, how in _candidates(findings, quoted):
        if qi in matches:
            if findings[fi].pk in taken and taken[findings[fi].pk] != qi:
                best_taken.setdefault(qi, (fi, taken[findings[fi].pk]))
            continue
        finding = findings[fi]
        if finding.pk in taken:
            best_taken.setdefault(qi, (fi, taken[finding.pk]))
            continue
        matches[qi] = Match(finding, how, min(score, 1.0))
        taken[finding.pk] = qi
    for qi in range(len(quoted)):
        matches.setdefault(qi, Match(None, Match.NONE))
    for qi, (fi, other) in best_taken.items():
        if matches[qi].how in (Match.BY_HAND, Match.NONE_BY_HAND):
            continue
        matches[qi].note = (
            f"It is also like {findings[fi].reference} of the report, which quoted finding {other + 1} matched: "
            "check which is which, and choose by hand."
        )
    return [matches[qi] for qi in range(len(quoted))]


def match_findings(findings, quoted, chosen=None):
    """The Match of each quoted finding (ParsedFinding) among the report's `findings`.

    `chosen` ({index: Finding, or None for "not in this report"}) are a person's choices; they
    win (a choice of what would be found anyway counts as found). Two quoted findings are never
    matched to the same finding: chosen so, that is an ImportProblem; found so, the weaker one is
    left unmatched, with a note.
    """
    findings = list(findings)
    automatic = _assign(findings, quoted, {})
    fixed = {}
    for qi, finding in (chosen or {}).items():
        if not 0 <= qi < len(quoted):
            continue
        found = automatic[qi].finding
        if (finding.pk if finding else None) == (found.pk if found else None):
            fixed[qi] = replace(automatic[qi], note="")  # the person kept what was found
        else:
            fixed[qi] = Match(
                finding, Match.BY_HAND if finding is not None else Match.NONE_BY_HAND, 1.0 if finding else 0.0
            )
    chosen_for = {}
    for qi, match in sorted(fixed.items()):
        if match.finding is not None:
            chosen_for.setdefault(match.finding.pk, []).append(qi)
    repeated = [(pk, indexes) for pk, indexes in chosen_for.items() if len(indexes) > 1]
    if repeated:
        pk, indexes = repeated[0]
        reference = next(f.reference for f in findings if f.pk == pk)
        numbers = ", ".join(str(qi + 1) for qi in indexes[:-1]) + f" and {indexes[-1] + 1}"
        raise ImportProblem(
            f"Quoted findings {numbers} are {'both' if len(indexes) == 2 else 'all'} matched to {reference}: each finding of the report can have one comment. "
            "Choose another finding, or Not in this report, for one of them"
        )
    # A finding chosen by hand is no longer free for the automatic matching of the others.
    return _assign(findings, quoted, fixed) if fixed else automatic


def match_finding(findings, parsed):
    """The existing finding one quoted finding refers to, or None."""
    return match_findings(findings, [parsed])[0].finding
