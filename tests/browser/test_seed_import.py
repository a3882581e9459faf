"""Acceptance: on the demo site, a site admin imports the Hampshire office's published response to the
NCPI 2019 thematic report (../shared/seeds) in the browser. The report is created once with the
three recommendations the response quotes, nothing is duplicated when the same source comes again,
and Hampshire's public page is a labelled record of what was first published elsewhere: the three
comments under the report's own recommendations, the original address, the original date and
whether it was within the 56 days. axe finds nothing on the pages visited.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from responses.models import Response
from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory
from tracker.models import InspectionReport

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_8afd4baeb6f5bf21.txt"
TITLE = "National Child Protection Inspections: 2019 thematic report"
HAMPSHIRE = "Police and Crime Commissioner for Hampshire and the Isle of Wight"
ORIGINAL_URL = "https://www.example.org/opcc/ncpi-2019-response"
COMMENT_OPENINGS = [
    "with the force adopting a trauma informed approach",
    "a key role of our office is the continued scrutiny of the force",
    "Hampshire Constabulary was inspected by the Joint Targeted Area Inspection",
]


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=re.compile(re.escape(legend)))
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def start_import(page):
    page.goto("/staff/")
    page.get_by_role("link", name="Import a report or a published response").click()
    expect(page.get_by_role("heading", level=1, name="Import a report or a response")).to_be_visible()
    page.get_by_label("A response published elsewhere").check()
    page.get_by_label("Upload a file").set_input_files(str(SEED))


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone")
def test_a_site_admin_imports_the_seed_into_the_demo_site(browser, live_server, reference_data):
    call_command("seed_demo", stdout=StringIO())
    UserFactory(username="seed-admin", is_staff=True, is_superuser=True)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("seed-admin")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    start_import(page)
    assert_accessible(page)
    fill_date(page, "Report publication date", "27", "2", "2020")
    page.get_by_role("button", name="Continue").click()

    # The preview: the report is not in the tracker yet, so this site admin's import creates it.
    expect(page.get_by_role("heading", level=1, name="Check what was found")).to_be_visible()
    expect(
        page.get_by_text(
            re.compile(
                r"^New report: National Child Protection Inspections: 2019 thematic report, published 27 February 2020, with the 3 findings"
            )
        )
    ).to_be_visible()
    expect(page.get_by_label("Local policing body")).to_have_value("hampshire-and-the-isle-of-wight-pcc")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Findings and comments \(3\)"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Web address where the response was first published").fill(ORIGINAL_URL)
    fill_date(page, "Date the response was first published", "22", "4", "2020")
    page.get_by_role("button", name="Update the preview").click()
    expect(
        page.get_by_text(
            re.compile(
                r"^Published at once as an imported record .* first published on 22 April 2020 at "
                + re.escape(ORIGINAL_URL)
            )
        )
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the import").click()

    # Hampshire's public page: a labelled record, the comments under the report's recommendations.
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.get_by_text(f"Response from: {HAMPSHIRE}")).to_be_visible()
    expect(page.get_by_text("Imported record: first published elsewhere")).to_be_visible()
    expect(page.get_by_role("link", name=ORIGINAL_URL)).to_have_attribute("href", ORIGINAL_URL)
    expect(page.get_by_text("22 April 2020: published within the 56 days")).to_be_visible()
    for n, opening in enumerate(COMMENT_OPENINGS, start=1):
        section = page.get_by_role("region", name=f"Recommendation {n}", exact=True)
        expect(section.locator("blockquote")).to_contain_text("We recommend that chief constables")
        expect(section).to_contain_text(opening)
    expect(page.get_by_text("No comment given.")).to_have_count(0)
    expect(page.get_by_text("Office of the Police and Crime Commissioner, Hampshire")).to_have_count(0)
    assert_accessible(page)
    public_url = page.url

    # The same source again: each quoted finding matches the report's own, and nothing changes.
    start_import(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1, name="Check what was found")).to_be_visible()
    for n in (1, 2, 3):
        expect(page.get_by_text(f"Matched to Recommendation {n} by its words (100% alike).")).to_be_visible()
        expect(page.get_by_label(f"Finding of the report that quoted finding {n} is")).to_have_value(
            str(InspectionReport.objects.get(title=TITLE).findings.get(reference=f"Recommendation {n}").pk)
        )
    expect(page.get_by_text(f"No changes: the response of {HAMPSHIRE} to {TITLE} is already here.")).to_be_visible()
    page.get_by_label("Web address where the response was first published").fill(ORIGINAL_URL)
    fill_date(page, "Date the response was first published", "22", "4", "2020")
    assert_accessible(page)
    page.get_by_role("button", name="Save the import").click()
    assert page.url == public_url

    report = InspectionReport.objects.get(title=TITLE)
    assert list(report.findings.order_by("order").values_list("reference", flat=True)) == [
        "Recommendation 1",
        "Recommendation 2",
        "Recommendation 3",
    ]
    assert Response.objects.filter(report=report).count() == 1
    page.goto(report.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.get_by_text(re.compile(r"Recommendation \d \(2\)"))).to_have_count(0)
    context.close()
