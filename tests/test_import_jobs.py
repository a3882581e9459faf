"""Background imports: the upload kept in storage, the parse run from the task queue by the import
worker, a dead worker's parse retried once or failed within a minute, nothing ever half-written;
and the preview of a report of 2,000 findings saved in one request."""

import datetime
import threading
import time

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from imports import tasks
from imports.models import ImportJob
from imports.parsers.parsed import ParsedFinding, ParsedReport
from tests.factories import UserFactory
from tests.test_import_views import report_details
from tracker.models import Finding, InspectionReport

REPORT = b"""An inspection of stations

Published: 2 May 2024

Recommendations

Recommendation 1
Chief constables should keep front counters open.

Recommendation 2
Chief constables should publish opening hours.
"""

PARSE_TASK = "imports.tasks.parse_import_job"


def table_counts():
    """Rows in every table but the import jobs' own."""
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model is not ImportJob}


def stored_uploads():
    return set(default_storage.listdir("imports")[1]) if default_storage.exists("imports") else set()


def queued_parses():
    return list(DBTaskResult.objects.ready().filter(task_path=PARSE_TASK).values_list("args_kwargs", flat=True))


def run_worker_once():
    """What `manage.py db_worker` does with each queued task: claim it, run it, record the outcome.
    (Its loop opens an exclusive transaction that SQLite refuses inside a test's own; the real loop
    is run in test_import_views.test_a_large_file_is_read_in_the_background_with_progress.)"""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


@pytest.fixture
def importer(db):
    return UserFactory(username="importer", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, importer):
    client.force_login(importer)
    return client


@pytest.fixture
def in_background(settings):
    """Every upload counts as large."""
    settings.IMPORT_BACKGROUND_BYTES = 0


def upload(admin_client, content=REPORT, name="stations.txt"):
    reply = admin_client.post(
        "/staff/import/", {"kind": "report", "upload": SimpleUploadedFile(name, content), "fmt": "auto"}
    )
    assert reply.status_code == 302, reply.content.decode()[:2000]
    job = ImportJob.objects.latest("pk")
    assert reply["Location"] == job.get_absolute_url()
    return job


def died(job, seconds_ago, attempts):
    """The job as a worker left it when it died `seconds_ago`, on attempt number `attempts`."""
    for task in DBTaskResult.objects.ready().filter(task_path=PARSE_TASK):
        task.claim("worker-that-died")  # it had taken the task; it is RUNNING for ever now
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.PARSING,
        attempts=attempts,
        heartbeat_at=now - datetime.timedelta(seconds=seconds_ago),
        progress=40,
    )
    job.refresh_from_db()
    return now


# The upload, the queue and the task ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_large_upload_is_stored_with_its_job_and_queued_not_threaded(admin_client, in_background):
    threads = set(threading.enumerate())
    job = upload(admin_client)
    assert job.status == ImportJob.Status.PARSING and job.attempts == 1 and job.heartbeat_at is None
    assert job.source.name.startswith("imports/") and job.source.name.endswith("-stations.txt")
    with default_storage.open(job.source.name, "rb") as stored:
        assert stored.read() == REPORT
    assert queued_parses() == [{"args": [job.pk, 1], "kwargs": {}}]
    assert set(threading.enumerate()) == threads
    html = admin_client.get(job.get_absolute_url()).content.decode()
    assert "Waiting for the import worker to start reading stations.txt" in html and "js/import-status.js" in html


@pytest.mark.django_db
def test_large_pasted_text_is_stored_and_queued_too(admin_client, settings):
    settings.IMPORT_BACKGROUND_BYTES = 10
    admin_client.post("/staff/import/", {"kind": "report", "pasted": REPORT.decode(), "fmt": "text"})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PARSING and job.source_name == ""
    with default_storage.open(job.source.name, "rb") as stored:
        assert stored.read() == REPORT.strip()  # as the form cleaned it
    run_worker_once()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY, job.problem


@pytest.mark.django_db
def test_a_large_upload_over_the_size_limit_is_refused_before_anything_is_stored(admin_client, in_background, settings):
    settings.IMPORT_MAX_BYTES = 50
    counts, files = table_counts(), stored_uploads()
    reply = admin_client.post(
        "/staff/import/", {"kind": "report", "upload": SimpleUploadedFile("stations.txt", REPORT), "fmt": "auto"}
    )
    assert reply.status_code == 400 and "over the" in reply.content.decode()
    assert not ImportJob.objects.exists() and table_counts() == counts
    assert stored_uploads() == files


