"""A response goes from draft to published in the browser, through a second pair of eyes."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible
from tests.factories import BodyFactory, FindingFactory, MembershipFactory, ReportFactory, UserFactory
from tracker.models import Membership

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def people_and_report():
    body = BodyFactory(name="Police and Crime Commissioner for Browsershire")
    people = {}
    for role in ("drafter", "reviewer", "publisher"):
        people[role] = UserFactory(username=f"browser-{role}", first_name=role.capitalize())
        MembershipFactory(user=people[role], body=body, role=getattr(Membership.Role, role.upper()))
    report = ReportFactory(title="An inspection of how forces answer the phone", concerns_all_forces=True)
    findings = [FindingFactory(report=report, order=n, reference=f"Recommendation {n}") for n in (1, 2, 3)]
    return body, people, report, findings


def sign_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(8000)
    page = context.new_page()
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="Staff dashboard")).to_be_visible()
    return page


def open_response(page, report):
    page.goto("/staff/")
    page.get_by_role("link", name=report.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(report.title)


def test_draft_review_changes_approval_and_publication(browser, live_server, people_and_report):
    body, people, report, findings = people_and_report

    # The drafter starts the response from the dashboard and answers every finding.
    drafter = sign_in(browser, live_server, "browser-drafter")
    assert_accessible(drafter)
    drafter.get_by_role("button", name=f"Start response to {report.title} for {body.name}").click()
    expect(drafter.get_by_role("heading", level=1)).to_contain_text("Edit the response")
    assert_accessible(drafter)
    drafter.get_by_label("Introduction").fill("We welcome this inspection.")
    drafter.get_by_label("Signed by").fill("Alex Morgan\nCommissioner for Browsershire")
    for finding in findings:
        drafter.get_by_label(f"Our response to {finding.reference}").fill(f"First answer to {finding.reference}.")
        drafter.get_by_role("group", name=f"What is being done about {finding.reference}?").get_by_label(
            "Action proposed"
        ).check()
    drafter.get_by_role("button", name="Save").click()
    expect(drafter.get_by_text("Your changes have been saved.")).to_be_visible()
    drafter.get_by_role("link", name="Back to the response").click()
    drafter.get_by_role("button", name="Submit for review").click()
    expect(drafter.get_by_text("Submitted for review.")).to_be_visible()
    expect(drafter.get_by_role("button", name="Approve")).to_have_count(0)

    # The reviewer sends it back with a reason.
    reviewer = sign_in(browser, live_server, "browser-reviewer")
    open_response(reviewer, report)
    reviewer.get_by_text("Request changes", exact=True).first.click()
    reviewer.get_by_label("What needs to change?").fill("Say when the new phone system goes live.")
    reviewer.get_by_role("button", name="Request changes").click()
    expect(reviewer.get_by_text("Changes requested.")).to_be_visible()
    assert_accessible(reviewer)

    # The drafter edits, compares, previews and resubmits.
    open_response(drafter, report)
    expect(drafter.get_by_text("Say when the new phone system goes live.")).to_be_visible()
    drafter.get_by_role("link", name="Edit", exact=True).click()
    drafter.get_by_label("Our response to Recommendation 2").fill(
        "The new phone system goes live in May, and we will check call times monthly."
    )
    drafter.get_by_role("button", name="Save").click()
    drafter.get_by_role("link", name="Back to the response").click()
    drafter.get_by_role("link", name="Compare revisions").click()
    expect(drafter.get_by_role("table")).to_contain_text("goes live in May")
    assert_accessible(drafter)
    drafter.get_by_role("link", name="Back to the response").click()
    drafter.get_by_role("link", name="Preview the page and PDF").click()
    expect(drafter.get_by_text("Draft preview")).to_be_visible()
    expect(drafter.get_by_text("The new phone system goes live in May")).to_be_visible()
    assert_accessible(drafter)
    drafter.get_by_role("link", name="Back to the response").click()
    drafter.get_by_role("button", name="Submit for review").click()

    # The reviewer approves; the publisher publishes.
    open_response(reviewer, report)
    reviewer.get_by_role("button", name="Approve").click()
    expect(reviewer.get_by_text("Approved.")).to_be_visible()
    publisher = sign_in(browser, live_server, "browser-publisher")
    open_response(publisher, report)
    publisher.get_by_role("link", name="Publish now").click()  # to the confirmation page
    expect(publisher.get_by_role("heading", level=1, name="Publish this response now?")).to_be_visible()
    publisher.get_by_role("button", name="Publish now").click()
    expect(publisher.get_by_text("Published.", exact=True)).to_be_visible()

    # The public sees the final text, on the page and in the PDF.
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto(f"/reports/{report.slug}/responses/{body.slug}/")
    expect(public.get_by_role("heading", level=1)).to_contain_text(report.title)
    expect(
        public.get_by_text("The new phone system goes live in May, and we will check call times monthly.")
    ).to_be_visible()
    expect(public.get_by_text("First answer to Recommendation 1.")).to_be_visible()
    expect(public.get_by_text("First answer to Recommendation 2.")).to_have_count(0)
    sign_off = public.get_by_role("region", name="Signed by")
    expect(sign_off).to_have_text(re.compile(r"Signed by\s+Alex Morgan\s*Commissioner for Browsershire"))
    assert_accessible(public)
    pdf = public.request.get(f"/reports/{report.slug}/responses/{body.slug}.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body())).pages).split())
    assert "The new phone system goes live in May, and we will check call times monthly." in text
    assert "Signed by Alex Morgan Commissioner for Browsershire" in text
    for context in (drafter.context, reviewer.context, publisher.context, public.context):
        context.close()


def test_the_editor_warns_before_leaving_with_unsaved_changes(browser, live_server, people_and_report):
    body, people, report, findings = people_and_report
    page = sign_in(browser, live_server, "browser-drafter")
    page.get_by_role("button", name=f"Start response to {report.title} for {body.name}").click()
    page.get_by_label("Introduction").fill("Unsaved words.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Back to the response").click()
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(re.compile(r"/edit/$"))
    page.context.close()
