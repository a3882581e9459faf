"""`manage.py seed_demo`: a living site on first start, safe to run again, loaded from the demo
files (imports/demo/) through the import path."""

import json
import shutil
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from imports.management.commands import seed_demo
from imports.management.commands.seed_demo import demo_files, read_demo_response
from imports.parsers.structured import report_from_json
from responses.models import Response, ResponseItem
from tests.parse_coverage import lost_words
from tracker.models import Finding, InspectionReport, LocalPolicingBody

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (InspectionReport, Finding, Response, ResponseItem)]


def test_it_loads_reports_with_published_and_draft_responses():
    call_command("seed_demo", stdout=StringIO())
    assert InspectionReport.objects.count() >= 3
    assert Response.objects.published().values("body").distinct().count() >= 3
    assert Response.objects.filter(status=Response.Status.DRAFT).exists()
    assert set(Finding.objects.values_list("kind", flat=True)) >= {
        "recommendation",
        "area-for-improvement",
        "cause-of-concern",
    }


def test_every_demo_response_is_marked_as_an_example_and_answers_every_finding():
    call_command("seed_demo", stdout=StringIO())
    for response in Response.objects.select_related("report"):
        assert response.is_example
        assert response.items.count() == response.report.findings.count()


def test_running_it_twice_creates_nothing_more():
    call_command("seed_demo", stdout=StringIO())
    before = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == before


def test_if_empty_leaves_a_database_with_reports_alone():
    InspectionReport.objects.create(
        title="Already here", slug="already-here", report_type="other", published_on="2024-01-01"
    )
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert InspectionReport.objects.count() == 1
    assert "not loaded" in out.getvalue()


def test_every_published_demo_response_renders_as_a_page_and_a_pdf(client):
    call_command("seed_demo", stdout=StringIO())
    for response in Response.objects.published():
        page = client.get(response.get_absolute_url())
        assert page.status_code == 200
        assert "Example content." in page.content.decode()
    first = Response.objects.published().first()
    assert client.get(first.get_pdf_url())["Content-Type"] == "application/pdf"
    for draft in Response.objects.filter(status=Response.Status.DRAFT):
        assert client.get(draft.get_absolute_url()).status_code == 404


# The demo must never pose as a real report: a real one comes in only by import (issue 7).
NCPI_2019_TITLE = "National Child Protection Inspections: 2019 thematic report"


def test_every_demo_report_is_titled_as_an_example():
    call_command("seed_demo", stdout=StringIO())
    for report in InspectionReport.objects.all():
        assert report.title.startswith("Example: ")
        assert report.slug.startswith("example-")
        assert "HMICFRS has not published it" in report.summary


def test_no_demo_report_carries_the_real_ncpi_2019_report_or_its_type():
    call_command("seed_demo", stdout=StringIO())
    assert not InspectionReport.objects.filter(title__iexact=NCPI_2019_TITLE).exists()
    assert not InspectionReport.objects.filter(title__icontains="child protection inspection").exists()
    assert not InspectionReport.objects.filter(report_type="ncpi").exists()


def test_no_demo_report_points_at_a_real_inspectorate_page():
    call_command("seed_demo", stdout=StringIO())
    assert not InspectionReport.objects.filter(source_url__icontains="justiceinspectorates.gov.uk").exists()
    assert set(InspectionReport.objects.values_list("source_url", flat=True)) == {""}


def test_demo_reports_are_published_after_the_last_change_of_body():
    call_command("seed_demo", stdout=StringIO())
    for report in InspectionReport.objects.all():
        assert date(2024, 6, 1) <= report.published_on <= date(2026, 10, 31)


def test_every_demo_response_comes_from_a_body_that_must_answer_the_report():
    call_command("seed_demo", stdout=StringIO())
    for response in Response.objects.select_related("report", "body"):
        report, body = response.report, response.body
        assert report.concerns_all_forces or report.forces.filter(pk=body.force_id).exists()
        assert LocalPolicingBody.objects.in_office_on(report.published_on).filter(pk=body.pk).exists()
        if response.published_at:
            published_on = timezone.localdate(response.published_at)
            assert LocalPolicingBody.objects.in_office_on(published_on).filter(pk=body.pk).exists()


def test_the_demo_has_responses_on_time_late_and_still_in_draft():
    call_command("seed_demo", stdout=StringIO())
    published = list(Response.objects.published().select_related("report"))
    assert {response.published_on_time for response in published} == {True, False}
    assert Response.objects.filter(status=Response.Status.DRAFT).count() >= 2
    assert Finding.objects.filter(kind="cause-of-concern", recommendations__isnull=False).exists()
    assert InspectionReport.objects.filter(concerns_all_forces=False, forces__isnull=False).exists()


