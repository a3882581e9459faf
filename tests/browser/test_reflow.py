"""Every page reflows at 375 px (WCAG 2.2, 1.4.10): nothing makes the page scroll sideways.

Wide tables scroll inside their own focusable region (or stack); long words and web addresses wrap.
Each page is also checked with axe, and screenshotted when REFLOW_SCREENSHOTS names a folder.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from responses.models import Response
from tests import word_files
from tests.browser.conftest import assert_accessible
from tests.factories import MembershipFactory, UserFactory, publish
from tracker.models import LocalPolicingBody, Membership

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}
PASSWORD = "correct horse battery staple"
# A web address with no place to break a line, the kind people paste into a response.
LONG_ADDRESS = "https://www.example.org/publications/responses/" + "section-55-response-to-hmicfrs-" * 6 + "final.pdf"
REPORT = """An inspection of how forces handle lost property

Published: 4 June 2024

Recommendations

Recommendation 1
By 31 December 2024, chief constables should record every item handed in at https://www.example.org/lost-property/a-very-long-address-with-no-spaces-at-all-in-it.

Areas for improvement

Area for improvement 1
Forces should review how long they keep unclaimed items.
"""

# Elements sticking out past the right edge of the page, outside any region that scrolls on its own:
# named in a failure, so it says what to fix.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => el.closest('.app-table-scroll');
  return [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5 && !scrolls(el))
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
}"""


def _screenshot(page, name):
    folder = os.environ.get("REFLOW_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def assert_reflows(page, name):
    """The page is no wider than the phone's screen; it passes axe; it is screenshotted."""
    expect(page.locator("main")).to_be_visible()
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,"
        " client: document.documentElement.clientWidth})"
    )
    _screenshot(page, name)
    assert sizes["scroll"] <= sizes["inner"], (
        f"{name} ({page.url}) scrolls sideways: {sizes}, {page.evaluate(OVERFLOWING)}"
    )
    assert sizes["scroll"] <= sizes["client"], (
        f"{name} ({page.url}) scrolls sideways: {sizes}, {page.evaluate(OVERFLOWING)}"
    )
    assert_accessible(page)


def assert_table_regions_work_by_keyboard(page):
    """Each table region is in the tab order, named, and one too wide for the screen scrolls with the arrow keys."""
    regions = page.locator(".app-table-scroll")
    for n in range(regions.count()):
        region = regions.nth(n)
        assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
        assert region.evaluate("el => el.tabIndex") == 0
        if region.evaluate("el => el.scrollWidth > el.clientWidth"):
            region.focus()
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            expect(region).not_to_have_js_property("scrollLeft", 0)


@pytest.fixture
def demo(reference_data):
    """The demo data, with one published response amended once (two versions, a long web address)."""
    call_command("seed_demo", verbosity=0)
    amended = Response.objects.published().order_by("published_at").first()
    amended.introduction += f"\n\nOur full plan is at {LONG_ADDRESS}"
    amended.change_note = "We added the address of our full plan."
    amended.change_is_major = True
    amended.save()
    publish(amended)
    draft = Response.objects.filter(current_version__isnull=True).select_related("body", "report").first()
    # The chief officer's comments overdue: the dashboard's list of them, and a date on the calendar.
    draft.chief_officer_comments_due_on = timezone.localdate() - datetime.timedelta(days=3)
    draft.chief_officer_comments_received_on = None
    draft.save()
    staff = UserFactory(username="reflow-publisher", is_superuser=True)
    for body in LocalPolicingBody.objects.filter(pk__in=[amended.body_id, draft.body_id]):
        MembershipFactory(user=staff, body=body, role=Membership.Role.PUBLISHER)
    return amended, draft


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10000)
    page = context.new_page()
    yield page
    context.close()


