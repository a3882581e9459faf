"""The pages of local policing bodies: every body by force, and one body's reports and on-time record.

The South Yorkshire and Essex bodies are the real ones the migrations load (police-bodies-history.csv):
the Police and Crime Commissioner for South Yorkshire held office until 6 May 2024, and the Mayor
of South Yorkshire from 7 May 2024.
"""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import BodyFactory, ReportFactory, ResponseFactory, publish
from tracker.models import LocalPolicingBody

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=LONDON)


def _text(reply):
    """The page's text with tags dropped and spaces collapsed, as a reader would see it."""
    assert reply.status_code == 200
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", reply.content.decode())).split())


def _page(client, body, today=None):
    if today is None:
        return client.get(f"/bodies/{body.slug}/")
    with time_machine.travel(_at(*today), tick=False):
        return client.get(f"/bodies/{body.slug}/")


def _force_report(body, published_on, **kwargs):
    report = ReportFactory(concerns_all_forces=False, published_on=published_on, **kwargs)
    report.forces.add(body.force)
    return report


def _published(report, body, on, **kwargs):
    return publish(ResponseFactory(report=report, body=body, **kwargs), when=_at(*on))


@pytest.fixture
def south_yorkshire():
    bodies = LocalPolicingBody.objects.filter(force__slug="south-yorkshire-police")
    return {body.kind: body for body in bodies}


# The list of bodies --------------------------------------------------------------------------


def test_the_list_shows_current_and_former_bodies_by_force_current_first(client, south_yorkshire):
    page = client.get("/bodies/").content.decode()
    text = _text(client.get("/bodies/"))
    mayor, pcc = south_yorkshire["mayor"], south_yorkshire["pcc"]
    assert f'href="/bodies/{mayor.slug}/"' in page
    assert f'href="/bodies/{pcc.slug}/"' in page
    section = text[text.index("South Yorkshire Police") :]
    assert section.index("Mayor of South Yorkshire") < section.index(
        "Police and Crime Commissioner for South Yorkshire"
    )
    assert "Mayor · Since 7 May 2024" in section
    assert "Former Police and Crime Commissioner · 22 November 2012 to 6 May 2024" in section


def test_the_list_names_every_body_once(client):
    page = client.get("/bodies/").content.decode()
    for body in LocalPolicingBody.objects.all():
        assert page.count(f'href="/bodies/{body.slug}/"') == 1, body.slug
    assert LocalPolicingBody.objects.count() == 52


# Which reports a body's page lists ----------------------------------------------------------


def test_a_body_page_lists_a_national_report_published_while_in_office_and_not_one_before_its_start(
    client, south_yorkshire
):
    during = ReportFactory(title="A national report of September 2024", published_on=datetime.date(2024, 9, 12))
    before = ReportFactory(title="A national report of January 2023", published_on=datetime.date(2023, 1, 10))
    mayor_page = _text(_page(client, south_yorkshire["mayor"]))
    assert during.title in mayor_page
    assert before.title not in mayor_page
    pcc_page = _text(_page(client, south_yorkshire["pcc"]))
    assert before.title in pcc_page
    assert during.title not in pcc_page


def test_a_body_page_shows_its_kind_force_and_dates_in_office(client, south_yorkshire):
    text = _text(_page(client, south_yorkshire["pcc"]))
    assert "Police and Crime Commissioner Police and Crime Commissioner for South Yorkshire" in text
    assert "Police force South Yorkshire Police" in text
    assert "In office 22 November 2012 to 6 May 2024 (former body)" in text


def test_an_unknown_body_is_not_found(client):
    assert client.get("/bodies/no-such-body/").status_code == 404


# Predecessors and successors ----------------------------------------------------------------


def test_a_body_links_to_its_predecessor_and_successor(client, south_yorkshire):
    mayor, pcc = south_yorkshire["mayor"], south_yorkshire["pcc"]
    pcc_page = _page(client, pcc).content.decode()
    mayor_page = _page(client, mayor).content.decode()
    assert f'href="/bodies/{mayor.slug}/">{mayor.name}</a>' in pcc_page
    assert f'href="/bodies/{pcc.slug}/">{pcc.name}</a>' in mayor_page
    assert "Succeeded by" in pcc_page and "Took over from" not in pcc_page
    assert "Took over from" in mayor_page and "Succeeded by" not in mayor_page