# The demo is files in the import format, loaded through the import path -----------------------


def _report_files():
    return [report_from_json(path.read_text(encoding="utf-8")) for path in demo_files("reports")]


def _response_files():
    return [read_demo_response(path) for path in demo_files("responses")]


def test_every_demo_file_is_read_by_the_import_format():
    reports = _report_files()
    responses = _response_files()
    assert (len(reports), len(responses)) == (5, 10)
    titles = {report.title for report in reports}
    for example, response in responses:
        assert response.report_title in titles
        assert example.draft == (response.published_on is None)
    # Each file is what the format would write for its parse: nothing in it is ignored on reading.
    for path, report in zip(demo_files("reports"), reports, strict=True):
        written = {key: value for key, value in report.to_json().items() if key != "flags"}
        assert json.loads(path.read_text(encoding="utf-8")) == written
    for path, (_, response) in zip(demo_files("responses"), responses, strict=True):
        written = {key: value for key, value in response.to_json().items() if key != "flags"}
        assert json.loads(path.read_text(encoding="utf-8"))["response"] == written


def test_no_word_of_a_demo_file_is_lost_on_reading():
    for path in demo_files("reports") + demo_files("responses"):
        text = " ".join(_strings(json.loads(path.read_text(encoding="utf-8"))))
        parsed = read_demo_response(path)[1] if path.parent.name == "responses" else report_from_json(path.read_text())
        # The envelope's and the format's own words are structure, not text.
        assert lost_words(text, parsed, structure="tracker report response 1 published draft") == [], path.name


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def test_the_reports_are_saved_exactly_as_their_files_say():
    call_command("seed_demo", stdout=StringIO())
    for parsed in _report_files():
        report = InspectionReport.objects.get(title=parsed.title)
        assert (
            report.report_type,
            report.published_on,
            report.source_url,
            report.summary,
            report.concerns_all_forces,
            sorted(report.forces.values_list("slug", flat=True)),
        ) == (
            parsed.report_type,
            parsed.published_on,
            parsed.source_url,
            parsed.summary,
            parsed.concerns_all_forces,
            sorted(parsed.forces),
        )
        saved = [
            (
                f.kind,
                f.reference,
                f.text,
                sorted(f.addressees.values_list("slug", flat=True)),
                f.cause_of_concern.reference if f.cause_of_concern else "",
                f.deadline_on,
                f.deadline_text,
                sorted(f.addressed_forces.values_list("slug", flat=True)),
            )
            for f in report.findings.order_by("order")
        ]
        assert saved == [
            (
                f.kind,
                f.reference,
                f.text,
                sorted(f.addressees),
                f.cause_of_concern,
                f.deadline_on,
                f.deadline_text,
                sorted(f.addressed_forces),
            )
            for f in parsed.findings
        ]
    assert Finding.objects.filter(addressed_forces__slug="essex-police").count() == 5
    assert Finding.objects.filter(cause_of_concern__isnull=False).count() == 2


def test_the_responses_are_saved_as_their_files_say_as_examples():
    call_command("seed_demo", stdout=StringIO())
    for _, parsed in _response_files():
        response = Response.objects.get(report__title=parsed.report_title, body__name=parsed.body_name)
        assert response.is_example
        assert (
            response.introduction,
            response.chief_officer_comments,
            response.chief_officer_comments_received_on,
            response.reply_to_chief_officer,
            response.source_body_name,
        ) == (
            parsed.introduction,
            parsed.chief_officer_comments,
            parsed.chief_officer_comments_received_on,
            parsed.reply_to_chief_officer,
            "",
        )
        items = {item.finding.reference: (item.position, item.comment) for item in response.items.all()}
        assert items == {item.finding.reference: (item.position, item.comment) for item in parsed.items}
        assert not response.quotations.exists()


def test_a_draft_is_a_draft_with_the_loaders_revision_and_not_an_imported_record():
    call_command("seed_demo", stdout=StringIO())
    drafts = Response.objects.filter(status=Response.Status.DRAFT)
    assert sorted(drafts.values_list("body__slug", flat=True)) == ["north-wales-pcc", "staffordshire-pfcc"]
    for draft in drafts:
        assert not draft.is_imported and not draft.is_published and draft.published_at is None
        (revision,) = draft.revisions.all()
        assert revision.author is None  # the demo loader, a system actor
        assert revision.snapshot["introduction"] == draft.introduction
        assert not draft.events.exists()


