"""A drafter downloads the draft as Word, has it edited, uploads it, checks the changes and keeps some."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from responses import workflow
from responses.models import Response
from tests import word_files
from tests.browser.conftest import assert_accessible
from tests.browser.test_editorial_workflow import sign_in
from tests.factories import BodyFactory, FindingFactory, MembershipFactory, ReportFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _screenshot(page, name):
    folder = os.environ.get("WORD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def draft():
    body = BodyFactory(name="Police and Crime Commissioner for Wordshire")
    drafter = UserFactory(username="browser-drafter", first_name="Dee")
    MembershipFactory(user=drafter, body=body, role=Membership.Role.DRAFTER)
    report = ReportFactory(title="An inspection of how forces keep records", concerns_all_forces=True)
    for n in (1, 2):
        FindingFactory(report=report, order=n, reference=f"Recommendation {n}")
    response = workflow.start(report, body, drafter)
    workflow.save(
        response,
        drafter,
        response.edit_count,
        {"introduction": "We welcome this report."},
        {item.finding_id: ("We will review our records.", "action-proposed") for item in response.items.all()},
    )
    return response


def test_a_word_file_is_uploaded_checked_and_partly_accepted(browser, live_server, draft, tmp_path):
    page = sign_in(browser, live_server, "browser-drafter")
    page.goto(f"/staff/responses/{draft.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Word").click()
    original = Path(download.value.path()).read_bytes()

    first, second = draft.items.order_by("finding__order")
    edited = tmp_path / "draft-with-comments.docx"
    edited.write_bytes(
        word_files.edit(
            original,
            {
                f"item-{first.finding_id}-comment": "We will review our records by March.",
                "chief_officer_comments": "The force welcomes the report.",
                "introduction": "We do not want this change.",
            },
        )
    )

    page.get_by_role("link", name="Upload an edited Word file").click()
    expect(page.get_by_role("heading", level=1, name="Upload an edited Word file")).to_be_visible()
    assert_accessible(page)
    _screenshot(page, "word-upload")
    page.get_by_role("button", name="Show the changes").click()  # no file chosen
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_text("Select the Word file to upload").first).to_be_visible()
    assert_accessible(page)
    _screenshot(page, "word-upload-error")

    page.get_by_label("Upload the Word file").set_input_files(str(edited))
    page.get_by_role("button", name="Show the changes").click()
    expect(page.get_by_role("heading", level=1, name="Check the changes in the Word file")).to_be_visible()
    expect(page.get_by_text("by March")).to_be_visible()
    assert_accessible(page)
    _screenshot(page, "word-changes")

    page.get_by_label("Accept the change to Introduction").uncheck()
    page.get_by_role("button", name="Save the selected changes").click()
    expect(page.get_by_text("2 changes from the Word file saved as revision")).to_be_visible()
    assert_accessible(page)

    saved = Response.objects.get(pk=draft.pk)
    assert saved.introduction == "We welcome this report."
    assert saved.chief_officer_comments == "The force welcomes the report."
    assert saved.items.get(pk=first.pk).comment == "We will review our records by March."
    assert saved.items.get(pk=second.pk).comment == "We will review our records."
    assert saved.revisions.order_by("-number").first().author.username == "browser-drafter"
