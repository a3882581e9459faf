"""A reader goes from the home page to the reports list, narrows it by type and force, and opens a
report; every page passes axe, and none is wider than a phone's screen."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import ReportFactory, ResponseFactory
from tracker.models import Force, LocalPolicingBody
from tracker.vocabulary import ReportType

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def reports(reference_data):
    kent, essex = Force.objects.get(slug="kent-police"), Force.objects.get(slug="essex-police")
    kent_peel = ReportFactory(
        title="A PEEL inspection of Kent Police",
        report_type=ReportType.PEEL,
        concerns_all_forces=False,
        published_on=datetime.date(2024, 5, 1),
    )
    kent_peel.forces.add(kent)
    essex_peel = ReportFactory(
        title="A PEEL inspection of Essex Police",
        report_type=ReportType.PEEL,
        concerns_all_forces=False,
        published_on=datetime.date(2024, 6, 1),
    )
    essex_peel.forces.add(essex)
    thematic = ReportFactory(title="An inspection of stalking", published_on=datetime.date(2024, 7, 1))
    ResponseFactory(report=kent_peel, body=LocalPolicingBody.objects.get(slug="kent-pcc"), published=True)
    return {"kent_peel": kent_peel, "essex_peel": essex_peel, "thematic": thematic}


def test_a_reader_narrows_the_reports_list_by_type_and_force_and_opens_a_report(page, reports):
    kent_peel = reports["kent_peel"]

    page.goto("/")
    expect(page.get_by_role("heading", level=2, name="Latest reports")).to_be_visible()
    expect(page.get_by_text("1 of 1 expected response published, due by 25 June 2024")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="See all reports").click()
    expect(page.get_by_role("heading", level=1, name="Reports")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="3 reports")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("checkbox", name="PEEL", exact=True).check()
    page.get_by_label("Police force").select_option(label="Kent Police")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"/reports/\?.*type=peel.*force=kent-police"))
    expect(page.get_by_role("heading", level=2, name="1 report")).to_be_visible()
    expect(page.get_by_role("checkbox", name="PEEL", exact=True)).to_be_checked()
    expect(page.get_by_role("link", name=reports["essex_peel"].title)).to_have_count(0)
    expect(page.get_by_role("link", name=reports["thematic"].title)).to_have_count(0)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=kent_peel.title))
    expect(row).to_contain_text("1 May 2024")
    expect(row).to_contain_text("25 Jun 2024")
    expect(row).to_contain_text("1 of 1")
    assert_accessible(page)

    page.get_by_role("link", name=kent_peel.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(kent_peel.title)
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="Clear filters").first.click()
    expect(page.get_by_role("heading", level=2, name="3 reports")).to_be_visible()


def test_neither_page_is_wider_than_a_phone(browser, live_server, reports):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 800})
    phone = context.new_page()
    try:
        for url in ("/", "/reports/", "/reports/?type=peel&force=kent-police&sort=outstanding"):
            phone.goto(url)
            assert phone.evaluate("document.documentElement.scrollWidth") <= 375, url
            assert_accessible(phone)
        # Read down the page, each figure keeps its name.
        expect(phone.get_by_role("cell", name="1 May 2024")).to_be_visible()
    finally:
        context.close()
