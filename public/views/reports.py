"""Public pages about inspection reports: the home page, the list of reports, one report."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from public import browse
from responses.models import Response
from tracker.coverage import coverage_for
from tracker.models import Finding, Force, InspectionReport
from tracker.vocabulary import ReportType

LATEST_REPORTS_ON_HOME = 5
LATEST_RESPONSES_ON_HOME = 10


def home(request):
    """The latest reports with how many of their expected responses are published, and the latest responses
    with whether each was on time. A fixed number of queries: both lists have a fixed length."""
    latest_reports = browse.report_rows(
        InspectionReport.objects.order_by("-published_on", "title", "pk")[:LATEST_REPORTS_ON_HOME]
    )
    latest_responses = [
        (response, browse.timeliness_in_words(response))
        for response in Response.objects.published()
        .select_related("report", "body")
        .order_by("-published_at", "pk")[:LATEST_RESPONSES_ON_HOME]
    ]
    return render(request, "public/home.html", {"latest_reports": latest_reports, "latest_responses": latest_responses})


def report_list(request):
    """Every report, filtered by type, year and force, sorted, 25 a page. A GET form: it works without
    JavaScript, and what it cannot understand in the address it leaves out and says so."""
    forces = list(Force.objects.order_by("name"))
    filters = browse.read_filters(request.GET, forces)
    years = [day.year for day in InspectionReport.objects.dates("published_on", "year", order="DESC")]
    if filters.year and filters.year not in years:
        years = sorted([*years, filters.year], reverse=True)
    page = browse.page_of_reports(filters, request.GET.get("page", ""))
    context = {
        "filters": filters,
        "page": page,
        "page_links": browse.page_links(page, filters),
        "previous_url": filters.url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": filters.url(page.next_page_number()) if page.has_next() else "",
        "type_options": [(value, label, value in filters.types) for value, label in ReportType.choices],
        "year_options": [(year, year == filters.year) for year in years],
        "force_options": [(force.slug, force.name, force == filters.force) for force in forces],
        "sort_options": [(value, label, value == filters.sort) for value, label in browse.SORTS.items()],
    }
    return render(request, "public/report_list.html", context)


def report_detail(request, report_slug):
    report = get_object_or_404(
        InspectionReport.objects.select_related("national_report").prefetch_related(
            "forces",
            Prefetch("findings", queryset=Finding.objects.select_related("cause_of_concern")),
        ),
        slug=report_slug,
    )
    published = list(
        Response.objects.published().filter(report=report).select_related("report", "body").order_by("body__name")
    )
    coverage = coverage_for([report], published)[report.pk]
    return render(
        request,
        "public/report_detail.html",
        {"report": report, "published_responses": published, "coverage": coverage},
    )
