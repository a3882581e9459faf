"""The 43 forces and their local policing bodies since November 2012, dated, ship with the app."""

import csv
import datetime
from collections import Counter
from pathlib import Path

import pytest

from tracker.models import Addressee, Force, LocalPolicingBody

pytestmark = pytest.mark.django_db

SHIPPED_CSV = Path(__file__).resolve().parent.parent / "tracker" / "data" / "police-bodies.csv"
SHARED_CSV = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "police-bodies.csv"
SHIPPED_HISTORY = SHIPPED_CSV.with_name("police-bodies-history.csv")
SHARED_HISTORY = SHARED_CSV.with_name("police-bodies-history.csv")
FIRST_PCCS_IN_OFFICE = datetime.date(2012, 11, 22)


def test_a_fresh_install_knows_all_43_forces_and_every_body_since_2012():
    assert Force.objects.count() == 43
    assert LocalPolicingBody.objects.count() == 52


def test_exactly_one_body_is_in_office_for_each_force_on_every_day_since_the_first_pccs():
    bodies = list(LocalPolicingBody.objects.all())
    forces = set(Force.objects.values_list("pk", flat=True))
    day = FIRST_PCCS_IN_OFFICE
    while day <= datetime.date.today():
        in_office = Counter(
            body.force_id
            for body in bodies
            if (body.started_on is None or body.started_on <= day) and (body.ended_on is None or day <= body.ended_on)
        )
        assert set(in_office) == forces, day
        assert set(in_office.values()) == {1}, day
        day += datetime.timedelta(days=1)


def test_the_in_office_query_agrees_with_the_history_on_a_handover():
    last_pcc_day = datetime.date(2024, 5, 6)
    south_yorkshire = Force.objects.get(slug="south-yorkshire-police")
    in_office = LocalPolicingBody.objects.filter(force=south_yorkshire).in_office_on
    assert [body.name for body in in_office(last_pcc_day)] == ["Police and Crime Commissioner for South Yorkshire"]
    assert [body.name for body in in_office(last_pcc_day + datetime.timedelta(days=1))] == ["Mayor of South Yorkshire"]


def test_bodies_in_office_today_are_of_the_kinds_the_law_provides():
    kinds = Counter(LocalPolicingBody.objects.in_office_on(datetime.date.today()).values_list("kind", flat=True))
    assert kinds == {"pcc": 33, "pfcc": 4, "mayor": 5, "common-council": 1}


def test_every_body_of_the_history_is_dated_and_sourced():
    for body in LocalPolicingBody.objects.exclude(kind="common-council"):
        assert body.started_on is not None, body.name
        assert body.source, body.name
    city = LocalPolicingBody.objects.get(kind="common-council")
    assert (city.started_on, city.ended_on) == (None, None)
    assert "Police Act 1996 s.101" in city.source


def test_the_four_welsh_forces_are_marked_as_in_wales():
    welsh = set(Force.objects.filter(country=Force.Country.WALES).values_list("name", flat=True))
    assert welsh == {"Dyfed-Powys Police", "Gwent Police", "North Wales Police", "South Wales Police"}


def test_body_urls_are_short_and_unique():
    slugs = list(LocalPolicingBody.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 52
    assert {"mopac", "hampshire-and-the-isle-of-wight-pcc", "south-yorkshire-pcc", "north-yorkshire-pfcc"} <= set(slugs)
    assert all(len(slug) <= 60 for slug in slugs)


def test_the_usual_addressees_are_there():
    assert set(Addressee.objects.values_list("name", flat=True)) >= {
        "Chief constables",
        "Police and crime commissioners",
        "Home Office",
        "College of Policing",
        "National Police Chiefs' Council",
    }


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="../shared/ is not beside this clone")
def test_the_shipped_list_matches_the_shared_reference():
    with SHIPPED_CSV.open(encoding="utf-8") as shipped, SHARED_CSV.open(encoding="utf-8") as shared:
        assert list(csv.DictReader(shipped)) == list(csv.DictReader(shared))


@pytest.mark.skipif(not SHARED_HISTORY.exists(), reason="../shared/ is not beside this clone")
def test_the_shipped_history_matches_the_shared_reference():
    with SHIPPED_HISTORY.open(encoding="utf-8") as shipped, SHARED_HISTORY.open(encoding="utf-8") as shared:
        assert list(csv.DictReader(shipped)) == list(csv.DictReader(shared))
