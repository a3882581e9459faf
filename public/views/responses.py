"""Public pages of a response: the live published version, its PDF, and every earlier version.

Published pages serve the HTML and PDF stored when the version was published, so what was
approved is what the public reads, and a read costs a few small queries. Everything goes through
Response.objects.for_user(): a draft is a 404 for everyone outside the body that owns it, and
the body's own staff see a preview of their draft at the same address.
"""

from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.safestring import mark_safe

from responses.models import PublishedVersion, Response
from responses.snapshot import render_html, render_pdf, take_snapshot


def _get_response_for_user(request, report_slug, body_slug):
    queryset = Response.objects.for_user(request.user).select_related("report", "body", "current_version")
    return get_object_or_404(queryset, report__slug=report_slug, body__slug=body_slug)


def _versions(response):
    return list(response.versions.only("pk", "number", "published_at", "change_note", "is_major_change", "response_id"))


def _render_version(request, response, version, versions):
    version.response = response  # already loaded; spares a query for the PDF link
    return render(
        request,
        "public/response_detail.html",
        {
            "response": response,
            "version": version,
            "is_current": version.pk == response.current_version_id,
            "versions": versions,
            "major_changes": [v for v in versions if v.is_major_change and v.change_note],
            # Stored at publication from escaped template output (responses/_document.html).
            "content": mark_safe(version.html),
        },
    )


def response_detail(request, report_slug, body_slug):
    response = _get_response_for_user(request, report_slug, body_slug)
    if response.current_version is None:
        # Only the body's own staff get this far with an unpublished response.
        html = render_html(take_snapshot(response))
        return render(request, "responses/response_preview.html", {"response": response, "content": html})
    return _render_version(request, response, response.current_version, _versions(response))


def _pdf_response(request, version, response):
    """A published PDF never changes: its file is named by its SHA-256, which is also its ETag.

    A client holding it gets a 304 before the file is opened. Behind nginx with
    PDF_ACCEL_REDIRECT_PREFIX set, nginx sends the bytes (X-Accel-Redirect to an internal location
    over MEDIA_ROOT); otherwise FileResponse hands the open file to the server's sendfile.
    """
    etag = f'"{PurePosixPath(version.pdf.name).stem}"'
    last_modified = version.published_at.timestamp()
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    if settings.PDF_ACCEL_REDIRECT_PREFIX:
        http_response = HttpResponse(content_type="application/pdf")
        http_response["X-Accel-Redirect"] = settings.PDF_ACCEL_REDIRECT_PREFIX + quote(version.pdf.name)
    else:
        http_response = FileResponse(version.pdf.open("rb"), content_type="application/pdf")
    http_response["Content-Disposition"] = (
        f'inline; filename="{response.report.slug}-{response.body.slug}-v{version.number}.pdf"'
    )
    http_response["ETag"] = etag
    http_response["Last-Modified"] = http_date(last_modified)
    return http_response


def response_pdf(request, report_slug, body_slug):
    response = _get_response_for_user(request, report_slug, body_slug)
    if response.current_version is None:
        pdf = render_pdf(take_snapshot(response))
        http_response = HttpResponse(pdf, content_type="application/pdf")
        # A staff preview of a draft must never sit in a shared cache.
        http_response["Cache-Control"] = "private, no-store"
        return http_response
    return _pdf_response(request, response.current_version, response)


def _get_version(report_slug, body_slug, number):
    version = get_object_or_404(
        PublishedVersion.objects.select_related("response__report", "response__body", "response__current_version"),
        response__report__slug=report_slug,
        response__body__slug=body_slug,
        number=number,
    )
    if version.response.current_version_id is None:
        raise Http404("No published response")
    return version


def version_detail(request, report_slug, body_slug, number):
    version = _get_version(report_slug, body_slug, number)
    return _render_version(request, version.response, version, _versions(version.response))


def version_pdf(request, report_slug, body_slug, number):
    version = _get_version(report_slug, body_slug, number)
    return _pdf_response(request, version, version.response)
