"""A publisher publishes a late response through its confirmation page, with a public explanation of
the lateness, and the public page shows it (issue 10, acceptance point 1, third flow). axe runs on
every page visited; the confirmation page also reflows at 375 px."""

import datetime
import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from responses import workflow
from tests.browser.conftest import assert_accessible
from tests.browser.test_editorial_workflow import sign_in
from tests.browser.test_reflow import PHONE, assert_reflows
from tests.factories import BodyFactory, FindingFactory, MembershipFactory, ReportFactory, UserFactory
from tracker.deadlines import long_date
from tracker.models import Membership

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EXPLANATION = "The chief constable's comments reached us five weeks after the date we asked for."


@pytest.fixture
def late_approved_response():
    """An approved response whose last day was 27 days ago."""
    body = BodyFactory(name="Police and Crime Commissioner for Lateshire")
    people = {}
    for role in ("drafter", "reviewer", "publisher"):
        people[role] = UserFactory(username=f"browser-{role}", first_name=role.capitalize())
        MembershipFactory(user=people[role], body=body, role=getattr(Membership.Role, role.upper()))
    report = ReportFactory(
        title="An inspection of how forces keep their promises",
        published_on=timezone.localdate() - datetime.timedelta(days=55 + 27),
    )
    for n in (1, 2):
        FindingFactory(report=report, order=n, reference=f"Recommendation {n}")
    response = workflow.start(report, body, people["drafter"])
    for item in response.items.all():
        item.comment = f"We will act on {item.finding.reference}."
        item.position = "action-proposed"
        item.save()
    workflow.write_revision(response, people["drafter"])
    workflow.submit(response, people["drafter"])
    workflow.approve(response, people["reviewer"])
    return response


def _screenshot(page, name):
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_the_publisher_confirms_a_late_publication_with_an_explanation(browser, live_server, late_approved_response):
    response = late_approved_response
    report = response.report
    lateness = f"27 days late: the last day was {long_date(response.due_on)}"

    publisher = sign_in(browser, live_server, "browser-publisher")
    publisher.get_by_role("link", name=report.title).first.click()
    expect(publisher.get_by_role("heading", level=1)).to_contain_text(report.title)
    assert_accessible(publisher)

    # Publish now leads to the confirmation, which says what will happen and how late it is.
    publisher.get_by_role("link", name="Publish now").click()
    expect(publisher.get_by_role("heading", level=1, name="Publish this response now?")).to_be_visible()
    expect(publisher.get_by_text(lateness)).to_be_visible()
    expect(publisher.get_by_text(re.compile(r"The PDF is emailed as soon as it is published to "))).to_be_visible()
    expect(publisher.locator(".app-public-places")).to_contain_text(response.get_absolute_url())
    assert_accessible(publisher)
    _screenshot(publisher, "confirm-publish")
    assert response.current_version_id is None  # opening the page published nothing

    publisher.get_by_label("Why is it late? (optional)").fill(EXPLANATION)
    publisher.get_by_role("button", name="Publish now").click()
    expect(publisher.get_by_text("Published.", exact=True)).to_be_visible()
    assert_accessible(publisher)

    # The public reads the lateness and the explanation beside it.
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto(response.get_absolute_url())
    expect(public.get_by_text(re.compile(r"published after the 56 days, 27 days late"))).to_be_visible()
    facts = public.locator(".app-response-facts")
    expect(facts.get_by_text("Why it was published late")).to_be_visible()
    expect(facts.get_by_text(EXPLANATION)).to_be_visible()
    assert_accessible(public)
    _screenshot(public, "public-late-explanation")
    for context in (publisher.context, public.context):
        context.close()


def test_the_confirmation_page_reflows_on_a_phone(browser, live_server, late_approved_response):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10000)
    phone = context.new_page()
    phone.goto("/staff/sign-in/")
    phone.get_by_label("Username").fill("browser-publisher")
    phone.get_by_label("Password").fill("correct horse battery staple")
    phone.get_by_role("button", name="Sign in").click()
    for action in ("publish", "schedule", "force_publish"):
        assert phone.goto(f"/staff/responses/{late_approved_response.pk}/actions/{action}/confirm/").status in {
            200,
            409,
        }
        assert_reflows(phone, f"staff-confirm-{action}")
    context.close()