def test_a_body_with_no_change_links_to_no_other_body(client):
    body = BodyFactory()
    page = _page(client, body).content.decode()
    assert "Took over from" not in page and "Succeeded by" not in page


# How each response stands, in words ---------------------------------------------------------


def test_a_response_published_within_56_days_is_on_time_and_links_report_and_response(client, body):
    report = _force_report(body, datetime.date(2024, 3, 1))
    response = _published(report, body, (2024, 3, 3))
    reply = _page(client, body)
    assert "Published 3 March 2024: on time" in _text(reply)
    page = reply.content.decode()
    assert f'href="{report.get_absolute_url()}"' in page
    assert f'href="{response.get_absolute_url()}"' in page


def test_a_response_published_after_the_56_days_is_late_by_so_many_days(client, body):
    # Due on 25 April 2024, the 56th day counting 1 March.
    report = _force_report(body, datetime.date(2024, 3, 1))
    _published(report, body, (2024, 5, 22))
    assert "Published 22 May 2024: 27 days late" in _text(_page(client, body))


def test_a_response_on_the_56th_day_is_on_time_and_the_next_day_is_one_day_late(client, body):
    _published(_force_report(body, datetime.date(2024, 3, 1)), body, (2024, 4, 25))
    _published(_force_report(body, datetime.date(2024, 3, 2)), body, (2024, 4, 27))
    text = _text(_page(client, body))
    assert "Published 25 April 2024: on time" in text
    assert "Published 27 April 2024: 1 day late" in text


def test_an_overdue_report_is_not_yet_published_with_its_due_date_and_days_since(client, body):
    _force_report(body, datetime.date(2020, 2, 27))
    text = _text(_page(client, body, today=(2024, 3, 22)))
    assert "Not yet published (due 22 April 2020, 1,430 days ago)" in text


def test_a_report_within_its_56_days_is_due_in_so_many_days(client, body):
    _force_report(body, datetime.date(2024, 3, 1))
    text = _text(_page(client, body, today=(2024, 4, 13)))
    assert "Not yet published (due in 12 days, on 25 April 2024)" in text


def test_an_imported_response_with_no_known_date_says_so(client, body):
    report = _force_report(body, datetime.date(2019, 6, 1))
    _published(report, body, (2024, 1, 15), is_imported=True, publication_date_known=False)
    text = _text(_page(client, body))
    assert "Imported: first published elsewhere, date not known" in text
    assert "15 January 2024" not in text


def test_a_report_answered_by_the_predecessor_before_the_handover_is_answered_on_both_pages(client, south_yorkshire):
    """Published 1 April 2024, due 26 May: the duty passed to the mayor on 7 May, but the PCC had
    answered on 20 April, which meets it for the force (as the report page counts it)."""
    mayor, pcc = south_yorkshire["mayor"], south_yorkshire["pcc"]
    report = ReportFactory(title="A report across the handover", published_on=datetime.date(2024, 4, 1))
    response = _published(report, pcc, (2024, 4, 20))
    mayor_text = _text(_page(client, mayor))
    assert f"Answered by {pcc.name}: Published 20 April 2024: on time" in mayor_text
    assert "every report it had to answer was answered by the body before it" in mayor_text
    assert "Not yet published" not in mayor_text
    pcc_reply = _page(client, pcc)
    pcc_text = _text(pcc_reply)
    others = pcc_text[pcc_text.index("Other published responses") :]
    assert report.title in others and "Published 20 April 2024: on time" in others
    assert f'href="{response.get_absolute_url()}"' in pcc_reply.content.decode()


# Drafts never show --------------------------------------------------------------------------


def test_nothing_of_a_draft_appears(client, body):
    expected = _force_report(body, datetime.date(2020, 2, 27))
    draft = ResponseFactory(report=expected, body=body, introduction="Secret draft words KESTREL-51.")
    unexpected = ReportFactory(concerns_all_forces=False, title="A report on another force only")
    other_draft = ResponseFactory(report=unexpected, body=body, introduction="More secret words KESTREL-51.")
    reply = _page(client, body)
    page = reply.content.decode()
    assert "KESTREL-51" not in page
    assert draft.get_absolute_url() not in page
    assert other_draft.get_absolute_url() not in page
    assert unexpected.title not in page
    assert "Not yet published" in _text(reply)
    assert "Other published responses" not in page


