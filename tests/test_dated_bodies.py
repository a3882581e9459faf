"""Who must answer a report: the body in office for each force concerned, on the real history.

The bodies here are the 52 the migrations load from tracker/data/police-bodies-history.csv, so a
wrong date there fails these tests as surely as a wrong rule in tracker/coverage.py.
"""

import datetime
import html
import importlib
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responses.models import ReminderSent, Response
from tests.factories import MembershipFactory, ReportFactory, ResponseFactory, UserFactory
from tracker.coverage import (
    body_in_office,
    coverage_for,
    expected_bodies,
    must_answer,
    predecessor_of,
    reports_to_answer,
    successor_of,
)
from tracker.models import Force, InspectionReport, LocalPolicingBody, Membership

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
MARCH_2021 = datetime.date(2021, 3, 1)
# Due on 25 June 2024, after South and North Yorkshire passed to their mayors on 7 May 2024.
JUST_BEFORE_THE_2024_HANDOVERS = datetime.date(2024, 5, 1)
history = importlib.import_module("tracker.migrations.0005_body_history")


def body(slug):
    return LocalPolicingBody.objects.get(slug=slug)


def force(slug):
    return Force.objects.get(slug=slug)


def all_bodies():
    return list(LocalPolicingBody.objects.order_by("name"))


def expected_names(report):
    report = InspectionReport.objects.prefetch_related("forces", "force_reports__forces").get(pk=report.pk)
    return {body.name for body in expected_bodies(report, all_bodies())}


def national_report(published_on, **kwargs):
    return ReportFactory(published_on=published_on, concerns_all_forces=True, **kwargs)


def force_report(published_on, *force_slugs, **kwargs):
    report = ReportFactory(published_on=published_on, concerns_all_forces=False, **kwargs)
    report.forces.set([force(slug) for slug in force_slugs])
    return report


# Dates ---------------------------------------------------------------------------------------


def test_a_2021_national_report_does_not_expect_the_bodies_that_took_office_in_2024():
    names = expected_names(national_report(MARCH_2021))
    assert "Mayor of South Yorkshire" not in names
    assert "Mayor of York and North Yorkshire" not in names
    assert "Police and Crime Commissioner for South Yorkshire" in names
    assert "Police, Fire and Crime Commissioner for North Yorkshire" in names
    assert len(names) == 43


def test_a_2021_national_report_expects_no_body_that_started_after_it_was_published():
    report = national_report(MARCH_2021)
    report = InspectionReport.objects.prefetch_related("forces").get(pk=report.pk)
    late = [b.name for b in expected_bodies(report, all_bodies()) if b.started_on and b.started_on > MARCH_2021]
    assert late == []


def test_a_2016_report_expects_the_pcc_for_greater_manchester_not_the_mayor():
    names = expected_names(national_report(datetime.date(2016, 6, 1)))
    assert "Police and Crime Commissioner for Greater Manchester" in names
    assert "Mayor of Greater Manchester" not in names
    assert "Police and Crime Commissioner for North Yorkshire" in names
    assert "Police, Fire and Crime Commissioner for Essex" not in names


def test_a_report_published_shortly_before_a_handover_is_answered_by_the_successor():
    names = expected_names(national_report(JUST_BEFORE_THE_2024_HANDOVERS))
    assert {"Mayor of South Yorkshire", "Mayor of York and North Yorkshire"} <= names
    assert "Police and Crime Commissioner for South Yorkshire" not in names
    assert "Police, Fire and Crime Commissioner for North Yorkshire" not in names
    assert len(names) == 43


def test_a_report_due_on_a_bodys_last_day_stays_with_that_body():
    due_on_the_last_day = national_report(datetime.date(2024, 3, 12))
    assert due_on_the_last_day.responses_due_on == datetime.date(2024, 5, 6)
    assert "Police and Crime Commissioner for South Yorkshire" in expected_names(due_on_the_last_day)
    due_a_day_later = national_report(datetime.date(2024, 3, 13))
    assert "Mayor of South Yorkshire" in expected_names(due_a_day_later)


def test_a_report_published_before_the_first_pccs_expects_only_the_bodies_then_in_office():
    names = expected_names(national_report(datetime.date(2012, 6, 1)))
    assert names == {
        "Mayor's Office for Policing and Crime (MOPAC)",
        "Common Council of the City of London (police authority)",
    }


