"""Search of published text (/search/): web-search syntax, filters, pages, and nothing unpublished.

Runs on SQLite (the documented fallback) and PostgreSQL (full-text search); the ranking and
highlighting tests are PostgreSQL's only.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from public import search
from public.models import SearchEntry
from public.page_cache import LAST_MODIFIED_KEY
from public.views import search as search_views
from responses import workflow
from responses.models import Remark
from tests.factories import (
    BodyFactory,
    FindingFactory,
    ReportFactory,
    ResponseFactory,
    ResponseItemFactory,
    publish,
)
from tracker.models import Finding, InspectionReport

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking and highlighted headlines need PostgreSQL full-text search"
)


def _search(client, **params):
    return client.get("/search/", params)


def _titles(reply):
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]*">([^<]*)</a>', reply.content.decode()
    )


def _count(reply):
    match = re.search(r'id="results">(\d+) results?<', reply.content.decode())
    return int(match.group(1)) if match else None


def _published(introduction, **kwargs):
    return ResponseFactory(introduction=introduction, published=True, **kwargs)


def test_the_page_offers_a_search_form_and_the_navigation_links_to_it(client):
    reply = client.get("/search/")
    assert reply.status_code == 200
    page = reply.content.decode()
    assert '<form method="get" action="/search/"' in page
    assert 'href="/search/"' in page
    assert "There is a problem" not in page


def test_a_word_in_a_published_introduction_is_found(client):
    response = _published("We have commissioned a review of domestic abuse services.")
    reply = _search(client, q="commissioned")
    assert _count(reply) == 1
    assert response.get_absolute_url() in reply.content.decode()


def test_the_signature_is_not_searched(client):
    """A decision (public/search_index.py): the sign-off names the office holder, whose responses the
    body filter finds; search is for what responses say."""
    _published("We have commissioned a review.", signature="Morwenna Tregarthen\nPolice and Crime Commissioner")

    assert _count(_search(client, q="Tregarthen")) == 0
    assert _count(_search(client, q="commissioned")) == 1


def test_report_titles_summaries_findings_and_comments_are_searched(client):
    report = ReportFactory(title="Vetting and misconduct", summary="How forces vet their officers.")
    FindingFactory(report=report, text="Forces should audit their quinquennial vetting renewals.")
    response = ResponseFactory(report=report, introduction="Nothing of note.")
    ResponseItemFactory(response=response, comment="The chief constable has appointed a marmoset officer.")
    response.chief_officer_comments = "The chief welcomes the gazebo plan."
    response.reply_to_chief_officer = "We accept the chief's xylophone view."
    response.save()
    publish(response)
    for word, kind in [
        ("misconduct", "Report"),
        ("officers", "Report"),
        ("quinquennial", "Finding"),
        ("marmoset", "Response to a finding"),
        ("gazebo", "Chief officer&#x27;s comments"),
        ("xylophone", "Reply to the chief officer"),
    ]:
        reply = _search(client, q=word)
        assert _count(reply) >= 1, word
        assert kind in reply.content.decode(), word


def test_a_phrase_in_quotes_is_matched_as_a_whole(client):
    together = _published("We fund domestic abuse services across the county.")
    apart = _published("Abuse of power is rare; domestic burglary is falling.")
    reply = _search(client, q='"domestic abuse"')
    page = reply.content.decode()
    assert _count(reply) == 1
    assert together.get_absolute_url() in page
    assert apart.get_absolute_url() not in page


def test_a_word_after_a_minus_is_left_out(client):
    kept = _published("Custody suites were inspected and burglary figures reviewed.")
    left_out = _published("Burglary rates fell but stalking rose sharply.")
    reply = _search(client, q="burglary -stalking")
    page = reply.content.decode()
    assert _count(reply) == 1
    assert kept.get_absolute_url() in page
    assert left_out.get_absolute_url() not in page


def test_every_word_must_be_found(client):
    _published("The panel reviewed stop and search.")
    _published("The panel reviewed response times.")
    assert _count(_search(client, q="panel search")) == 1


def test_the_body_filter_keeps_only_that_bodys_responses(client):
    mine = _published("Neighbourhood policing pledge.")
    theirs = _published("Neighbourhood policing pledge.")
    reply = _search(client, q="pledge", body=mine.body.slug)
    page = reply.content.decode()
    assert _count(reply) == 1
    assert mine.get_absolute_url() in page
    assert theirs.get_absolute_url() not in page


def test_the_force_filter_keeps_that_forces_responses_and_reports_about_it(client):
    body = BodyFactory()
    force_report = ReportFactory(title="Lighthouse inspection of one force", concerns_all_forces=False)
    force_report.forces.add(body.force)
    other_report = ReportFactory(title="Lighthouse inspection elsewhere", concerns_all_forces=False)
    national = ReportFactory(title="Lighthouse national thematic", concerns_all_forces=True)
    mine = _published("Lighthouse words.", body=body, report=national)
    theirs = _published("Lighthouse words.", report=national)
    reply = _search(client, q="lighthouse", force=body.force.slug)
    page = reply.content.decode()
    assert force_report.get_absolute_url() in page
    assert national.get_absolute_url() in page
    assert mine.get_absolute_url() in page
    assert other_report.get_absolute_url() not in page
    assert theirs.get_absolute_url() not in page


def test_the_report_type_filter(client):
    peel = ReportFactory(title="Kestrel PEEL", report_type=InspectionReport.ReportType.PEEL)
    custody = ReportFactory(title="Kestrel custody", report_type=InspectionReport.ReportType.CUSTODY)
    reply = _search(client, q="kestrel", type="peel")
    page = reply.content.decode()
    assert peel.get_absolute_url() in page
    assert custody.get_absolute_url() not in page


def test_the_year_filter(client):
    old = ReportFactory(title="Heron inspection", published_on=datetime.date(2019, 5, 1))
    new = ReportFactory(title="Heron inspection again", published_on=datetime.date(2023, 5, 1))
    reply = _search(client, q="heron", year="2019")
    page = reply.content.decode()
    assert old.get_absolute_url() in page
    assert new.get_absolute_url() not in page


def test_the_finding_kind_filter(client):
    report = ReportFactory(title="A report")
    FindingFactory(report=report, kind=Finding.Kind.RECOMMENDATION, reference="Recommendation 1", text="Osprey duty.")
    FindingFactory(report=report, kind=Finding.Kind.AREA_FOR_IMPROVEMENT, reference="AFI 1", text="Osprey rota.")
    reply = _search(client, q="osprey", kind="area-for-improvement")
    assert _count(reply) == 1
    assert "AFI 1" in reply.content.decode()


def test_the_position_filter(client):
    taken = ResponseFactory()
    ResponseItemFactory(response=taken, comment="Pelican scheme started.", position="action-taken")
    publish(taken)
    proposed = ResponseFactory()
    ResponseItemFactory(response=proposed, comment="Pelican scheme planned.", position="action-proposed")
    publish(proposed)
    reply = _search(client, q="pelican", position="action-taken")
    page = reply.content.decode()
    assert _count(reply) == 1
    assert taken.get_absolute_url() in page
    assert proposed.get_absolute_url() not in page


def test_filter_values_not_understood_are_ignored_and_said(client):
    _published("Albatross.")
    reply = _search(client, q="albatross", type="nonsense", year="20x4", body="nobody", kind="odd", position="?")
    page = reply.content.decode()
    assert reply.status_code == 200
    assert _count(reply) == 1
    assert "Part of the web address was not understood" in page


def test_results_come_25_a_page_with_govuk_pagination(client):
    report = ReportFactory(title="A report")
    for number in range(30):
        FindingFactory(report=report, reference=f"Recommendation {number}", text=f"Flamingo {number}.")
    first = _search(client, q="flamingo")
    page = first.content.decode()
    assert _count(first) == 30
    assert len(_titles(first)) == 25
    assert 'class="govuk-pagination"' in page
    assert 'rel="next"' in page
    second = _search(client, q="flamingo", page="2")
    assert len(_titles(second)) == 5
    assert 'rel="prev"' in second.content.decode()
    assert set(_titles(first)).isdisjoint(_titles(second))


def test_a_page_past_the_end_shows_the_last_page(client):
    _published("Puffin.")
    reply = _search(client, q="puffin", page="99")
    assert reply.status_code == 200
    assert "There is no page 99" in reply.content.decode()


def test_the_query_count_does_not_grow_with_the_matches(client):
    def queries_for(word, how_many):
        for _ in range(how_many):
            _published(f"{word} words.")
        with CaptureQueriesContext(connection) as queries:
            reply = _search(client, q=word)
        assert _count(reply) == how_many
        return len(queries)

    assert queries_for("toucan", 3) == queries_for("walrus", 20)


# Published text only --------------------------------------------------------------------------

MARKER = "zebracanary"


@pytest.fixture
def published_by_workflow(body, drafter, reviewer, publisher):
    report = ReportFactory(title="A report everyone can read")
    FindingFactory(report=report)
    response = workflow.start(report, body, drafter)
    response.refresh_from_db()
    items = {item.finding_id: ("We will act on this.", "action-proposed") for item in response.items.all()}
    workflow.save(response, drafter, response.edit_count, {"introduction": f"First go {MARKER}."}, items)
    response.refresh_from_db()
    workflow.save(response, drafter, response.edit_count, {"introduction": "Clean words for the public."}, items)
    workflow.submit(response, drafter)
    workflow.approve(response, reviewer)
    workflow.publish(response, publisher)
    response.refresh_from_db()
    return response


def test_a_draft_is_never_found(client, body, drafter):
    report = ReportFactory()
    FindingFactory(report=report)
    draft = workflow.start(report, body, drafter)
    workflow.save(draft, drafter, 0, {"introduction": f"Draft words {MARKER}."}, {})
    assert _count(_search(client, q=MARKER)) == 0
    assert not SearchEntry.objects.filter(text__icontains=MARKER).exists()


def test_an_earlier_unpublished_revision_and_a_remark_are_never_found(client, published_by_workflow, reviewer):
    Remark.objects.create(response=published_by_workflow, author=reviewer, text=f"Internal only {MARKER}")
    assert _count(_search(client, q=MARKER)) == 0
    assert _count(_search(client, q="clean")) == 1


def test_an_unpublished_amendment_is_never_found_until_published(
    client, published_by_workflow, drafter, reviewer, publisher
):
    response = published_by_workflow
    workflow.amend(response, drafter)
    response.refresh_from_db()
    workflow.save(
        response, drafter, response.edit_count, {"introduction": f"Amended {MARKER}.", "change_note": "New words."}, {}
    )
    assert _count(_search(client, q=MARKER)) == 0
    assert _count(_search(client, q="clean")) == 1

    response.refresh_from_db()
    workflow.submit(response, drafter)
    workflow.approve(response, reviewer)
    workflow.publish(response, publisher)
    assert _count(_search(client, q=MARKER)) == 1
    assert _count(_search(client, q="clean")) == 0


def test_publishing_adds_the_response_to_the_index(client, published_by_workflow):
    reply = _search(client, q="clean words")
    assert _count(reply) == 1
    assert published_by_workflow.get_absolute_url() in reply.content.decode()
    assert "Withdrawn" not in reply.content.decode()


def test_a_withdrawn_response_is_still_found_and_marked_withdrawn(client, published_by_workflow, publisher):
    workflow.withdraw(published_by_workflow, publisher, "Published in error.")
    reply = _search(client, q="clean words")
    assert _count(reply) == 1
    assert '<strong class="govuk-tag govuk-tag--red">Withdrawn</strong>' in reply.content.decode()


def test_editing_a_report_or_finding_updates_the_index(client):
    report = ReportFactory(title="Old title")
    finding = FindingFactory(report=report, reference="Recommendation 1", text="Old finding wording.")
    report.title = "Brand new cormorant title"
    report.save()
    finding.text = "New pangolin wording."
    finding.save()
    assert _count(_search(client, q="cormorant")) == 1
    found = _search(client, q="pangolin")
    assert _count(found) == 1
    assert _titles(found) == ["Recommendation 1, Brand new cormorant title"]
    assert _count(_search(client, q="old")) == 0


def test_rebuild_search_index_rebuilds_every_entry(client):
    _published("Meerkat plan.")
    SearchEntry.objects.all().delete()
    assert _count(_search(client, q="meerkat")) == 0
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert _count(_search(client, q="meerkat")) == 1


def test_markup_in_published_text_is_escaped(client):
    _published("Lemur <script>alert(1)</script> & <b>bold</b>.")
    page = _search(client, q="lemur").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


# Ranking and highlights (PostgreSQL) ------------------------------------------------------------


@postgresql_only
def test_results_are_ranked_by_relevance(client):
    _published("Sparrow mentioned once among many other words about policing and the county.", body__name="Aaa body")
    _published("Sparrow sparrow sparrow: sparrows everywhere.", body__name="Zzz body")
    titles = _titles(_search(client, q="sparrow"))
    assert titles[0].startswith("Zzz body")


@postgresql_only
def test_english_stemming_finds_other_forms_of_a_word(client):
    _published("The magistrates were thorough.")
    assert _count(_search(client, q="magistrate")) == 1


@postgresql_only
def test_matches_are_highlighted_and_the_rest_escaped(client):
    _published("Before <i>tag</i> the heron landed & left.")
    page = _search(client, q="heron").content.decode()
    assert "<mark>heron</mark>" in page
    assert "&lt;i&gt;tag&lt;/i&gt;" in page
    assert "&amp; left" in page


# Queries that cannot be searched ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "Enter words to search for."),
        ("   ", "Enter words to search for."),
        ("x" * 201, "Search for 200 characters or fewer."),
        ("abuse\x00", "not letters, numbers or punctuation"),
        ("abuse\x1b[31m", "not letters, numbers or punctuation"),
        ("!!! *** ???", "Enter at least one word or number to search for."),
        ('"" - -- ""', "Enter at least one word or number to search for."),
        ("-custody", "not only words to leave out"),
    ],
)
def test_a_query_that_cannot_be_searched_gets_a_clear_message(client, query, message):
    _published("Custody abuse.")
    reply = _search(client, q=query)
    page = reply.content.decode()
    assert reply.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page


@pytest.mark.parametrize(
    "query", ['"unclosed phrase', "a & b | c", "(abuse", "abuse:*", "or", "' OR 1=1 --", "é ü 警察"]
)
def test_odd_queries_never_fail(client, query):
    _published("Custody abuse.")
    assert _search(client, q=query).status_code == 200


@postgresql_only
def test_the_search_vector_and_the_day_have_one_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'public_searchentry'")
        definitions = [row[0] for row in cursor.fetchall()]
    assert [definition for definition in definitions if "USING gin" in definition] == [
        "CREATE INDEX public_searchentry_vector_day_gin ON public.public_searchentry"
        " USING gin (search_vector, EXTRACT(julian FROM published_on))"
    ]


# Very common words: the newest matches, and a page that says there were more ------------------------


def _report_on(day, words):
    return ReportFactory(title=f"Report of {day:%B %Y}", summary=words, published_on=day)


def test_a_common_word_lists_the_newest_matches_and_says_there_were_more(client, monkeypatch):
    monkeypatch.setattr(search, "MOST_RESULTS", 3)
    today = timezone.localdate()
    for months_ago in range(5):
        _report_on(today - datetime.timedelta(days=30 * months_ago + 1), "Commonplace pelican findings.")
    page = _search(client, q="pelican").content.decode()
    assert "More than 3 results" in page
    assert "The 3 newest are listed." in page
    titles = _titles(_search(client, q="pelican"))
    expected = [f"Report of {today - datetime.timedelta(days=30 * n + 1):%B %Y}" for n in range(3)]
    assert sorted(titles) == sorted(expected)


def test_a_filter_that_narrows_the_matches_gives_their_exact_count(client, monkeypatch):
    monkeypatch.setattr(search, "MOST_RESULTS", 3)
    today = timezone.localdate()
    for days_ago in (1, 2, 3):
        _report_on(today - datetime.timedelta(days=days_ago), "Commonplace pelican findings.")
    old_year = today.year - 3
    for month in (3, 6):
        _report_on(datetime.date(old_year, month, 1), "Commonplace pelican findings.")
    assert "More than 3 results" in _search(client, q="pelican").content.decode()
    reply = _search(client, q="pelican", year=old_year)
    assert _count(reply) == 2
    assert "More than" not in reply.content.decode()
    assert sorted(_titles(reply)) == [f"Report of June {old_year}", f"Report of March {old_year}"]


def test_old_matches_are_found_when_recent_ones_are_few(client, monkeypatch):
    """The search looks back further only when the recent months held too few matches."""
    monkeypatch.setattr(search, "MOST_RESULTS", 3)
    today = timezone.localdate()
    _report_on(today - datetime.timedelta(days=10), "A recent heron.")
    _report_on(today - datetime.timedelta(days=800), "An older heron.")
    _report_on(today - datetime.timedelta(days=3000), "An ancient heron.")
    _report_on(today - datetime.timedelta(days=4000), "A very ancient heron.")
    reply = _search(client, q="heron")
    assert "More than 3 results" in reply.content.decode()
    titles = _titles(reply)
    assert len(titles) == 3
    assert f"Report of {today - datetime.timedelta(days=4000):%B %Y}" not in titles


def test_the_forms_choices_are_kept_while_the_public_pages_stay_as_they_are(
    client, monkeypatch, django_assert_num_queries
):
    """The page cache gives each anonymous request when the public pages last changed; the bodies,
    forces and years of the form are read again when that moves on."""
    monkeypatch.setattr(search_views, "_kept", (None, None))
    kept_since = {LAST_MODIFIED_KEY: 1000.0}
    assert "Wrenshire" not in client.get("/search/", **kept_since).content.decode()
    BodyFactory(name="Police and Crime Commissioner for Wrenshire")
    with django_assert_num_queries(0):
        assert "Wrenshire" not in client.get("/search/", **kept_since).content.decode()
    assert "Wrenshire" in client.get("/search/", **{LAST_MODIFIED_KEY: 2000.0}).content.decode()
    assert "Wrenshire" in client.get("/search/").content.decode()


def test_a_match_found_by_an_earlier_look_back_is_listed_once(client, monkeypatch):
    """Each look back reads only the days before the last one's."""
    monkeypatch.setattr(search, "MOST_RESULTS", 5)
    today = timezone.localdate()
    for days_ago in (10, 20, 800, 3000):
        ReportFactory(title=f"Grebe {days_ago}", published_on=today - datetime.timedelta(days=days_ago))
    reply = _search(client, q="grebe")
    assert _count(reply) == 4
    assert sorted(_titles(reply)) == ["Grebe 10", "Grebe 20", "Grebe 3000", "Grebe 800"]


