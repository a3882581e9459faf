"""Browser imports (/staff/import/): upload or paste, check and correct a preview, then save.

Reports are imported by site admins; responses by site admins and by publishers for their own
bodies. A large file is parsed in a background thread that records its progress on the ImportJob,
so the request returns at once and the page shows how far it has got.
"""

import copy
import datetime
import json
import threading

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from responses.importing import apply_response_plan, plan_response
from responses.permissions import PUBLISHERS
from tracker.import_forms import FindingCorrectionForm, SourceForm
from tracker.importers.bodies import resolve_body
from tracker.importers.parse import parse_report, parse_response
from tracker.importers.parsed import ImportProblem
from tracker.importers.saving import apply_report_plan, plan_report
from tracker.importers.sources import check_not_empty, read_upload
from tracker.importers.structured import report_from_json, response_from_json
from tracker.models import ImportJob, InspectionReport, Membership

SPLIT_MARK = "---"


def _may_import(user):
    return user.is_superuser or Membership.objects.filter(user=user, role__in=PUBLISHERS).exists()


def _parse(kind, data, name, options, progress=None):
    if kind == ImportJob.Kind.REPORT:
        return parse_report(
            data,
            name=name,
            fmt=options["fmt"],
            title=options.get("title", ""),
            published_on=_date(options.get("published_on")),
            progress=progress,
        ).to_json()
    return parse_response(data, name=name, fmt=options["fmt"]).to_json()


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _parse_in_background(job_id, data, name):
    """Runs in its own thread with its own database connection."""
    try:
        job = ImportJob.objects.get(pk=job_id)

        def progress(done, total):
            ImportJob.objects.filter(pk=job_id).update(progress=100 * done // total)

        job.parsed = _parse(job.kind, data, name, job.options, progress)
        job.status, job.progress = ImportJob.Status.READY, 100
        job.save(update_fields=["parsed", "status", "progress"])
    except ImportProblem as problem:
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, problem=str(problem))
    finally:
        close_old_connections()


def _render_start(request, form, status=200):
    return render(request, "tracker/import/start.html", {"form": form, "error_forms": [form]}, status=status)


@login_required
def start(request):
    if not _may_import(request.user):
        raise PermissionDenied("Only site admins and publishers can import.")
    form = SourceForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _render_start(request, form)
    if not form.is_valid():
        return _render_start(request, form, status=400)
    data = form.cleaned_data
    if data["kind"] == ImportJob.Kind.REPORT and not request.user.is_superuser:
        form.add_error("kind", "Only site admins can import reports")
        return _render_start(request, form, status=403)
    options = {
        "fmt": data["fmt"],
        "title": data["title"],
        "published_on": data["published_on"].isoformat() if data["published_on"] else None,
        "body": data["body"].slug if data["body"] else None,
        "report": data["report"].slug if data["report"] else None,
    }
    try:
        if data["upload"]:
            raw, name = read_upload(data["upload"]), data["upload"].name
        else:
            raw, name = check_not_empty(data["pasted"].encode("utf-8")), ""
        job = ImportJob(user=request.user, kind=data["kind"], source_name=name, options=options)
        if len(raw) > settings.IMPORT_BACKGROUND_BYTES:
            job.save()
            threading.Thread(
                target=_parse_in_background, args=(job.pk, raw, name), name=f"import-job-{job.pk}", daemon=True
            ).start()
            return redirect(job)
        job.parsed = _parse(job.kind, raw, name, options)
        job.status, job.progress = ImportJob.Status.READY, 100
    except ImportProblem as problem:
        form.add_error("upload" if data["upload"] else "pasted", str(problem))
        return _render_start(request, form, status=400)
    job.save()
    return redirect(job)


def _finding_forms(job, data=None):
    findings = job.parsed["findings"] if job.kind == ImportJob.Kind.REPORT else [i["finding"] for i in job.parsed["items"]]
    forms = []
    for n, finding in enumerate(findings):
        initial = {"kind": finding["kind"], "reference": finding["reference"], "text": finding["text"]}
        if job.kind == ImportJob.Kind.RESPONSE:
            initial["comment"] = job.parsed["items"][n]["comment"]
        forms.append(FindingCorrectionForm(data, prefix=f"f{n}", initial=initial))
    return forms


