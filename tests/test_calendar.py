"""The calendar of due dates (/staff/calendar/) and each user's private iCalendar feed."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from responses.models import CalendarFeed, Response
from responses.views import calendar as calendar_views
from tests.factories import MembershipFactory, ReportFactory, ResponseFactory, publish
from tracker.models import Membership

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2024, 4, 1)
LOGIN = 302


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2024, 4, 1, 9, 0, tzinfo=LONDON), tick=False):
        yield


def _force_report(force, **kwargs):
    report = ReportFactory(concerns_all_forces=False, **kwargs)
    report.forces.add(force)
    return report


@pytest.fixture
def dates(body, other_body):
    """Due dates of `body` (and, to be kept out, of `other_body`), named by what each should show."""
    custody = _force_report(body.force, title="Custody, detention; and release", published_on=datetime.date(2024, 3, 1))
    drafted = ResponseFactory(report=custody, body=body, chief_officer_comments_due_on=datetime.date(2024, 4, 10))
    unstarted = _force_report(body.force, title="Stalking and harassment", published_on=datetime.date(2024, 3, 20))
    scheduled = ResponseFactory(
        report=_force_report(body.force, title="Vetting", published_on=datetime.date(2024, 3, 5)),
        body=body,
        status=Response.Status.SCHEDULED,
        scheduled_for=datetime.datetime(2024, 4, 20, 9, 30, tzinfo=LONDON),
    )
    old = _force_report(body.force, title="An old report", published_on=datetime.date(2021, 1, 4))
    elsewhere = _force_report(other_body.force, title="Another force entirely", published_on=datetime.date(2024, 3, 1))
    ResponseFactory(
        report=elsewhere,
        body=other_body,
        chief_officer_comments_due_on=datetime.date(2024, 4, 12),
        status=Response.Status.SCHEDULED,
        scheduled_for=datetime.datetime(2024, 4, 22, 9, 0, tzinfo=LONDON),
    )
    return {"custody": drafted, "unstarted": unstarted, "scheduled": scheduled, "old": old, "elsewhere": elsewhere}


def _text(reply):
    """The page's words, as a person reads them (tags removed, entities decoded, spaces collapsed)."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", reply.content.decode())).split())


def _new_address(client, user):
    client.post("/staff/calendar/new-address/")
    return CalendarFeed.objects.get(user=user)


@pytest.fixture
def signed_in(client, drafter):
    client.force_login(drafter)
    return client


def _feed_path(feed):
    return f"/staff/calendar/feed/{feed.token}.ics"


def _events(ics):
    return [component for component in Calendar.from_ical(ics).walk("VEVENT")]


# The page ------------------------------------------------------------------------------------


def test_the_page_lists_this_months_due_dates_with_days_left_in_words(signed_in, dates):
    text = _text(signed_in.get("/staff/calendar/"))
    assert "April 2024" in text
    assert "Wednesday 10 April Chief officer's comments due Custody, detention; and release" in text
    assert "9 days left" in text  # the chief officer's date
    assert "Thursday 25 April Response due Custody, detention; and release" in text
    assert "24 days left" in text
    assert "Saturday 20 April Publication scheduled for 09:30 Vetting" in text
    assert "Stalking and harassment" not in text  # due in May


def test_another_month_has_its_own_dates(signed_in, dates):
    text = _text(signed_in.get("/staff/calendar/2024/5/"))
    assert "Tuesday 14 May Response due Stalking and harassment" in text
    assert "43 days left Response: not started" in text
    assert "Custody" not in text


def test_a_month_with_nothing_due_says_when_the_next_date_is(signed_in, dates):
    text = _text(signed_in.get("/staff/calendar/2024/6/"))
    assert "Nothing is due in June 2024." in text
    assert "Stalking" not in text  # May's date is before June, not next
    february = _text(signed_in.get("/staff/calendar/2024/2/"))
    assert "Nothing is due in February 2024." in february
    # The first date after February still to do is the chief officer's comments, on 10 April.
    assert "The next date: chief officer's comments due, Custody, detention; and release" in february
    assert "on 10 April 2024. See April 2024" in february


def test_the_next_date_never_names_another_bodys(signed_in, dates):
    text = _text(signed_in.get("/staff/calendar/2024/2/"))
    assert "Another force entirely" not in text


def test_it_says_overdue_in_words(signed_in, dates):
    with time_machine.travel(datetime.datetime(2024, 4, 12, 9, 0, tzinfo=LONDON), tick=False):
        text = _text(signed_in.get("/staff/calendar/"))
    assert "2 days overdue" in text  # the chief officer's comments, asked for by 10 April


