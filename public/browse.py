"""Browsing reports and responses: the reports list's filters, sorts and pages, and the words and
figures shown beside each report and response on the list and the home page.

Who must answer a report is tracker.coverage's rule and when a response was due is
tracker.deadlines'; this module only counts and words what they decide. Every figure for a list
of reports costs the same few queries however long the list (coverage_for fetches the ~52 bodies
once), so a page's query count does not grow with the data.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from public import paging
from responses.models import Response
from tracker.coverage import coverage_for
from tracker.deadlines import days_late_words
from tracker.models import InspectionReport
from tracker.vocabulary import ReportType

REPORTS_PER_PAGE = 25

DEFAULT_SORT = "newest"
SORTS = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "title": "Title A to Z",
    "outstanding": "Most responses outstanding",
}
# "outstanding" is not here: the rule of who must answer is Python's, so that sort is too.
_ORDERINGS = {
    "newest": ("-published_on", Lower("title"), "pk"),
    "oldest": ("published_on", Lower("title"), "pk"),
    "title": (Lower("title"), "-published_on", "pk"),
}

_YEAR = re.compile(r"[1-9][0-9]{3}")


# One report's figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    """A report with how many of the bodies expected to answer it have published a response."""

    report: InspectionReport
    expected: int
    published: int

    @property
    def outstanding(self):
        return self.expected - self.published


def report_rows(reports):
    """A ReportRow per report, in the order given, for a fixed number of queries."""
    reports = list(reports)
    published = (
        Response.objects.published()
        .filter(report__in=reports)
        .select_related("body")
        .only("report", "body__force")  # all coverage_for and Coverage.outstanding read
    )
    coverage = coverage_for(reports, published)
    rows = []
    for report in reports:
        expected = len(coverage[report.pk].expected)
        # Counted as Coverage counts it, by force: a body that answered before handing over to its
        # successor has met the duty, and a body not expected to answer does not add to the figure.
        rows.append(ReportRow(report, expected, expected - len(coverage[report.pk].outstanding)))
    return rows


# One response's timeliness --------------------------------------------------------------------


def timeliness_in_words(response):
    """'on time', '27 days late' or 'first published elsewhere, date not known', for a published response."""
    on_time = response.published_on_time
    if on_time is None:
        return "first published elsewhere, date not known"
    if on_time:
        return "on time"
    return days_late_words(response.days_late)


# The reports list's filters ----------------------------------------------------------------


@dataclass
class Filters:
    """What the reader asked for, with anything not understood left out and said in `problems`."""

    types: list = field(default_factory=list)
    year: int | None = None
    force: object = None  # a Force
    sort: str = DEFAULT_SORT
    problems: list = field(default_factory=list)

    @property
    def narrowed(self):
        return bool(self.types or self.year or self.force)

    @property
    def sort_label(self):
        return SORTS[self.sort]

    @property
    def changed(self):
        return self.narrowed or self.sort != DEFAULT_SORT

    def url(self, page=1):
        """The reports list's address for these filters: never a value that was not understood."""
        query = [("type", value) for value in self.types]
        if self.year:
            query.append(("year", self.year))
        if self.force:
            query.append(("force", self.force.slug))
        if self.sort != DEFAULT_SORT:
            query.append(("sort", self.sort))
        if page != 1:
            query.append(("page", page))
        path = reverse("public:report_list")
        return f"{path}?{urlencode(query)}" if query else path


def read_filters(query, forces):
    """Filters from a query string (a QueryDict); `forces` are every Force, the list the reader chose from."""
    filters = Filters()

    unknown = []
    for value in query.getlist("type"):
        if value in ReportType.values:
            if value not in filters.types:
                filters.types.append(value)
        elif value:
            unknown.append(value)
    if unknown:
        if len(unknown) == 1:
            filters.problems.append(f"{paging.quoted(unknown[0])} is not a type of report, so it was ignored.")
        else:
            named = ", ".join(paging.quoted(value) for value in unknown[:3]) + (
                " and others" if len(unknown) > 3 else ""
            )
            filters.problems.append(f"{named} are not types of report, so they were ignored.")

    year = query.get("year", "")
    if _YEAR.fullmatch(year):
        filters.year = int(year)
    elif year:
        filters.problems.append(f"{paging.quoted(year)} is not a year, so reports of every year are shown.")

    slug = query.get("force", "")
    if slug:
        filters.force = next((force for force in forces if force.slug == slug), None)
        if filters.force is None:
            filters.problems.append(f"There is no force {paging.quoted(slug)}, so reports for every force are shown.")

    sort = query.get("sort", "")
    if sort in SORTS:
        filters.sort = sort
    elif sort:
        filters.problems.append(f"{paging.quoted(sort)} is not a way to sort reports, so they are sorted newest first.")
    return filters


def filtered_reports(filters):
    """The reports the filters select, unordered. A report that concerns all forces concerns each."""
    reports = InspectionReport.objects.all()
    if filters.types:
        reports = reports.filter(report_type__in=filters.types)
    if filters.year:
        reports = reports.filter(published_on__year=filters.year)
    if filters.force:
        # A subquery, not a join: a join to the forces would repeat a national report once per force.
        concerning = InspectionReport.forces.through.objects.filter(force=filters.force).values("inspectionreport")
        reports = reports.filter(Q(concerns_all_forces=True) | Q(pk__in=concerning))
    return reports


def page_of_reports(filters, page_value):
    """The page asked for (a Page whose object_list is ReportRows) of the reports the filters select."""
    reports = filtered_reports(filters)
    if filters.sort == "outstanding":
        # Coverage for every selected report, then sorted (stably: newest first among equals).
        rows = report_rows(reports.order_by(*_ORDERINGS[DEFAULT_SORT]))
        rows.sort(key=lambda row: -row.outstanding)
        return paging.page_from(Paginator(rows, REPORTS_PER_PAGE), page_value, filters.problems)
    page = paging.page_from(
        Paginator(reports.order_by(*_ORDERINGS[filters.sort]), REPORTS_PER_PAGE), page_value, filters.problems
    )
    page.object_list = report_rows(page.object_list)
    return page


def page_links(page, filters):
    return paging.page_links(page, filters.url)
