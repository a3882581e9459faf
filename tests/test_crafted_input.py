"""No 500 from crafted input (issue 8): JSON nested too deep or holding text no database can store,
any field of a staff form missing, junk or extra, and CSV too long to check: each is a 4xx with a
message (or works), and a refusal leaves every table as it was. The CSV reader is linear: counted
in comparisons, never timed."""

import datetime
import json
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from imports.models import ImportJob
from imports.parsers import structured
from imports.parsers.parse import parse_report, parse_response
from imports.parsers.parsed import ImportProblem
from responses import workflow
from responses.models import Response
from tests.factories import FindingFactory, ReportFactory

pytestmark = pytest.mark.django_db

REPORT = {
    "format": "tracker-report/1",
    "title": "An inspection of how forces record calls",
    "published_on": "2024-03-12",
    "report_type": "national-thematic",
    "findings": [
        {"kind": "recommendation", "reference": "Recommendation 1", "text": "Chief constables should record calls."}
    ],
}
RESPONSE = {
    "format": "tracker-response/1",
    "report_title": "An inspection of how forces record calls",
    "body_name": "Police and Crime Commissioner for Testshire",
    "introduction": "We welcome it.",
    "items": [
        {
            "finding": {
                "kind": "recommendation",
                "reference": "Recommendation 1",
                "text": "Chief constables should record calls.",
            },
            "comment": "We will.",
        }
    ],
}


def table_counts():
    """Rows in every table but the browser import's own jobs (a step of its, not a change)."""
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model is not ImportJob}


def _nested(depth):
    """A finding with an extra key holding `depth` nested lists: valid JSON, deeper than any format."""
    text = json.dumps(REPORT)
    return text.replace(
        '"Chief constables should record calls."',
        '"Chief constables should record calls.", "extra": ' + "[" * depth + "]" * depth,
        1,
    )


# Deep JSON ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [40, 1_100, 100_000])
def test_json_nested_too_deep_is_refused_with_a_message(depth):
    with pytest.raises(ImportProblem, match="The JSON is nested more than 32 levels deep"):
        parse_report(_nested(depth).encode(), fmt="json")


def test_a_response_nested_too_deep_is_refused_with_a_message():
    text = json.dumps(RESPONSE).replace('"We will."', '"We will.", "extra": ' + "[" * 1_100 + "]" * 1_100, 1)
    with pytest.raises(ImportProblem, match="nested more than 32 levels deep"):
        parse_response(text.encode(), fmt="json")


def test_json_nested_as_deep_as_the_format_is_read():
    parsed = parse_response(json.dumps(RESPONSE).encode(), fmt="json")
    assert parsed.items[0].comment == "We will."


def test_the_import_command_refuses_deep_json_and_saves_nothing(tmp_path):
    path = tmp_path / "report.json"
    path.write_text(_nested(1_100), encoding="utf-8")
    counts = table_counts()
    with pytest.raises(CommandError, match="nested more than 32 levels deep"):
        call_command("import_report", str(path))
    assert table_counts() == counts


def test_a_publishers_browser_import_of_deep_json_is_a_400_with_the_message(client, publisher):
    """Reachable by any publisher: this was a 500 (RecursionError)."""
    text = json.dumps(RESPONSE).replace('"We will."', '"We will.", "extra": ' + "[" * 1_100 + "]" * 1_100, 1)
    client.force_login(publisher)
    counts = table_counts()
    reply = client.post("/staff/import/", {"kind": "response", "pasted": text, "fmt": "json"})
    assert reply.status_code == 400
    assert "The JSON is nested more than 32 levels deep" in reply.content.decode()
    assert table_counts() == counts


def test_a_number_too_long_to_read_is_refused_with_a_message():
    text = json.dumps(REPORT).replace('"2024-03-12"', "9" * 5_000)
    with pytest.raises(ImportProblem, match="it has a number too long to read"):
        parse_report(text.encode(), fmt="json")


# Text no database can store -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "escape"),
    [("title", "\\u0000"), ("findings[0].text", "\\u0000"), ("findings[0].text", "\\ud800")],
)
def test_json_text_with_a_nul_or_a_lone_surrogate_is_refused_naming_where(where, escape):
    text = json.dumps(REPORT)
    if where == "title":
        text = text.replace('record calls"', f'record calls{escape}"', 1)
    else:
        text = text.replace("should record calls.", f"should record{escape} calls.", 1)
    with pytest.raises(ImportProblem, match=rf"^{re.escape(where)} contains"):
        parse_report(text.encode(), fmt="json")