@pytest.mark.django_db
def test_running_the_task_parses_the_stored_upload(admin_client, in_background):
    job = upload(admin_client)
    assert run_worker_once() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY, job.problem
    assert job.progress == 100 and job.heartbeat_at is not None
    assert [f["reference"] for f in job.parsed["findings"]] == ["Recommendation 1", "Recommendation 2"]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert "Check what was found" in admin_client.get(job.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_pdf_read_by_the_task_reports_its_progress_page_by_page(admin_client, in_background, monkeypatch):
    from tests import report_pdfs

    seen = []
    parse_report = tasks.parse_report

    def watched(data, *, progress, **kwargs):
        def recording(done, total):
            progress(done, total)
            seen.append(ImportJob.objects.values_list("progress", "heartbeat_at").get(pk=job.pk))

        return parse_report(data, progress=recording, **kwargs)

    job = upload(admin_client, report_pdfs.make_report_pdf(), "report.pdf")
    monkeypatch.setattr(tasks, "parse_report", watched)
    run_worker_once()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY, job.problem
    assert len(job.parsed["findings"]) >= 5
    progress = [done for done, _ in seen]
    assert len(progress) > 2 and progress == sorted(progress) and progress[-1] == 99  # 100 only when done
    assert all(heartbeat is not None for _, heartbeat in seen)


@pytest.mark.django_db
def test_a_damaged_file_fails_with_the_problem_and_its_upload_is_deleted(admin_client, in_background):
    job = upload(admin_client, b"\x00\x01garbage" * 100, "report.pdf")
    stored = job.source.name
    counts = table_counts()
    run_worker_once()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "This file is not a PDF" in job.problem
    assert job.source.name == "" and not default_storage.exists(stored)
    html = admin_client.get(job.get_absolute_url()).content.decode()
    assert "<title>Error: " in html and "This file is not a PDF" in html and "Nothing was saved" in html
    assert table_counts() == counts


@pytest.mark.django_db
def test_an_upload_gone_from_storage_fails_with_a_message(admin_client, in_background):
    job = upload(admin_client)
    default_storage.delete(job.source.name)
    run_worker_once()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.problem == tasks.SOURCE_GONE


@pytest.mark.django_db
@pytest.mark.parametrize("failure", ["problem", "crash"])
def test_nothing_is_written_when_the_parse_fails_midway(admin_client, in_background, monkeypatch, failure):
    from imports.parsers.parsed import ImportProblem

    def parse_halfway(data, *, progress=None, **kwargs):
        progress(1, 3)
        raise ImportProblem("Page 2 could not be read") if failure == "problem" else RuntimeError("the parser broke")

    job = upload(admin_client)
    monkeypatch.setattr(tasks, "parse_report", parse_halfway)
    reports, findings, counts = InspectionReport.objects.count(), Finding.objects.count(), table_counts()
    run_worker_once()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.parsed is None
    assert job.problem == ("Page 2 could not be read" if failure == "problem" else tasks.UNEXPECTED)
    assert (InspectionReport.objects.count(), Finding.objects.count()) == (reports, findings)
    assert table_counts() == counts  # the queued task was there before; it is only marked done
    task = DBTaskResult.objects.get()
    # A crash is also recorded on the task, with its traceback, for a site admin.
    assert task.status == (TaskResultStatus.SUCCESSFUL if failure == "problem" else TaskResultStatus.FAILED)


@pytest.mark.django_db
def test_a_site_admin_reads_a_crashed_parses_traceback_in_the_admin(admin_client, in_background, monkeypatch):
    from django.urls import reverse

    def broken(data, **kwargs):
        raise RuntimeError("the parser broke")

    upload(admin_client)
    monkeypatch.setattr(tasks, "parse_report", broken)
    run_worker_once()
    task = DBTaskResult.objects.get()
    html = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[task.pk])).content.decode()
    assert "RuntimeError: the parser broke" in html