@postgresql_only
def test_matches_from_every_look_back_are_ranked_together(client, monkeypatch):
    monkeypatch.setattr(search, "MOST_RESULTS", 3)
    today = timezone.localdate()
    _report_on(today - datetime.timedelta(days=5), "A plover, among many other words about policing in the county.")
    _report_on(today - datetime.timedelta(days=900), "Plover plover plover: plovers everywhere.")
    titles = _titles(_search(client, q="plover"))
    assert titles == [
        f"Report of {today - datetime.timedelta(days=900):%B %Y}",
        f"Report of {today - datetime.timedelta(days=5):%B %Y}",
    ]


@postgresql_only
def test_equally_good_matches_come_newest_first_on_every_page(client):
    report_days = range(1, 31)
    today = timezone.localdate()
    for days_ago in report_days:
        ReportFactory(
            title=f"Curlew {days_ago}", summary="Curlew.", published_on=today - datetime.timedelta(days=days_ago)
        )
    first, second = _titles(_search(client, q="curlew")), _titles(_search(client, q="curlew", page="2"))
    assert first + second == [f"Curlew {days_ago}" for days_ago in report_days]


def test_the_form_keeps_what_was_chosen(client):
    body = BodyFactory(name="Police, Fire & Crime Commissioner for Wrenshire")
    _published("Wren.", body=body)
    reply = _search(
        client,
        q="wren",
        body=body.slug,
        force=body.force.slug,
        type="peel",
        year="2024",
        kind="recommendation",
        position="action-taken",
    )
    page = reply.content.decode()
    assert f'<option value="{body.slug}" selected>Police, Fire &amp; Crime Commissioner for Wrenshire</option>' in page
    assert f'<option value="{body.force.slug}" selected>{body.force.name}</option>' in page
    for value in ("peel", "2024", "recommendation", "action-taken"):
        assert f'<option value="{value}" selected>' in page
    assert page.count(" selected>") == 6


def test_a_search_costs_at_most_five_look_backs_and_four_more_queries(
    client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(search, "MOST_RESULTS", 3)
    _report_on(timezone.localdate() - datetime.timedelta(days=5000), "A lonely kingfisher.")
    # Five look backs at most (the match is older than all but the last), the page's rows, then the
    # bodies, forces and years of the form.
    with django_assert_max_num_queries(5 + 1 + 3):
        assert _count(_search(client, q="kingfisher")) == 1
