"""Search of published text (public/search.py says how, on PostgreSQL and on SQLite)."""

from django.db.models import Max, Min
from django.shortcuts import render
from django.utils.html import format_html_join

from public import search as searching
from public.models import SearchEntry
from tracker.models import Force, LocalPolicingBody
from tracker.vocabulary import FindingKind, Position, ReportType


def _options(choices):
    """A select's <option>s from (value, label, selected): joined here rather than in a template loop,
    where the bodies' and forces' 90 options took most of the page's rendering time."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if chosen else "", label) for value, label, chosen in choices),
    )


def search(request):
    """A GET form: it works without JavaScript. A query that cannot be searched gets a message
    saying why, never an error page; the page costs the same few queries whatever it finds."""
    bodies = list(LocalPolicingBody.objects.only("name", "slug").order_by("name", "pk"))
    forces = list(Force.objects.only("name", "slug").order_by("name"))
    wanted = searching.read_search(request.GET, bodies, forces)
    page = None
    if wanted.asked and not wanted.error:
        page = searching.page_of_results(wanted, request.GET.get("page", ""))
    # Every year from the first to the last: two index lookups, where listing the distinct years
    # read every row (40 ms over 190,000 rows).
    span = SearchEntry.objects.aggregate(first=Min("published_on"), last=Max("published_on"))
    years = list(range(span["last"].year, span["first"].year - 1, -1)) if span["first"] else []
    if wanted.year and wanted.year not in years:
        years = sorted([*years, wanted.year], reverse=True)
    context = {
        "search": wanted,
        "page": page,
        "searched": page is not None,  # an empty Page is falsy in a template
        "page_links": searching.page_links(page, wanted) if page is not None else [],
        "previous_url": wanted.url(page.previous_page_number()) if page is not None and page.has_previous() else "",
        "next_url": wanted.url(page.next_page_number()) if page is not None and page.has_next() else "",
        "full_text": searching.uses_full_text_search(),
        "max_length": searching.MAX_QUERY_LENGTH,
        "body_options": _options((body.slug, body.name, body == wanted.body) for body in bodies),
        "force_options": _options((force.slug, force.name, force == wanted.force) for force in forces),
        "type_options": _options((value, label, value == wanted.report_type) for value, label in ReportType.choices),
        "year_options": _options((year, year, year == wanted.year) for year in years),
        "kind_options": _options((value, label, value == wanted.finding_kind) for value, label in FindingKind.choices),
        "position_options": _options((value, label, value == wanted.position) for value, label in Position.choices),
    }
    return render(request, "public/search.html", context)
