"""Public pages of local policing bodies: every body by force, and one body's record of answering.

Which reports a body had to answer comes from tracker/coverage.py (`reports_to_answer`), the one
home of that rule, and when a response was due from tracker/deadlines.py through
`Response.due_on` and `InspectionReport.responses_due_on`. Only published responses are read
(`Response.objects.published()`), so nothing of a draft can reach these pages. Each page costs the
same few queries however many reports and responses the body has.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.shortcuts import get_object_or_404, render
from django.utils import dateformat, timezone

from responses.models import Response
from tracker.coverage import coverage_for, predecessor_of, reports_to_answer, successor_of
from tracker.deadlines import days_late_words
from tracker.models import InspectionReport, LocalPolicingBody

# How a row stands, for the chart's and the list's classes and the record's counts.
ON_TIME, LATE, DATE_UNKNOWN, NOT_YET_DUE, OVERDUE, ANSWERED_BY_OTHER = (
    "on-time",
    "late",
    "date-unknown",
    "not-yet-due",
    "overdue",
    "answered-by-other",
)


def _day(day):
    return dateformat.format(day, "j F Y")


def _count(count, noun):
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _days(count):
    return _count(count, "day")


# Dates in office ----------------------------------------------------------------------------


def _is_current(body, today):
    return (body.started_on is None or body.started_on <= today) and (body.ended_on is None or body.ended_on >= today)


def in_office_text(body, today):
    """The body's dates in office in words: "Since 7 May 2024", "22 November 2012 to 6 May 2024"."""
    start, end = body.started_on, body.ended_on
    if end is None:
        if start is None:
            return "Since before our records begin"
        return f"From {_day(start)}" if start > today else f"Since {_day(start)}"
    if start is None:
        return f"Until {_day(end)}"
    return f"{_day(start)} to {_day(end)}"


@dataclass
class BodyEntry:
    body: LocalPolicingBody
    is_current: bool
    is_future: bool
    in_office: str


def _entry(body, today):
    return BodyEntry(
        body=body,
        is_current=_is_current(body, today),
        is_future=body.started_on is not None and body.started_on > today,
        in_office=in_office_text(body, today),
    )


def _current_first(entry):
    """Current, then one due to take office, then former bodies, most recently ended first."""
    rank = 0 if entry.is_current else 1 if entry.is_future else 2
    ended = entry.body.ended_on or datetime.date.max
    return (rank, -ended.toordinal(), entry.body.name)


def body_list(request):
    today = timezone.localdate()
    bodies = LocalPolicingBody.objects.select_related("force").order_by("force__name", "name")
    forces = {}
    for body in bodies:
        forces.setdefault(body.force, []).append(_entry(body, today))
    groups = [(force, sorted(entries, key=_current_first)) for force, entries in forces.items()]
    return render(
        request,
        "public/body_list.html",
        {"groups": groups, "body_count": sum(len(entries) for _, entries in groups)},
    )


# One body's reports and responses ---------------------------------------------------------


@dataclass
class Row:
    """One report on a body's page: its response (if published) and where it stands, in words."""

    report: InspectionReport
    response: Response | None
    state: str
    status: str


def published_status(response):
    """A published response's timing in words: "Published 3 March 2024: on time"."""
    if response.published_on is None:
        state = DATE_UNKNOWN
        words = (
            "Imported: first published elsewhere, date not known"
            if response.is_imported
            else "Published, date not known"
        )
    elif response.published_on_time:
        state, words = ON_TIME, f"Published {_day(response.published_on)}: on time"
    else:
        state, words = LATE, f"Published {_day(response.published_on)}: {days_late_words(response.days_late)}"
    if response.is_withdrawn and response.withdrawn_at:
        words += f"; withdrawn {_day(timezone.localdate(response.withdrawn_at))}"
    return state, words


def unpublished_status(report, today):
    """A report still waiting for an answer: "Not yet published (due 22 April 2020, 1,430 days ago)"."""
    due_on = report.responses_due_on
    days_left = (due_on - today).days
    if days_left < 0:
        return OVERDUE, f"Not yet published (due {_day(due_on)}, {_days(-days_left)} ago)"
    if days_left == 0:
        return NOT_YET_DUE, f"Not yet published (due today, {_day(due_on)})"
    return NOT_YET_DUE, f"Not yet published (due in {_days(days_left)}, on {_day(due_on)})"


