"""The reports list: filters by type, year and force, sorts, pages, and what it does with addresses it cannot understand."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ReportFactory, ResponseFactory
from tracker.models import Force, LocalPolicingBody
from tracker.vocabulary import ReportType

pytestmark = pytest.mark.django_db


def _get(client, query=""):
    reply = client.get(f"/reports/{query}")
    assert reply.status_code == 200
    return reply.content.decode()


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _listed(html):
    """The slugs of the reports in the results table, in order."""
    table = re.search(r"<tbody[^>]*>(.*?)</tbody>", html, re.DOTALL)
    if table is None:
        return []
    table = table.group(1)
    return re.findall(r'href="/reports/([^/"]+)/"', table)


def _force_report(force, **kwargs):
    report = ReportFactory(concerns_all_forces=False, report_type=ReportType.PEEL, **kwargs)
    report.forces.add(force)
    return report


@pytest.fixture
def kent():
    return Force.objects.get(slug="kent-police")


@pytest.fixture
def essex():
    return Force.objects.get(slug="essex-police")


# What each row shows ---------------------------------------------------------------------------


def test_it_counts_the_reports_it_lists(client):
    ReportFactory()
    assert "1 report " in _text(_get(client)) + " "
    ReportFactory()
    assert "2 reports" in _text(_get(client))


def test_each_row_shows_the_due_date_and_the_published_responses_of_those_expected(client, kent):
    report = ReportFactory(published_on=datetime.date(2024, 3, 1), concerns_all_forces=True)
    ResponseFactory(report=report, body=LocalPolicingBody.objects.get(slug="kent-pcc"), published=True)
    ResponseFactory(report=report, body=LocalPolicingBody.objects.get(slug="essex-pfcc"))  # a draft: not counted
    text = _text(_get(client))
    assert "1 Mar 2024 25 Apr 2024 1 of 43" in text
    assert "National thematic" in text


def test_a_force_report_expects_the_answer_of_its_force_s_body_only(client, kent):
    _force_report(kent)
    assert "0 of 1" in _text(_get(client))


# Filters ---------------------------------------------------------------------------------------


def test_it_filters_by_report_type(client):
    peel = ReportFactory(report_type=ReportType.PEEL)
    custody = ReportFactory(report_type=ReportType.CUSTODY)
    thematic = ReportFactory(report_type=ReportType.NATIONAL_THEMATIC)
    html = _get(client, "?type=peel")
    assert _listed(html) == [peel.slug]
    assert "1 report" in _text(html)
    assert sorted(_listed(_get(client, "?type=peel&type=custody"))) == sorted([peel.slug, custody.slug])
    assert thematic.slug not in _listed(_get(client, "?type=peel&type=custody"))


def test_it_filters_by_year_of_publication(client):
    old = ReportFactory(published_on=datetime.date(2023, 12, 31))
    new = ReportFactory(published_on=datetime.date(2024, 1, 1))
    assert _listed(_get(client, "?year=2023")) == [old.slug]
    assert _listed(_get(client, "?year=2024")) == [new.slug]


def test_it_offers_the_years_that_have_reports(client):
    ReportFactory(published_on=datetime.date(2021, 5, 1))
    ReportFactory(published_on=datetime.date(2024, 5, 1))
    html = _get(client)
    assert '<option value="2021">2021</option>' in html
    assert '<option value="2024">2024</option>' in html
    assert '<option value="2022">' not in html


def test_a_national_report_counts_for_every_force(client, kent, essex):
    national = ReportFactory(concerns_all_forces=True)
    kents = _force_report(kent)
    essexs = _force_report(essex)
    listed = _listed(_get(client, "?force=kent-police"))
    assert sorted(listed) == sorted([national.slug, kents.slug])
    assert essexs.slug not in listed


def test_a_report_about_several_forces_is_listed_once(client, kent, essex):
    both = _force_report(kent)
    both.forces.add(essex)
    ReportFactory(concerns_all_forces=True).forces.add(kent, essex)
    listed = _listed(_get(client, "?force=kent-police"))
    assert len(listed) == len(set(listed)) == 2


def test_filters_combine(client, kent):
    wanted = _force_report(kent, published_on=datetime.date(2023, 6, 1))
    _force_report(kent, published_on=datetime.date(2024, 6, 1))
    ReportFactory(report_type=ReportType.CUSTODY, published_on=datetime.date(2023, 6, 1), concerns_all_forces=True)
    assert _listed(_get(client, "?type=peel&year=2023&force=kent-police")) == [wanted.slug]


def test_the_form_shows_the_filters_applied_and_offers_to_clear_them(client, kent):
    ReportFactory(report_type=ReportType.PEEL, published_on=datetime.date(2024, 1, 1))
    html = _get(client, "?type=peel&year=2024&force=kent-police&sort=oldest")
    assert '<form method="get" action="/reports/"' in html
    assert re.search(r'id="type-peel" name="type" type="checkbox" value="peel" checked', html)
    assert not re.search(r'value="custody" checked', html)
    assert '<option value="2024" selected>' in html
    assert '<option value="kent-police" selected>Kent Police</option>' in html
    assert '<option value="oldest" selected>' in html
    assert "Apply filters</button>" in html
    assert '<a class="govuk-link" href="/reports/">Clear filters</a>' in html


def test_it_offers_no_clear_link_when_nothing_is_filtered(client):
    ReportFactory()
    assert "Clear filters" not in _get(client)


def test_it_says_when_no_report_matches(client):
    ReportFactory(report_type=ReportType.PEEL)
    text = _text(_get(client, "?type=custody"))
    assert "0 reports" in text
    assert "No reports match these filters" in text


# Sorts -------------------------------------------------------------------------------------------


@pytest.fixture
def three_reports():
    return [
        ReportFactory(title="beta inspection", published_on=datetime.date(2024, 2, 1)),
        ReportFactory(title="Alpha inspection", published_on=datetime.date(2024, 3, 1)),
        ReportFactory(title="Gamma inspection", published_on=datetime.date(2024, 1, 1)),
    ]


def test_it_lists_the_newest_first_by_default(client, three_reports):
    beta, alpha, gamma = three_reports
    assert _listed(_get(client)) == [alpha.slug, beta.slug, gamma.slug]


def test_it_sorts_oldest_first(client, three_reports):
    beta, alpha, gamma = three_reports
    assert _listed(_get(client, "?sort=oldest")) == [gamma.slug, beta.slug, alpha.slug]


def test_it_sorts_by_title_whatever_the_case(client, three_reports):
    beta, alpha, gamma = three_reports
    assert _listed(_get(client, "?sort=title")) == [alpha.slug, beta.slug, gamma.slug]


def test_it_sorts_by_responses_outstanding_as_coverage_counts_them(client, kent):
    unanswered = ReportFactory(concerns_all_forces=True, published_on=datetime.date(2024, 1, 1))  # 43 outstanding
    partly = ReportFactory(concerns_all_forces=True, published_on=datetime.date(2024, 2, 1))
    for slug in ("kent-pcc", "essex-pfcc"):
        ResponseFactory(report=partly, body=LocalPolicingBody.objects.get(slug=slug), published=True)  # 41
    single = _force_report(kent, published_on=datetime.date(2024, 3, 1))  # 1 outstanding
    answered = _force_report(kent, published_on=datetime.date(2024, 4, 1))
    ResponseFactory(report=answered, body=LocalPolicingBody.objects.get(slug="kent-pcc"), published=True)  # 0
    html = _get(client, "?sort=outstanding")
    assert _listed(html) == [unanswered.slug, partly.slug, single.slug, answered.slug]
    assert "2 of 43" in _text(html)


# Pages ---------------------------------------------------------------------------------------------


@pytest.fixture
def sixty_reports():
    start = datetime.date(2020, 1, 1)
    return [ReportFactory(published_on=start + datetime.timedelta(days=day)) for day in range(60)]


def test_it_shows_25_reports_a_page_with_the_gov_uk_pagination(client, sixty_reports):
    newest_first = [report.slug for report in reversed(sixty_reports)]
    first = _get(client)
    assert _listed(first) == newest_first[:25]
    assert "60 reports" in _text(first)
    assert "Showing 1 to 25, newest first" in _text(first)
    assert '<nav class="govuk-pagination"' in first
    assert 'href="/reports/?page=2" rel="next"' in first
    assert 'aria-current="page">1</a>' in first
    third = _get(client, "?page=3")
    assert _listed(third) == newest_first[50:]
    assert 'href="/reports/?page=2" rel="prev"' in third
    assert 'rel="next"' not in third


def test_the_page_links_keep_the_filters_and_only_those_understood(client, sixty_reports):
    html = _get(client, "?type=national-thematic&type=nonsense&sort=oldest&year=2020")
    assert 'href="/reports/?type=national-thematic&amp;year=2020&amp;sort=oldest&amp;page=2"' in html
    assert "nonsense&amp;" not in html


def test_it_shows_no_pagination_for_a_single_page(client):
    ReportFactory()
    assert "govuk-pagination" not in _get(client)


def test_the_outstanding_sort_pages_too(client, sixty_reports):
    assert len(_listed(_get(client, "?sort=outstanding&page=3"))) == 10


# What it cannot understand ---------------------------------------------------------------------------


def test_an_unknown_report_type_is_left_out_and_said(client):
    peel = ReportFactory(report_type=ReportType.PEEL)
    other = ReportFactory(report_type=ReportType.CUSTODY)
    html = _get(client, "?type=no-such-type")
    assert sorted(_listed(html)) == sorted([peel.slug, other.slug])
    assert "“no-such-type” is not a type of report, so it was ignored." in html
    assert _listed(_get(client, "?type=peel&type=no-such-type")) == [peel.slug]
    assert "“a”, “b”, “c” and others are not types of report" in _get(client, "?type=a&type=b&type=c&type=d")


def test_a_year_that_is_not_a_number_is_ignored_and_said(client):
    ReportFactory()
    for year in ("last-year", "20245", "-1", "0000", "２０２４", "²⁰²⁴"):
        html = _get(client, f"?year={year}")
        assert len(_listed(html)) == 1, year
        assert "is not a year, so reports of every year are shown." in html, year


def test_a_year_without_reports_lists_none_and_stays_selected(client):
    ReportFactory(published_on=datetime.date(2024, 1, 1))
    html = _get(client, "?year=1999")
    assert _listed(html) == []
    assert '<option value="1999" selected>' in html


def test_an_unknown_force_is_ignored_and_said(client):
    ReportFactory()
    html = _get(client, "?force=atlantis-constabulary")
    assert len(_listed(html)) == 1
    assert "There is no force “atlantis-constabulary”, so reports for every force are shown." in html


def test_an_unknown_sort_falls_back_to_newest_first_and_says_so(client, three_reports):
    beta, alpha, gamma = three_reports
    html = _get(client, "?sort=random")
    assert _listed(html) == [alpha.slug, beta.slug, gamma.slug]
    assert "“random” is not a way to sort reports, so they are sorted newest first." in html


@pytest.mark.parametrize(
    ("page", "shown", "said"),
    [
        ("99", 10, "There is no page 99, so this is the last page (page 3)."),
        ("0", 25, "There is no page 0, so this is the first page."),
        ("-4", 25, "There is no page -4, so this is the first page."),
        ("two", 25, "“two” is not a page number, so this is the first page."),
        ("9" * 5000, 25, "is not a page number"),
    ],
)
def test_a_page_out_of_range_or_not_a_number_is_answered_not_an_error(client, sixty_reports, page, shown, said):
    html = _get(client, f"?page={page}")
    assert len(_listed(html)) == shown
    assert said in html


def test_what_it_cannot_understand_is_escaped_and_shortened(client):
    ReportFactory()
    html = _get(client, "?force=" + "%3Cscript%3Ealert(1)%3C/script%3E" + "x" * 200)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "x" * 41 not in html


def test_nothing_is_said_when_everything_is_understood(client):
    ReportFactory(report_type=ReportType.PEEL)
    assert "not understood" not in _get(client, "?type=peel&year=2024&sort=title&page=1&force=")


# Cost ------------------------------------------------------------------------------------------------


def _queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/reports/{query}").status_code == 200
    return len(queries)


def _reports(n, kent):
    """n reports, half national and half about Kent, each with a published response from Kent."""
    kent_pcc = LocalPolicingBody.objects.get(slug="kent-pcc")
    for i in range(n):
        report = ReportFactory(concerns_all_forces=i % 2 == 0, published_on=datetime.date(2024, 1, 1 + i % 28))
        report.forces.add(kent)
        ResponseFactory(report=report, body=kent_pcc, published=True)


@pytest.mark.parametrize("query", ["", "?sort=outstanding", "?type=national-thematic&year=2024&force=kent-police"])
def test_it_costs_the_same_queries_for_3_reports_as_for_30(client, kent, django_assert_num_queries, query):
    """Forces, years, count, page of reports, their forces, linked force reports, bodies, responses."""
    _reports(3, kent)
    few = _queries(client, query)
    assert few <= 8
    _reports(27, kent)
    with django_assert_num_queries(few):
        assert client.get(f"/reports/{query}").status_code == 200
