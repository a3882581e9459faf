"""The page of one finding across every body: /reports/<report>/findings/<reference>/."""

import datetime
import re

import pytest

from public.findings import finding_url
from responses import workflow
from tests.factories import (
    BodyFactory,
    FindingFactory,
    ReportFactory,
    ResponseFactory,
    ResponseItemFactory,
    publish,
    response_with_findings,
)
from tracker.models import Addressee, Finding

pytestmark = pytest.mark.django_db


def page_text(client, url):
    """The page's HTML with runs of white space folded, as a reader would see the words."""
    reply = client.get(url)
    assert reply.status_code == 200
    return " ".join(reply.content.decode().split())


def answer(finding, position="action-proposed", comment=None, body=None, published=True):
    """A response of `body` (a new one if None) to the finding's report, answering the finding."""
    response = ResponseFactory(report=finding.report, **({"body": body} if body else {}))
    ResponseItemFactory(
        response=response,
        finding=finding,
        position=position,
        comment=comment or f"{response.body.name} says: the plan is agreed and we will scrutinise it.",
    )
    return publish(response) if published else response


def counts(text):
    """{label: count} from the table of positions."""
    table = text[text.index('class="govuk-table app-position-counts"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<th scope="row"[^>]*>(?:<a [^>]*>)?([^<]+)(?:</a>)?</th> <td [^>]*>(\d+)</td>', table)
    return {label: int(count) for label, count in rows}


def force_report_with_bodies(n):
    """A report concerning n forces, each with one body in office: n bodies expected to answer."""
    report = ReportFactory(concerns_all_forces=False)
    bodies = [BodyFactory() for _ in range(n)]
    report.forces.add(*[body.force for body in bodies])
    return report, bodies


# The address -----------------------------------------------------------------------------------


def test_the_address_is_the_report_and_the_findings_reference(client):
    finding = FindingFactory(reference="Recommendation 3", report__slug="child-protection-2019")
    assert finding_url(finding) == "/reports/child-protection-2019/findings/recommendation-3/"
    assert client.get("/reports/child-protection-2019/findings/recommendation-3/").status_code == 200


def test_the_address_does_not_change_when_findings_are_added_or_reordered(client):
    finding = FindingFactory(reference="AFI 2", order=2)
    before = finding_url(finding)
    FindingFactory(report=finding.report, reference="AFI 1", order=1)
    Finding.objects.filter(pk=finding.pk).update(order=9)
    finding.refresh_from_db()
    assert finding_url(finding) == before
    assert "AFI 2" in page_text(client, before)


def test_a_reference_with_nothing_to_make_an_address_from_falls_back_to_its_id(client):
    finding = FindingFactory(reference="★")
    assert finding_url(finding).endswith(f"/findings/finding-{finding.pk}/")
    assert "★" in page_text(client, finding_url(finding))


def test_of_two_references_that_make_the_same_address_the_first_in_the_report_keeps_it(client):
    first = FindingFactory(reference="AFI 2", order=1, text="The first of them.")
    FindingFactory(report=first.report, reference="AFI-2", order=2, text="The second of them.")
    text = page_text(client, finding_url(first))
    assert "The first of them." in text and "The second of them." not in text


def test_an_unknown_report_or_finding_is_not_found(client):
    finding = FindingFactory(reference="Recommendation 1")
    elsewhere = FindingFactory(reference="Recommendation 7")
    assert client.get("/reports/no-such-report/findings/recommendation-1/").status_code == 404
    assert client.get(f"/reports/{finding.report.slug}/findings/recommendation-99/").status_code == 404
    # A finding of another report is not found under this one.
    assert client.get(f"/reports/{finding.report.slug}/findings/recommendation-7/").status_code == 404
    assert client.get(finding_url(elsewhere)).status_code == 200


# The finding -------------------------------------------------------------------------------------


def test_it_shows_the_findings_reference_kind_text_addressees_and_deadline(client):
    finding = FindingFactory(
        reference="Cause of concern 1",
        kind=Finding.Kind.CAUSE_OF_CONCERN,
        text="Forces do not share what they know about children at risk.",
        deadline_text="With immediate effect",
    )
    finding.addressees.add(Addressee.objects.get(name="Chief constables"))
    text = page_text(client, finding_url(finding))
    assert "Cause of concern 1" in text
    assert "Cause of concern</dd>" in text
    assert finding.text in text
    assert "Chief constables" in text
    assert "With immediate effect" in text


def test_it_links_a_recommendation_and_the_cause_of_concern_it_was_made_under(client):
    concern = FindingFactory(reference="Cause of concern 1", kind=Finding.Kind.CAUSE_OF_CONCERN, order=1)
    recommendation = FindingFactory(report=concern.report, reference="Recommendation 1", cause_of_concern=concern)
    assert finding_url(concern) in page_text(client, finding_url(recommendation))
    assert finding_url(recommendation) in page_text(client, finding_url(concern))


# Every body's answer ---------------------------------------------------------------------------


def test_it_shows_each_bodys_published_comment_and_position_linking_to_the_response(client):
    finding = FindingFactory()
    answers = [
        answer(finding, "action-taken", "We have trained every officer."),
        answer(finding, "action-proposed", "We will train every officer by March."),
        answer(finding, "no-action", "Our force already does this."),
    ]
    text = page_text(client, finding_url(finding))
    for response, words in zip(answers, ("Action taken", "Action proposed", "No action"), strict=True):
        item = response.items.get()
        assert response.body.name in text
        assert item.comment in text
        assert f'href="{response.get_absolute_url()}#finding-{finding.pk}"' in text
        block = text[text.index(f">{response.body.name}</a></h3>") :]
        assert words in block[: block.index("</section>")]


def test_answers_are_stacked_in_order_of_body_name(client):
    finding = FindingFactory()
    for name in ("Mayor of Zedshire", "Police and Crime Commissioner for Avon", "mayor of Middleshire"):
        answer(finding, body=BodyFactory(name=name))
    text = page_text(client, finding_url(finding))
    names = re.findall(r'<h3 class="govuk-heading-m app-answer__body"[^>]*><a [^>]*>([^<]+)</a>', text)
    assert names == ["mayor of Middleshire", "Mayor of Zedshire", "Police and Crime Commissioner for Avon"]


def test_an_unpublished_amendment_is_never_shown_only_the_published_comment(client, body, drafter):
    finding = FindingFactory()
    response = answer(finding, "action-proposed", "The published words.", body=body)
    workflow.amend(response, drafter)
    response.refresh_from_db()
    item = response.items.get()
    workflow.save(
        response,
        drafter,
        response.edit_count,
        {"change_note": "Draft note"},
        {item.finding_id: ("UNPUBLISHED-DRAFT-WORDS", "action-taken")},
    )
    assert response.items.get().comment == "UNPUBLISHED-DRAFT-WORDS"
    text = page_text(client, finding_url(finding))
    assert "The published words." in text
    assert "UNPUBLISHED-DRAFT-WORDS" not in text
    assert counts(text)["Action proposed"] == 1
    assert counts(text)["Action taken"] == 0


def test_a_response_never_published_is_not_shown(client):
    finding = FindingFactory()
    draft = answer(finding, comment="DRAFT-ONLY-WORDS", published=False)
    text = page_text(client, finding_url(finding))
    assert "DRAFT-ONLY-WORDS" not in text
    assert draft.get_absolute_url() not in text


def test_a_withdrawn_response_is_shown_marked_as_withdrawn(client, body, publisher):
    finding = FindingFactory()
    response = answer(finding, "action-taken", "Words later withdrawn.", body=body)
    workflow.withdraw(response, publisher, "Published in error.")
    text = page_text(client, finding_url(finding))
    block = text[text.index(f">{body.name}</a></h3>") :]
    block = block[: block.index("</section>")]
    assert "Withdrawn" in block
    assert "withdrawn on" in block
    assert "Words later withdrawn." in block
    assert counts(text)["Withdrawn"] == 1
    assert counts(text)["Action taken"] == 0


def test_a_published_response_that_does_not_address_the_finding_says_so(client):
    finding = FindingFactory()
    response = response_with_findings(1, published=True, report=finding.report)
    text = page_text(client, finding_url(finding))
    assert response.body.name in text
    assert "The published response does not address this finding." in text
    assert counts(text)["No position given"] == 1


# Counts and the filter -----------------------------------------------------------------------------


def test_it_counts_each_position_and_the_expected_bodies_with_no_answer_yet(client):
    report, bodies = force_report_with_bodies(6)
    finding = FindingFactory(report=report)
    answer(finding, "action-taken", body=bodies[0])
    answer(finding, "action-taken", body=bodies[1])
    answer(finding, "no-action", body=bodies[2])
    answer(finding, "", body=bodies[3])
    answer(finding, "action-proposed", body=bodies[4], published=False)  # a draft: no answer yet
    # bodies[5] has not started; a body of a force the report does not concern is not expected.
    BodyFactory()
    text = page_text(client, finding_url(finding))
    assert counts(text) == {
        "Action taken": 2,
        "Action proposed": 0,
        "No action": 1,
        "No position given": 1,
        "No answer yet": 2,
    }
    assert "No answer yet" in text
    for body in (bodies[4], bodies[5]):
        assert body.name in text


def test_a_body_whose_force_answered_through_its_predecessor_is_not_counted_as_not_yet(client):
    report, (old,) = force_report_with_bodies(1)
    report.published_on = datetime.date(2024, 3, 1)
    report.save()
    old.ended_on = datetime.date(2024, 5, 7)
    old.save()
    successor = BodyFactory(force=old.force, started_on=datetime.date(2024, 5, 8), kind="mayor")
    finding = FindingFactory(report=report)
    assert counts(page_text(client, finding_url(finding)))["No answer yet"] == 1
    answer(finding, "action-taken", body=old)
    text = page_text(client, finding_url(finding))
    assert counts(text)["No answer yet"] == 0
    assert successor.name not in text


def test_the_filter_shows_only_answers_with_that_position(client):
    finding = FindingFactory()
    taken = answer(finding, "action-taken", "TAKEN-WORDS")
    proposed = answer(finding, "action-proposed", "PROPOSED-WORDS")
    text = page_text(client, f"{finding_url(finding)}?position=action-taken")
    assert "TAKEN-WORDS" in text and taken.body.name in text
    assert "PROPOSED-WORDS" not in text and f">{proposed.body.name}</a>" not in text
    assert '<option value="action-taken" selected>' in text
    # The counts stay those of every answer.
    assert counts(text)["Action proposed"] == 1


def test_the_filter_is_a_get_form_that_works_without_javascript(client):
    finding = FindingFactory()
    answer(finding, "action-taken")
    text = page_text(client, finding_url(finding))
    form = text[text.index('<form method="get"') :]
    form = form[: form.index("</form>")]
    assert f'action="{finding_url(finding)}"' in form
    assert 'name="position"' in form
    assert '<button type="submit"' in form
    for value in ("action-taken", "action-proposed", "no-action", "no-position", "no-answer"):
        assert f'value="{value}"' in form


def test_filtering_by_no_answer_yet_lists_the_expected_bodies_without_a_response(client):
    report, bodies = force_report_with_bodies(3)
    finding = FindingFactory(report=report)
    answer(finding, "action-taken", "ANSWERED-WORDS", body=bodies[0])
    text = page_text(client, f"{finding_url(finding)}?position=no-answer")
    assert "ANSWERED-WORDS" not in text
    assert bodies[1].name in text and bodies[2].name in text


def test_an_unknown_filter_shows_every_answer(client):
    finding = FindingFactory()
    answer(finding, "action-taken", "TAKEN-WORDS")
    answer(finding, "no-action", "NONE-WORDS")
    text = page_text(client, f"{finding_url(finding)}?position=<script>")
    assert "TAKEN-WORDS" in text and "NONE-WORDS" in text
    assert "<script>" not in text.split("</head>")[1].replace('<script src="', "")


# Links to it ----------------------------------------------------------------------------------------


def test_the_report_page_links_each_finding_to_its_page(client):
    report = ReportFactory()
    findings = [FindingFactory(report=report) for _ in range(3)]
    text = page_text(client, report.get_absolute_url())
    for finding in findings:
        assert f'href="{finding_url(finding)}"' in text


def test_each_response_page_links_each_finding_to_its_page(client):
    response = response_with_findings(3, published=True)
    text = page_text(client, response.get_absolute_url())
    for item in response.items.select_related("finding__report"):
        assert f'href="{finding_url(item.finding)}"' in text
    assert client.get(finding_url(item.finding)).status_code == 200


def test_an_earlier_version_of_a_response_links_the_findings_it_answered(client):
    response = response_with_findings(2, published=True)
    publish(response)
    text = page_text(client, f"{response.get_absolute_url()}versions/1/")
    for item in response.items.select_related("finding__report"):
        assert f'href="{finding_url(item.finding)}"' in text


# Cost ---------------------------------------------------------------------------------------------------


def test_the_page_costs_the_same_queries_with_3_responses_as_with_30(client, django_assert_num_queries):
    small, large = FindingFactory(), FindingFactory()
    for finding, count in ((small, 3), (large, 30)):
        for _ in range(4):
            FindingFactory(report=finding.report)
        for _ in range(count):
            answer(finding, "action-taken")
    # the report, its findings, the finding's addressees and forces, the published responses with
    # their bodies and versions; the report's forces, linked force reports and every body
    with django_assert_num_queries(8) as small_queries:
        assert client.get(finding_url(small)).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        text = page_text(client, finding_url(large))
    assert text.count('class="app-answer"') == 30