@pytest.mark.django_db
def test_the_upload_is_kept_until_the_import_is_saved(admin_client):
    admin_client.post(
        "/staff/import/", {"kind": "report", "upload": SimpleUploadedFile("stations.txt", REPORT), "fmt": "auto"}
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READY and queued_parses() == []  # small: read in the request
    stored = job.source.name
    assert default_storage.exists(stored)
    data = {"confirm": "yes", **report_details(job)}
    for n, finding in enumerate(job.parsed["findings"]):
        data.update(
            {f"f{n}-kind": finding["kind"], f"f{n}-reference": finding["reference"], f"f{n}-text": finding["text"]}
        )
    assert admin_client.post(job.get_absolute_url(), data).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SAVED
    assert job.source.name == "" and not default_storage.exists(stored)


@pytest.mark.django_db
def test_uploads_of_imports_left_unsaved_are_deleted_after_the_set_time(importer, settings):
    from django.core.files.base import ContentFile

    job = ImportJob.objects.create(user=importer, kind="report", status=ImportJob.Status.READY, parsed={})
    job.source.save("left.txt", ContentFile(REPORT))
    stored = job.source.name
    later = timezone.now() + datetime.timedelta(days=settings.IMPORT_KEEP_UNSAVED_DAYS)
    assert tasks.delete_unsaved_uploads(later - datetime.timedelta(minutes=1)) == 0
    assert tasks.delete_unsaved_uploads(later + datetime.timedelta(minutes=1)) == 1
    job.refresh_from_db()
    assert job.source.name == "" and not default_storage.exists(stored)
    assert job.status == ImportJob.Status.READY  # still there to check and save


def test_the_heartbeat_beats_while_the_parse_runs_and_stops_after(monkeypatch, settings):
    settings.IMPORT_HEARTBEAT_SECONDS = 0.01
    beats = []
    monkeypatch.setattr(tasks, "_touch", lambda job_id, attempt: beats.append((job_id, attempt)))
    with tasks._beating(7, 2):
        time.sleep(0.2)
    after = len(beats)
    time.sleep(0.05)
    assert after >= 3 and set(beats) == {(7, 2)}
    assert len(beats) == after


# Acceptance 2: the worker dies during a background import -----------------------------------------


@pytest.mark.django_db
def test_a_parse_whose_worker_died_is_queued_again_and_then_completes(admin_client, in_background):
    job = upload(admin_client)
    now = died(job, seconds_ago=61, attempts=1)
    assert queued_parses() == []  # the dead worker's task is RUNNING, and never will finish
    assert tasks.recover_stalled_jobs(now) == ([job.pk], [])
    job.refresh_from_db()
    assert (job.status, job.attempts, job.heartbeat_at, job.progress) == (ImportJob.Status.PARSING, 2, None, 0)
    assert queued_parses() == [{"args": [job.pk, 2], "kwargs": {}}]
    assert tasks.recover_stalled_jobs(now) == ([], [])  # once only, whoever else looks
    assert "The first try stopped before it finished" in admin_client.get(job.get_absolute_url()).content.decode()

    assert run_worker_once() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY and job.progress == 100, job.problem
    assert len(job.parsed["findings"]) == 2


@pytest.mark.django_db
def test_the_dead_workers_task_if_it_ever_ran_again_changes_nothing(admin_client, in_background):
    job = upload(admin_client)
    tasks.recover_stalled_jobs(died(job, seconds_ago=61, attempts=1))
    assert tasks.parse_import_job.call(job.pk, 1) == "skipped"
    job.refresh_from_db()
    assert (job.status, job.attempts, job.heartbeat_at) == (ImportJob.Status.PARSING, 2, None)


@pytest.mark.django_db
def test_a_parse_that_stopped_twice_fails_within_a_minute_and_nothing_is_written(admin_client, in_background):
    job = upload(admin_client)
    stored = job.source.name
    now = died(job, seconds_ago=61, attempts=2)
    counts = table_counts()
    assert tasks.recover_stalled_jobs(now) == ([], [job.pk])
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.problem == (
        "Reading the file stopped twice before it finished. Nothing was saved: try again, or ask a site admin."
    )
    assert job.source.name == "" and not default_storage.exists(stored)
    assert table_counts() == counts
    assert queued_parses() == []


@pytest.mark.django_db
def test_a_parse_that_beat_30_seconds_ago_is_left_alone(admin_client, in_background):
    job = upload(admin_client)
    now = died(job, seconds_ago=30, attempts=2)
    counts = table_counts()
    assert tasks.recover_stalled_jobs(now) == ([], [])
    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress) == (ImportJob.Status.PARSING, 2, 40)
    assert table_counts() == counts


@pytest.mark.django_db
def test_the_job_page_notices_a_dead_worker_at_once(admin_client, in_background):
    job = upload(admin_client)
    died(job, seconds_ago=61, attempts=2)
    html = admin_client.get(job.get_absolute_url()).content.decode()
    assert "<title>Error: " in html and "Reading the file stopped twice before it finished" in html