# Forces and linked reports ------------------------------------------------------------------


def test_a_force_report_expects_only_its_forces_body():
    assert expected_names(force_report(MARCH_2021, "kent-police")) == {"Police and Crime Commissioner for Kent"}


def test_a_force_report_expects_the_body_of_its_force_in_office_at_the_time():
    report = force_report(datetime.date(2016, 6, 1), "greater-manchester-police", "kent-police")
    assert expected_names(report) == {
        "Police and Crime Commissioner for Greater Manchester",
        "Police and Crime Commissioner for Kent",
    }


def test_a_national_report_linked_from_a_force_report_does_not_expect_that_forces_body():
    national = national_report(MARCH_2021)
    kent = force_report(MARCH_2021, "kent-police", national_report=national)
    names = expected_names(national)
    assert "Police and Crime Commissioner for Kent" not in names
    assert len(names) == 42
    assert expected_names(kent) == {"Police and Crime Commissioner for Kent"}


def test_a_link_between_force_reports_changes_nothing():
    kent = force_report(MARCH_2021, "kent-police")
    force_report(MARCH_2021, "kent-police", national_report=kent)
    assert expected_names(kent) == {"Police and Crime Commissioner for Kent"}


# must_answer ---------------------------------------------------------------------------------


def test_must_answer_says_yes_to_the_body_in_office():
    assert must_answer(national_report(MARCH_2021), body("south-yorkshire-pcc")) == (True, "")


def test_must_answer_refuses_a_body_that_took_office_after_the_report():
    answer = must_answer(national_report(MARCH_2021), body("south-yorkshire-mayor"))
    assert answer == (
        False,
        "The Mayor of South Yorkshire took office on 7 May 2024, after this report was published on 1 March 2021: "
        "it is not theirs to answer.",
    )


def test_must_answer_refuses_a_body_that_had_gone_and_names_who_answers():
    answer = must_answer(national_report(MARCH_2021), body("greater-manchester-pcc"))
    assert answer == (
        False,
        "The Police and Crime Commissioner for Greater Manchester held office until 7 May 2017, before this report "
        "was published on 1 March 2021: the Mayor of Greater Manchester answers it.",
    )


def test_must_answer_passes_a_report_due_after_a_handover_to_the_successor():
    report = national_report(JUST_BEFORE_THE_2024_HANDOVERS)
    assert must_answer(report, body("south-yorkshire-mayor")) == (True, "")
    assert must_answer(report, body("south-yorkshire-pcc")) == (
        False,
        "The Police and Crime Commissioner for South Yorkshire held office until 6 May 2024, before this report was "
        "due on 25 June 2024: its functions, and the duty to answer, passed to the Mayor of South Yorkshire.",
    )


def test_must_answer_refuses_a_body_of_another_force():
    report = force_report(MARCH_2021, "kent-police")
    assert must_answer(report, body("essex-pfcc")) == (False, "This report concerns Kent Police only.")


def test_must_answer_names_every_force_of_a_report_on_several():
    report = force_report(MARCH_2021, "kent-police", "essex-police", "surrey-police")
    assert must_answer(report, body("gwent-pcc")) == (
        False,
        "This report concerns Essex Police, Kent Police and Surrey Police only.",
    )


def test_must_answer_refuses_everyone_a_report_that_names_no_force():
    answer, reason = must_answer(force_report(MARCH_2021), body("kent-pcc"))
    assert answer is False
    assert reason == "This report does not name any force, so no local policing body is expected to answer it."


def test_must_answer_sends_a_body_to_its_force_report():
    national = national_report(MARCH_2021)
    force_report(MARCH_2021, "kent-police", national_report=national, title="An inspection of Kent Police's custody")
    assert must_answer(national, body("kent-pcc")) == (
        False,
        "The Police and Crime Commissioner for Kent answers this report through its force report "
        "«An inspection of Kent Police's custody».",
    )
    assert must_answer(national, body("essex-pfcc")) == (True, "")


@pytest.mark.parametrize(
    "published_on",
    [
        datetime.date(2012, 11, 21),
        datetime.date(2016, 6, 1),
        datetime.date(2017, 3, 20),
        datetime.date(2018, 11, 14),
        MARCH_2021,
        datetime.date(2024, 3, 12),
        datetime.date(2024, 3, 13),
        JUST_BEFORE_THE_2024_HANDOVERS,
        datetime.date(2025, 1, 1),
    ],
)
def test_must_answer_agrees_with_the_expected_bodies_for_every_body(published_on):
    national = national_report(published_on)
    force_report(published_on, "south-yorkshire-police", national_report=national)
    expected = expected_names(national)
    national = InspectionReport.objects.get(pk=national.pk)
    assert {b.name for b in all_bodies() if must_answer(national, b)[0]} == expected


