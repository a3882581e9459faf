"""The public page of a response: /reports/<report>/responses/<body>/."""

import datetime

import pytest
from django.utils import timezone

from responses.snapshot import render_html, take_snapshot
from tests.factories import ResponseFactory, ResponseItemFactory, publish, response_with_findings
from tracker.models import Addressee, Finding

pytestmark = pytest.mark.django_db


def page_text(client, url):
    """The page's HTML with runs of white space folded, as a reader would see the words."""
    return " ".join(client.get(url).content.decode().split())


def test_it_shows_the_report_the_body_and_every_finding_with_its_comment(client):
    response = response_with_findings(4, published=True)
    page = client.get(response.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert response.report.title in html
    assert f"Response from: {response.body.name}" in html
    for item in response.items.all():
        assert item.finding.reference in html
        assert item.finding.text in html
        assert item.comment in html


def test_it_shows_findings_in_report_order_grouped_by_kind(client):
    response = ResponseFactory()
    ResponseItemFactory(response=response, finding__order=2, finding__reference="Recommendation 1")
    ResponseItemFactory(
        response=response,
        finding__order=1,
        finding__kind=Finding.Kind.CAUSE_OF_CONCERN,
        finding__reference="Cause of concern 1",
    )
    publish(response)
    html = client.get(response.get_absolute_url()).content.decode()
    assert html.index("Causes of concern") < html.index("Cause of concern 1") < html.index("Recommendation 1")
    assert '<h2 class="govuk-heading-l">Recommendations</h2>' in html


def test_it_says_whether_the_response_was_published_within_the_56_days(client):
    on_time = ResponseFactory(report__published_on=datetime.date(2020, 2, 27))
    publish(on_time, when=timezone.make_aware(datetime.datetime(2020, 4, 22, 16, 0)))
    late = ResponseFactory(report=on_time.report)
    publish(late, when=timezone.make_aware(datetime.datetime(2020, 4, 23, 9, 0)))
    assert "22 April 2020: published within the 56 days" in page_text(client, on_time.get_absolute_url())
    assert "23 April 2020: published after the 56 days" in page_text(client, late.get_absolute_url())


def test_it_shows_addressees_and_a_deadline_stated_in_the_finding(client):
    item = ResponseItemFactory(finding__deadline_on=datetime.date(2024, 3, 31))
    item.finding.addressees.add(Addressee.objects.get(name="Chief constables"))
    publish(item.response)
    text = page_text(client, item.response.get_absolute_url())
    assert "Addressed to: Chief constables" in text
    assert "Deadline in the report: 31 March 2024" in text


def test_demo_content_is_marked_as_an_example(client):
    response = response_with_findings(1, published=True, is_example=True)
    html = client.get(response.get_absolute_url()).content.decode()
    assert "Example content." in html


def test_it_escapes_what_people_typed(client):
    item = ResponseItemFactory(comment='<script>alert("x")</script>')
    publish(item.response)
    html = client.get(item.response.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_page_title_names_the_page_and_the_site(client):
    response = response_with_findings(1, published=True)
    html = client.get(response.get_absolute_url()).content.decode()
    assert (
        f"<title>{response.body.name}: response to {response.report.title} – Inspection response tracker</title>"
        in html
    )


@pytest.mark.parametrize("url_name", ["get_absolute_url", "get_pdf_url"])
def test_a_draft_is_not_found_by_an_anonymous_reader(client, url_name):
    draft = response_with_findings(2)
    assert client.get(getattr(draft, url_name)()).status_code == 404


@pytest.mark.parametrize("url_name", ["get_absolute_url", "get_pdf_url"])
def test_a_draft_is_not_found_by_staff_of_another_body(client, outsider, body, url_name):
    draft = response_with_findings(2, body=body)
    client.force_login(outsider)
    assert client.get(getattr(draft, url_name)()).status_code == 404


def test_staff_of_the_body_can_preview_their_draft(client, drafter, body):
    draft = response_with_findings(2, body=body)
    client.force_login(drafter)
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "Draft preview: this response is not published" in page.content.decode()


def test_an_unknown_report_or_body_is_not_found(client):
    response = response_with_findings(1, published=True)
    assert client.get(f"/reports/no-such-report/responses/{response.body.slug}/").status_code == 404
    assert client.get(f"/reports/{response.report.slug}/responses/no-such-body/").status_code == 404
    assert client.get(f"/reports/{response.report.slug}/responses/no-such-body.pdf").status_code == 404


def test_the_page_costs_the_same_queries_with_3_findings_as_with_30(client, django_assert_num_queries):
    small = response_with_findings(3, published=True)
    large = response_with_findings(30, published=True)
    for item in large.items.all():
        item.finding.addressees.add(*Addressee.objects.all()[:2])
    # the response with its report, body and current version; its versions
    small_url, large_url = small.get_absolute_url(), large.get_absolute_url()
    with django_assert_num_queries(2) as small_queries:
        assert client.get(small_url).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        page = client.get(large_url)
    assert page.content.decode().count('class="app-response-item"') == 30


SIGNATURE = "Alex Morgan\nPolice and Crime Commissioner for Aberwen"


def test_the_sign_off_ends_the_page_after_the_last_finding_one_line_each(client):
    response = response_with_findings(2, published=True, signature=SIGNATURE)

    html = page_text(client, response.get_absolute_url())

    last_comment = html.index(response.items.order_by("-finding__order").first().comment)
    sign_off = html.index('<section class="app-signature" aria-labelledby="signature-heading">')
    assert last_comment < sign_off
    assert html[sign_off:].startswith(
        '<section class="app-signature" aria-labelledby="signature-heading">'
        ' <h2 class="govuk-heading-m" id="signature-heading">Signed by</h2>'
        ' <div class="app-prose app-signature__text"><p>Alex Morgan<br>Police and Crime Commissioner for Aberwen</p></div>'
        " </section>"
    )


def test_an_unsigned_response_has_no_sign_off(client):
    response = response_with_findings(1, published=True)

    assert "Signed by" not in page_text(client, response.get_absolute_url())


def test_a_snapshot_from_before_signatures_still_renders_without_a_sign_off():
    """Revisions and published versions stored before the snapshot carried the key stay readable."""
    response = response_with_findings(1, signature=SIGNATURE)
    old = take_snapshot(response)
    del old["signature"]

    html = render_html(old)

    assert response.items.get().comment in html
    assert "app-signature" not in html and "Alex Morgan" not in html