def test_a_published_example_is_recorded_by_the_demo_loader_on_its_date():
    call_command("seed_demo", stdout=StringIO())
    published = {parsed.body_name: parsed.published_on for example, parsed in _response_files() if not example.draft}
    assert len(published) == 8
    for response in Response.objects.published().select_related("body"):
        assert timezone.localdate(response.published_at) == published[response.body.name]
        (event,) = response.events.all()
        assert (event.action, event.system_actor, event.actor) == ("seed_demo", "demo data", None)
        assert event.comment == "Example content, published on its date."
        assert not response.current_version.statutory_copies.exists()
        # Example content, published nowhere else: not labelled as an imported record.
        assert not response.is_imported
        assert "Example content." in response.current_version.html
        assert "Imported record" not in response.current_version.html
        assert "First published at" not in response.current_version.html


def test_the_command_prints_what_it_created_and_then_that_it_created_nothing():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "  reports: 5 in the demo set, 5 created" in out.getvalue()
    assert "  response items: 52 in the demo set, 52 created" in out.getvalue()
    again = StringIO()
    call_command("seed_demo", stdout=again)
    for what, total in (("reports", 5), ("findings", 25), ("responses", 10), ("response items", 52)):
        assert f"  {what}: {total} in the demo set, 0 created" in again.getvalue()


def test_a_second_run_leaves_edits_to_demo_rows_alone():
    call_command("seed_demo", stdout=StringIO())
    report = InspectionReport.objects.get(slug="example-a-peel-inspection-of-essex-police")
    report.title = "Example: A PEEL inspection of Essex Police (corrected)"
    report.save()
    finding = report.findings.get(reference="Area for improvement 1")
    finding.text = "Edited by an admin."
    finding.save()
    draft = Response.objects.get(body__slug="staffordshire-pfcc")
    draft.introduction = "Edited by a drafter."
    draft.save()
    before = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == before
    report.refresh_from_db()
    assert report.title == "Example: A PEEL inspection of Essex Police (corrected)"
    assert report.findings.get(reference="Area for improvement 1").text == "Edited by an admin."
    assert Response.objects.get(body__slug="staffordshire-pfcc").introduction == "Edited by a drafter."


@pytest.fixture
def demo_copy(tmp_path, monkeypatch):
    """A copy of the demo files to spoil, which seed_demo then reads."""
    shutil.copytree(seed_demo.DEMO_DIR, tmp_path / "demo")
    monkeypatch.setattr(seed_demo, "DEMO_DIR", tmp_path / "demo")
    return tmp_path / "demo"


def _edit(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_demo_response_lacking_an_item_for_a_finding_is_refused_and_nothing_is_saved(demo_copy):
    path = demo_copy / "responses" / "04-09-essex-pfcc.json"
    _edit(path, lambda data: data["response"]["items"].pop(2))
    with pytest.raises(
        CommandError, match="must have one item per finding; 04-09-essex-pfcc.json has none for Area for improvement 3"
    ):
        call_command("seed_demo", stdout=StringIO())
    assert _counts() == [0, 0, 0, 0]


def test_a_demo_file_not_in_the_format_is_refused_naming_the_problem(demo_copy):
    path = demo_copy / "responses" / "01-01-cumbria-pfcc.json"
    _edit(path, lambda data: data["response"].update(chief_officer_comments_received_on="18 October 2024"))
    with pytest.raises(CommandError, match="chief_officer_comments_received_on must be a date written as YYYY-MM-DD"):
        call_command("seed_demo", stdout=StringIO())
    assert _counts() == [0, 0, 0, 0]


def test_a_demo_status_other_than_published_or_draft_is_refused(demo_copy):
    path = demo_copy / "responses" / "01-01-cumbria-pfcc.json"
    _edit(path, lambda data: data["demo"].update(status="scheduled"))
    with pytest.raises(CommandError, match="demo.status must be one of published, draft, not 'scheduled'"):
        call_command("seed_demo", stdout=StringIO())
    assert _counts() == [0, 0, 0, 0]


def test_a_draft_with_a_publication_date_is_refused(demo_copy):
    path = demo_copy / "responses" / "05-10-north-wales-pcc.json"
    _edit(path, lambda data: data["response"].update(published_on="2026-11-20"))
    with pytest.raises(CommandError, match="A draft has not been published"):
        call_command("seed_demo", stdout=StringIO())
    assert _counts() == [0, 0, 0, 0]
