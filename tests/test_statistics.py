"""The statistics page and its CSV downloads: on-time rates by body, by year and by type of report.

A known small data set, seen on 15 June 2025, two factory bodies (each the only body of its force):

- a PEEL report of 10 January 2023 (due 5 March 2023): A on time, B late;
- a national thematic of 1 February 2024 for both forces only: A imported with the date not known,
  B a draft only, so overdue;
- a PEEL report of 1 June 2025 (due 26 July 2025): A a draft only, B nothing, both not yet due.
"""

import csv
import datetime
import html
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from public import statistics
from tests.factories import BodyFactory, ReportFactory, ResponseFactory, publish
from tracker.vocabulary import ReportType

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2025, 6, 15, 12, tzinfo=LONDON)
CSVS = {"body": "/statistics/by-body.csv", "year": "/statistics/by-year.csv", "type": "/statistics/by-type.csv"}


def _at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=LONDON)


def _report(bodies, published_on, report_type=ReportType.PEEL):
    report = ReportFactory(concerns_all_forces=False, published_on=published_on, report_type=report_type)
    report.forces.add(*[body.force for body in bodies])
    return report


@pytest.fixture
def known():
    a = BodyFactory(name="Alpha PCC", slug="alpha-pcc")
    b = BodyFactory(name="Beta PCC", slug="beta-pcc")
    peel_2023 = _report([a, b], datetime.date(2023, 1, 10))
    thematic_2024 = _report([a, b], datetime.date(2024, 2, 1), ReportType.NATIONAL_THEMATIC)
    peel_2025 = _report([a, b], datetime.date(2025, 6, 1))
    publish(ResponseFactory(report=peel_2023, body=a), when=_at(2023, 2, 1))
    publish(ResponseFactory(report=peel_2023, body=b), when=_at(2023, 4, 1))
    publish(
        ResponseFactory(report=thematic_2024, body=a, is_imported=True, publication_date_known=False),
        when=_at(2024, 9, 1),
    )
    ResponseFactory(report=thematic_2024, body=b)
    ResponseFactory(report=peel_2025, body=a)
    return {"a": a, "b": b}


def _figures(groups):
    """{key: (reports, on time, late, date unknown, overdue, not yet due, rate)} for the rows that matter."""
    return {g.key: (g.reports, *g.counts(), g.rate) for g in groups}


def _rows_today():
    with time_machine.travel(TODAY, tick=False):
        return statistics.statistics_rows()


def _get(client, url):
    with time_machine.travel(TODAY, tick=False):
        return client.get(url)


def _text(reply):
    assert reply.status_code == 200
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", reply.content.decode())).split())