@pytest.mark.django_db
def test_the_recover_imports_command_queues_a_dead_workers_parse_again(admin_client, in_background, capsys):
    job = upload(admin_client)
    died(job, seconds_ago=61, attempts=1)
    call_command("recover_imports")
    assert "1 queued again, 0 failed" in capsys.readouterr().out
    job.refresh_from_db()
    assert job.attempts == 2 and queued_parses() == [{"args": [job.pk, 2], "kwargs": {}}]


@pytest.mark.django_db
def test_a_parse_no_worker_started_fails_after_the_wait_saying_so(admin_client, in_background, settings):
    job = upload(admin_client)
    queued = timezone.now()
    wait = datetime.timedelta(seconds=settings.IMPORT_WORKER_WAIT_SECONDS)
    assert tasks.recover_stalled_jobs(queued + wait - datetime.timedelta(seconds=5)) == ([], [])
    assert tasks.recover_stalled_jobs(queued + wait + datetime.timedelta(seconds=5)) == ([], [job.pk])
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "manage.py db_worker" in job.problem
    assert run_worker_once() == 1  # when a worker does start, the stale task changes nothing
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED


# A report of 2,000 findings; more than the limit ---------------------------------------------------


def report_job(user, findings):
    parsed = ParsedReport(
        title="An inspection with very many findings",
        published_on=datetime.date(2024, 5, 2),
        findings=[
            ParsedFinding(
                kind="recommendation",
                reference=f"Recommendation {n}",
                text=f"Chief constables should do thing number {n} by the end of the year.",
            )
            for n in range(1, findings + 1)
        ],
    )
    return ImportJob.objects.create(
        user=user, kind="report", status=ImportJob.Status.READY, progress=100, parsed=parsed.to_json()
    )


def confirm_data(job):
    data = {"confirm": "yes", **report_details(job)}
    for n, finding in enumerate(job.parsed["findings"]):
        data.update(
            {f"f{n}-kind": finding["kind"], f"f{n}-reference": finding["reference"], f"f{n}-text": finding["text"]}
        )
    return data


@pytest.mark.django_db
def test_the_preview_of_a_report_of_2000_findings_is_saved_in_one_request(admin_client, importer):
    job = report_job(importer, 2000)
    assert admin_client.get(job.get_absolute_url()).content.decode().count('name="f1999-text"') == 1
    data = confirm_data(job)
    assert len(data) > 6000
    reply = admin_client.post(job.get_absolute_url(), data)
    assert reply.status_code == 302, reply.content.decode()[:500]
    report = InspectionReport.objects.get(title="An inspection with very many findings")
    assert report.findings.count() == 2000
    assert report.findings.get(reference="Recommendation 2000").text.endswith(
        "thing number 2000 by the end of the year."
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SAVED


@pytest.mark.django_db
def test_a_report_over_the_findings_limit_is_refused_up_front_naming_the_limit(admin_client, settings):
    import json

    settings.IMPORT_MAX_FINDINGS = 3
    findings = [
        {"kind": "recommendation", "reference": f"Recommendation {n}", "text": f"Do thing {n}."} for n in range(1, 5)
    ]
    pasted = json.dumps({"format": "tracker-report/1", "title": "Too many", "findings": findings})
    counts = table_counts()
    reply = admin_client.post("/staff/import/", {"kind": "report", "pasted": pasted, "fmt": "json"})
    assert reply.status_code == 400
    assert "The file has 4 findings, over the limit of 3 for one import (IMPORT_MAX_FINDINGS)" in reply.content.decode()
    assert table_counts() == counts and not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_large_report_over_the_findings_limit_fails_in_the_background_naming_the_limit(
    admin_client, in_background, settings
):
    settings.IMPORT_MAX_FINDINGS = 1
    job = upload(admin_client)
    run_worker_once()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "The file has 2 findings, over the limit of 1 for one import (IMPORT_MAX_FINDINGS)" in job.problem


@pytest.mark.django_db
def test_splitting_findings_past_the_limit_in_the_preview_is_refused(admin_client, importer, settings):
    settings.IMPORT_MAX_FINDINGS = 3
    job = report_job(importer, 3)
    data = confirm_data(job)
    data["f0-text"] = "First half.\n---\nSecond half."
    reply = admin_client.post(job.get_absolute_url(), data)
    assert reply.status_code == 400
    assert "over the limit of 3 for one import" in reply.content.decode()
    assert not InspectionReport.objects.filter(title="An inspection with very many findings").exists()