def _corrected(job, forms):
    """The parsed JSON with the preview's corrections, merges and splits applied."""
    parsed = copy.deepcopy(job.parsed)
    is_report = job.kind == ImportJob.Kind.REPORT
    entries = parsed["findings"] if is_report else parsed["items"]
    result, carry = [], None
    for entry, form in zip(entries, forms):
        values = form.cleaned_data
        finding = entry if is_report else entry["finding"]
        finding.update(kind=values["kind"], reference=values["reference"].strip(), text=values["text"].strip())
        if not is_report:
            entry["comment"] = values["comment"].strip()
        if carry is not None:
            # The previous finding was merged into this one.
            target = carry if is_report else carry["finding"]
            finding["text"] = f"{target['text']}\n\n{finding['text']}"
            finding["reference"] = target["reference"]
            if not is_report:
                entry["comment"] = "\n\n".join(part for part in (carry["comment"], entry["comment"]) if part)
            carry = None
        if values["merge_with_next"]:
            carry = entry
            continue
        parts = [part.strip() for part in finding["text"].split(f"\n{SPLIT_MARK}\n") if part.strip()]
        for n, part in enumerate(parts):
            piece = copy.deepcopy(entry)
            target = piece if is_report else piece["finding"]
            target["text"] = part
            if n:
                target["reference"] = f"{finding['reference']} (part {n + 1})"
            result.append(piece)
    if carry is not None:
        result.append(carry)
    parsed["findings" if is_report else "items"] = result
    return _from_json(job.kind, parsed)


def _from_json(kind, data):
    """Parsed* objects from import-format data, validated as any imported JSON would be."""
    text = json.dumps(data, default=str)
    return report_from_json(text) if kind == ImportJob.Kind.REPORT else response_from_json(text)


def _stored(job):
    return _from_json(job.kind, job.parsed)


def _plan(job, parsed, user):
    if job.kind == ImportJob.Kind.REPORT:
        return plan_report(parsed)
    body = resolve_body(parsed.body_name, job.options.get("body"))
    if body is None:
        raise ImportProblem(f"No local policing body matches {parsed.body_name!r}: choose the body on the first page")
    report = InspectionReport.objects.filter(slug=job.options["report"]).first() if job.options.get("report") else None
    return plan_response(parsed, body=body, report=report, report_published_on=_date(job.options.get("published_on")), user=user)


def _render_preview(request, job, forms, plan=None, problem=None, status=200):
    return render(
        request,
        "tracker/import/preview.html",
        {
            "job": job,
            "forms": forms,
            "plan": plan,
            "problem": problem,
            "has_errors": any(form.errors for form in forms if form.is_bound),
            "split_mark": SPLIT_MARK,
        },
        status=status,
    )


# A parse still "reading" after this long died with its process (a restart, a deploy).
STALE_AFTER = datetime.timedelta(minutes=10)


@login_required
def job_page(request, pk):
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    if job.status == ImportJob.Status.PARSING and timezone.now() - job.created_at > STALE_AFTER:
        job.status = ImportJob.Status.FAILED
        job.problem = "Reading the file stopped before it finished (the server may have restarted). Nothing was saved: try again."
        job.save(update_fields=["status", "problem"])
    if job.status in (ImportJob.Status.PARSING, ImportJob.Status.FAILED, ImportJob.Status.SAVED):
        return render(request, "tracker/import/status.html", {"job": job})
    if request.method != "POST":
        forms = _finding_forms(job)
        try:
            plan = _plan(job, _stored(job), request.user)
        except ImportProblem as problem:
            return _render_preview(request, job, forms, problem=str(problem))
        return _render_preview(request, job, forms, plan=plan)

    forms = _finding_forms(job, request.POST)
    if not all([form.is_valid() for form in forms]):
        return _render_preview(request, job, forms, status=400)
    try:
        parsed = _corrected(job, forms)
        plan = _plan(job, parsed, request.user)
    except ImportProblem as problem:
        return _render_preview(request, job, forms, problem=str(problem), status=400)
    job.parsed = parsed.to_json()
    if "confirm" not in request.POST:
        job.save(update_fields=["parsed"])
        return redirect(job)
    saved = apply_report_plan(plan) if job.kind == ImportJob.Kind.REPORT else apply_response_plan(plan, user=request.user)
    job.status, job.result_url = ImportJob.Status.SAVED, saved.get_absolute_url()
    job.save(update_fields=["parsed", "status", "result_url"])
    messages.success(request, " ".join(plan.summary()))
    return redirect(saved.get_absolute_url())
