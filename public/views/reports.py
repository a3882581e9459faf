"""Public pages about inspection reports: the home page, the list of reports, one report."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from responses.models import Response
from tracker.coverage import coverage_for
from tracker.models import Finding, InspectionReport

LATEST_RESPONSES_ON_HOME = 10
AWAITING_REPORTS_ON_HOME = 10


def home(request):
    latest = (
        Response.objects.published()
        .select_related("report", "body")
        .order_by("-published_at")[:LATEST_RESPONSES_ON_HOME]
    )
    reports = list(InspectionReport.objects.prefetch_related("forces").order_by("-published_on"))
    published = Response.objects.published().filter(report__in=reports).select_related("body")
    coverage = coverage_for(reports, published)
    awaiting = [(report, coverage[report.pk]) for report in reports if coverage[report.pk].outstanding][
        :AWAITING_REPORTS_ON_HOME
    ]
    return render(request, "public/home.html", {"latest_responses": latest, "awaiting": awaiting})


def report_list(request):
    reports = list(InspectionReport.objects.prefetch_related("forces").order_by("-published_on", "title"))
    published = Response.objects.published().filter(report__in=reports).select_related("body")
    coverage = coverage_for(reports, published)
    rows = [(report, coverage[report.pk]) for report in reports]
    return render(request, "public/report_list.html", {"rows": rows})


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
