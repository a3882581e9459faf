"""Searching published text: the query a reader typed, the filters, a page of results with snippets.

Two engines behind one interface, chosen by the database:

- PostgreSQL (production, CI): full-text search over the stored `search_vector` (GIN-indexed),
  with `websearch_to_tsquery('english', q)`: "phrases in quotes", -exclusions, `or`, English
  stemming ("inspections" finds "inspection"). The newest MOST_RESULTS matches are the results,
  ordered by `ts_rank`, then newest first; snippets come from `ts_headline` with every match
  highlighted. Ranking every match of a common word ("victims" is in a fifth of all comments)
  means reading each one's vector: hundreds of milliseconds over 150,000 comments, where taking
  the newest matches walks an index and stops (`make bench`, README "Speed").
- SQLite (the embedded default, `make run`): a simpler fallback with no ranking and no stemming.
  Every word must appear in the text (case-insensitive substring, so "abuse" also finds
  "abused"); a "phrase in quotes" must appear as a whole; a -word or -"phrase" must not appear;
  `or` is an ordinary word. Results are newest first; the snippet is the text around the first
  match, with the words searched for highlighted.

Both read only `public.SearchEntry`, which holds published text only (public/search_index.py).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import DateField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Extract, Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from public import paging
from public.models import SearchEntry
from public.search_index import LESS_THAN, START, STOP
from tracker.models import InspectionReport
from tracker.vocabulary import FindingKind, Position, ReportType

RESULTS_PER_PAGE = 25
# The most results a search lists (the newest matches); the page says when there were more.
MOST_RESULTS = 1000
MAX_QUERY_LENGTH = 200
SNIPPET_CHARACTERS = 220
_YEAR = re.compile(r"[1-9][0-9]{3}")
# A "phrase", or a word, each perhaps preceded by "-" to leave it out.
_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD_EDGES = re.compile(r"^\W+|\W+$")


def uses_full_text_search():
    return connection.vendor == "postgresql"


# The query -----------------------------------------------------------------------------------


def check_query(text):
    """The query with its white space tidied, and what is wrong with it ("" if nothing).

    Refused, with a message saying why: nothing to search for, too long, characters that are not
    text (control characters), or no letter or digit at all."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return text, "Enter words to search for."
    if len(text) > MAX_QUERY_LENGTH:
        return text, f"Search for {MAX_QUERY_LENGTH} characters or fewer."
    if any(unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Cn") for character in text):
        return text, "The search contains characters that are not letters, numbers or punctuation. Remove them."
    wanted, _ = split_terms(text)
    if not wanted:
        if not any(character.isalnum() for character in text):
            return text, "Enter at least one word or number to search for."
        return text, "Enter at least one word to find, not only words to leave out."
    return text, ""


def split_terms(text):
    """(wanted, unwanted): the words and phrases to find and to leave out, lowercase, as typed."""
    wanted, unwanted = [], []
    for match in _TERM.finditer(text):
        if match.group(2) is not None:
            minus, term = match.group(1), " ".join(match.group(2).split())
        else:
            minus, term = match.group(3), _WORD_EDGES.sub("", match.group(4))
        if not any(character.isalnum() for character in term):
            continue
        (unwanted if minus else wanted).append(term.casefold())
    return wanted, unwanted


# The filters ---------------------------------------------------------------------------------


@dataclass
class Search:
    """What the reader asked for. Filter values not understood are left out and said in `problems`."""

    q: str = ""
    asked: bool = False  # whether a search was submitted (a first visit shows only the form)
    error: str = ""
    body: object = None
    force: object = None
    report_type: str = ""
    year: int | None = None
    finding_kind: str = ""
    position: str = ""
    problems: list = field(default_factory=list)

    @property
    def narrowed(self):
        return bool(self.body or self.force or self.report_type or self.year or self.finding_kind or self.position)

    def url(self, page=1):
        query = [("q", self.q)]
        if self.body:
            query.append(("body", self.body.slug))
        if self.force:
            query.append(("force", self.force.slug))
        for name, value in (
            ("type", self.report_type),
            ("year", self.year),
            ("kind", self.finding_kind),
            ("position", self.position),
        ):
            if value:
                query.append((name, value))
        if page != 1:
            query.append(("page", page))
        return f"{reverse('public:search')}?{urlencode(query)}"


def _choice(query, name, choices, what, search):
    value = query.get(name, "")
    if value in choices:
        return value
    if value:
        search.problems.append(f"{paging.quoted(value)} is not {what}, so it was ignored.")
    return ""


def read_search(query, bodies, forces):
    """A Search from the query string; `bodies` and `forces` are the lists the reader chose from."""
    search = Search(asked="q" in query)
    search.q, search.error = check_query(query.get("q", ""))
    if not search.asked:
        search.error = ""
    for name, options, what in (("body", bodies, "a local policing body"), ("force", forces, "a police force")):
        slug = query.get(name, "")
        if slug:
            chosen = next((option for option in options if option.slug == slug), None)
            if chosen is None:
                search.problems.append(f"There is no {what.split(' ', 1)[1]} {paging.quoted(slug)}, so it was ignored.")
            setattr(search, name, chosen)
    search.report_type = _choice(query, "type", ReportType.values, "a type of report", search)
    search.finding_kind = _choice(query, "kind", FindingKind.values, "a kind of finding", search)
    search.position = _choice(query, "position", Position.values, "a position", search)
    year = query.get("year", "")
    if _YEAR.fullmatch(year):
        search.year = int(year)
    elif year:
        search.problems.append(f"{paging.quoted(year)} is not a year, so it was ignored.")
    return search


def _filtered(search):
    entries = SearchEntry.objects.all()
    if search.body:
        entries = entries.filter(body=search.body)
    if search.force:
        # A subquery, not a join: a join to the forces would repeat a national report's rows.
        concerning = InspectionReport.forces.through.objects.filter(force=search.force).values("inspectionreport")
        about_the_force = Q(report__concerns_all_forces=True) | Q(report_id__in=concerning)
        entries = entries.filter(Q(body__force=search.force) | Q(body__isnull=True) & about_the_force)
    if search.report_type:
        entries = entries.filter(report_type=search.report_type)
    if search.year:
        entries = entries.filter(published_on__year=search.year)
    if search.finding_kind:
        entries = entries.filter(finding_kind=search.finding_kind)
    if search.position:
        entries = entries.filter(position=search.position)
    return entries


# Results -------------------------------------------------------------------------------------

_FIELDS = ("kind", "title", "url", "published_on", "withdrawn", "position", "finding_kind", "report_type")


@dataclass
class Result:
    entry: SearchEntry
    snippet: str  # safe HTML: escaped text with <mark> around matches


def _marked(text):
    """Escape everything, then turn the private start/stop characters into <mark> tags."""
    marked = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(marked.replace(LESS_THAN, "&lt;"))


# Every row has a date (a report's, or its response's publication), so no NULLS LAST is needed,
# which SQLite's indexes do not support.
_NEWEST = ("-published_on", "-pk")


def _query(search):
    return SearchQuery(search.q, search_type="websearch", config="english")


def _postgresql_matches(search):
    return _filtered(search).filter(search_vector=_query(search))


# How far back the first try reaches for the newest matches, and the furthest a later try reaches
# before it takes everything.
_FIRST_LOOK_BACK_DAYS = 240
_LAST_LOOK_BACK_DAYS = 3 * 365


def _since(matches, day):
    return matches.filter(published_on__gte=day)


def _newest_matches(matches, columns, since=_since, last_order=_NEWEST):
    """(rows, more): `columns` of the newest MOST_RESULTS matches, newest first, and whether there
    were more.

    PostgreSQL's planner cannot tell how common a combination of words is ("domestic abuse" is
    far commoner than "domestic" times "abuse"), so asked for the newest matches of all time it may
    read every match to sort them. Looking at the last months first (`since` a day), then as far
    back as the matches found so far suggest, bounds the work either way: two or three queries for
    most searches; the last takes everything, in `last_order`."""
    today = timezone.localdate()
    days = _FIRST_LOOK_BACK_DAYS
    while True:
        if days is None:
            recent, order = matches, last_order
        else:
            recent, order = since(matches, today - timedelta(days=days)), _NEWEST
        rows = list(recent.order_by(*order).values_list(*columns)[: MOST_RESULTS + 1])
        if len(rows) > MOST_RESULTS or days is None:
            return rows[:MOST_RESULTS], len(rows) > MOST_RESULTS
        # As far back again as the rate of matches so far says is needed, with room to spare.
        wanted = days * (MOST_RESULTS + 1) / max(len(rows), 1) * 1.5
        days = None if wanted > _LAST_LOOK_BACK_DAYS else max(int(wanted), days * 2)


# On PostgreSQL the GIN index holds each row's day, as its Julian day number, beside its words
# (migration 0004), so a look back's matches come from that index alone: "domestic abuse" no longer
# gathers all its 36,569 matches to keep the last months' 1,698. A look back is only ever "since a
# day": the index would read an upper bound as "before a day", and gather every row back to the
# first. The day number, rather than the date, keeps the year filter (a range) to the date's index.
_DAY_NUMBER = Extract("published_on", "julian")
_JULIAN_DAY_OF_ORDINAL_0 = 1_721_425  # date.toordinal() counts from 1 January of year 1


def _postgresql_since(matches, day):
    return matches.alias(day_number=_DAY_NUMBER).filter(day_number__gte=day.toordinal() + _JULIAN_DAY_OF_ORDINAL_0)


# The last look back, on PostgreSQL: by then the earlier ones have found the matches rare, so it
# reads the rest from the GIN index and sorts them. Asked for them newest first by the date itself,
# the planner may walk the date index back instead, testing every row on the way as if matches were
# spread evenly: 120 ms for "workforce" on the bench data, where reading its 6,191 matches takes
# about 15. A date plus 0 is the same date, but no index gives it in order.
_LAST_ORDER = (ExpressionWrapper(F("published_on") + 0, output_field=DateField()).desc(), "-pk")


def _postgresql_newest(search):
    """(rows, more): (pk, published_on, rank) of the newest matches, best first, then newest first.

    Each match is ranked as it is found, with its vector at hand: ranking afterwards would fetch
    every row again."""
    matches = _postgresql_matches(search).annotate(rank=SearchRank(F("search_vector"), _query(search)))
    rows, more = _newest_matches(matches, ("pk", "published_on", "rank"), _postgresql_since, _LAST_ORDER)
    rows.sort(key=lambda row: (-row[2], -row[1].toordinal() if row[1] else 0, row[0]))
    return rows, more


def _postgresql_entries(search, ids):
    return (
        SearchEntry.objects.filter(pk__in=ids)
        .annotate(
            headline=SearchHeadline(
                Replace(F("text"), Value("<"), Value(LESS_THAN)),
                _query(search),
                config="english",
                start_sel=START,
                stop_sel=STOP,
                min_words=15,
                max_words=35,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .only(*_FIELDS)
    )


def _sqlite_matches(search):
    wanted, unwanted = split_terms(search.q)
    entries = _filtered(search)
    for term in wanted:
        entries = entries.filter(text__icontains=term)
    for term in unwanted:
        entries = entries.exclude(text__icontains=term)
    return entries


def _sqlite_entries(ids):
    return SearchEntry.objects.filter(pk__in=ids).only(*_FIELDS, "text")


def _snippet_around(text, terms):
    """The text around the first match of any term, terms marked with START/STOP (SQLite only)."""
    folded = text.casefold()
    found = [index for index in (folded.find(term) for term in terms) if index >= 0]
    first = min(found) if found else 0
    begin = max(0, first - SNIPPET_CHARACTERS // 3)
    if begin:
        space = text.find(" ", begin, first)
        begin = space + 1 if space >= 0 else begin
    end = min(len(text), begin + SNIPPET_CHARACTERS)
    if end < len(text):
        end = text.rfind(" ", begin, end) if " " in text[begin:end] else end
    piece = text[begin:end]
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    piece = pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", piece) if terms else piece
    return ("… " if begin else "") + piece + (" …" if end < len(text) else "")


def page_of_results(search, page_value):
    """A Page of Results: the newest matches in order (a query a look back: one to five, mostly
    two or three), then the rows of the page shown (one query), whatever the number of matches.
    `page.more_than_most` says the newest MOST_RESULTS were kept of more."""
    full_text = uses_full_text_search()
    if full_text:
        rows, more_than_most = _postgresql_newest(search)
    else:
        rows, more_than_most = _newest_matches(_sqlite_matches(search), ("pk",))
    page = paging.page_from(Paginator(rows, RESULTS_PER_PAGE), page_value, search.problems)
    page.more_than_most = more_than_most
    ids = [row[0] for row in page.object_list]
    found = {entry.pk: entry for entry in (_postgresql_entries(search, ids) if full_text else _sqlite_entries(ids))}
    # A row deleted since the matches were read (a response republished meanwhile) is left out.
    entries = [found[pk] for pk in ids if pk in found]
    if full_text:
        page.object_list = [Result(entry, _marked(entry.headline)) for entry in entries]
    else:
        wanted, _ = split_terms(search.q)
        page.object_list = [Result(entry, _marked(_snippet_around(entry.text, wanted))) for entry in entries]
    return page


def page_links(page, search):
    return paging.page_links(page, search.url)
