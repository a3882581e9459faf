"""A reader compares how every body answered one finding: from the report to the finding's page, a
filter by position that works without JavaScript, on to a body's full response and back. axe finds
nothing on the page at 1280 and 375 px, and at 375 px nothing scrolls the page sideways."""

import re

import pytest
from playwright.sync_api import expect

from public.findings import finding_url
from tests.browser.conftest import assert_accessible
from tests.factories import BodyFactory, FindingFactory, ResponseFactory, ResponseItemFactory, publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ANSWERS = [
    ("Police and Crime Commissioner for Avonshire", "action-taken", "Every officer has now been trained."),
    ("Mayor of Brookshire", "action-proposed", "Training starts in March and ends in June."),
    ("Police, Fire and Crime Commissioner for Coldshire", "no-action", "The force already does this."),
]


@pytest.fixture
def finding(reference_data):
    finding = FindingFactory(reference="Recommendation 1", text="Chief constables should train every officer.")
    FindingFactory(report=finding.report, reference="Recommendation 2")
    for name, position, comment in ANSWERS:
        response = ResponseFactory(report=finding.report, body=BodyFactory(name=name))
        ResponseItemFactory(response=response, finding=finding, position=position, comment=comment)
        publish(response)
    return finding


def assert_no_sideways_scroll(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


def test_a_reader_compares_every_bodys_answer_to_a_finding(page, finding):
    page.goto(finding.report.get_absolute_url())
    page.get_by_role("link", name="How every body answered Recommendation 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recommendation 1")
    expect(page.get_by_text("Chief constables should train every officer.")).to_be_visible()
    for name, _, comment in ANSWERS:
        expect(page.get_by_role("heading", level=3, name=name)).to_be_visible()
        expect(page.get_by_text(comment)).to_be_visible()
    counts = page.get_by_role("table", name="Positions taken")
    expect(counts.get_by_role("row", name=re.compile(r"^Action taken 1$"))).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Show answers").select_option("action-proposed")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?position=action-proposed$"))
    expect(page.get_by_role("heading", level=3, name="Mayor of Brookshire")).to_be_visible()
    expect(page.get_by_role("heading", level=3)).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="Mayor of Brookshire", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/responses/.+/#finding-{finding.pk}$"))
    expect(page.get_by_text("Response from: Mayor of Brookshire")).to_be_visible()
    page.get_by_role("complementary").get_by_role("link", name="Recommendation 1").click()
    expect(page).to_have_url(re.compile(re.escape(finding_url(finding)) + "$"))


def test_the_filter_works_without_javascript(browser, live_server, finding):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(finding_url(finding))
    page.get_by_label("Show answers").select_option("no-action")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=2, name="No action")).to_be_visible()
    expect(page.get_by_role("heading", level=3)).to_have_count(1)
    expect(page.get_by_role("heading", level=3, name=ANSWERS[2][0])).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_page_is_accessible_and_reflows(browser, live_server, finding, width):
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    for address in (finding_url(finding), f"{finding_url(finding)}?position=no-answer"):
        page.goto(address)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Recommendation 1")
        assert_accessible(page)
        assert_no_sideways_scroll(page)
    context.close()
