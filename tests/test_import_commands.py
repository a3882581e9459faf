"""The import commands: clear messages on bad input, nothing written, the same source twice changes nothing."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from responses.models import Response
from tests.factories import BodyFactory, MembershipFactory, UserFactory
from tracker.models import Finding, InspectionReport

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_8afd4baeb6f5bf21.txt"

REPORT_TEXT = """An inspection of how forces record calls

Published: 12 March 2024

Recommendations

Recommendation 1
By 30 September 2024, chief constables should make sure that every call is recorded.

Recommendation 2
Chief constables should publish how long callers wait.

Areas for improvement

Area for improvement 1
Forces should improve how they tell callers what happens next.
"""


def table_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def run(command, *args):
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    return path


def test_a_text_report_is_imported_with_its_findings(report_file):
    out, _ = run("import_report", str(report_file))
    report = InspectionReport.objects.get(title="An inspection of how forces record calls")
    assert str(report.published_on) == "2024-03-12"
    assert [f.reference for f in report.findings.order_by("order")] == [
        "Recommendation 1",
        "Recommendation 2",
        "Area for improvement 1",
    ]
    assert "Saved" in out


def test_importing_the_same_source_twice_leaves_the_database_identical(report_file):
    run("import_report", str(report_file))
    before = {
        label: list(apps.get_model(label).objects.order_by("pk").values())
        for label in ("tracker.InspectionReport", "tracker.Finding")
    }
    counts = table_counts()
    out, _ = run("import_report", str(report_file))
    assert "No changes" in out
    assert table_counts() == counts
    assert {label: list(apps.get_model(label).objects.order_by("pk").values()) for label in before} == before


def test_dry_run_saves_nothing(report_file):
    counts = table_counts()
    out, _ = run("import_report", str(report_file), "--dry-run")
    assert "New report" in out
    assert table_counts() == counts


def test_json_prints_the_import_format_and_it_imports_back(report_file, tmp_path):
    out, _ = run("import_report", str(report_file), "--json")
    data = json.loads(out)
    assert data["format"] == "tracker-report/1"
    assert [f["kind"] for f in data["findings"]] == ["recommendation", "recommendation", "area-for-improvement"]
    data["findings"][1]["text"] = "Chief constables should publish how long callers wait, each month."
    corrected = tmp_path / "corrected.json"
    corrected.write_text(json.dumps(data), encoding="utf-8")
    run("import_report", str(corrected))
    assert Finding.objects.get(reference="Recommendation 2").text.endswith("each month.")


def test_a_changed_source_never_rewrites_a_finding_a_response_refers_to(report_file, tmp_path):
    run("import_report", str(report_file))
    finding = Finding.objects.get(reference="Recommendation 1")
    from tests.factories import ResponseItemFactory

    ResponseItemFactory(finding=finding, response__report=finding.report)
    changed = tmp_path / "changed.txt"
    changed.write_text(
        REPORT_TEXT.replace("every call is recorded", "every call is recorded and logged"), encoding="utf-8"
    )
    out, _ = run("import_report", str(changed))
    assert "responses refer to it: left as it is" in out
    finding.refresh_from_db()
    assert finding.text.endswith("every call is recorded.")


def test_csv_needs_the_documented_columns(tmp_path):
    path = tmp_path / "findings.csv"
    path.write_text("number,words\n1,Something\n", encoding="utf-8")
    counts = table_counts()
    with pytest.raises(CommandError, match="columns kind, reference and text"):
        run("import_report", str(path), "--title", "A report", "--published-on", "2024-01-01")
    assert table_counts() == counts


def test_a_csv_report_imports(tmp_path):
    path = tmp_path / "findings.csv"
    path.write_text(
        "kind,reference,text,addressees\n"
        "recommendation,Recommendation 1,Chief constables should act.,chief-constables\n"
        "area-for-improvement,AFI 1,The force should improve.,\n",
        encoding="utf-8",
    )
    run("import_report", str(path), "--title", "A CSV report", "--published-on", "2024-01-01")
    report = InspectionReport.objects.get(title="A CSV report")
    assert report.findings.count() == 2
    assert list(report.findings.get(reference="Recommendation 1").addressees.values_list("slug", flat=True)) == [
        "chief-constables"
    ]


BAD_INPUTS = [
    ("empty.txt", b"", "The file is empty"),
    ("blank.txt", b"   \n\n  ", "The file is empty"),
    ("random.pdf", bytes(range(256)) * 40, "not a PDF"),
    ("latin1.txt", "Recommendation 1\nChief constables should act on caf\xe9s.".encode("latin-1"), "not UTF-8"),
    ("wrong.json", b'{"title": "x"}', "not a report in the import format"),
    ("broken.json", b'{"format": "tracker-report/1", ', "The JSON is not valid"),
    (
        "kinds.json",
        json.dumps(
            {
                "format": "tracker-report/1",
                "title": "T",
                "published_on": "2024-01-01",
                "findings": [{"kind": "wish", "reference": "R1", "text": "t"}],
            }
        ).encode(),
        "kind must be one of",
    ),
    ("nothing.txt", b"Just some words about policing, with no findings in them.", "No recommendations"),
]


@pytest.mark.parametrize("name,content,message", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_gives_a_clear_message_and_writes_nothing(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    counts = table_counts()
    with pytest.raises(CommandError, match=message):
        run("import_report", str(path), "--published-on", "2024-01-01")
    assert table_counts() == counts


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings, report_file):
    settings.IMPORT_MAX_BYTES = 100
    counts = table_counts()
    with pytest.raises(CommandError, match="over the 0 MB limit|over the"):
        run("import_report", str(report_file))
    assert table_counts() == counts


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        run("import_report", str(tmp_path / "nowhere.pdf"))


def test_html_with_scripts_imports_the_text_and_never_the_script(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><title>An inspection of scripts</title><script>alert('x')</script></head><body>"
        "<nav><a href='/'>Home</a></nav><div class='cookie-banner'>We use cookies</div>"
        "<main><h1>An inspection of scripts</h1><p>Published: 1 February 2024</p><h2>Recommendations</h2>"
        "<h3>Recommendation 1</h3><p>Chief constables should <b>test</b> their systems.<script>document.write('pwned')</script></p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    run("import_report", str(page), "--published-on", "2024-02-01")
    finding = Finding.objects.get(reference="Recommendation 1")
    assert "pwned" not in finding.text and "alert" not in finding.text
    assert finding.text == "Chief constables should test their systems."


def test_a_response_for_a_body_the_user_does_not_belong_to_is_refused(tmp_path):
    outsider = UserFactory(username="someone-else")
    MembershipFactory(user=outsider, role="publisher")
    body = BodyFactory()
    path = tmp_path / "response.json"
    path.write_text(
        json.dumps(
            {
                "format": "tracker-response/1",
                "report_title": "A report",
                "report_published_on": "2024-01-01",
                "body_name": body.name,
                "introduction": "Intro.",
                "items": [
                    {
                        "finding": {"kind": "recommendation", "reference": "Recommendation 1", "text": "Do it."},
                        "comment": "Done.",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    counts = table_counts()
    with pytest.raises(CommandError, match="only import responses for bodies in which you are a publisher"):
        run("import_response", str(path), "--body", body.slug, "--user", "someone-else")
    assert table_counts() == counts


def test_a_failing_command_exits_non_zero():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_report", "/no/such/file.pdf"],
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tracker.settings_test"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "There is no file at /no/such/file.pdf" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone")
class TestTheSeed:
    def test_dry_run_json_from_the_repo_root(self, tmp_path):
        # A migrated database of its own: the command looks the body up among the 43 shipped ones.
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'seed.sqlite3'}",
        }
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=REPO, env=env, check=True)
        result = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "import_response",
                "../shared/seeds/000_8afd4baeb6f5bf21.txt",
                "--dry-run",
                "--json",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["report_title"] == "National Child Protection Inspections: 2019 thematic report"
        assert data["body_name"] == "Office of the Police and Crime Commissioner, Hampshire"
        assert data["body"] == "hampshire-and-the-isle-of-wight-pcc"
        assert data["introduction"].startswith(
            "While Hampshire Constabulary was not a part of this thematic inspection"
        )
        assert len(data["items"]) == 3
        assert all(item["comment"] for item in data["items"])
        assert "between 5th and 9th December 2016, looking at" in data["items"][2]["comment"]
        assert any("Such steps" in flag["message"] for flag in data["flags"])

    def test_importing_it_publishes_a_response_showing_all_three(self, client):
        out, _ = run("import_response", str(SEED), "--report-published-on", "2020-02-27")
        response = Response.objects.get(body__slug="hampshire-and-the-isle-of-wight-pcc")
        assert response.is_imported and response.is_published
        html = " ".join(client.get(response.get_absolute_url()).content.decode().split())
        for item in response.items.all():
            assert " ".join(item.comment.split())[:60] in html
        assert response.items.exclude(comment="").count() == 3
        # The public name is the body's own; the source's wording is kept for reference only.
        assert f"Response from: {response.body.name}" in html
        assert "Office of the Police and Crime Commissioner, Hampshire" not in html
        assert response.source_body_name == "Office of the Police and Crime Commissioner, Hampshire"
        assert "Imported record: first published elsewhere" in html
        assert "the original date is not known" in html
        again, _ = run("import_response", str(SEED), "--report-published-on", "2020-02-27")
        assert "No changes" in again


def _answer_by_text(tmp_path):
    from tests.factories import FindingFactory, ReportFactory

    report = ReportFactory(title="A report answered by text")
    kept = FindingFactory(
        report=report, reference="Recommendation 1", text="Chief constables should train every officer."
    )
    FindingFactory(report=report, reference="Recommendation 2", text="Chief constables should publish the results.")
    body = BodyFactory()
    path = tmp_path / "response.json"
    path.write_text(
        json.dumps(
            {
                "format": "tracker-response/1",
                "report_title": "A report answered by text",
                "body_name": body.name,
                "introduction": "Intro.",
                "items": [
                    {
                        "finding": {
                            "kind": "recommendation",
                            "reference": "Recommendation 2",
                            "text": "Chief constables should train every officer.",
                        },
                        "comment": "Training starts in May.",
                    },
                    {
                        "finding": {
                            "kind": "recommendation",
                            "reference": "Recommendation 1",
                            "text": "Something the report never said.",
                        },
                        "comment": "A comment.",
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    return report, kept, body, path


def test_a_response_is_matched_to_existing_findings_by_their_words_not_their_numbers(tmp_path):
    report, kept, body, path = _answer_by_text(tmp_path)
    out, _ = run("import_response", str(path), "--body", body.slug, "--keep-unmatched")
    assert "Recommendation 2 (as quoted): Matched to Recommendation 1 by its words" in out
    response = Response.objects.get(report=report, body=body)
    assert response.items.get(finding=kept).comment == "Training starts in May."
    assert report.findings.count() == 2


def test_a_quoted_finding_the_report_lacks_fails_the_command_naming_it_and_adds_nothing(tmp_path):
    report, kept, body, path = _answer_by_text(tmp_path)
    counts = table_counts()
    with pytest.raises(
        CommandError,
        match=r"1 quoted finding\(s\) match none .*Recommendation 1: “Something the report never said.”.*--keep-unmatched",
    ):
        run("import_response", str(path), "--body", body.slug)
    assert table_counts() == counts


PDF_PROBLEMS = [
    ("make_truncated_pdf", "damaged or incomplete"),
    ("make_encrypted_pdf", "password-protected"),
    ("make_scanned_pdf", "no text layer"),
]


@pytest.mark.parametrize("maker,message", PDF_PROBLEMS, ids=[case[0] for case in PDF_PROBLEMS])
def test_a_bad_pdf_gives_a_clear_message_and_writes_nothing(tmp_path, maker, message):
    from tests import report_pdfs

    path = tmp_path / "report.pdf"
    path.write_bytes(getattr(report_pdfs, maker)())
    counts = table_counts()
    with pytest.raises(CommandError, match=message):
        run("import_report", str(path), "--published-on", "2024-01-01")
    assert table_counts() == counts


def test_a_generated_report_pdf_imports_every_finding(tmp_path):
    from tests import report_pdfs

    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdfs.make_report_pdf())
    run("import_report", str(path))
    report = InspectionReport.objects.get()
    kinds = list(report.findings.values_list("kind", flat=True))
    assert kinds.count("area-for-improvement") == 3 and "cause-of-concern" in kinds
    under = report.findings.filter(cause_of_concern__isnull=False)
    assert under.count() == 2


def test_standard_input_is_read_for_a_dash(monkeypatch):
    import io as _io

    monkeypatch.setattr("sys.stdin", _io.TextIOWrapper(_io.BytesIO(REPORT_TEXT.encode())))
    out, _ = run("import_report", "-", "--dry-run")
    assert "New report: An inspection of how forces record calls" in out
