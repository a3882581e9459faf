"""Search of published text (public/search.py says how, on PostgreSQL and on SQLite)."""

from django.db.models import Max, Min
from django.shortcuts import render
from django.utils.html import format_html_join

from public import page_cache
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


class _Choices:
    """The bodies, forces and years the form offers, with their <option>s when none is chosen."""

    def __init__(self):
        self.bodies = list(LocalPolicingBody.objects.only("name", "slug").order_by("name", "pk"))
        self.forces = list(Force.objects.only("name", "slug").order_by("name"))
        # Every year from the first to the last: two index lookups, where listing the distinct
        # years read every row (40 ms over 190,000 rows).
        span = SearchEntry.objects.aggregate(first=Min("published_on"), last=Max("published_on"))
        self.years = list(range(span["last"].year, span["first"].year - 1, -1)) if span["first"] else []
        self.body_options = self.options_for_bodies(None)
        self.force_options = self.options_for_forces(None)
        self.year_options = self.options_for_years(None, self.years)

    def options_for_bodies(self, chosen):
        return _options((body.slug, body.name, body == chosen) for body in self.bodies)

    def options_for_forces(self, chosen):
        return _options((force.slug, force.name, force == chosen) for force in self.forces)

    @staticmethod
    def options_for_years(chosen, years):
        return _options((year, year, year == chosen) for year in years)


# (generation, _Choices): kept by each process while the public pages stay as they are. They change
# only when something public does (a body, a force, a publication), which moves the page cache's
# generation on; the page cache (public/page_cache.py) puts when it last did on every anonymous
# request it passes to Django. Without it (signed in, or no page cache) the choices are read anew.
# Kept, they spare a search three queries and the joining of 100 options: about 3.5 ms.
_kept = (None, None)


def _choices(request):
    global _kept
    generation = request.META.get(page_cache.LAST_MODIFIED_KEY)
    if generation is None:
        return _Choices()
    kept_for, choices = _kept
    if kept_for != generation:
        choices = _Choices()
        _kept = (generation, choices)
    return choices


def search(request):
    """A GET form: it works without JavaScript. A query that cannot be searched gets a message
    saying why, never an error page; the page costs the same few queries whatever it finds."""
    choices = _choices(request)
    wanted = searching.read_search(request.GET, choices.bodies, choices.forces)
    page = None
    if wanted.asked and not wanted.error:
        page = searching.page_of_results(wanted, request.GET.get("page", ""))
    years = choices.years
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
        "body_options": choices.options_for_bodies(wanted.body) if wanted.body else choices.body_options,
        "force_options": choices.options_for_forces(wanted.force) if wanted.force else choices.force_options,
        "type_options": _options((value, label, value == wanted.report_type) for value, label in ReportType.choices),
        "year_options": choices.options_for_years(wanted.year, years) if wanted.year else choices.year_options,
        "kind_options": _options((value, label, value == wanted.finding_kind) for value, label in FindingKind.choices),
        "position_options": _options((value, label, value == wanted.position) for value, label in Position.choices),
    }
    return render(request, "public/search.html", context)
