"""Reading an import's source into the preview's data, in the request or on the task queue.

A large upload is parsed by `parse_import_job`, a task on the django-tasks queue run by
`manage.py db_worker` (the queue is a database table, so a queued parse survives a restart of any
process). The task reads the upload from Django's storage, beats a heartbeat on the job while it
works, and ends with the parse stored on the job (READY) or the problem (FAILED). It writes nothing
but the job's own row: the person's confirm in the preview is what saves an import, all at once, so
a parse that dies part way can leave nothing half-written.

A worker that dies (killed, out of memory, a deploy) stops beating. `recover_stalled_jobs` finds
such jobs a minute later and queues them again, once; a job that stops twice has failed. The job
page calls it, and so does `manage.py recover_imports` (cron, every minute).
"""

import contextlib
import datetime
import logging
import threading

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from imports.models import ImportJob
from imports.parsers.parse import parse_report, parse_response
from imports.parsers.parsed import ImportProblem
from imports.parsers.sources import check_not_empty

logger = logging.getLogger(__name__)

# A parse is started at most this many times (the first, and one retry after its worker died).
MAX_ATTEMPTS = 2

STOPPED_TWICE = "Reading the file stopped twice before it finished. Nothing was saved: try again, or ask a site admin."
NO_WORKER = (
    "No import worker started reading the file within {minutes} minutes. Nothing was saved: try again, "
    "or ask a site admin to check that the import worker (manage.py db_worker) is running."
)
SOURCE_GONE = (
    "The uploaded file could not be read back from storage. Nothing was saved: try again, or ask a site admin "
    "(the app servers and the import worker must share the same file storage)."
)
UNEXPECTED = "Reading the file failed unexpectedly. Nothing was saved: try again, or ask a site admin."


def parse_source(kind, data, name, options, progress=None):
    """The import-format JSON of `data` (bytes) for the preview, or ImportProblem. Reads only."""
    if kind == ImportJob.Kind.REPORT:
        parsed = parse_report(
            data,
            name=name,
            fmt=options["fmt"],
            title=options.get("title", ""),
            published_on=_date(options.get("published_on")),
            progress=progress,
        ).to_json()
        findings = len(parsed["findings"])
    else:
        parsed = parse_response(data, name=name, fmt=options["fmt"]).to_json()
        findings = len(parsed["items"])
    check_finding_count(findings)
    return parsed


def check_finding_count(count):
    """Refuse more findings than the preview can show and post back (IMPORT_MAX_FINDINGS)."""
    limit = settings.IMPORT_MAX_FINDINGS
    if count > limit:
        raise ImportProblem(
            f"The file has {count:,} findings, over the limit of {limit:,} for one import (IMPORT_MAX_FINDINGS). "
            "Split it into smaller files, or ask a site admin."
        )


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def enqueue_parse(job):
    """Queue the parse of `job` (saved, PARSING, its source stored), as attempt number `job.attempts`.

    Called inside the transaction that saves the job, so the job and its task row exist together or
    not at all, and no worker can pick the task up before the job is there to read."""
    job.options = {**job.options, "queued_at": timezone.now().isoformat()}
    job.save(update_fields=["options"])
    parse_import_job.enqueue(job.pk, job.attempts)


def _this_attempt(job_id, attempt):
    """The job, only while it is still this attempt's to finish (not retried, failed or done meanwhile)."""
    return ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PARSING, attempts=attempt)