def test_the_import_command_refuses_a_nul_and_saves_nothing(tmp_path):
    """On PostgreSQL this was a 500 (DataError: PostgreSQL text cannot hold U+0000)."""
    path = tmp_path / "response.json"
    report = ReportFactory(title="An inspection of how forces record calls")
    FindingFactory(report=report, reference="Recommendation 1", text="Chief constables should record calls.")
    path.write_text(json.dumps({**RESPONSE, "introduction": "We welcome\u0000 it."}), encoding="utf-8")
    counts = table_counts()
    with pytest.raises(CommandError, match="introduction contains the character U\\+0000"):
        call_command("import_response", str(path), f"--report={report.slug}")
    assert table_counts() == counts


def test_a_publishers_browser_import_with_a_nul_is_a_400_with_the_message(client, publisher):
    client.force_login(publisher)
    counts = table_counts()
    text = json.dumps({**RESPONSE, "introduction": "We welcome\u0000 it."})
    reply = client.post("/staff/import/", {"kind": "response", "pasted": text, "fmt": "json"})
    assert reply.status_code == 400
    assert "introduction contains the character U+0000" in reply.content.decode()
    assert table_counts() == counts


def test_a_csv_cell_with_a_nul_is_refused():
    with pytest.raises(ImportProblem, match="U\\+0000"):
        structured.report_from_csv(
            "kind,reference,text\nrecommendation,Recommendation 1,Record\x00 calls.\n", title="A report"
        )


@pytest.mark.parametrize(("key", "data"), [("source_url", REPORT), ("original_url", RESPONSE)])
@pytest.mark.parametrize(
    "url", ["javascript:alert(document.domain)//", "data:text/html,<script>alert(1)</script>", "ftp://x"]
)
def test_an_imported_address_that_is_not_a_web_address_is_refused_naming_the_field(key, data, url):
    read = structured.report_from_json if data is REPORT else structured.response_from_json
    with pytest.raises(ImportProblem, match=rf"^{key} must be a web address starting with https:// or http://"):
        read(json.dumps({**data, key: url}))


@pytest.mark.parametrize(("key", "data"), [("source_url", REPORT), ("original_url", RESPONSE)])
def test_an_imported_web_address_is_kept(key, data):
    read = structured.report_from_json if data is REPORT else structured.response_from_json
    url = "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/an-inspection/"
    assert getattr(read(json.dumps({**data, key: url})), key) == url


# Staff forms: any field missing, junk or extra --------------------------------------------------


def _new_draft(body, drafter):
    report = ReportFactory()
    for _ in range(2):
        FindingFactory(report=report)
    response = workflow.start(report, body, drafter)
    for item in response.items.all():
        item.comment = f"We will act on {item.finding.reference}."
        item.position = "action-proposed"
        item.save()
    workflow.write_revision(response, drafter)
    return Response.objects.get(pk=response.pk)


def _in_state(state, people):
    """A new response of `people`'s body in `state`, reached through the workflow."""
    drafter, reviewer, publisher = people["drafter"], people["reviewer"], people["publisher"]
    response = _new_draft(people["body"], drafter)
    if state == "draft":
        return response
    if state == "forced":
        workflow.force_publish(response, publisher, "The deadline is today.")
        return Response.objects.get(pk=response.pk)
    workflow.submit(response, drafter)
    if state == "in_review":
        return Response.objects.get(pk=response.pk)
    workflow.approve(response, reviewer)
    if state == "approved":
        return Response.objects.get(pk=response.pk)
    if state == "scheduled":
        workflow.schedule(response, publisher, timezone.now() + datetime.timedelta(days=2))
        return Response.objects.get(pk=response.pk)
    workflow.publish(response, publisher)
    if state == "amendment":
        workflow.amend(response, drafter)
    return Response.objects.get(pk=response.pk)


def _editor_data(response):
    data = {
        "base_edit_count": str(response.edit_count),
        "introduction": "Our introduction.",
        "chief_officer_comments": "The chief agrees.",
        "chief_officer_comments_requested_on_0": "1",
        "chief_officer_comments_requested_on_1": "3",
        "chief_officer_comments_requested_on_2": "2024",
        "chief_officer_comments_due_on_0": "29",
        "chief_officer_comments_due_on_1": "3",
        "chief_officer_comments_due_on_2": "2024",
        "chief_officer_comments_received_on_0": "2",
        "chief_officer_comments_received_on_1": "4",
        "chief_officer_comments_received_on_2": "2024",
        "reply_to_chief_officer": "Thank you.",
    }
    if response.is_amendment:
        data.update(change_note="We corrected a date.", change_is_major="yes")
    for item in response.items.all():
        data[f"item-{item.finding_id}-comment"] = f"Comment on {item.finding.reference}."
        data[f"item-{item.finding_id}-position"] = "action-taken"
    return data


