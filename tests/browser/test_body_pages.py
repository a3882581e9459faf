"""A reader finds a body from the list of bodies, reads its record, and both pages pass axe and reflow at 375 px."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import ReportFactory, ResponseFactory, publish
from tracker.models import LocalPolicingBody

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def mayor(reference_data):
    """The Mayor of South Yorkshire (in office from 7 May 2024), with one response on time, one
    late, and one report not yet answered."""
    mayor = LocalPolicingBody.objects.get(slug="south-yorkshire-mayor")
    for title, published_on, answered_on in (
        ("A national report answered on time", datetime.date(2024, 9, 12), datetime.date(2024, 10, 1)),
        ("A national report answered late", datetime.date(2024, 6, 3), datetime.date(2024, 9, 30)),
        ("A national report not yet answered", datetime.date(2024, 7, 1), None),
    ):
        report = ReportFactory(title=title, published_on=published_on)
        if answered_on:
            response = ResponseFactory(report=report, body=mayor)
            publish(response, when=datetime.datetime.combine(answered_on, datetime.time(12), tzinfo=LONDON))
    return mayor


def _fits(page, width):
    return page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_a_reader_goes_from_the_list_of_bodies_to_a_body_and_its_predecessor(page, mayor):
    page.goto("/bodies/")
    expect(page.get_by_role("heading", level=1, name="Local policing bodies")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="South Yorkshire Police")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mayor of South Yorkshire", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mayor of South Yorkshire")
    expect(page.get_by_text(re.compile(r"^On time for 1 of 2 published responses"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"^Bar chart\. On time for 1 of 2"))).to_be_visible()
    expect(page.get_by_role("table", name="The figures")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Published 1 October 2024: on time"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Not yet published \(due 25 August 2024"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Police and Crime Commissioner for South Yorkshire").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Police and Crime Commissioner for South Yorkshire")
    expect(page.get_by_role("link", name="Mayor of South Yorkshire")).to_be_visible()
    assert_accessible(page)


def test_the_body_pages_reflow_at_375_px(page, mayor):
    page.set_viewport_size({"width": 375, "height": 800})
    for address in ("/bodies/", f"/bodies/{mayor.slug}/"):
        page.goto(address)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert _fits(page, 375), f"{address} scrolls sideways at 375 px"
        assert_accessible(page)
