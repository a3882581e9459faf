"""The public comparison of published versions, the accessibility statement and the about page."""

import re

import pytest
from django.urls import reverse

from responses import workflow
from tests.factories import response_with_findings

pytestmark = pytest.mark.django_db

PENDING = "PENDING-AMENDMENT-MARKER"
MINOR_NOTE = "MINOR-NOTE-MARKER: fixed a typing error"


def page_text(client, url):
    """The page's HTML with runs of white space folded, as a reader would see the words."""
    return " ".join(client.get(url).content.decode().split())


def _publish_edit(response, drafter, reviewer, publisher, fields, items=None):
    """Edit the working copy, then take it through review to a new published version."""
    response.refresh_from_db()
    workflow.save(response, drafter, response.edit_count, fields, items or {})
    workflow.submit(response, drafter)
    workflow.approve(response, reviewer)
    workflow.publish(response, publisher)
    response.refresh_from_db()
    return response


@pytest.fixture
def amended(draft, drafter, reviewer, publisher):
    """A response published twice: version 2 rewords the introduction and one comment (a major change)."""
    _publish_edit(draft, drafter, reviewer, publisher, {"introduction": "We welcome this report on custody."})
    workflow.amend(draft, drafter)
    first = draft.items.order_by("finding__order").first()
    return _publish_edit(
        draft,
        drafter,
        reviewer,
        publisher,
        {
            "introduction": "We warmly welcome this thorough report on custody.",
            "change_note": "We updated our introduction and our plan.",
            "change_is_major": True,
        },
        {first.finding_id: ("We will act on it by March, and report on progress.", "action-taken")},
    )


