"""The response import format's s.55(4)-(5) details: the chief officer's comments and their dates,
the reply to them, the explanation of lateness and the signature. They are read and checked by
response_from_json, round-trip through to_json, are shown by the plan and saved on the response.
Also a finding's addressed_forces, in the report format."""

import datetime
import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from imports.parsers.parsed import ImportProblem, ParsedFinding, ParsedItem, ParsedReport, ParsedResponse
from imports.parsers.structured import report_from_json, response_from_json
from responses.models import Response
from tests.factories import BodyFactory, FindingFactory, ForceFactory, ReportFactory
from tracker import limits
from tracker.models import Finding

TITLE = "An inspection of how forces answer the phone"

FINDING = ParsedFinding(
    kind="recommendation",
    reference="Recommendation 1",
    text="Chief constables should answer every emergency call within ten seconds.",
    addressees=["chief-constables"],
)


def full_response(body_name="Police and Crime Commissioner for Exshire"):
    return ParsedResponse(
        report_title=TITLE,
        body_name=body_name,
        introduction="The Commissioner welcomes the report.\n\nThis response sets out the position.",
        items=[ParsedItem(finding=FINDING, comment="The force now meets this target.", position="action-taken")],
        published_on=datetime.date(2024, 4, 20),
        report_published_on=datetime.date(2024, 3, 1),
        original_url="https://www.exshire-pcc.example/hmicfrs/phones",
        chief_officer_comments="The force accepts the findings.\n\nA plan is in place.",
        chief_officer_comments_requested_on=datetime.date(2024, 3, 4),
        chief_officer_comments_due_on=datetime.date(2024, 4, 1),
        chief_officer_comments_received_on=datetime.date(2024, 3, 28),
        reply_to_chief_officer="The Commissioner will follow the plan at each accountability meeting.",
        late_explanation="",
        signature="Alex Example\nPolice and Crime Commissioner for Exshire",
    )


def as_text(parsed):
    return json.dumps(parsed.to_json())


def test_every_new_field_round_trips_through_the_format():
    parsed = full_response()
    parsed.late_explanation = "The panel met after the 56 days had run."
    assert response_from_json(as_text(parsed)) == parsed


def test_a_response_without_the_new_fields_reads_them_as_empty():
    data = full_response().to_json()
    for name in (
        "chief_officer_comments",
        "chief_officer_comments_requested_on",
        "chief_officer_comments_due_on",
        "chief_officer_comments_received_on",
        "reply_to_chief_officer",
        "late_explanation",
        "signature",
    ):
        del data[name]
    parsed = response_from_json(json.dumps(data))
    assert (
        parsed.chief_officer_comments,
        parsed.chief_officer_comments_requested_on,
        parsed.chief_officer_comments_due_on,
        parsed.chief_officer_comments_received_on,
        parsed.reply_to_chief_officer,
        parsed.late_explanation,
        parsed.signature,
    ) == ("", None, None, None, "", "", "")


def test_the_signature_keeps_its_lines():
    assert (
        response_from_json(as_text(full_response())).signature
        == "Alex Example\nPolice and Crime Commissioner for Exshire"
    )


DATE_FIELDS = (
    "chief_officer_comments_requested_on",
    "chief_officer_comments_due_on",
    "chief_officer_comments_received_on",
)
TEXT_LIMITS = {
    "chief_officer_comments": limits.RESPONSE_TEXT_MAX,
    "reply_to_chief_officer": limits.RESPONSE_TEXT_MAX,
    "late_explanation": limits.NOTE_MAX,
    "signature": limits.NOTE_MAX,
}

BAD_VALUES = (
    [(name, "28/03/2024", rf"{name} must be a date written as YYYY-MM-DD, not '28/03/2024'") for name in DATE_FIELDS]
    + [(name, "2024-02-30", rf"{name} must be a date written as YYYY-MM-DD") for name in DATE_FIELDS]
    + [(name, 20240328, rf"{name} must be a date written as YYYY-MM-DD, not 20240328") for name in DATE_FIELDS]
    # Python's fromisoformat reads these too; the format says YYYY-MM-DD.
    + [(name, "20240328", rf"{name} must be a date written as YYYY-MM-DD, not '20240328'") for name in DATE_FIELDS]
    + [(name, "2024-W13-4", rf"{name} must be a date written as YYYY-MM-DD") for name in DATE_FIELDS]
    + [(name, ["a list"], rf"^{name} must be text$") for name in TEXT_LIMITS]
    + [
        (name, "x" * (limit + 1), rf"^{name} is longer than {limit:,} characters$")
        for name, limit in TEXT_LIMITS.items()
    ]
    + [(name, "a\x00b", rf"^{name} contains the character U\+0000") for name in TEXT_LIMITS]
)


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES)
def test_a_bad_value_of_a_new_field_is_refused_naming_the_field(name, value, message):
    data = full_response().to_json()
    data[name] = value
    with pytest.raises(ImportProblem, match=message):
        response_from_json(json.dumps(data))


@pytest.mark.parametrize(("name", "limit"), TEXT_LIMITS.items())
def test_a_text_at_its_limit_is_accepted(name, limit):
    data = full_response().to_json()
    data[name] = "x" * limit
    assert getattr(response_from_json(json.dumps(data)), name) == "x" * limit


# Through the command: saved on the response, shown by the plan, nothing written on bad input -------