def test_a_received_or_published_date_says_what_happened(signed_in, dates):
    custody = dates["custody"]
    custody.chief_officer_comments_received_on = datetime.date(2024, 4, 8)
    custody.save()
    publish(custody, when=datetime.datetime(2024, 4, 15, 12, tzinfo=LONDON))
    text = _text(signed_in.get("/staff/calendar/"))
    assert "Received 8 April 2024" in text
    assert "Published 15 April 2024" in text


def test_it_never_shows_another_bodys_dates(signed_in, dates):
    text = _text(signed_in.get("/staff/calendar/"))
    assert "Another force entirely" not in text


def test_a_month_that_does_not_exist_is_not_found(signed_in):
    assert signed_in.get("/staff/calendar/2024/13/").status_code == 404
    assert signed_in.get("/staff/calendar/1999/12/").status_code == 404


def test_the_page_is_never_cached(signed_in):
    reply = signed_in.get("/staff/calendar/")
    assert "no-store" in reply["Cache-Control"] and "private" in reply["Cache-Control"]


# Who may ------------------------------------------------------------------------------------

PERSONAS = ["anonymous", "outsider", "drafter", "reviewer", "publisher", "site_admin"]


@pytest.fixture
def people(outsider, drafter, reviewer, publisher, site_admin):
    return {
        "anonymous": None,
        "outsider": outsider,
        "drafter": drafter,
        "reviewer": reviewer,
        "publisher": publisher,
        "site_admin": site_admin,
    }


