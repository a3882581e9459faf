"""A reader finds a published response from the home page, and every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import ResponseFactory, response_with_findings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_reader_follows_the_home_page_to_a_published_response(page):
    response = response_with_findings(3, published=True)
    draft = ResponseFactory(report=response.report)

    page.goto("/")
    expect(page).to_have_title(re.compile(r"^Responses to police inspection reports – "))
    assert_accessible(page)
    expect(page.get_by_role("link", name=re.compile(re.escape(draft.body.name)))).to_have_count(0)

    page.get_by_role("link", name=f"{response.body.name}: response to {response.report.title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(response.report.title)
    expect(page.get_by_text(f"Response from: {response.body.name}")).to_be_visible()
    for item in response.items.select_related("finding"):
        expect(page.get_by_role("heading", level=3, name=item.finding.reference)).to_be_visible()
        expect(page.get_by_text(item.comment)).to_be_visible()
    assert_accessible(page)

    pdf = page.request.get(page.get_by_role("link", name="This response as a PDF").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"

    page.get_by_role("link", name=response.report.title).last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(response.report.title)
    expect(page.get_by_role("link", name=response.body.name)).to_be_visible()
    assert_accessible(page)


def test_the_skip_link_takes_a_keyboard_user_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))


def test_the_list_of_reports_and_the_not_found_page_are_accessible(page):
    response_with_findings(2, published=True)
    page.goto("/reports/")
    expect(page.get_by_role("heading", level=1, name="Reports")).to_be_visible()
    assert_accessible(page)
    page.goto("/reports/no-such-report/")
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    assert_accessible(page)