# The on-time record -------------------------------------------------------------------------


def test_the_record_counts_on_time_late_unknown_and_unanswered(client, body):
    for published_on, answered_on in (((2024, 1, 1), (2024, 1, 10)), ((2024, 1, 2), (2024, 2, 1))):
        _published(_force_report(body, datetime.date(*published_on)), body, answered_on)
    _published(_force_report(body, datetime.date(2024, 1, 3)), body, (2024, 5, 1))
    _published(
        _force_report(body, datetime.date(2019, 1, 3)),
        body,
        (2024, 5, 1),
        is_imported=True,
        publication_date_known=False,
    )
    _force_report(body, datetime.date(2024, 1, 4))  # overdue on 10 June 2024
    _force_report(body, datetime.date(2024, 6, 1))  # due 26 July 2024
    reply = _page(client, body, today=(2024, 6, 10))
    text = _text(reply)
    assert (
        "On time for 2 of 3 published responses with a known date; 1 late; 1 more published with the date not "
        "known; 2 reports not yet answered (1 overdue)."
    ) in text
    for label, count in (
        ("On time", 2),
        ("Late", 1),
        ("Date not known", 1),
        ("Overdue, not yet published", 1),
        ("Not yet due", 1),
    ):
        assert f"{label} {count}" in text
    page = reply.content.decode()
    # The chart: bars sized by class (the CSP forbids inline style), with a text alternative.
    assert "app-chart__bar--on-time app-chart__bar--w33" in page
    assert 'role="img" aria-label="Bar chart. On time for 2 of 3' in page
    assert "style=" not in page


def test_the_record_reads_plainly_when_every_date_is_known(client, body):
    _published(_force_report(body, datetime.date(2024, 1, 1)), body, (2024, 1, 10))
    _published(_force_report(body, datetime.date(2024, 1, 2)), body, (2024, 5, 1))
    _force_report(body, datetime.date(2024, 1, 4))
    text = _text(_page(client, body, today=(2024, 6, 10)))
    assert "On time for 1 of 2 published responses; 1 late; 1 report not yet answered (1 overdue)." in text


def test_a_body_with_nothing_due_says_so(client):
    body = BodyFactory(started_on=datetime.date(2030, 1, 1))
    text = _text(_page(client, body))
    assert "No report has been due from this body" in text


# Cost ---------------------------------------------------------------------------------------


def test_the_page_costs_the_same_queries_with_3_reports_and_responses_as_with_30(client, django_assert_num_queries):
    national = ReportFactory(published_on=datetime.date(2024, 2, 1))
    small, large = BodyFactory(started_on=datetime.date(2020, 1, 1)), BodyFactory(started_on=datetime.date(2020, 1, 1))
    for body, count in ((small, 3), (large, 30)):
        BodyFactory(force=body.force, ended_on=datetime.date(2019, 12, 31))  # its predecessor
        for n in range(count):
            report = _force_report(body, datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
            if n % 3:
                _published(report, body, (2024, 3, 1))
        # a force report with the national report's findings, and a response it need not have given
        _force_report(body, datetime.date(2024, 2, 1), national_report=national)
        _published(ReportFactory(concerns_all_forces=False), body, (2024, 3, 1))
    # the body; all bodies, the reports, their forces, the force reports linked to the national report and
    # their forces (reports_to_answer); the force's published responses; all bodies (coverage_for); its predecessor
    with django_assert_num_queries(9) as small_queries:
        _page(client, small)
    with django_assert_num_queries(len(small_queries)):
        _page(client, large)


def test_the_list_costs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/bodies/")


# From the report page -----------------------------------------------------------------------


def test_the_report_page_links_the_bodies_yet_to_answer(client, south_yorkshire):
    report = ReportFactory(published_on=datetime.date(2024, 9, 12))
    page = client.get(report.get_absolute_url()).content.decode()
    mayor = south_yorkshire["mayor"]
    assert f'href="/bodies/{mayor.slug}/">{mayor.name}</a>' in page