# reports_to_answer ---------------------------------------------------------------------------


def test_reports_to_answer_applies_every_rule_newest_first():
    handover = national_report(JUST_BEFORE_THE_2024_HANDOVERS, title="Handover")
    south = force_report(datetime.date(2023, 1, 1), "south-yorkshire-police", title="South Yorkshire 2023")
    kent = force_report(datetime.date(2022, 1, 1), "kent-police", title="Kent 2022")
    essex = force_report(datetime.date(2022, 6, 1), "essex-police", title="Essex 2022")
    old = national_report(MARCH_2021, title="National 2021")
    linked = national_report(datetime.date(2020, 1, 1), title="National 2020")
    south_linked = force_report(
        datetime.date(2020, 1, 1), "south-yorkshire-police", national_report=linked, title="South Yorkshire 2020"
    )
    bodies = [body("south-yorkshire-pcc"), body("south-yorkshire-mayor"), body("kent-pcc")]

    pairs = [(report.pk, answering.slug) for report, answering in reports_to_answer(bodies)]

    assert essex.pk not in {report for report, _ in pairs}
    assert pairs == [
        (handover.pk, "south-yorkshire-mayor"),
        (handover.pk, "kent-pcc"),
        (south.pk, "south-yorkshire-pcc"),
        (kent.pk, "kent-pcc"),
        (old.pk, "kent-pcc"),
        (old.pk, "south-yorkshire-pcc"),
        (linked.pk, "kent-pcc"),
        (south_linked.pk, "south-yorkshire-pcc"),
    ]


def test_reports_to_answer_for_no_bodies_is_empty():
    national_report(MARCH_2021)
    assert reports_to_answer([]) == []


def _queries(call):
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context)


def test_reports_to_answer_costs_the_same_queries_for_many_reports():
    bodies = [body("kent-pcc")]
    national = national_report(MARCH_2021)
    force_report(MARCH_2021, "kent-police", national_report=national)
    few = _queries(lambda: reports_to_answer(bodies))
    for year in range(2015, 2024):
        more = national_report(datetime.date(year, 2, 1))
        force_report(datetime.date(year, 2, 1), "kent-police", "essex-police", national_report=more)
        force_report(datetime.date(year, 3, 1), "kent-police")
    assert _queries(lambda: reports_to_answer(bodies)) == few
    assert few <= 5


# Looking bodies up ---------------------------------------------------------------------------


def test_body_in_office_names_the_body_of_the_day():
    south_yorkshire = force("south-yorkshire-police")
    assert body_in_office(south_yorkshire, datetime.date(2024, 5, 6)).slug == "south-yorkshire-pcc"
    assert body_in_office(south_yorkshire.pk, datetime.date(2024, 5, 7)).slug == "south-yorkshire-mayor"
    assert (
        body_in_office(force("city-of-london-police"), datetime.date(1990, 1, 1)).slug
        == "city-of-london-common-council"
    )


def test_body_in_office_is_none_before_the_first_pccs():
    assert body_in_office(force("kent-police"), datetime.date(2012, 11, 21)) is None


def test_predecessors_and_successors_follow_the_dates():
    pcc, pfcc, mayor = body("north-yorkshire-pcc"), body("north-yorkshire-pfcc"), body("york-and-north-yorkshire-mayor")
    assert successor_of(pcc) == pfcc
    assert successor_of(pfcc) == mayor
    assert successor_of(mayor) is None
    assert predecessor_of(mayor) == pfcc
    assert predecessor_of(pfcc) == pcc
    assert predecessor_of(pcc) is None


# Pages ---------------------------------------------------------------------------------------


def _html(client, url):
    reply = client.get(url)
    assert reply.status_code == 200
    return reply.content.decode()


