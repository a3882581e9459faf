"""Public pages of a response: the HTML page and the PDF.

Both go through Response.objects.for_user(), so a draft is a 404 for everyone outside the
body that owns it, and the body's own staff can preview it through the same URL.
"""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from responses.models import Response, ResponseItem
from responses.pdf import render_response_pdf


def _get_response_for_user(request, report_slug, body_slug):
    items = ResponseItem.objects.select_related("finding__cause_of_concern").prefetch_related(
        "finding__addressees", "finding__addressed_forces"
    )
    queryset = Response.objects.for_user(request.user).select_related("report", "body").prefetch_related(
        Prefetch("items", queryset=items)
    )
    return get_object_or_404(queryset, report__slug=report_slug, body__slug=body_slug)


def response_detail(request, report_slug, body_slug):
    response = _get_response_for_user(request, report_slug, body_slug)
    return render(request, "responses/response_detail.html", {"response": response})


def response_pdf(request, report_slug, body_slug):
    response = _get_response_for_user(request, report_slug, body_slug)
    pdf = render_response_pdf(response, base_url=request.build_absolute_uri("/"))
    http_response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{response.report.slug}-{response.body.slug}.pdf"
    http_response["Content-Disposition"] = f'inline; filename="{filename}"'
    if not response.is_published:
        # A staff preview of a draft must never sit in a shared cache.
        http_response["Cache-Control"] = "private, no-store"
    return http_response