def test_every_public_page_reflows_at_375_px(phone, demo):
    amended, _ = demo
    response_url = amended.get_absolute_url()
    pages = {
        "home": "/",
        "reports": "/reports/",
        "report": amended.report.get_absolute_url(),
        "response": response_url,
        "version-1": f"{response_url}versions/1/",
        "compare-versions": f"{response_url}versions/compare/?from=1&to=2&show=all",
        "about": "/about/",
        "accessibility": "/accessibility/",
        "sign-in": "/staff/sign-in/",
        "bodies": "/bodies/",
        "body": f"/bodies/{amended.body.slug}/",
        "finding": f"{amended.report.get_absolute_url()}findings/{slugify(amended.items.order_by('finding__order').first().finding.reference)}/",
        "data": "/data/",
        "search": "/search/?q=report",
        "statistics": "/statistics/",
        "api": "/api/",
    }
    for name, url in pages.items():
        assert phone.goto(url).ok, url
        assert_reflows(phone, f"public-{name}")
        assert_table_regions_work_by_keyboard(phone)


def test_a_reader_compares_two_versions_with_the_keyboard_on_a_phone(phone, demo):
    amended, _ = demo
    phone.goto(amended.get_absolute_url())
    phone.get_by_role("link", name="Compare any two versions").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1, name="Compare versions 1 and 2")).to_be_visible()
    phone.get_by_label("Compare version").focus()
    phone.keyboard.press("ArrowUp")  # from version 1 to version 2 (the newest is listed first)
    phone.get_by_label("with version").focus()
    phone.keyboard.press("ArrowDown")
    phone.get_by_role("button", name="Compare").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1, name="Compare versions 2 and 1")).to_be_visible()
    expect(phone.get_by_role("cell", name=re.compile("Added: Our full plan"))).to_have_count(0)
    expect(phone.get_by_role("cell", name=re.compile("Removed: Our full plan"))).to_have_count(1)
    assert_reflows(phone, "public-compare-versions-reversed")


def test_every_staff_page_reflows_at_375_px(phone, demo, tmp_path):
    amended, draft = demo
    phone.goto("/staff/sign-in/")
    phone.get_by_label("Username").fill("reflow-publisher")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_role("heading", level=1, name="Staff dashboard")).to_be_visible()
    assert_reflows(phone, "staff-dashboard")
    assert_table_regions_work_by_keyboard(phone)

    revision_numbers = list(amended.revisions.values_list("number", flat=True))
    pages = {
        "response-published": f"/staff/responses/{amended.pk}/",
        "response-draft": f"/staff/responses/{draft.pk}/",
        "editor": f"/staff/responses/{draft.pk}/edit/",
        "preview": f"/staff/responses/{draft.pk}/preview/",
        "compare-revisions": f"/staff/responses/{amended.pk}/compare/?from={min(revision_numbers)}&to={max(revision_numbers)}",
        "confirm-withdraw": f"/staff/responses/{amended.pk}/actions/withdraw/confirm/",
        "account": "/staff/account/",
        "calendar": "/staff/calendar/",
        "calendar-month-due": f"/staff/calendar/{draft.due_on.year}/{draft.due_on.month}/",
        "import-start": "/staff/import/",
        "word-upload": f"/staff/responses/{draft.pk}/word/upload/",
    }
    for name, url in pages.items():
        assert phone.goto(url).ok, url
        assert_reflows(phone, f"staff-{name}")
        assert_table_regions_work_by_keyboard(phone)

    phone.goto("/staff/calendar/")
    phone.get_by_role("button", name="Create a calendar address").click()
    expect(phone.get_by_label("Your private calendar address")).to_have_value(
        re.compile(r"/staff/calendar/feed/.+\.ics$")
    )
    assert_reflows(phone, "staff-calendar-address")

    # The Word round trip's changes page, from the draft's own file with one comment lengthened.
    item = draft.items.first()
    edited = tmp_path / "draft.docx"
    edited.write_bytes(
        word_files.edit(
            phone.request.get(f"/staff/responses/{draft.pk}/word/").body(),
            {f"item-{item.finding_id}-comment": f"{item.comment}\n\nOur full plan is at {LONG_ADDRESS}"},
        )
    )
    phone.goto(f"/staff/responses/{draft.pk}/word/upload/")
    phone.get_by_label("Upload the Word file").set_input_files(str(edited))
    phone.get_by_role("button", name="Show the changes").click()
    expect(phone.get_by_role("heading", level=1, name="Check the changes in the Word file")).to_be_visible()
    assert_reflows(phone, "staff-word-changes")
    assert_table_regions_work_by_keyboard(phone)
    phone.goto("/staff/import/")

    source = tmp_path / "lost-property.txt"
    source.write_text(REPORT, encoding="utf-8")
    phone.get_by_role("button", name="Continue").click()  # nothing chosen: the error summary
    expect(phone).to_have_title(re.compile(r"^Error: "))
    assert_reflows(phone, "staff-import-errors")
    phone.get_by_label("An HMICFRS report").check()
    phone.get_by_label("Upload a file").set_input_files(str(source))
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1, name="Check what was found")).to_be_visible()
    assert_reflows(phone, "staff-import-preview")
    job_url = phone.url
    phone.get_by_role("button", name="Save the import").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("An inspection of how forces handle lost property")
    phone.goto(job_url)
    assert_reflows(phone, "staff-import-status")


