"""An admin imports a letter-style response (its whole text in the introduction) and, in the
preview, says which finding each passage comments on, by keyboard and by mouse; the preview shows
the comments where they were put. axe runs on each page; at 375 px the preview does not scroll
sideways. Screenshots go to REFLOW_SCREENSHOTS when it is set."""

import datetime

import pytest
from playwright.sync_api import expect

from imports.models import ImportJob
from imports.parsers.parsed import Flag, ParsedResponse
from tests.browser.conftest import assert_accessible
from tests.browser.test_editorial_workflow import sign_in
from tests.browser.test_reflow import PASSWORD, PHONE, _screenshot, assert_reflows
from tests.factories import BodyFactory, FindingFactory, ReportFactory, UserFactory
from tracker.models import Finding

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FINDINGS = 12
LETTER = [
    "Dear Home Secretary,",
    "Under section 55 of the Police Act 1996 I set out my comments on the inspectorate's report on "
    "how forces look after people who report lost property, published on 2 May 2024.",
    "On recording: every item handed in is now logged on the day, with a photograph, and the force "
    "checks the log against the store each month.",
    "On telling owners: the force sends a text message as soon as a logged item matches a report of "
    "a loss, and a letter where it has no telephone number.",
    "Page 1 of 1 | Printed from the Exshire OPCC website at https://www.opcc.example/publications/"
    "section-55-response-to-the-inspection-of-lost-property-final-version.pdf",
    "Alex Example\nPolice and Crime Commissioner for Exshire",
]


@pytest.fixture
def letter_job():
    user = UserFactory(username="import-admin", is_staff=True, is_superuser=True)
    body = BodyFactory(name="Police and Crime Commissioner for Exshire")
    report = ReportFactory(
        title="An inspection of how forces handle lost property", published_on=datetime.date(2024, 5, 2)
    )
    texts = {
        1: "By 31 December 2024, chief constables should record every item of lost property handed in to them.",
        2: "Chief constables should tell owners as soon as an item that matches their report is found.",
    }
    for n in range(1, FINDINGS + 1):
        FindingFactory(
            report=report,
            order=n,
            reference=f"Recommendation {n}",
            text=texts.get(n, f"Chief constables should review how they keep unclaimed items, part {n}."),
        )
    parsed = ParsedResponse(
        report_title=report.title,
        body_name="Exshire OPCC",
        introduction="\n\n".join(LETTER),
        items=[],
        published_on=datetime.date(2024, 6, 20),
        flags=[Flag("The text answers the report as a whole: map its passages to findings")],
    )
    return ImportJob.objects.create(
        user=user,
        kind=ImportJob.Kind.RESPONSE,
        status=ImportJob.Status.READY,
        parsed=parsed.to_json(),
        options={"body": body.slug},
    )


def test_a_person_maps_a_letters_passages_to_findings(browser, live_server, letter_job):
    page = sign_in(browser, live_server, "import-admin")
    page.goto(letter_job.get_absolute_url())
    expect(page.get_by_role("heading", level=2, name="Where each passage belongs")).to_be_visible()
    _screenshot(page, "import-passages-letter-1280")
    assert_accessible(page)

    # By keyboard: passage 3 to the first recommendation, the choice after "the introduction".
    recording = page.get_by_label("Passage 3 is")
    recording.focus()
    page.keyboard.press("ArrowDown")
    first = Finding.objects.get(report__title=letter_job.parsed["report_title"], reference="Recommendation 1")
    expect(recording).to_have_value(f"finding-{first.pk}")
    # By mouse: passage 4 to the second, the printer's footer left out, the sign-off as the signature.
    page.get_by_label("Passage 4 is").select_option(
        label="our comment on Recommendation 2: Chief constables should tell owners as soon as…"
    )
    page.get_by_label("Passage 5 is").select_option(label="leave out (debris)")
    page.get_by_label("Passage 6 is").select_option(label="the signature")
    page.get_by_role("button", name="Move the passages").click()

    expect(page.get_by_text("4 passages moved, 1 of them left out. Check the preview, then save.")).to_be_visible()
    expect(page.get_by_text("1 passage left out.")).to_be_visible()
    expect(page.get_by_label("The body's comment on finding 1")).to_have_value(LETTER[2])
    expect(page.get_by_label("The body's comment on finding 2")).to_have_value(LETTER[3])
    expect(page.get_by_label("Signed by")).to_have_value(LETTER[5])
    expect(page.get_by_label("Introduction", exact=True)).to_have_value("\n\n".join(LETTER[:2]))
    _screenshot(page, "import-passages-moved-1280")
    assert_accessible(page)


def test_the_preview_of_a_letter_reflows_at_375_px(browser, live_server, letter_job):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10000)
    page = context.new_page()
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("import-admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(letter_job.get_absolute_url())
    expect(page.get_by_label("Passage 1 is")).to_be_visible()
    assert_reflows(page, "import-passages-letter-375")
    context.close()