def compare_url(response, **query):
    url = reverse(
        "public:compare_versions", kwargs={"report_slug": response.report.slug, "body_slug": response.body.slug}
    )
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_it_shows_the_words_changed_between_two_published_versions(client, amended):
    page = client.get(compare_url(amended, **{"from": 1, "to": 2}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Compare versions 1 and 2" in html
    assert re.search(r'<ins class="app-diff__added">.*?warmly.*?</ins>', html)
    assert re.search(r'<ins class="app-diff__added">.*?thorough.*?</ins>', html)
    # The reference comes from a factory sequence: "Recommendation 1" alone, or "Recommendation 1234".
    reference = amended.items.order_by("finding__order").first().finding.reference
    assert f'<del class="app-diff__removed"><span class="govuk-visually-hidden">Removed: </span>{reference}' in html
    assert f"{reference}: position" in html
    assert "Removed: </span>proposed</del>" in html and "Added: </span>taken</ins>" in html


def test_it_compares_the_two_latest_versions_by_default(client, amended):
    html = client.get(compare_url(amended)).content.decode()
    assert "Compare versions 1 and 2" in html
    assert '<option value="1" selected>' in html and '<option value="2" selected>' in html


def test_it_lists_only_changed_parts_unless_asked_for_all(client, amended):
    assert "The chief officer&#x27;s comments" not in client.get(compare_url(amended)).content.decode()
    everything = client.get(compare_url(amended, show="all")).content.decode()
    assert "The chief officer&#x27;s comments" in everything
    assert "Unchanged" in everything


def test_it_shows_a_major_change_note_once_and_never_a_minor_one(client, amended, drafter, reviewer, publisher):
    workflow.amend(amended, drafter)
    _publish_edit(
        amended, drafter, reviewer, publisher, {"change_note": MINOR_NOTE, "reply_to_chief_officer": "Thank you."}
    )
    text = page_text(client, compare_url(amended, **{"from": 1, "to": 3}))
    assert text.count("We updated our introduction and our plan.") == 1
    assert MINOR_NOTE not in text
    assert "Thank you." in text


def test_a_pending_amendment_never_appears(client, amended, drafter, reviewer):
    workflow.amend(amended, drafter)
    amended.refresh_from_db()
    workflow.save(
        amended,
        drafter,
        amended.edit_count,
        {"introduction": f"{PENDING} in the introduction.", "change_note": PENDING, "change_is_major": True},
        {item.finding_id: (f"{PENDING} in a comment.", "no-action") for item in amended.items.all()},
    )
    workflow.submit(amended, drafter)
    workflow.approve(amended, reviewer)  # approved, not yet published
    for query in ({}, {"show": "all"}, {"from": 1, "to": 2, "show": "all"}, {"from": 2, "to": 1}):
        page = client.get(compare_url(amended, **query))
        assert page.status_code == 200
        assert PENDING not in page.content.decode()
    assert client.get(compare_url(amended, **{"from": 2, "to": 3})).status_code == 404


def test_the_body_s_own_staff_see_only_published_versions_too(client, amended, drafter):
    workflow.amend(amended, drafter)
    amended.refresh_from_db()
    workflow.save(amended, drafter, amended.edit_count, {"introduction": PENDING}, {})
    client.force_login(drafter)
    assert PENDING not in client.get(compare_url(amended, show="all")).content.decode()


@pytest.mark.parametrize(
    "query", [{"from": 3, "to": 1}, {"from": 1, "to": 9}, {"from": 0, "to": 2}, {"from": "one", "to": 2}]
)
def test_a_version_that_does_not_exist_is_a_404(client, amended, query):
    assert client.get(compare_url(amended, **query)).status_code == 404


def test_an_unpublished_response_has_no_comparison(client, draft, drafter):
    assert client.get(compare_url(draft)).status_code == 404
    client.force_login(drafter)
    assert client.get(compare_url(draft)).status_code == 404


def test_a_response_never_published_elsewhere_is_a_404(client, amended):
    other = reverse("public:compare_versions", kwargs={"report_slug": amended.report.slug, "body_slug": "no-such-body"})
    assert client.get(other).status_code == 404


def test_it_escapes_what_people_typed(client, amended, drafter, reviewer, publisher):
    workflow.amend(amended, drafter)
    _publish_edit(
        amended, drafter, reviewer, publisher, {"introduction": '<script>alert("x")</script>', "change_note": "Fix."}
    )
    html = client.get(compare_url(amended)).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_the_version_list_links_to_the_comparison(client, amended):
    html = client.get(amended.get_absolute_url()).content.decode()
    assert f'href="{compare_url(amended)}"' in html
    assert f'href="{compare_url(amended)}?from=1&amp;to=2"' in html
    assert "What changed in version 2" in html


def test_a_response_with_one_version_offers_no_comparison(client):
    response = response_with_findings(1, published=True)
    assert "/versions/compare/" not in client.get(response.get_absolute_url()).content.decode()


def test_the_form_chooses_versions_without_javascript(client, amended):
    html = client.get(compare_url(amended)).content.decode()
    assert re.search(rf'<form method="get" action="{re.escape(compare_url(amended))}"', html)
    assert '<select class="govuk-select" id="compare-from" name="from">' in html
    assert '<select class="govuk-select" id="compare-to" name="to">' in html


def test_the_comparison_table_scrolls_in_its_own_focusable_region(client, amended):
    html = client.get(compare_url(amended)).content.decode()
    assert re.search(r'<div class="app-table-scroll" tabindex="0" role="region" aria-label="[^"]+">\s*<table', html)


# The accessibility statement --------------------------------------------------------------------


def test_the_accessibility_statement_has_the_sections_the_regulations_expect(client):
    page = client.get(reverse("public:accessibility"))
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    for heading in (
        "Accessibility statement for",
        "How accessible this service is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "How we tested this service",
        "Preparation of this accessibility statement",
    ):
        assert heading in text, heading
    assert "partially compliant" in text
    assert "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018" in text
    assert "Equality and Human Rights Commission" in text and "Equality Commission for Northern Ireland" in text
    assert "This statement was prepared on 26 November 2026" in text


def test_the_accessibility_statement_says_how_it_was_tested_and_what_is_not_checked(client):
    text = page_text(client, reverse("public:accessibility"))
    assert "axe-core" in text and "WCAG 2.2 level A and AA" in text
    assert "375 pixels wide" in text
    assert "keyboard" in text
    assert "PDF/UA-1" in text and "automated tools only" in text


def test_without_a_contact_setting_it_asks_readers_to_contact_the_office(client, settings):
    settings.ACCESSIBILITY_CONTACT = ""
    text = page_text(client, reverse("public:accessibility"))
    assert "contact the office of the police and crime commissioner, mayor or other local policing body" in text
    assert "mailto:" not in text


def test_the_contact_setting_gives_an_email_link(client, settings):
    settings.ACCESSIBILITY_CONTACT = "access@tracker.example"
    html = client.get(reverse("public:accessibility")).content.decode()
    assert '<a class="govuk-link" href="mailto:access@tracker.example">access@tracker.example</a>' in html


def test_a_contact_setting_that_is_not_an_address_is_shown_as_written_and_escaped(client, settings):
    settings.ACCESSIBILITY_CONTACT = "Call <b>0300 000 0000</b>"
    html = client.get(reverse("public:accessibility")).content.decode()
    assert "Call &lt;b&gt;0300 000 0000&lt;/b&gt;" in html
    assert "mailto:" not in html


# The about page ---------------------------------------------------------------------------------


def test_the_about_page_explains_section_55_and_the_56_days(client):
    page = client.get(reverse("public:about"))
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert "Section 55 of the Police Act 1996" in text
    assert "ask the chief officer of police" in text
    assert "send a copy of what it publishes to HMICFRS and to the Home Secretary" in text
    assert "explain what action has been taken or is planned, or why no action will be taken" in text
    assert "56 days <em>beginning with</em> the day the report is published" in text
    assert "the last day to publish is 55 days after the report came out" in text
    # 2 March 2026 + 55 days, by tracker.deadlines.
    assert "published on Monday 2 March 2026 must be answered by the end of Sunday 26 April 2026" in text


def test_the_about_page_lists_every_kind_of_finding_and_every_position(client):
    from tracker.vocabulary import FindingKind, Position

    text = page_text(client, reverse("public:about"))
    for label in [*FindingKind.labels, *Position.labels]:
        assert label in text, label


def test_the_about_page_says_what_imported_records_and_example_content_are(client):
    text = page_text(client, reverse("public:about"))
    assert '<h2 class="govuk-heading-l" id="imported-records">Imported records</h2>' in text
    assert "first published somewhere else" in text
    assert '<h2 class="govuk-heading-l" id="example-content">Example content</h2>' in text
    assert "not real HMICFRS reports or real responses" in text


@pytest.mark.parametrize("url", ["/", "/reports/", "/about/", "/accessibility/"])
def test_every_page_s_footer_links_to_the_about_page_and_the_accessibility_statement(client, url):
    html = client.get(url).content.decode()
    footer = html[html.index('<footer class="govuk-footer">') :]
    assert f'<a class="govuk-footer__link" href="{reverse("public:about")}">About this service</a>' in footer
    assert (
        f'<a class="govuk-footer__link" href="{reverse("public:accessibility")}">Accessibility statement</a>' in footer
    )


def test_the_comparison_costs_the_same_queries_however_many_versions(client, amended, drafter, reviewer, publisher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        client.get(compare_url(amended))
    for n in range(3):
        workflow.amend(amended, drafter)
        _publish_edit(
            amended, drafter, reviewer, publisher, {"introduction": f"Edition {n}.", "change_note": f"Note {n}."}
        )
    with CaptureQueriesContext(connection) as five:
        assert client.get(compare_url(amended, show="all")).status_code == 200
    assert len(five) == len(two)


def test_a_changed_signature_is_shown_among_the_changes(client, amended, drafter, reviewer, publisher):
    workflow.amend(amended, drafter)
    _publish_edit(
        amended,
        drafter,
        reviewer,
        publisher,
        {"signature": "Sam Okafor\nPolice and Crime Commissioner", "change_note": "A new commissioner signs."},
    )

    text = page_text(client, compare_url(amended, **{"from": 2, "to": 3}))

    assert "Signed by" in text
    assert (
        '<ins class="app-diff__added"><span class="govuk-visually-hidden">Added: </span>Sam Okafor<br>Police and Crime Commissioner</ins>'
        in text
    )