@pytest.fixture
def review_round(reference_data):
    """A response sent back with remarks (for the editor), and one resubmitted after changes were
    requested (for the review page, with its changes marked), each with a long web address."""
    from responses import remarks, workflow
    from tests.factories import BodyFactory, FindingFactory, ReportFactory

    body = BodyFactory(name="Police and Crime Commissioner for Reflowshire")
    drafter, staff = UserFactory(username="reflow-drafter"), UserFactory(username="reflow-staff")
    MembershipFactory(user=drafter, body=body, role=Membership.Role.DRAFTER)
    MembershipFactory(user=staff, body=body, role=Membership.Role.PUBLISHER)
    responses = []
    for title in ("An inspection of how forces reflow", "An inspection of how forces review"):
        report = ReportFactory(title=title)
        findings = [FindingFactory(report=report, order=n, reference=f"Recommendation {n}") for n in (1, 2)]
        response = workflow.start(report, body, drafter)
        items = {f.pk: (f"We will act. See {LONG_ADDRESS}", "action-proposed") for f in findings}
        workflow.save(response, drafter, response.edit_count, {"introduction": "We welcome it."}, items)
        workflow.submit(response, drafter)
        remarks.add(response, staff, f"Link the plan: {LONG_ADDRESS}", finding=findings[1])
        remarks.add(response, staff, "Shorten the introduction.")
        workflow.request_changes(response, staff, f"See my remarks and {LONG_ADDRESS}")
        responses.append((response, findings))
    resubmitted, findings = responses[1]
    resubmitted.refresh_from_db()
    items = {f.pk: (f"We have acted. See {LONG_ADDRESS}", "action-taken") for f in findings}
    workflow.save(resubmitted, drafter, resubmitted.edit_count, {"introduction": "We welcome it warmly."}, items)
    workflow.submit(resubmitted, drafter)
    return responses[0][0], resubmitted


def test_the_editor_and_the_review_page_reflow_at_375_px(phone, review_round):
    sent_back, in_review = review_round
    for username, url, name in (
        ("reflow-drafter", f"/staff/responses/{sent_back.pk}/edit/", "staff-editor-with-remarks"),
        ("reflow-staff", f"/staff/responses/{in_review.pk}/", "staff-review"),
    ):
        phone.context.clear_cookies()
        phone.goto("/staff/sign-in/")
        phone.get_by_label("Username").fill(username)
        phone.get_by_label("Password").fill(PASSWORD)
        phone.get_by_role("button", name="Sign in").click()
        expect(phone.get_by_role("heading", level=1, name="Staff dashboard")).to_be_visible()
        assert phone.goto(url).ok, url
        assert_reflows(phone, name)
        assert_table_regions_work_by_keyboard(phone)