@task()
def parse_import_job(job_id, attempt):
    """Parse the stored upload of ImportJob `job_id` into `parsed`, as its attempt number `attempt`."""
    if not _this_attempt(job_id, attempt).update(heartbeat_at=timezone.now(), progress=0):
        logger.info("Import job %s attempt %s is no longer waiting to be read: skipped", job_id, attempt)
        return "skipped"
    job = ImportJob.objects.get(pk=job_id)

    def progress(done, total):
        _this_attempt(job_id, attempt).update(progress=min(99, 100 * done // total), heartbeat_at=timezone.now())

    try:
        with _beating(job_id, attempt):
            try:
                with job.source.open("rb") as source:
                    data = check_not_empty(source.read())
            except (OSError, ValueError):  # ValueError: the job has no file
                raise ImportProblem(SOURCE_GONE) from None
            parsed = parse_source(job.kind, data, job.source_name, job.options, progress)
    except ImportProblem as problem:
        _fail(job, str(problem), attempt)
        return "failed"
    except Exception:
        _fail(job, UNEXPECTED, attempt)
        raise  # the task result keeps the traceback for a site admin
    _this_attempt(job_id, attempt).update(
        status=ImportJob.Status.READY, parsed=parsed, progress=100, heartbeat_at=timezone.now()
    )
    return "ready"


@contextlib.contextmanager
def _beating(job_id, attempt):
    """Beat the job's heartbeat every IMPORT_HEARTBEAT_SECONDS from a thread while the parse runs, so
    a long step without progress (a big page, a large text file) is not taken for a dead worker. The
    thread lives in the worker's process and dies with it: a stale heartbeat means a dead worker."""
    every = settings.IMPORT_HEARTBEAT_SECONDS
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                try:
                    _touch(job_id, attempt)
                except Exception:  # a database hiccup: beat again next time
                    logger.exception("Import job %s: the heartbeat could not be written", job_id)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=beat, name=f"import-heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every)


def _touch(job_id, attempt):
    _this_attempt(job_id, attempt).update(heartbeat_at=timezone.now())


def _fail(job, problem, attempt):
    """Mark `job` failed with `problem` (if still this attempt's) and delete its upload."""
    if _this_attempt(job.pk, attempt).update(
        status=ImportJob.Status.FAILED, problem=problem, heartbeat_at=timezone.now()
    ):
        delete_source(job)


def delete_source(job):
    """Delete the job's stored upload: it is kept only while the import may still need it."""
    if job.source:
        job.source.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(source="")


def recover_stalled_jobs(now=None):
    """Retry, once, each parse whose worker died (no heartbeat for IMPORT_STALLED_AFTER_SECONDS), and
    fail it when it has stopped twice; fail a parse that no worker started within
    IMPORT_WORKER_WAIT_SECONDS. Returns (retried, failed), lists of job ids. Touches only ImportJob
    rows, their uploads and the task queue; safe to run from several processes at once (each change
    is a conditional update, made by whichever process gets there first)."""
    now = now or timezone.now()
    retried, failed = [], []
    stalled = ImportJob.objects.filter(
        status=ImportJob.Status.PARSING,
        heartbeat_at__lt=now - datetime.timedelta(seconds=settings.IMPORT_STALLED_AFTER_SECONDS),
    )
    for job in stalled:
        if job.attempts >= MAX_ATTEMPTS:
            if (
                _this_attempt(job.pk, job.attempts)
                .filter(heartbeat_at=job.heartbeat_at)
                .update(status=ImportJob.Status.FAILED, problem=STOPPED_TWICE)
            ):
                delete_source(job)
                failed.append(job.pk)
            continue
        with transaction.atomic():
            if (
                _this_attempt(job.pk, job.attempts)
                .filter(heartbeat_at=job.heartbeat_at)
                .update(attempts=F("attempts") + 1, heartbeat_at=None, progress=0)
            ):
                job.attempts += 1
                enqueue_parse(job)
                retried.append(job.pk)
    wait = settings.IMPORT_WORKER_WAIT_SECONDS
    for job in ImportJob.objects.filter(status=ImportJob.Status.PARSING, heartbeat_at=None):
        queued_at = job.options.get("queued_at")
        queued_at = datetime.datetime.fromisoformat(queued_at) if queued_at else job.created_at
        if (now - queued_at).total_seconds() > wait and _this_attempt(job.pk, job.attempts).filter(
            heartbeat_at=None
        ).update(status=ImportJob.Status.FAILED, problem=NO_WORKER.format(minutes=wait // 60)):
            delete_source(job)
            failed.append(job.pk)
    if retried or failed:
        logger.warning("Import jobs whose worker stopped: retried %s, failed %s", retried, failed)
    return retried, failed


def delete_unsaved_uploads(now=None):
    """Delete the uploads of imports parsed but never saved for IMPORT_KEEP_UNSAVED_DAYS (the preview
    reads only the parse, so the import can still be checked and saved). Returns how many."""
    now = now or timezone.now()
    old = ImportJob.objects.filter(
        status=ImportJob.Status.READY,
        created_at__lt=now - datetime.timedelta(days=settings.IMPORT_KEEP_UNSAVED_DAYS),
    ).exclude(source="")
    count = 0
    for job in old:
        delete_source(job)
        count += 1
    return count
