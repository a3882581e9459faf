"""The public page of one finding: its text, then every body's published answer to it.

A fixed number of queries however many bodies answered: the report, its findings, the finding's
addressees and forces, the published responses with their current versions, and what the
coverage rule reads (the report's forces, linked force reports, every body).
"""

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from public.findings import BUCKET_LABELS, NO_ANSWER, answers_to, find_by_slug, finding_url
from responses.models import Response
from tracker.coverage import coverage_for
from tracker.models import InspectionReport


def finding_detail(request, report_slug, finding_slug):
    report = get_object_or_404(InspectionReport, slug=report_slug)
    findings = list(report.findings.order_by("order", "pk"))
    finding = find_by_slug(findings, finding_slug)
    if finding is None:
        raise Http404("No such finding in this report")
    prefetch_related_objects([finding], "addressees", "addressed_forces")
    by_id = {other.pk: other for other in findings}
    for other in findings:
        other.report = report  # spares a query per link
    index = findings.index(finding)

    published = list(
        Response.objects.published()
        .filter(report=report)
        .select_related("body", "current_version")
        .defer("current_version__html")
        .order_by()
    )
    coverage = coverage_for([report], published)[report.pk]
    answers = answers_to(finding, report, published, coverage)

    position = request.GET.get("position", "")
    if position not in BUCKET_LABELS:
        position = ""
    return render(
        request,
        "public/finding_detail.html",
        {
            "report": report,
            "finding": finding,
            "finding_url": finding_url(finding, report.slug),
            "cause_of_concern": by_id.get(finding.cause_of_concern_id),
            "made_under_it": [other for other in findings if other.cause_of_concern_id == finding.pk],
            "previous": findings[index - 1] if index > 0 else None,
            "next": findings[index + 1] if index + 1 < len(findings) else None,
            "answers": answers,
            "position": position,
            "position_label": BUCKET_LABELS.get(position, ""),
            "shown": answers.only(position) if position != NO_ANSWER else [],
            "show_not_yet": position in ("", NO_ANSWER),
        },
    )
