"""The public comparison of two published versions of a response, word by word.

It compares the snapshots stored with the published versions (PublishedVersion.snapshot), never
the working copy, so a pending amendment cannot show through: the public sees the difference
between two things it has already been shown. The word diff is the staff one (responses/diff.py).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format

from responses.diff import changed_rows, compare
from responses.models import Response


def _published_response(report_slug, body_slug):
    queryset = Response.objects.published().select_related("report", "body")
    return get_object_or_404(queryset, report__slug=report_slug, body__slug=body_slug)


def _chosen_number(request, name, default):
    try:
        return int(request.GET.get(name) or default)
    except ValueError:
        raise Http404("No such version") from None


def _public_snapshot(version):
    """The version's snapshot without its change note: a minor change note was never shown to the
    public (only major ones are, and the page lists those from the versions themselves)."""
    return {**version.snapshot, "change_note": ""}


def _label(version):
    return f"Version {version.number}, {date_format(version.published_on, 'j F Y')}"


def compare_versions(request, report_slug, body_slug):
    response = _published_response(report_slug, body_slug)
    versions = list(response.versions.defer("snapshot", "html"))  # newest first
    by_number = {version.number: version for version in versions}
    default_old = versions[1].number if len(versions) > 1 else versions[0].number
    old_number = _chosen_number(request, "from", default_old)
    new_number = _chosen_number(request, "to", versions[0].number)
    if old_number not in by_number or new_number not in by_number:
        raise Http404("No such version")
    snapshots = response.versions.filter(number__in={old_number, new_number}).only("number", "snapshot")
    chosen = {version.number: version for version in snapshots}
    rows = compare(_public_snapshot(chosen[old_number]), _public_snapshot(chosen[new_number]))
    only_changed = request.GET.get("show") != "all"
    old, new = by_number[old_number], by_number[new_number]
    low, high = sorted((old_number, new_number))
    return render(
        request,
        "public/compare_versions.html",
        {
            "response": response,
            "versions": versions,
            "old": old,
            "new": new,
            "rows": changed_rows(rows) if only_changed else rows,
            "only_changed": only_changed,
            "old_label": _label(old),
            "new_label": _label(new),
            "change_notes": [
                v for v in reversed(versions) if low < v.number <= high and v.is_major_change and v.change_note
            ],
        },
    )
