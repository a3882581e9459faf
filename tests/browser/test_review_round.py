"""A review round in the browser: the drafter saves and submits without leaving the editor; the
reviewer remarks on one finding and sends it back; the drafter sees the remark beside that
finding, resolves it and resubmits; the reviewer sees what changed and approves that revision.
Every page is checked with axe."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_editorial_workflow import open_response, people_and_report, sign_in  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _screenshot(page, name):
    """Saved when REVIEW_SCREENSHOTS names a folder, to look at what a person sees."""
    folder = os.environ.get("REVIEW_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _in_view(page, locator):
    box = locator.bounding_box()
    viewport = page.viewport_size
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"]


def test_the_drafter_saves_and_submits_from_the_editor(browser, live_server, people_and_report):  # noqa: F811
    body, people, report, findings = people_and_report
    drafter = sign_in(browser, live_server, "browser-drafter")
    drafter.get_by_role("button", name=f"Start response to {report.title} for {body.name}").click()
    expect(drafter.get_by_role("heading", level=1)).to_contain_text("Edit the response")
    # Nothing answered yet: the bar says why it cannot submit instead of offering to.
    expect(drafter.get_by_role("button", name="Submit for review")).to_have_count(0)
    expect(drafter.get_by_role("link", name="Why you cannot submit yet")).to_be_visible()
    assert _in_view(drafter, drafter.get_by_role("button", name="Save", exact=True))
    assert_accessible(drafter)
    _screenshot(drafter, "editor-new")

    drafter.get_by_label("Introduction").fill("We welcome this inspection.")
    for finding in findings:
        drafter.get_by_label(f"Our response to {finding.reference}").fill(f"Our answer to {finding.reference}.")
        drafter.get_by_role("group", name=f"What is being done about {finding.reference}?").get_by_label(
            "Action taken"
        ).check()
    # Deep in the page, the bar is still in view.
    save = drafter.get_by_role("button", name="Save", exact=True)
    drafter.get_by_label("Introduction").scroll_into_view_if_needed()
    assert _in_view(drafter, save)
    save.click()
    expect(drafter.get_by_text("Your changes have been saved.")).to_be_visible()
    assert_accessible(drafter)

    drafter.get_by_label("Introduction").fill("We welcome this inspection and its findings.")
    drafter.get_by_role("button", name="Submit for review").click()
    expect(drafter.get_by_text("submitted for review", exact=False)).to_be_visible()
    expect(drafter.get_by_role("heading", level=1)).to_contain_text(report.title)
    expect(drafter.get_by_text("In review").first).to_be_visible()
    assert_accessible(drafter)
    drafter.context.close()


def _submitted(report, body, drafter_user, findings):
    from responses import workflow

    response = workflow.start(report, body, drafter_user)
    items = {finding.pk: (f"First answer to {finding.reference}.", "action-proposed") for finding in findings}
    workflow.save(response, drafter_user, response.edit_count, {"introduction": "We welcome it."}, items)
    workflow.submit(response, drafter_user)
    return response


def test_a_remark_on_one_finding_is_resolved_beside_it_and_the_response_resubmitted(
    browser,
    live_server,
    people_and_report,  # noqa: F811
):
    body, people, report, findings = people_and_report
    _submitted(report, body, people["drafter"], findings)
    second = findings[1].reference

    # The reviewer reads the text to approve and remarks on one finding, where it belongs.
    reviewer = sign_in(browser, live_server, "browser-reviewer")
    open_response(reviewer, report)
    expect(reviewer.get_by_role("heading", name=re.compile("The text to approve: revision"))).to_be_visible()
    expect(reviewer.get_by_text("Nothing is marked")).to_be_visible()
    assert_accessible(reviewer)
    _screenshot(reviewer, "review-first")
    reviewer.get_by_text(f"Add a remark on {second}", exact=True).click()
    reviewer.get_by_label(f"Remark on {second}").fill("Say when the new phone system goes live.")
    reviewer.get_by_role("button", name=f"Add remark on {second}").click()
    expect(reviewer.get_by_text(f"Remark added on {second}.")).to_be_visible()
    remarks = reviewer.get_by_role("group", name=f"Remarks on {second}")
    expect(remarks).to_contain_text("Say when the new phone system goes live.")
    assert_accessible(reviewer)

    # It sends the response back: the request lists the remark still open.
    reviewer.get_by_text("Request changes", exact=True).first.click()
    expect(reviewer.locator(".app-open-remarks")).to_contain_text(f"{second}: Say when the new phone system")
    reviewer.get_by_label("What needs to change?").fill("Please deal with my remark.")
    reviewer.get_by_role("button", name="Request changes").click()
    expect(reviewer.get_by_text("Changes requested.")).to_be_visible()
    assert_accessible(reviewer)

    # The drafter sees the reason at the top, and the remark beside the finding it concerns.
    drafter = sign_in(browser, live_server, "browser-drafter")
    open_response(drafter, report)
    drafter.get_by_role("link", name="Edit", exact=True).click()
    banner = drafter.get_by_role("region", name="Changes requested")
    expect(banner).to_contain_text("Please deal with my remark.")
    expect(banner.get_by_role("link", name=second)).to_be_visible()
    beside = drafter.locator(f"#item-{findings[1].pk}").get_by_role(
        "group", name=f"Remarks on {second} not resolved yet"
    )
    expect(beside).to_contain_text("Say when the new phone system goes live.")
    assert_accessible(drafter)
    _screenshot(drafter, "editor-with-remark")

    drafter.get_by_label(f"Our response to {second}").fill("The new phone system goes live in May.")
    drafter.get_by_role("button", name="Save", exact=True).click()
    expect(drafter.get_by_text("Your changes have been saved.")).to_be_visible()
    drafter.locator(f"#item-{findings[1].pk}").get_by_role("button", name=re.compile("Mark as resolved")).click()
    expect(drafter.get_by_text("Remark marked as resolved.")).to_be_visible()
    expect(drafter.get_by_role("group", name=f"Remarks on {second} not resolved yet")).to_have_count(0)
    assert_accessible(drafter)
    drafter.get_by_role("button", name="Submit for review").click()
    expect(drafter.get_by_text("submitted for review", exact=False)).to_be_visible()
    assert_accessible(drafter)

    # The reviewer sees what changed since the revision they sent back, and approves that one.
    open_response(reviewer, report)
    expect(reviewer.get_by_text(re.compile("the last one you requested changes on"))).to_be_visible()
    expect(reviewer.locator(f"#review-item-{findings[1].pk} ins")).to_contain_text("in May")
    expect(reviewer.get_by_role("group", name=f"Remarks on {second}")).to_contain_text("Resolved by Drafter")
    assert_accessible(reviewer)
    _screenshot(reviewer, "review-changes-marked")
    reviewer.get_by_role("button", name=re.compile(r"^Approve revision \d+ \(saved by Drafter at ")).click()
    expect(reviewer.get_by_text("Approved.")).to_be_visible()
    assert_accessible(reviewer)
    for page in (reviewer, drafter):
        page.context.close()
