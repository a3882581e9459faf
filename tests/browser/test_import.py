"""An admin uploads a report, corrects one finding in the preview, and saves it; a large upload is
read by the import worker while its page shows how far it has got."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory
from tracker.models import Finding, InspectionReport

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REPORT = """An inspection of how forces handle lost property

Published: 4 June 2024

Recommendations

Recommendation 1
By 31 December 2024, chief constables should record every item handed in.

Recommendation 2
Chief constables should tell owners when an item is found.

Areas for improvement

Area for improvement 1
Forces should review how long they keep unclaimed items.
"""


def test_upload_preview_correct_and_confirm(browser, live_server, tmp_path):
    UserFactory(username="import-admin", is_staff=True, is_superuser=True)
    source = tmp_path / "lost-property.txt"
    source.write_text(REPORT, encoding="utf-8")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10000)
    page = context.new_page()
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("import-admin")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Import a report or a published response").click()
    expect(page.get_by_role("heading", level=1, name="Import a report or a response")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Continue").click()  # nothing chosen: errors, not a crash
    expect(page).to_have_title(__import__("re").compile(r"^Error: "))
    expect(page.get_by_text("Select what you are importing").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("An HMICFRS report").check()
    page.get_by_label("Upload a file").set_input_files(str(source))
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="Check what was found")).to_be_visible()
    expect(page.get_by_text("New report: An inspection of how forces handle lost property")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Text of finding 2").fill(
        "Chief constables should tell owners within a week when an item is found."
    )
    page.get_by_label("Kind of finding 3").select_option("recommendation")
    page.get_by_label("Reference of finding 3").fill("Recommendation 3")
    page.get_by_role("button", name="Update the preview").click()
    expect(page.get_by_label("Reference of finding 3")).to_have_value("Recommendation 3")
    page.get_by_role("button", name="Save the import").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("An inspection of how forces handle lost property")
    assert_accessible(page)
    report = InspectionReport.objects.get(title="An inspection of how forces handle lost property")
    assert Finding.objects.get(report=report, reference="Recommendation 2").text == (
        "Chief constables should tell owners within a week when an item is found."
    )
    assert Finding.objects.get(report=report, reference="Recommendation 3").kind == "recommendation"
    assert report.findings.count() == 3
    context.close()


def test_a_large_upload_waits_for_the_import_worker_then_shows_the_preview(browser, live_server, settings, tmp_path):
    settings.IMPORT_BACKGROUND_BYTES = 0  # every upload counts as large
    UserFactory(username="import-admin", is_staff=True, is_superuser=True)
    source = tmp_path / "lost-property.txt"
    source.write_text(REPORT, encoding="utf-8")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10000)
    page = context.new_page()
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("import-admin")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    page.goto("/staff/import/")
    page.get_by_label("An HMICFRS report").check()
    page.get_by_label("Upload a file").set_input_files(str(source))
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="Reading the file")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        "Waiting for the import worker to start reading lost-property.txt"
    )
    assert_accessible(page)

    # The worker beside the server takes the parse from the queue; the page, refreshing itself, shows the preview.
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    expect(page.get_by_role("heading", level=1, name="Check what was found")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Check the import"))
    expect(page.get_by_text("New report: An inspection of how forces handle lost property")).to_be_visible()
    context.close()
