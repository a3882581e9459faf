"""On-time statistics: how the published responses and the responses still owed stand, by body, by
year of the report's publication and by type of report.

Pure functions over rows, so the figures are easy to test and the page and the CSV downloads read
the same ones. Whether a response was on time is `Response.published_on_time` (the one home of the
on-time rule) and who must answer a report is `tracker.coverage` (the one home of that rule): this
module only counts what they decide. `statistics_rows` fetches everything in a fixed number of
queries however many reports and responses there are.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from responses.models import Response
from tracker.coverage import coverage_for
from tracker.models import InspectionReport
from tracker.vocabulary import ReportType

ON_TIME, LATE, DATE_UNKNOWN, OVERDUE, NOT_YET_DUE = "on-time", "late", "date-unknown", "overdue", "not-yet-due"

# Each figure's name in the CSV, its label on the page and what it means, in one place so the page's
# definitions, its tables and the CSV header cannot disagree.
FIGURES = [
    (
        ON_TIME,
        "On time",
        "Published responses first published within 56 days of the report, counting the day it was published.",
    ),
    (LATE, "Late", "Published responses first published after those 56 days."),
    (
        DATE_UNKNOWN,
        "Date not known",
        "Published responses recorded here from elsewhere whose first publication date is not known.",
    ),
    (OVERDUE, "Overdue", "Responses a body must give that are not published, with the 56 days over."),
    (NOT_YET_DUE, "Not yet due", "Responses a body must give that are not published, with the 56 days still running."),
]
RATE_MEANING = (
    "The on-time rate is the on-time responses as a share of the published responses whose date is known "
    "(on time and late); responses with the date not known, and responses not yet published, are left out of it."
)
PLURALS = {"body": "bodies"}


@dataclass(frozen=True)
class Entry:
    """One response counted: a published one, or one expected and not yet published."""

    report: InspectionReport
    body_name: str
    body_slug: str
    state: str


@dataclass
class Figures:
    """The counts for one group (a body, a year, a type of report) and the on-time rate they give."""

    key: str
    label: str
    on_time: int = 0
    late: int = 0
    date_unknown: int = 0
    overdue: int = 0
    not_yet_due: int = 0
    reports: int = 0

    @property
    def published(self):
        return self.on_time + self.late + self.date_unknown

    @property
    def dated(self):
        return self.on_time + self.late

    @property
    def rate(self):
        """On-time responses as a whole per cent of those published with a known date; None if none."""
        return round(100 * self.on_time / self.dated) if self.dated else None

    def counts(self):
        return [self.on_time, self.late, self.date_unknown, self.overdue, self.not_yet_due]


def state_of_published(response):
    on_time = response.published_on_time
    if on_time is None:
        return DATE_UNKNOWN
    return ON_TIME if on_time else LATE


def state_of_unpublished(report, today):
    return OVERDUE if report.responses_due_on < today else NOT_YET_DUE


def entries(reports, published_responses, today):
    """An Entry per published response, and one per body expected to answer and not yet answered.

    `published_responses` have their report and body selected. A body whose force has already
    answered (its predecessor, before the handover) owes nothing (`Coverage.outstanding`).
    """
    reports = list(reports)
    published_responses = list(published_responses)
    coverage = coverage_for(reports, published_responses)
    rows = [
        Entry(response.report, response.body.name, response.body.slug, state_of_published(response))
        for response in published_responses
    ]
    for report in reports:
        for body in coverage[report.pk].outstanding:
            rows.append(Entry(report, body.name, body.slug, state_of_unpublished(report, today)))
    return rows


def _grouped(rows, key_and_label, order):
    groups, report_ids = {}, {}
    for row in rows:
        key, label = key_and_label(row)
        figures = groups.setdefault(key, Figures(key, label))
        setattr(figures, row.state.replace("-", "_"), getattr(figures, row.state.replace("-", "_")) + 1)
        report_ids.setdefault(key, set()).add(row.report.pk)
    for key, figures in groups.items():
        figures.reports = len(report_ids[key])
    return sorted(groups.values(), key=order)


def by_body(rows):
    return _grouped(rows, lambda row: (row.body_slug, row.body_name), lambda figures: figures.label)


def by_year(rows):
    return _grouped(
        rows, lambda row: (str(row.report.published_on.year), str(row.report.published_on.year)), lambda f: f.key
    )


def by_type(rows):
    order = {value: index for index, value in enumerate(ReportType.values)}
    return _grouped(
        rows,
        lambda row: (row.report.report_type, ReportType(row.report.report_type).label),
        lambda figures: order.get(figures.key, len(order)),
    )


def total(rows):
    figures = Figures("all", "All")
    for state, count in Counter(row.state for row in rows).items():
        setattr(figures, state.replace("-", "_"), count)
    figures.reports = len({row.report.pk for row in rows})
    return figures


def _count(count, noun):
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def summary(groups, overall, noun):
    """One sentence: "Across 9 reports, 61% of published responses with a known date were on time;
    the best year was 2021 (100%) and the worst 2019 (40%)."""
    if not overall.reports:
        return "There is nothing to count yet."
    start = f"Across {_count(overall.reports, 'report')}"
    if overall.rate is None:
        return f"{start}, no response has been published with a known date, so there is no on-time rate yet."
    sentence = f"{start}, {overall.rate}% of published responses with a known date were on time"
    rated = [figures for figures in groups if figures.rate is not None]
    if len(rated) > 1:
        best, worst = max(f.rate for f in rated), min(f.rate for f in rated)
        if best == worst:
            return sentence + f"; every {noun} with a rate had the same, {best}%."
        # A tie is said as one: naming one of several would single it out unfairly.
        bests = [f for f in rated if f.rate == best]
        worsts = [f for f in rated if f.rate == worst]
        plural = PLURALS.get(noun, noun + "s")
        if len(bests) == 1:
            sentence += f"; the best {noun} was {bests[0].label} ({best}%)"
        else:
            sentence += f"; {len(bests)} {plural} shared the best rate ({best}%)"
        if len(worsts) == 1:
            sentence += f" and the worst {worsts[0].label} ({worst}%)"
        else:
            sentence += f" and {len(worsts)} {plural} the worst ({worst}%)"
    return sentence + "."


def statistics_rows(today=None):
    """Every Entry from the published data, for a fixed number of queries."""
    today = today or timezone.localdate()
    reports = InspectionReport.objects.order_by("published_on", "pk")
    published = Response.objects.published().select_related("report", "body").order_by("pk")
    return entries(reports, published, today)