def table_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def run(*args):
    out = StringIO()
    call_command("import_response", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def answered(db, tmp_path):
    """A report in the tracker with the finding the response quotes, a body, and the response as a file."""
    report = ReportFactory(title=TITLE, published_on=datetime.date(2024, 3, 1))
    FindingFactory(report=report, reference=FINDING.reference, text=FINDING.text)
    body = BodyFactory()

    def write(parsed=None, **changes):
        data = (parsed or full_response(body.name)).to_json()
        data.update(changes)
        path = tmp_path / "response.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    return report, body, write


def test_an_imported_response_gets_the_new_fields_on_the_saved_response(answered):
    report, body, write = answered
    parsed = full_response(body.name)
    parsed.late_explanation = "Published late because the panel met after the deadline."
    run(str(write(parsed)), "--body", body.slug)
    response = Response.objects.get(report=report, body=body)
    assert (
        response.chief_officer_comments,
        response.chief_officer_comments_requested_on,
        response.chief_officer_comments_due_on,
        response.chief_officer_comments_received_on,
        response.reply_to_chief_officer,
        response.late_explanation,
        response.signature,
    ) == (
        "The force accepts the findings.\n\nA plan is in place.",
        datetime.date(2024, 3, 4),
        datetime.date(2024, 4, 1),
        datetime.date(2024, 3, 28),
        "The Commissioner will follow the plan at each accountability meeting.",
        "Published late because the panel met after the deadline.",
        "Alex Example\nPolice and Crime Commissioner for Exshire",
    )
    assert response.is_imported and not response.is_example
    # Published as a record, the chief officer's comments are in what the public reads.
    assert "A plan is in place." in response.current_version.html


@pytest.mark.parametrize(("name", "value"), [(name, "1 April 2024") for name in DATE_FIELDS] + [("signature", 7)])
def test_a_bad_value_of_a_new_field_changes_nothing(answered, name, value):
    _, body, write = answered
    path = write(**{name: value})
    counts = table_counts()
    with pytest.raises(CommandError, match=name):
        run(str(path), "--body", body.slug)
    assert table_counts() == counts


def test_the_plan_names_the_new_fields_when_they_are_set(answered):
    _, body, write = answered
    parsed = full_response(body.name)
    parsed.late_explanation = "The panel met after the 56 days had run."
    out = run(str(write(parsed)), "--body", body.slug, "--dry-run")
    assert (
        "The chief officer's comments (10 words; asked for on 4 March 2024, due by 1 April 2024, "
        "received on 28 March 2024) are recorded with the response." in out
    )
    assert "The reply to the chief officer's comments (10 words) is recorded." in out
    assert "Its explanation of publishing after the 56 days: “The panel met after the 56 days had run.”" in out
    assert "Signed: Alex Example, Police and Crime Commissioner for Exshire." in out
    assert not Response.objects.exists()


def test_the_plan_says_nothing_of_fields_the_source_lacks(answered):
    _, body, write = answered
    out = run(
        str(
            write(
                chief_officer_comments="",
                chief_officer_comments_requested_on=None,
                chief_officer_comments_due_on=None,
                chief_officer_comments_received_on=None,
                reply_to_chief_officer="",
                signature="",
            )
        ),
        "--body",
        body.slug,
        "--dry-run",
    )
    assert "chief officer" not in out and "Signed" not in out and "explanation" not in out


def test_dates_of_comments_with_none_of_their_words_are_still_said(answered):
    _, body, write = answered
    out = run(str(write(chief_officer_comments="")), "--body", body.slug, "--dry-run")
    assert (
        "The chief officer's comments were asked for on 4 March 2024, due by 1 April 2024, received on 28 March 2024; "
        "the source has none of their words." in out
    )


def test_the_same_source_with_another_signature_is_not_called_the_same(answered):
    _, body, write = answered
    run(str(write()), "--body", body.slug)
    again = run(str(write(signature="Sam Other\nDeputy Commissioner")), "--body", body.slug)
    assert "It differs from this source; it is left as it is" in again
    assert Response.objects.get(body=body).signature == "Alex Example\nPolice and Crime Commissioner for Exshire"
    assert "No changes" in run(str(write()), "--body", body.slug)


# A finding addressed to named forces (report format) ------------------------------------------


def forces_report(forces):
    return ParsedReport(
        title="An inspection of two forces' custody suites",
        published_on=datetime.date(2024, 5, 2),
        concerns_all_forces=False,
        forces=forces,
        findings=[
            ParsedFinding(
                kind="recommendation",
                reference="Recommendation 1",
                text="Both forces should check every detained person once an hour.",
                addressed_forces=forces,
            )
        ],
    )


def test_addressed_forces_round_trip_through_the_report_format():
    parsed = forces_report(["aberwen-police", "ynys-police"])
    data = parsed.to_json()
    assert data["findings"][0]["addressed_forces"] == ["aberwen-police", "ynys-police"]
    assert report_from_json(json.dumps(data)) == parsed


@pytest.mark.django_db
def test_an_imported_finding_is_addressed_to_its_forces(tmp_path):
    forces = [ForceFactory(slug="aberwen-police"), ForceFactory(slug="ynys-police")]
    path = tmp_path / "report.json"
    path.write_text(json.dumps(forces_report([force.slug for force in forces]).to_json()), encoding="utf-8")
    call_command("import_report", str(path), stdout=StringIO())
    finding = Finding.objects.get(reference="Recommendation 1")
    assert set(finding.addressed_forces.all()) == set(forces)
    assert set(finding.report.forces.all()) == set(forces)


@pytest.mark.django_db
def test_a_force_not_in_the_tracker_is_refused_naming_it(tmp_path):
    ForceFactory(slug="aberwen-police")
    path = tmp_path / "report.json"
    path.write_text(json.dumps(forces_report(["aberwen-police", "nowhere-police"]).to_json()), encoding="utf-8")
    counts = table_counts()
    with pytest.raises(CommandError, match="No force has the slug nowhere-police"):
        call_command("import_report", str(path), stdout=StringIO())
    assert table_counts() == counts