def _transition(action):
    return lambda response: f"/staff/responses/{response.pk}/actions/{action}/"


SOON = timezone.localdate() + datetime.timedelta(days=3)

# form: (state, who posts it, url, data of a valid post)
STAFF_FORMS = {
    "editor": ("draft", "drafter", lambda r: f"/staff/responses/{r.pk}/edit/", _editor_data),
    "amendment editor": ("amendment", "drafter", lambda r: f"/staff/responses/{r.pk}/edit/", _editor_data),
    "remark": (
        "draft",
        "drafter",
        lambda r: f"/staff/responses/{r.pk}/remarks/",
        lambda r: {"remark-text": "Check the dates."},
    ),
    "submit": ("draft", "drafter", _transition("submit"), lambda r: {}),
    "request changes": (
        "in_review",
        "reviewer",
        _transition("request_changes"),
        lambda r: {"request_changes-reason": "Fix it."},
    ),
    "approve": (
        "in_review",
        "reviewer",
        _transition("approve"),
        lambda r: {"approve-comment": "Good.", "approve-revision": r.revisions.order_by("-number").first().number},
    ),
    "publish": ("approved", "publisher", _transition("publish"), lambda r: {}),
    "schedule": (
        "approved",
        "publisher",
        _transition("schedule"),
        lambda r: {
            "schedule-publish_on_0": str(SOON.day),
            "schedule-publish_on_1": str(SOON.month),
            "schedule-publish_on_2": str(SOON.year),
            "schedule-publish_at": "09:30",
        },
    ),
    "unschedule": ("scheduled", "publisher", _transition("unschedule"), lambda r: {}),
    "force publish": (
        "draft",
        "publisher",
        _transition("force_publish"),
        lambda r: {"force_publish-reason": "The deadline is today."},
    ),
    "retrospective approval": (
        "forced",
        "reviewer",
        _transition("retrospective_approve"),
        lambda r: {"retrospective_approve-comment": "Fine."},
    ),
    "amend": ("published", "drafter", _transition("amend"), lambda r: {}),
    "withdraw": (
        "published",
        "publisher",
        _transition("withdraw"),
        lambda r: {"withdraw-reason": "Replaced by a new report."},
    ),
}
JUNK_VALUES = ["", "\x00", "9" * 30, "-1", "é" * 300, "<script>alert(1)</script>", ["one", "two"]]
EXTRA_FIELDS = {
    "junk": "x",
    "item-99999999-comment": "Not a finding of this report.",
    "item-abc-position": "no-action",
    "status": "published",
    "approved_revision": "1",
    "change_is_major": "yes",
    "csrfmiddlewaretoken": "forged",
}


@pytest.fixture
def people(body, drafter, reviewer, publisher):
    return {"body": body, "drafter": drafter, "reviewer": reviewer, "publisher": publisher}


def _post(client, people, form, change):
    state, who, url, data = STAFF_FORMS[form]
    response = _in_state(state, people)
    posted = change(data(response))
    client.force_login(people[who])
    return client.post(url(response), posted)


@pytest.mark.parametrize("form", STAFF_FORMS)
def test_each_field_of_each_staff_form_may_be_missing(client, people, form):
    state, _, _, data = STAFF_FORMS[form]
    names = list(data(_in_state(state, people)))
    for n in range(len(names)):
        reply = _post(
            client,
            people,
            form,
            lambda posted, n=n: {key: value for i, (key, value) in enumerate(posted.items()) if i != n},
        )
        assert reply.status_code < 500, f"{form} without {names[n]}: {reply.status_code}"


@pytest.mark.parametrize("form", STAFF_FORMS)
@pytest.mark.parametrize("junk", JUNK_VALUES, ids=["empty", "nul", "digits", "negative", "long", "markup", "repeated"])
def test_every_field_of_each_staff_form_may_be_junk(client, people, form, junk):
    reply = _post(client, people, form, lambda posted: {key: junk for key in posted})
    assert reply.status_code < 500, f"{form} with every field {junk!r}: {reply.status_code}"


@pytest.mark.parametrize("form", STAFF_FORMS)
def test_extra_fields_on_each_staff_form_are_ignored(client, people, form):
    reply = _post(client, people, form, lambda posted: {**EXTRA_FIELDS, **posted})
    assert reply.status_code == 302, f"{form} with extra fields: {reply.status_code}"


