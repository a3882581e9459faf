"""A reader does each of their tasks from the home page in at most three clicks.

The reader's tasks: the latest reports; one body's responses and on-time record; every body's
answer to one recommendation; a phrase search; the data and feeds; who publishes late; what changed
between two published versions; reading on a phone; and a response's PDF. Each walk starts at `/`,
clicks only what a person would (links and buttons by their names, the search box by its label)
and counts the clicks. Every page reached passes axe at 1280 px, and at 375 px is no wider than the
screen and passes axe again.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_reflow import assert_reflows
from tests.factories import FindingFactory, ReportFactory, ResponseFactory, ResponseItemFactory, publish
from tracker.models import LocalPolicingBody

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MAX_CLICKS = 3
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
LONDON = ZoneInfo("Europe/London")
HAMPSHIRE = "Police and Crime Commissioner for Hampshire and the Isle of Wight"
KENT = "Police and Crime Commissioner for Kent"
CALLS = "An inspection of how forces answer calls for help"
CUSTODY = "An inspection of custody suites"
PHRASE_COMMENT = "We have paid for two more advisers for victims of domestic abuse in Southampton."
CHANGE_NOTE = "We added the date the new cells open."


def _on(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=LONDON)


@pytest.fixture
def published(reference_data):
    """Two reports answered by Hampshire; Kent answers the first late; Hampshire's answer to the
    second is amended once (two published versions); "domestic abuse" is in one published comment."""
    hampshire = LocalPolicingBody.objects.get(name=HAMPSHIRE)
    kent = LocalPolicingBody.objects.get(name=KENT)

    calls = ReportFactory(title=CALLS, published_on=datetime.date(2025, 2, 3))
    recommendation = FindingFactory(report=calls, reference="Recommendation 1")
    FindingFactory(report=calls, reference="Recommendation 2")
    hampshire_calls = ResponseFactory(report=calls, body=hampshire)
    ResponseItemFactory(
        response=hampshire_calls, finding=recommendation, position="action-taken", comment=PHRASE_COMMENT
    )
    publish(hampshire_calls, when=_on(datetime.date(2025, 3, 10)))
    kent_calls = ResponseFactory(report=calls, body=kent)
    ResponseItemFactory(
        response=kent_calls,
        finding=recommendation,
        position="action-proposed",
        comment="Kent will train call handlers.",
    )
    publish(kent_calls, when=_on(datetime.date(2025, 5, 19)))

    custody = ReportFactory(title=CUSTODY, published_on=datetime.date(2025, 4, 7))
    amended = ResponseFactory(report=custody, body=hampshire, introduction="We welcome this report.")
    ResponseItemFactory(response=amended, finding=FindingFactory(report=custody))
    publish(amended, when=_on(datetime.date(2025, 5, 12)))
    amended.introduction = "We welcome this report. The new cells open in March 2026."
    amended.change_note = CHANGE_NOTE
    amended.change_is_major = True
    amended.save()
    publish(amended, when=_on(datetime.date(2025, 6, 16)))

    assert not kent_calls.published_on_time and hampshire_calls.published_on_time
    return {"hampshire_calls": hampshire_calls, "kent_calls": kent_calls, "amended": amended}


class Walk:
    """A reader's way from the home page. Each click is counted; each page reached passes axe at full
    width, then at 375 px is no wider than the screen and passes axe there too."""

    def __init__(self, page):
        self.page = page
        self.clicks = []
        page.goto("/")
        self.arrive("Responses to police inspection reports")

    def click(self, target, heading):
        """Click a link or button a reader would, and check the page it leads to (its h1 says `heading`)."""
        self.clicks.append(str(target))
        target.click()
        self.arrive(heading)

    def arrive(self, heading):
        page = self.page
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        name = f"reader-{len(self.clicks)}-" + (
            re.sub(r"[^a-z0-9]+", "-", page.url.split("/", 3)[3]).strip("-") or "home"
        )
        if page.viewport_size["width"] > PHONE["width"]:
            assert_accessible(page)
            page.set_viewport_size(PHONE)
            assert_reflows(page, name)
            page.set_viewport_size(DESKTOP)
        else:
            assert_reflows(page, name)

    def assert_within_reach(self):
        assert len(self.clicks) <= MAX_CLICKS, f"{len(self.clicks)} clicks from the home page: {self.clicks}"


def test_a_reader_finds_the_latest_reports(page, published):
    walk = Walk(page)
    latest = page.get_by_role("heading", level=2, name="Latest reports").locator("xpath=..").get_by_role("link")
    expect(latest.first).to_have_text(CUSTODY)

    walk.click(page.get_by_role("link", name="See all reports"), "Reports")
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows.nth(1)).to_contain_text(CUSTODY)
    expect(rows.nth(2)).to_contain_text(CALLS)

    walk.click(page.get_by_role("link", name=CUSTODY, exact=True), CUSTODY)
    expect(page.get_by_role("link", name=HAMPSHIRE, exact=True)).to_be_visible()
    walk.assert_within_reach()


def test_a_reader_sees_every_response_of_hampshire_and_its_on_time_record(page, published):
    walk = Walk(page)
    walk.click(page.get_by_role("link", name="Bodies", exact=True), "Local policing bodies")
    walk.click(page.get_by_role("link", name=HAMPSHIRE, exact=True), HAMPSHIRE)
    expect(page.get_by_role("heading", level=2, name="On-time record")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^On time for 2 of 2 published responses"))).to_be_visible()
    for title in (CALLS, CUSTODY):
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
        expect(
            page.get_by_role("link", name=re.compile(rf"^Published .*: on time \(the response to {title}\)$"))
        ).to_be_visible()
    walk.assert_within_reach()


def test_a_reader_sees_how_every_body_answered_one_recommendation(page, published):
    walk = Walk(page)
    walk.click(page.get_by_role("link", name=CALLS, exact=True), CALLS)
    walk.click(page.get_by_role("link", name="How every body answered Recommendation 1"), "Recommendation 1")
    for body, comment in ((HAMPSHIRE, PHRASE_COMMENT), (KENT, "Kent will train call handlers.")):
        expect(page.get_by_role("heading", level=3, name=body, exact=True)).to_be_visible()
        expect(page.get_by_text(comment)).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"2 bodies have published a response, and 41 more are expected to answer"))
    ).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="No answer yet")).to_be_visible()
    walk.assert_within_reach()


def test_a_reader_searches_for_a_phrase(page, published):
    walk = Walk(page)
    walk.click(page.get_by_role("link", name="Search", exact=True), "Search")
    page.get_by_label("Search for").fill('"domestic abuse"')
    walk.click(page.get_by_role("button", name="Search", exact=True), "Search")
    expect(page.get_by_role("heading", level=2, name="1 result")).to_be_visible()
    walk.click(page.get_by_role("link", name=re.compile(re.escape(HAMPSHIRE))), CALLS)
    expect(page.get_by_text(PHRASE_COMMENT)).to_be_visible()
    walk.assert_within_reach()


def _assert_serves(page, link, content_type):
    address = link.get_attribute("href")
    answer = page.request.get(address)
    assert answer.status == 200, f"{address}: {answer.status}"
    assert answer.headers["content-type"].startswith(content_type), f"{address}: {answer.headers['content-type']}"
    return answer


def test_a_reader_takes_the_data_or_subscribes_to_new_responses(page, published):
    walk = Walk(page)
    walk.click(page.get_by_role("link", name="Open data", exact=True), "Open data and feeds")
    expect(page.get_by_role("link", name=re.compile(r"^Download .* \(CSV\)$"))).to_have_count(3)
    for name in ("reports", "findings", "responses"):
        download = _assert_serves(page, page.get_by_role("link", name=f"Download {name} (CSV)"), "text/csv")
    assert PHRASE_COMMENT in download.text()
    feed = _assert_serves(page, page.get_by_role("link", name="Every newly published response"), "application/atom+xml")
    assert HAMPSHIRE in feed.text() and KENT in feed.text()
    _assert_serves(page, page.get_by_role("link", name="Every new inspection report"), "application/atom+xml")

    walk.click(page.get_by_role("link", name="the API's description"), "JSON API")
    api = _assert_serves(page, page.get_by_role("link", name="/api/v1/responses/"), "application/json")
    assert api.json()["count"] == 3
    for name in ("/api/v1/bodies/", "/api/v1/reports/", "/api/v1/findings/", "/api/v1/schema/"):
        _assert_serves(page, page.get_by_role("link", name=name), "application/")
    walk.assert_within_reach()


def test_a_reader_sees_who_publishes_late(page, published):
    walk = Walk(page)
    walk.click(page.get_by_role("link", name="Statistics", exact=True), "Statistics")
    table = page.get_by_role("table", name="The figures, by local policing body")
    late = table.get_by_role("columnheader").all_inner_texts().index("Late")
    for body, count in ((KENT, "1"), (HAMPSHIRE, "0")):
        row = table.get_by_role("row").filter(has=page.get_by_role("link", name=body, exact=True))
        assert row.locator("th, td").all_inner_texts()[late] == count, f"{body}: late"

    walk.click(table.get_by_role("link", name=KENT, exact=True), KENT)
    days_late = published["kent_calls"].days_late
    expect(page.get_by_role("link", name=re.compile(rf"^Published .*: {days_late} days late"))).to_be_visible()
    walk.assert_within_reach()


def test_a_reader_sees_what_changed_between_two_published_versions(page, published):
    walk = Walk(page)
    walk.click(page.get_by_role("link", name=CUSTODY, exact=True), CUSTODY)
    walk.click(page.get_by_role("link", name=HAMPSHIRE, exact=True), CUSTODY)
    walk.click(page.get_by_role("link", name="What changed in version 2"), "Compare versions 1 and 2")
    expect(page.get_by_text(CHANGE_NOTE)).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("Added: .*The new cells open in March 2026"))).to_be_visible()
    walk.assert_within_reach()


def test_a_reader_reads_a_response_and_searches_on_a_phone(browser, live_server, published):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    walk = Walk(phone)
    walk.click(phone.get_by_role("link", name=f"{HAMPSHIRE}: response to {CALLS}"), CALLS)
    expect(phone.get_by_text(PHRASE_COMMENT)).to_be_visible()
    walk.assert_within_reach()

    # On a phone the home page's own search box: the menu is folded behind its button.
    walk = Walk(phone)
    phone.get_by_label("Search reports and responses").fill('"domestic abuse"')
    walk.click(phone.get_by_role("button", name="Search", exact=True), "Search")
    walk.click(phone.get_by_role("link", name=re.compile(re.escape(HAMPSHIRE))), CALLS)
    expect(phone.get_by_text(PHRASE_COMMENT)).to_be_visible()
    walk.assert_within_reach()

    # The menu: folded on a phone, opened by its button, and it reaches every section.
    walk = Walk(phone)
    expect(phone.get_by_role("link", name="Statistics", exact=True)).to_be_hidden()
    walk.clicks.append("Menu")
    phone.get_by_role("button", name="Menu").click()
    walk.click(phone.get_by_role("link", name="Statistics", exact=True), "Statistics")
    walk.assert_within_reach()
    context.close()


def test_a_reader_opens_a_response_and_downloads_its_pdf(page, published):
    walk = Walk(page)
    walk.click(page.get_by_role("link", name=f"{HAMPSHIRE}: response to {CALLS}"), CALLS)
    # The PDF is served inline: Chromium shows it in its own viewer (no axe, no reflow to check).
    with page.expect_response(re.compile(r"\.pdf$")) as answer:
        walk.clicks.append("This response as a PDF")
        page.get_by_role("link", name="This response as a PDF").click()
    pdf = answer.value
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert re.search(r'filename=".+-hampshire-and-the-isle-of-wight-pcc-v1\.pdf"', pdf.headers["content-disposition"])
    # Chromium hands its viewer's page to the response's body; the file itself is fetched again.
    assert page.request.get(pdf.url).body().startswith(b"%PDF-")
    walk.assert_within_reach()