def _csv(client, url):
    reply = _get(client, url)
    assert reply.status_code == 200
    assert reply["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(b"".join(reply.streaming_content).decode("utf-8"))))


# The figures -------------------------------------------------------------------------------


def test_it_counts_each_body_on_time_late_unknown_overdue_and_not_yet_due(known):
    figures = _figures(statistics.by_body(_rows_today()))
    assert figures["alpha-pcc"] == (3, 1, 0, 1, 0, 1, 100)
    assert figures["beta-pcc"] == (3, 0, 1, 0, 1, 1, 0)


def test_it_counts_by_year_of_the_reports_publication(known):
    figures = _figures(statistics.by_year(_rows_today()))
    assert figures == {
        "2023": (1, 1, 1, 0, 0, 0, 50),
        "2024": (1, 0, 0, 1, 1, 0, None),
        "2025": (1, 0, 0, 0, 0, 2, None),
    }


def test_it_counts_by_type_of_report(known):
    groups = statistics.by_type(_rows_today())
    assert [g.label for g in groups] == ["PEEL", "National thematic"]
    assert _figures(groups) == {"peel": (2, 1, 1, 0, 0, 2, 50), "national-thematic": (1, 0, 0, 1, 1, 0, None)}


def test_drafts_are_not_counted_as_published(known):
    overall = statistics.total(_rows_today())
    assert overall.published == 3
    # Two drafts: one of a report now overdue, one of a report not yet due; both still owed.
    assert (overall.overdue, overall.not_yet_due) == (1, 2)


def test_a_body_not_expected_to_answer_owes_nothing():
    report = _report([BodyFactory()], datetime.date(2025, 1, 1))
    outsider = BodyFactory()
    rows = _rows_today()
    assert outsider.slug not in {row.body_slug for row in rows}
    assert {row.report.pk for row in rows} == {report.pk}


def test_the_summary_names_the_best_and_worst(known):
    rows = _rows_today()
    sentence = statistics.summary(statistics.by_body(rows), statistics.total(rows), "body")
    assert sentence == (
        "Across 3 reports, 50% of published responses with a known date were on time; "
        "the best body was Alpha PCC (100%) and the worst Beta PCC (0%)."
    )


# The page and the downloads ---------------------------------------------------------------


def test_the_page_shows_the_figures_summaries_and_definitions(client, known):
    reply = _get(client, "/statistics/")
    text = _text(reply)
    assert "Across 3 reports, 50% of published responses with a known date were on time" in text
    assert "the best body was Alpha PCC (100%) and the worst Beta PCC (0%)." in text
    assert "What the figures mean" in text
    for _, _label, meaning in statistics.FIGURES:
        assert meaning in text
    assert 'style="' not in reply.content.decode()
    assert "<script" not in reply.content.decode().split("<main")[1].split("</main>")[0]


def _table(page, table_id):
    """The rows of a table on the page as lists of cell texts, header row first."""
    table = page.split(f'id="{table_id}"')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [[" ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in row] for row in cells]


@pytest.mark.parametrize("which", ["body", "year", "type"])
def test_each_csv_reads_back_to_the_pages_table(client, known, which):
    page = _get(client, "/statistics/").content.decode()
    table = _table(page, f"by-{which}-table")[1:]
    rows = _csv(client, CSVS[which])
    label_column = {"body": "body_name", "year": "year_label", "type": "report_type_label"}[which]
    from_csv = [
        [
            row[label_column],
            row["reports"],
            row["on_time"],
            row["late"],
            row["date_unknown"],
            row["overdue"],
            row["not_yet_due"],
            row["published"],
            f"{row['on_time_rate']}%" if row["on_time_rate"] else "none",
        ]
        for row in rows
    ]
    assert from_csv == table
    assert len(rows) >= 2


def test_the_csv_has_a_header_and_the_known_figures(client, known):
    rows = {row["body_slug"]: row for row in _csv(client, CSVS["body"])}
    assert rows["alpha-pcc"]["on_time_rate"] == "100"
    assert rows["beta-pcc"]["late"] == "1"
    assert rows["beta-pcc"]["overdue"] == "1"


def test_the_csv_guards_against_formulas(client):
    body = BodyFactory(name="=HYPERLINK(1)", slug="formula-pcc")
    _report([body], datetime.date(2025, 1, 1))
    rows = _csv(client, CSVS["body"])
    assert rows[0]["body_name"] == "'=HYPERLINK(1)"


def test_an_empty_database_says_there_is_nothing_to_count(client):
    text = _text(_get(client, "/statistics/"))
    assert "No inspection reports have been recorded yet, so there is nothing to count" in text
    assert _csv(client, CSVS["year"]) == []


def test_the_navigation_links_to_the_page(client):
    assert 'href="/statistics/"' in client.get("/").content.decode()


# Queries -----------------------------------------------------------------------------------


def _data_set(count):
    bodies = [BodyFactory() for _ in range(3)]
    for number in range(count):
        report = _report(bodies, datetime.date(2020 + number % 5, 3, 1), ReportType.values[number % 4])
        publish(ResponseFactory(report=report, body=bodies[number % 3]), when=_at(2020 + number % 5, 4, 1))


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        reply = _get(client, url)
        if reply.streaming:
            b"".join(reply.streaming_content)
    assert reply.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/statistics/", *CSVS.values()])
def test_the_query_count_does_not_grow_with_reports_and_responses(client, url):
    _data_set(3)
    few = _queries(client, url)
    _data_set(27)
    assert _queries(client, url) == few


def test_the_summary_says_a_tie_as_one():
    groups = [
        statistics.Figures("a", "A", on_time=1),
        statistics.Figures("b", "B", on_time=2),
        statistics.Figures("c", "C", late=1),
    ]
    overall = statistics.Figures("all", "All", on_time=3, late=1, reports=2)
    assert statistics.summary(groups, overall, "body") == (
        "Across 2 reports, 75% of published responses with a known date were on time; "
        "2 bodies shared the best rate (100%) and the worst C (0%)."
    )