def test_the_amendment_editor_saves_without_change_is_major_as_a_minor_change(client, people):
    """This was a 500: the empty choice reached the model's BooleanField as ""."""
    response = _in_state("amendment", people)
    data = _editor_data(response)
    del data["change_is_major"]
    client.force_login(people["drafter"])
    reply = client.post(f"/staff/responses/{response.pk}/edit/", data)
    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.change_note == "We corrected a date." and response.change_is_major is False


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("introduction", "Introduction must not contain the character U+0000"),
        (
            "reply_to_chief_officer",
            "Our reply to the chief officer&#x27;s comments must not contain the character U+0000",
        ),
        ("signature", "Signed by must not contain the character U+0000"),
    ],
)
def test_a_nul_typed_into_the_editor_is_refused_naming_the_field_and_the_text_kept(client, people, field, message):
    response = _in_state("draft", people)
    data = {**_editor_data(response), field: "Before\x00after, and the rest."}
    client.force_login(people["drafter"])
    counts = table_counts()
    reply = client.post(f"/staff/responses/{response.pk}/edit/", data)
    assert reply.status_code == 400
    html = reply.content.decode()
    assert message in html
    assert "after, and the rest." in html
    assert table_counts() == counts


def test_a_day_too_large_for_a_date_is_refused_not_a_500(client, people):
    response = _in_state("approved", people)
    client.force_login(people["publisher"])
    reply = client.post(
        f"/staff/responses/{response.pk}/actions/schedule/",
        {
            "schedule-publish_on_0": "9" * 20,
            "schedule-publish_on_1": "3",
            "schedule-publish_on_2": "2030",
            "schedule-publish_at": "09:30",
        },
    )
    assert reply.status_code == 400
    assert "Enter a real date" in reply.content.decode()


# CSV: bounded and linear ------------------------------------------------------------------------


def _csv(rows, repeat_every=None):
    lines = ["kind,reference,text"]
    for n in range(rows):
        reference = f"Recommendation {n % repeat_every if repeat_every else n}"
        lines.append(f"recommendation,{reference},Chief constables should make improvement {n}.")
    return "\n".join(lines) + "\n"


def test_a_csv_of_a_million_rows_is_refused_naming_the_row_limit():
    """Under the size limit (about 50 MB): this ran for 4 minutes (a quadratic duplicate check)."""
    text = _csv(1_000_000)
    with pytest.raises(ImportProblem, match=r"more than 100,000 rows of findings.*\(IMPORT_MAX_ROWS\)"):
        structured.report_from_csv(text, title="A report")


def test_the_row_limit_is_a_setting(settings):
    settings.IMPORT_MAX_ROWS = 10
    structured.report_from_csv(_csv(10), title="A report")
    with pytest.raises(ImportProblem, match="more than 10 rows"):
        structured.report_from_csv(_csv(11), title="A report")


def test_json_findings_over_the_row_limit_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 2
    findings = [
        {"kind": "recommendation", "reference": f"Recommendation {n}", "text": "Record calls."} for n in range(3)
    ]
    with pytest.raises(ImportProblem, match=r"findings has more than 2 entries.*\(IMPORT_MAX_ROWS\)"):
        structured.report_from_json(json.dumps({**REPORT, "findings": findings}))


def test_the_import_command_refuses_a_csv_over_the_row_limit_and_saves_nothing(tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 5
    path = tmp_path / "findings.csv"
    path.write_text(_csv(6), encoding="utf-8")
    counts = table_counts()
    with pytest.raises(CommandError, match="IMPORT_MAX_ROWS"):
        call_command("import_report", str(path), "--title=A report")
    assert table_counts() == counts


class CountedReference(str):
    """A reference that counts how often it is compared: list.count() compares every pair."""

    comparisons = 0

    def __eq__(self, other):
        CountedReference.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def _comparisons_to_read(rows, monkeypatch):
    real_finding = structured._finding

    def finding(data, where):
        parsed = real_finding(data, where)
        parsed.reference = CountedReference(parsed.reference)
        return parsed

    monkeypatch.setattr(structured, "_finding", finding)
    CountedReference.comparisons = 0
    structured.report_from_csv(_csv(rows), title="A report")
    return CountedReference.comparisons


def test_reading_a_csv_compares_references_a_number_of_times_linear_in_its_rows(monkeypatch):
    small, large = _comparisons_to_read(2_000, monkeypatch), _comparisons_to_read(4_000, monkeypatch)
    assert large <= 2 * small + 10
    assert large <= 4_000  # the quadratic check made about 16,000,000


def test_repeated_references_are_still_named(monkeypatch):
    with pytest.raises(ImportProblem, match="Recommendation 0, Recommendation 1 appears more than once"):
        structured.report_from_csv(_csv(5, repeat_every=3), title="A report")
