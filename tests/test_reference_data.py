"""The 43 forces and their local policing bodies ship with the app."""

import csv
import datetime
from collections import Counter
from pathlib import Path

import pytest

from tracker.models import Addressee, Force, LocalPolicingBody

pytestmark = pytest.mark.django_db

SHIPPED_CSV = Path(__file__).resolve().parent.parent / "tracker" / "data" / "police-bodies.csv"
SHARED_CSV = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "police-bodies.csv"


def test_a_fresh_install_knows_all_43_forces_and_their_bodies():
    assert Force.objects.count() == 43
    assert LocalPolicingBody.objects.count() == 43
    today = datetime.date.today()
    for force in Force.objects.prefetch_related("bodies"):
        in_office = [body for body in force.bodies.all() if body in LocalPolicingBody.objects.in_office_on(today)]
        assert len(in_office) == 1, force.name


def test_bodies_are_of_the_kinds_the_law_provides():
    kinds = Counter(LocalPolicingBody.objects.values_list("kind", flat=True))
    assert kinds == {"pcc": 33, "pfcc": 4, "mayor": 5, "common-council": 1}


def test_the_four_welsh_forces_are_marked_as_in_wales():
    welsh = set(Force.objects.filter(country=Force.Country.WALES).values_list("name", flat=True))
    assert welsh == {"Dyfed-Powys Police", "Gwent Police", "North Wales Police", "South Wales Police"}


def test_body_urls_are_short_and_unique():
    slugs = list(LocalPolicingBody.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 43
    assert "mopac" in slugs
    assert "hampshire-and-the-isle-of-wight-pcc" in slugs
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


def test_a_body_out_of_office_is_not_expected_to_answer():
    body = LocalPolicingBody.objects.get(slug="greater-manchester-mayor")
    body.started_on = datetime.date(2017, 5, 8)
    body.save()
    assert body not in LocalPolicingBody.objects.in_office_on(datetime.date(2016, 1, 1))
    assert body in LocalPolicingBody.objects.in_office_on(datetime.date(2017, 5, 8))