@dataclass
class Record:
    """The body's on-time record: its own published responses, and the reports it still owes."""

    on_time: int = 0
    late: int = 0
    date_unknown: int = 0
    not_yet_due: int = 0
    overdue: int = 0

    @property
    def dated(self):
        return self.on_time + self.late

    @property
    def not_answered(self):
        return self.not_yet_due + self.overdue

    @property
    def is_empty(self):
        return not (self.dated or self.date_unknown or self.not_answered)

    @property
    def summary(self):
        """The record in a sentence: "On time for 7 of 9 published responses; 2 late; 3 reports not yet answered"."""
        known = " with a known date" if self.date_unknown else ""
        if self.dated:
            parts = [f"On time for {self.on_time:,} of {_count(self.dated, 'published response')}{known}"]
            parts.append(f"{self.late:,} late")
        else:
            parts = [f"No published response{known}" if known else "No published response yet"]
        if self.date_unknown:
            more = " more" if self.dated else ""
            parts.append(f"{self.date_unknown:,}{more} published with the date not known")
        owed = f"{_count(self.not_answered, 'report')} not yet answered"
        if self.not_answered:
            owed += f" ({self.overdue:,} overdue)"
        parts.append(owed)
        return "; ".join(parts)

    def bars(self):
        """(label, count, state, its share of all in whole per cent) for each bar of the chart."""
        bars = [("On time", self.on_time, ON_TIME), ("Late", self.late, LATE)]
        if self.date_unknown:
            bars.append(("Date not known", self.date_unknown, DATE_UNKNOWN))
        bars += [("Overdue, not yet published", self.overdue, OVERDUE), ("Not yet due", self.not_yet_due, NOT_YET_DUE)]
        total = sum(count for _, count, _ in bars) or 1
        # A bar of at least 1% for any count above nought, so a small count still shows.
        return [
            (label, count, state, max(round(100 * count / total), 1 if count else 0)) for label, count, state in bars
        ]

    @classmethod
    def of(cls, rows):
        """Counted from the page's rows; a report answered by another body of the force counts in none."""
        states = Counter(row.state for row in rows)
        return cls(states[ON_TIME], states[LATE], states[DATE_UNKNOWN], states[NOT_YET_DUE], states[OVERDUE])


def _rows(body, today):
    """(rows for the reports the body had to answer, rows for its other published responses)."""
    reports = [report for report, _ in reports_to_answer([body])]
    expected_ids = {report.pk for report in reports}
    # Every published response of the force's bodies: a body that answered before handing over
    # to its successor has met the duty for the force (Coverage.outstanding).
    published = list(
        Response.objects.published()
        .filter(body__force_id=body.force_id)
        .select_related("report", "body")
        .order_by("published_at", "pk")
    )
    coverage = coverage_for(reports, [response for response in published if response.report_id in expected_ids])
    own, by_others = {}, {}
    for response in published:
        if response.body_id == body.pk:
            own[response.report_id] = response
        else:
            by_others.setdefault(response.report_id, response)

    expected = []
    for report in reports:
        response = own.get(report.pk)
        if response is not None:
            expected.append(Row(report, response, *published_status(response)))
        elif body not in coverage[report.pk].outstanding and report.pk in by_others:
            other = by_others[report.pk]
            _, words = published_status(other)
            expected.append(Row(report, other, ANSWERED_BY_OTHER, f"Answered by {other.body_name}: {words}"))
        else:
            expected.append(Row(report, None, *unpublished_status(report, today)))

    others = sorted(
        (response for report_id, response in own.items() if report_id not in expected_ids),
        key=lambda response: (response.report.published_on, response.report.pk),
        reverse=True,
    )
    return expected, [Row(response.report, response, *published_status(response)) for response in others]


def body_detail(request, body_slug):
    body = get_object_or_404(LocalPolicingBody.objects.select_related("force"), slug=body_slug)
    today = timezone.localdate()
    expected, others = _rows(body, today)
    record = Record.of(expected + others)
    return render(
        request,
        "public/body_detail.html",
        {
            "entry": _entry(body, today),
            "body": body,
            "predecessor": predecessor_of(body),
            "successor": successor_of(body),
            "rows": expected,
            "other_rows": others,
            "record": record,
        },
    )