def _text(client, url):
    """The page as a reader sees it: no tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", _html(client, url))).split())


def test_the_page_of_a_2021_report_does_not_list_the_mayor_of_south_yorkshire(client):
    text = _text(client, national_report(MARCH_2021).get_absolute_url())
    assert "Mayor of South Yorkshire" not in text
    assert "Not yet published: 43 of 43 bodies" in text
    assert "Police and Crime Commissioner for South Yorkshire (in office until 6 May 2024)" in text


def test_the_page_of_a_report_due_after_a_handover_says_the_successor_took_over(client):
    text = _text(client, national_report(JUST_BEFORE_THE_2024_HANDOVERS).get_absolute_url())
    assert "Mayor of South Yorkshire (took over on 7 May 2024, before the due date)" in text
    assert "Police and Crime Commissioner for South Yorkshire" not in text


def test_a_predecessors_response_before_the_handover_meets_the_duty_for_its_force(client):
    report = national_report(JUST_BEFORE_THE_2024_HANDOVERS)
    ResponseFactory(report=report, body=body("south-yorkshire-pcc"), published=True)
    text = _text(client, report.get_absolute_url())
    assert "Not yet published: 42 of 43 bodies" in text
    assert "Mayor of South Yorkshire (took over" not in text


def test_the_national_reports_page_names_the_bodies_answering_through_their_force_report(client):
    national = national_report(MARCH_2021, title="A national thematic")
    kent = force_report(MARCH_2021, "kent-police", national_report=national, title="Kent's own report")
    text = _text(client, national.get_absolute_url())
    assert "Not yet published: 42 of 42 bodies" in text
    assert "Answered through a force report" in text
    assert "Police and Crime Commissioner for Kent: Kent's own report" in text
    assert f'href="{kent.get_absolute_url()}"' in _html(client, national.get_absolute_url())


def test_the_force_reports_page_links_to_the_national_report(client):
    national = national_report(MARCH_2021, title="A national thematic")
    kent = force_report(MARCH_2021, "kent-police", national_report=national)
    assert "Same findings as A national thematic (the national report)" in _text(client, kent.get_absolute_url())
    assert f'href="{national.get_absolute_url()}"' in _html(client, kent.get_absolute_url())


def test_the_list_of_reports_counts_only_the_bodies_in_office(client):
    national_report(MARCH_2021, title="A 2021 thematic")
    text = _text(client, "/reports/")
    assert "0 of 43" in text


def test_the_report_page_costs_the_same_queries_however_many_reports_are_linked(client):
    national = national_report(MARCH_2021)
    force_report(MARCH_2021, "kent-police", national_report=national)
    one_link = _queries(lambda: client.get(national.get_absolute_url()))
    for slug in ("essex-police", "surrey-police", "gwent-police"):
        force_report(MARCH_2021, slug, "sussex-police", national_report=national)
        national_report(MARCH_2021)
    assert _queries(lambda: client.get(national.get_absolute_url())) == one_link


def test_the_list_of_reports_costs_the_same_queries_for_many_reports(client, django_assert_num_queries):
    national = national_report(MARCH_2021)
    force_report(MARCH_2021, "kent-police", national_report=national)
    few = _queries(lambda: client.get("/reports/"))
    few_home = _queries(lambda: client.get("/"))
    for year in range(2015, 2024):
        more = national_report(datetime.date(year, 2, 1))
        force_report(datetime.date(year, 2, 1), "essex-police", national_report=more)
    with django_assert_num_queries(few):
        client.get("/reports/")
    with django_assert_num_queries(few_home):
        client.get("/")


def test_coverage_for_takes_a_queryset_of_reports():
    report = national_report(MARCH_2021)
    coverage = coverage_for(InspectionReport.objects.filter(pk=report.pk), Response.objects.none())
    assert len(coverage[report.pk].expected) == 43


# Reminders -----------------------------------------------------------------------------------

LONDON = ZoneInfo("Europe/London")


def staff_of(slug, username):
    user = UserFactory(username=username)
    MembershipFactory(user=user, body=body(slug), role=Membership.Role.DRAFTER)
    return user


def send_reminders_on(day):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=LONDON), tick=False):
        call_command("send_reminders", stdout=io.StringIO())


def _to(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_reminders_go_to_the_body_in_office_and_not_to_its_successor(mailoutbox):
    pcc, mayor = staff_of("south-yorkshire-pcc", "pcc-drafter"), staff_of("south-yorkshire-mayor", "mayor-drafter")
    report = national_report(datetime.date(2024, 3, 1))
    send_reminders_on(report.responses_due_on - 7 * DAY)
    assert _to(mailoutbox) == [pcc.email]
    assert mayor.email not in _to(mailoutbox)


def test_reminders_about_a_report_due_after_a_handover_go_to_the_successor(mailoutbox):
    staff_of("south-yorkshire-pcc", "pcc-drafter")
    mayor = staff_of("south-yorkshire-mayor", "mayor-drafter")
    report = national_report(JUST_BEFORE_THE_2024_HANDOVERS)
    send_reminders_on(report.responses_due_on - 7 * DAY)
    assert _to(mailoutbox) == [mayor.email]
    assert not ReminderSent.objects.filter(body__slug="south-yorkshire-pcc").exists()


def test_reminders_about_a_linked_national_report_go_only_to_the_bodies_that_answer_it(mailoutbox):
    kent, essex = staff_of("kent-pcc", "kent-drafter"), staff_of("essex-pfcc", "essex-drafter")
    national = national_report(datetime.date(2024, 3, 1), title="A national thematic")
    force_report(datetime.date(2024, 3, 1), "kent-police", national_report=national, title="Kent's own report")
    send_reminders_on(national.responses_due_on - 7 * DAY)
    subjects = sorted((message.to[0], message.subject) for message in mailoutbox)
    assert subjects == [
        (essex.email, "7 days left to publish your response to A national thematic"),
        (kent.email, "7 days left to publish your response to Kent's own report"),
    ]


# The migration -------------------------------------------------------------------------------


def _bodies_state():
    return sorted(
        LocalPolicingBody.objects.values_list("slug", "name", "kind", "force_id", "started_on", "ended_on", "source")
    )


def test_the_history_migration_changes_nothing_when_run_again():
    before = _bodies_state()
    history.load(apps, None)
    assert _bodies_state() == before


def test_the_history_migration_keeps_responses_with_the_body_that_wrote_them():
    report = national_report(MARCH_2021)
    response = ResponseFactory(report=report, body=body("south-yorkshire-mayor"), published=True)
    history.load(apps, None)
    response.refresh_from_db()
    assert response.body.slug == "south-yorkshire-mayor"
    assert Response.objects.count() == 1


def test_reversing_the_history_migration_keeps_gone_bodies_that_are_referred_to():
    ResponseFactory(body=body("essex-pcc"))
    history.unload(apps, None)
    assert LocalPolicingBody.objects.count() == 44
    assert LocalPolicingBody.objects.filter(started_on__isnull=False).count() == 0
    assert body("essex-pcc").ended_on is None
    history.load(apps, None)
    assert LocalPolicingBody.objects.count() == 52
    assert body("essex-pcc").ended_on == datetime.date(2017, 9, 30)


def test_the_history_migration_refuses_a_slug_taken_by_another_force():
    essex_pcc = body("essex-pcc")
    essex_pcc.delete()
    LocalPolicingBody.objects.create(name="Someone else", slug="essex-pcc", kind="pcc", force=force("kent-police"))
    with pytest.raises(RuntimeError, match="the slug 'essex-pcc' already belongs to 'Someone else'"):
        history.load(apps, None)


# Admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="site-admin", is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_bodies_no_longer_in_office(admin_client):
    text = _text(admin_client, "/admin/tracker/localpolicingbody/?in_office=no")
    assert "Police and Crime Commissioner for Greater Manchester" in text
    assert "Mayor of Greater Manchester" not in text
    assert "SI 2016/448 art 4" in text
    assert "9 local policing bodies" in text


def test_the_admin_offers_only_national_reports_to_link_to(admin_client):
    national = national_report(MARCH_2021, title="A national thematic")
    force_report(MARCH_2021, "kent-police", title="Kent's own report")
    reply = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "tracker", "model_name": "inspectionreport", "field_name": "national_report", "term": ""},
    )
    assert [result["id"] for result in reply.json()["results"]] == [str(national.pk)]


def test_the_admin_shows_a_national_reports_linked_force_reports(admin_client):
    national = national_report(MARCH_2021, title="A national thematic")
    kent = force_report(MARCH_2021, "kent-police", national_report=national, title="Kent's own report")
    html_page = _html(admin_client, f"/admin/tracker/inspectionreport/{national.pk}/change/")
    assert f'<a href="/admin/tracker/inspectionreport/{kent.pk}/change/">Kent&#x27;s own report</a>' in html_page