@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [
        # Anyone signed in sees their own bodies' dates (a site admin with no role: none, said so).
        ("get", "/staff/calendar/", [LOGIN, 200, 200, 200, 200, 200]),
        ("get", "/staff/calendar/2024/5/", [LOGIN, 200, 200, 200, 200, 200]),
        # A feed is for staff of a body: a site admin holding no role has no dates to subscribe to.
        ("post", "/staff/calendar/new-address/", [LOGIN, 302, 302, 302, 302, 403]),
        ("get", "/staff/calendar/new-address/", [405, 405, 405, 405, 405, 405]),
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_calendar_permissions(client, people, persona, method, url, expected):
    user = people[persona]
    if user is not None:
        client.force_login(user)
    reply = getattr(client, method)(url)
    assert reply.status_code == expected[PERSONAS.index(persona)]
    if reply.status_code == LOGIN and user is None:
        assert reply["Location"].startswith("/staff/sign-in/")
    if user is not None:
        made = CalendarFeed.objects.filter(user=user).exists()
        assert made == (method == "post" and reply.status_code == 302)


def test_a_site_admin_without_a_role_is_told_why_there_is_nothing(client, site_admin):
    client.force_login(site_admin)
    text = _text(client.get("/staff/calendar/"))
    assert "You have no roles in any local policing body" in text
    assert "Create a calendar address" not in text


def test_a_new_address_needs_the_csrf_token(drafter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(drafter)
    assert client.post("/staff/calendar/new-address/").status_code == 403
    assert not CalendarFeed.objects.exists()


# The feed -----------------------------------------------------------------------------------


def test_the_address_is_shown_on_the_calendar_page(signed_in, drafter):
    assert "Create a calendar address" in _text(signed_in.get("/staff/calendar/"))
    feed = _new_address(signed_in, drafter)
    assert len(feed.token) == 43
    page = signed_in.get("/staff/calendar/").content.decode()
    assert f'value="http://testserver/staff/calendar/feed/{feed.token}.ics"' in page
    assert "Create a new address" in page


def test_the_feed_holds_exactly_the_bodys_due_dates(signed_in, drafter, dates):
    feed = _new_address(signed_in, drafter)
    reply = Client().get(_feed_path(feed))  # a calendar app: no session
    assert reply.status_code == 200
    assert reply["Content-Type"] == "text/calendar; charset=utf-8"
    found = {(str(event["SUMMARY"]), event.decoded("DTSTART")) for event in _events(reply.content)}
    name = dates["custody"].body.name
    assert found == {
        (f"Chief officer's comments due: Custody, detention; and release ({name})", datetime.date(2024, 4, 10)),
        (f"Response due: Custody, detention; and release ({name})", datetime.date(2024, 4, 25)),
        (f"Response due: Stalking and harassment ({name})", datetime.date(2024, 5, 14)),
        (f"Response due: Vetting ({name})", datetime.date(2024, 4, 29)),
        (f"Publication scheduled: Vetting ({name})", datetime.date(2024, 4, 20)),
        # "An old report" was due in 2021: the feed looks back a year, not for ever.
    }


def test_another_bodys_dates_never_appear_in_the_feed(client, outsider, dates):
    client.force_login(outsider)
    feed = _new_address(client, outsider)
    summaries = [str(event["SUMMARY"]) for event in _events(Client().get(_feed_path(feed)).content)]
    assert summaries and all("Another force entirely" in summary for summary in summaries)
    assert not any(title in " ".join(summaries) for title in ("Custody", "Stalking", "Vetting"))


def test_the_feed_is_well_formed_for_calendar_apps(signed_in, drafter, dates):
    feed = _new_address(signed_in, drafter)
    raw = Client().get(_feed_path(feed)).content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
    assert b"SUMMARY:Response due: Custody\\, detention\\; and release" in raw.replace(b"\r\n ", b"")
    assert b"DTSTART;VALUE=DATE:20240425" in raw
    for event in _events(raw):
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert re.fullmatch(r"[a-z-]+-\d+-\d+@testserver", str(event["UID"]))
        assert str(event["URL"]).startswith("http://testserver/")
        assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(days=1)


def test_uids_and_stamps_are_stable_between_fetches(signed_in, drafter, dates):
    feed = _new_address(signed_in, drafter)

    def fetch():
        return {str(e["UID"]): e.decoded("DTSTAMP") for e in _events(Client().get(_feed_path(feed)).content)}

    first = fetch()
    with time_machine.travel(datetime.datetime(2024, 4, 2, 9, 0, tzinfo=LONDON), tick=False):
        assert fetch() == first


def test_the_feed_is_never_cached(signed_in, drafter):
    feed = _new_address(signed_in, drafter)
    reply = Client().get(_feed_path(feed))
    assert "no-store" in reply["Cache-Control"] and "private" in reply["Cache-Control"]


def test_a_new_address_revokes_the_old_one(signed_in, drafter, dates):
    old = _new_address(signed_in, drafter)
    new = _new_address(signed_in, drafter)
    assert new.token != old.token
    assert Client().get(_feed_path(old)).status_code == 404
    assert Client().get(_feed_path(new)).status_code == 200
    assert "The old address no longer works" in _text(signed_in.get("/staff/calendar/"))


@pytest.mark.parametrize(
    "path",
    [
        "/staff/calendar/feed/" + "A" * 43 + ".ics",  # the right shape, never issued
        "/staff/calendar/feed/" + "A" * 42 + ".ics",  # too short
        "/staff/calendar/feed/" + "A" * 2000 + ".ics",  # far too long
        "/staff/calendar/feed/" + "A" * 42 + "%25.ics",  # a character no token has
    ],
)
def test_an_unknown_address_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_deactivated_users_feed_is_not_found(signed_in, drafter):
    feed = _new_address(signed_in, drafter)
    drafter.is_active = False
    drafter.save()
    assert Client().get(_feed_path(feed)).status_code == 404


def test_a_user_who_lost_every_role_has_no_feed(signed_in, drafter):
    feed = _new_address(signed_in, drafter)
    Membership.objects.filter(user=drafter).delete()
    assert Client().get(_feed_path(feed)).status_code == 404


def test_a_second_body_adds_its_dates(signed_in, drafter, dates, other_body):
    feed = _new_address(signed_in, drafter)
    MembershipFactory(user=drafter, body=other_body, role=Membership.Role.REVIEWER)
    summaries = " ".join(str(e["SUMMARY"]) for e in _events(Client().get(_feed_path(feed)).content))
    assert "Another force entirely" in summaries


def test_a_feed_fetched_too_often_is_refused_for_a_while(signed_in, drafter, monkeypatch):
    monkeypatch.setattr(calendar_views, "FETCHES_PER_HOUR", 2)
    feed = _new_address(signed_in, drafter)
    assert [Client().get(_feed_path(feed)).status_code for _ in range(3)] == [200, 200, 429]
    with time_machine.travel(datetime.datetime(2024, 4, 1, 10, 1, tzinfo=LONDON), tick=False):
        assert Client().get(_feed_path(feed)).status_code == 200


def test_a_feed_costs_a_fixed_number_of_queries(signed_in, drafter, body, dates, django_assert_max_num_queries):
    feed = _new_address(signed_in, drafter)
    for _ in range(5):
        ResponseFactory(report=_force_report(body.force), body=body, chief_officer_comments_due_on=TODAY)
    # About half are the fetch counter's, in the database cache (fewer with Redis).
    with django_assert_max_num_queries(18):
        Client().get(_feed_path(feed))


def test_tokens_are_unique_to_each_user(client, drafter, reviewer):
    tokens = set()
    for user in (drafter, reviewer):
        client.force_login(user)
        client.post("/staff/calendar/new-address/")
        tokens.add(CalendarFeed.objects.get(user=user).token)
    assert len(tokens) == 2
