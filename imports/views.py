"""Browser imports (/staff/import/): upload or paste, check and correct a preview, then save.

Reports are imported by site admins; responses by site admins (published at once as imported
records) and by publishers for their own bodies (put in review: a second person approves them). A
response import never changes the report: the preview shows which of the report's findings each
quoted finding is, to be changed by hand, and a quoted finding the report lacks is kept as a
quotation (imports.response_plan).

Every upload is kept with its ImportJob through Django's storage until the import is saved or fails
(imports.tasks). A small source is parsed in the request; a large one is parsed by the
import worker from the task queue, so the request returns at once and the job page shows how far it
has got, from whichever app server serves it.
"""

import copy
import datetime
import json
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from imports import passages, tasks
from imports.forms import FindingCorrectionForm, PassagesForm, ReportDetailsForm, ResponseDetailsForm, SourceForm
from imports.models import ImportJob
from imports.parsers.bodies import resolve_body
from imports.parsers.parsed import ImportProblem
from imports.parsers.sources import check_not_empty, read_upload
from imports.parsers.structured import report_from_json, response_from_json
from imports.report_plan import apply_report_plan, find_report, plan_report
from imports.response_plan import NOT_IN_REPORT, apply_response_plan, plan_response
from imports.tasks import check_finding_count, parse_source
from responses import rules
from responses.workflow import WorkflowError
from tracker.models import InspectionReport
from tracker.vocabulary import ReportType

SPLIT_MARK = "---"


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _store_source(job, content, name):
    """Put the source in storage on the job, under a name no one can guess (it may be unpublished)."""
    job.source.save(f"{secrets.token_hex(8)}-{name or 'pasted.txt'}", content, save=False)


def _render_start(request, form, status=200):
    return render(request, "imports/start.html", {"form": form, "error_forms": [form]}, status=status)


@login_required
def start(request):
    if not rules.may_import(request.user):
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
    upload = data["upload"]
    job = ImportJob(user=request.user, kind=data["kind"], source_name=upload.name if upload else "", options=options)
    try:
        if upload and upload.size > settings.IMPORT_BACKGROUND_BYTES:
            if upload.size > settings.IMPORT_MAX_BYTES:
                read_upload(upload)  # refuses it, naming the limit, before reading a byte
            return _parse_later(job, upload)
        raw = read_upload(upload) if upload else check_not_empty(data["pasted"].encode("utf-8"))
        if len(raw) > settings.IMPORT_BACKGROUND_BYTES:
            return _parse_later(job, ContentFile(raw))
        job.parsed = parse_source(job.kind, raw, job.source_name, options)
    except ImportProblem as problem:
        form.add_error("upload" if upload else "pasted", str(problem))
        return _render_start(request, form, status=400)
    job.status, job.progress = ImportJob.Status.READY, 100
    _store_source(job, ContentFile(raw), job.source_name)
    job.save()
    return redirect(job)


def _parse_later(job, content):
    """Store the source and queue its parse (attempt 1) for the import worker; show the job page."""
    job.attempts = 1
    _store_source(job, content, job.source_name)
    try:
        with transaction.atomic():
            job.save()
            tasks.enqueue_parse(job)
    except BaseException:
        job.source.delete(save=False)
        raise
    return redirect(job)


def _finding_forms(job, data=None, plan=None):
    findings = (
        job.parsed["findings"] if job.kind == ImportJob.Kind.REPORT else [i["finding"] for i in job.parsed["items"]]
    )
    matches = getattr(plan, "matches", None) or []
    forms = []
    for n, finding in enumerate(findings):
        initial = {"kind": finding["kind"], "reference": finding["reference"], "text": finding["text"]}
        if job.kind == ImportJob.Kind.RESPONSE:
            initial["comment"] = job.parsed["items"][n]["comment"]
            if n < len(matches):
                initial["match"] = str(matches[n].finding.pk) if matches[n].finding else NOT_IN_REPORT
        forms.append(FindingCorrectionForm(data, prefix=f"f{n}", initial=initial))
    return forms


def _corrected(job, forms):
    """The parsed JSON with the preview's corrections, merges and splits applied, and the match
    chosen for each resulting finding ("" where none was chosen)."""
    parsed = copy.deepcopy(job.parsed)
    is_report = job.kind == ImportJob.Kind.REPORT
    entries = parsed["findings"] if is_report else parsed["items"]
    result, carry = [], None
    for entry, form in zip(entries, forms, strict=True):
        values = form.cleaned_data
        finding = entry if is_report else entry["finding"]
        finding.update(kind=values["kind"], reference=values["reference"].strip(), text=values["text"].strip())
        if not is_report:
            entry["comment"] = values["comment"].strip()
            entry[MATCH_KEY] = values["match"]
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
                if not is_report:
                    piece[MATCH_KEY] = ""  # a new piece is matched afresh
            result.append(piece)
    if carry is not None:
        result.append(carry)
    matches = [] if is_report else [entry.pop(MATCH_KEY, "") for entry in result]
    parsed["findings" if is_report else "items"] = result
    return _from_json(job.kind, parsed), matches


# Where the preview keeps a finding's chosen match while corrections are applied.
MATCH_KEY = "_match"


def _from_json(kind, data):
    """Parsed* objects from import-format data, validated as any imported JSON would be."""
    text = json.dumps(data, default=str)
    return report_from_json(text) if kind == ImportJob.Kind.REPORT else response_from_json(text)


def _stored(job):
    return _from_json(job.kind, job.parsed)


def _resolved_body(job, parsed):
    body = resolve_body(parsed.body_name, job.options.get("body"))
    if body is None:
        raise ImportProblem(f"No local policing body matches {parsed.body_name!r}: choose the body")
    return body


def _plan(job, parsed, user):
    if job.kind == ImportJob.Kind.REPORT:
        return plan_report(parsed)
    body = _resolved_body(job, parsed)
    report = InspectionReport.objects.filter(slug=job.options["report"]).first() if job.options.get("report") else None
    chosen = {n: choice for n, choice in enumerate(job.options.get("matches") or []) if choice}
    return plan_response(
        parsed,
        body=body,
        actor=user,
        report=report,
        report_published_on=_date(job.options.get("published_on")),
        chosen=chosen,
    )


def _details_form(job, user, data=None, plan=None):
    """The report's or the response's details in the preview, filled from the parse and, for a
    response, the plan (or what was chosen before)."""
    parsed = job.parsed
    if job.kind == ImportJob.Kind.REPORT:
        return ReportDetailsForm(data, initial=ReportDetailsForm.initial_for(parsed), prefix="report")
    body = getattr(plan, "body", None)
    if body is None:
        try:
            body = resolve_body(parsed["body_name"], job.options.get("body"))
        except ImportProblem:
            body = None
    report = _answered_report(job, plan)
    initial = {
        "body": body.slug if body else None,
        "report": report.slug if report else job.options.get("report"),
        "report_published_on": _date(job.options.get("published_on")) or _date(parsed.get("report_published_on")),
        "original_url": parsed.get("original_url") or "",
        "original_published_on": _date(parsed.get("published_on")),
        "introduction": parsed.get("introduction") or "",
        "chief_officer_comments": parsed.get("chief_officer_comments") or "",
        "chief_officer_comments_received_on": _date(parsed.get("chief_officer_comments_received_on")),
        "reply_to_chief_officer": parsed.get("reply_to_chief_officer") or "",
        "signature": parsed.get("signature") or "",
    }
    return ResponseDetailsForm(data, initial=initial, prefix="details", may_create_report=user.is_superuser)


def _with_details(job, parsed, details):
    """Put the preview's details into the job: the parse's own fields, and the choices in options."""
    if job.kind == ImportJob.Kind.REPORT:
        details.apply_to(parsed)
        return
    values = details.cleaned_data
    parsed.introduction = values["introduction"].strip()
    parsed.chief_officer_comments = values["chief_officer_comments"].strip()
    parsed.chief_officer_comments_received_on = values["chief_officer_comments_received_on"]
    parsed.reply_to_chief_officer = values["reply_to_chief_officer"].strip()
    parsed.signature = values["signature"].strip()
    parsed.original_url = values["original_url"]
    parsed.published_on = values["original_published_on"]
    job.options["body"] = values["body"].slug
    job.options["report"] = values["report"].slug if values["report"] else None
    if "report_published_on" in values:
        day = values["report_published_on"]
        job.options["published_on"] = day.isoformat() if day else None


def _report_type_label(value):
    return ReportType(value).label if value in ReportType.values else value


def _answered_report(job, plan):
    """The report a response answers, when it is in the tracker: the plan's, or, with no plan (a
    response with no items yet, or one whose plan met a problem), the report the plan would take."""
    if plan is not None:
        return plan.report
    slug = job.options.get("report")
    return (
        InspectionReport.objects.filter(slug=slug).first() if slug else find_report(job.parsed.get("report_title", ""))
    )


def _report_findings(job, plan):
    if plan is not None:
        return plan.report_findings
    report = _answered_report(job, None)
    return list(report.findings.all()) if report else []


def _passages_form(job, plan, data=None):
    """Where each passage of a response goes (imports.passages), as the parse has it now."""
    found = passages.passages(job.parsed, job.options.get("left_out") or [])
    matched = [match.finding for match in getattr(plan, "matches", None) or []]
    places = passages.places(job.parsed.get("items") or [], matched, _report_findings(job, plan))
    return PassagesForm(data, found=found, places=places, version=passages.version(found))


def _passage_groups(form):
    """The passages under headings of where they are now, in document order."""
    where = passages.labels(form.fields[form.found[0].key].choices) if form.found else {}
    groups = []
    for number, passage, field in form.rows():
        heading = "Left out" if passage.place == passages.LEAVE_OUT else f"In {where[passage.place]}"
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append((number, passage, field))
    return groups


def _render_preview(request, job, forms, plan=None, problem=None, status=200, details=None, passages_form=None):
    if details is None:
        details = _details_form(job, request.user, plan=plan)
    if passages_form is None and job.kind == ImportJob.Kind.RESPONSE:
        passages_form = _passages_form(job, plan)
    problem_anchor = ""
    if getattr(problem, "field", None) in details.fields:
        # A problem with a detail (a date, an address) belongs to its field, in the summary and beside it.
        if details.is_bound:
            details.add_error(problem.field, str(problem))
            problem = None
        else:
            field = details[problem.field]
            problem_anchor = f"{field.auto_id}_0" if hasattr(field.field.widget, "widgets") else field.auto_id
    matches = getattr(plan, "matches", None) or []
    return render(
        request,
        "imports/preview.html",
        {
            "job": job,
            "forms": forms,
            "rows": [(form, matches[n] if n < len(matches) else None) for n, form in enumerate(forms)],
            "plan": plan,
            "details": details,
            "report_findings": getattr(plan, "report_findings", None) or [],
            "not_in_report": NOT_IN_REPORT,
            "problem": str(problem) if problem else "",
            "problem_anchor": problem_anchor,
            "has_errors": any(form.errors for form in forms if form.is_bound)
            or bool(details.errors)
            or bool(passages_form and passages_form.errors),
            "passages_form": passages_form,
            "passage_groups": _passage_groups(passages_form) if passages_form else [],
            "left_out": len(job.options.get("left_out") or []),
            "has_items": bool(job.parsed.get("items")) if job.kind == ImportJob.Kind.RESPONSE else True,
            "split_mark": SPLIT_MARK,
            # As people read them: "14 October 2026", "National thematic".
            "published_on": _date(job.parsed.get("published_on")),
            "report_type": _report_type_label(job.parsed.get("report_type")),
        },
        status=status,
    )


@login_required
def job_page(request, pk):
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    if job.status == ImportJob.Status.PARSING:
        # A parse whose worker died is retried or failed here, as soon as anyone looks.
        tasks.recover_stalled_jobs()
        job.refresh_from_db()
    if job.status in (ImportJob.Status.PARSING, ImportJob.Status.FAILED, ImportJob.Status.SAVED):
        return render(request, "imports/status.html", {"job": job})
    stored_plan, stored_problem = _stored_plan(job, request.user)
    if request.method != "POST":
        return _render_preview(
            request, job, _finding_forms(job, plan=stored_plan), plan=stored_plan, problem=stored_problem
        )

    forms = _finding_forms(job, request.POST)
    details = _details_form(job, request.user, request.POST)
    valid = all([form.is_valid() for form in forms]) & details.is_valid()
    if not valid:
        return _render_preview(request, job, forms, plan=stored_plan, status=400, details=details)
    try:
        parsed, matches = _corrected(job, forms)
        check_finding_count(len(parsed.findings if job.kind == ImportJob.Kind.REPORT else parsed.items))
        _with_details(job, parsed, details)
        if job.kind == ImportJob.Kind.RESPONSE:
            job.options["matches"] = matches
        plan = _plan(job, parsed, request.user)
    except ImportProblem as problem:
        job.refresh_from_db(fields=["options"])
        return _render_preview(request, job, forms, plan=stored_plan, problem=problem, status=400, details=details)
    job.parsed = parsed.to_json()
    if "confirm" not in request.POST:
        job.save(update_fields=["parsed", "options"])
        return redirect(job)
    try:
        with transaction.atomic():
            # The import and its job's SAVED are one change; a second confirm (a double click) waits here, then stops.
            if ImportJob.objects.select_for_update().filter(pk=job.pk, status=ImportJob.Status.READY).first() is None:
                return redirect(job)
            saved = apply_report_plan(plan) if job.kind == ImportJob.Kind.REPORT else apply_response_plan(plan)
            url = (
                saved.get_absolute_url()
                if job.kind == ImportJob.Kind.REPORT or saved.is_published
                else saved.get_staff_url()
            )
            job.status, job.result_url = ImportJob.Status.SAVED, url
            job.save(update_fields=["parsed", "options", "status", "result_url"])
    except WorkflowError as refusal:  # the rules changed their answer since the plan was made
        job.refresh_from_db(fields=["options"])
        return _render_preview(request, job, forms, plan=stored_plan, problem=refusal, status=409, details=details)
    tasks.delete_source(job)
    messages.success(request, _saved_message(job, plan, saved))
    return redirect(url)


def _stored_plan(job, user):
    """The plan of the parse as last updated, and the problem that stopped it, if any. A response
    with no items (one that answers the report as a whole) has a plan too: it may be saved as it
    was published, its text in the introduction, or mapped to findings first."""
    try:
        return _plan(job, _stored(job), user), None
    except ImportProblem as problem:
        return None, problem


@login_required
@require_POST
def move_passages(request, pk):
    """Put each passage of a response where the person chose, and show the preview again.

    Only the job's parse changes (nothing is imported until the preview is saved). Passages left
    out are kept with the job, counted on the preview and offered back."""
    job = get_object_or_404(ImportJob, pk=pk, user=request.user, kind=ImportJob.Kind.RESPONSE)
    if job.status != ImportJob.Status.READY:
        return redirect(job)
    plan, problem = _stored_plan(job, request.user)
    form = _passages_form(job, plan, request.POST)
    if not form.is_valid():
        forms = _finding_forms(job, plan=plan)
        return _render_preview(request, job, forms, plan=plan, problem=problem, status=400, passages_form=form)
    choices = form.choices()
    rearranged = passages.rearrange(
        job.parsed, form.found, choices, job.options.get("matches") or [], _report_findings(job, plan)
    )
    job.parsed = rearranged.parsed
    job.options.update(matches=rearranged.matches, left_out=rearranged.left_out)
    job.save(update_fields=["parsed", "options"])
    moved, left_out = passages.moved(form.found, choices)
    messages.success(request, _moved_message(moved, left_out))
    return redirect(job)


def _moved_message(moved, left_out):
    if not moved:
        return "No passage was moved."
    message = f"{moved} passage{'s' if moved != 1 else ''} moved"
    if left_out:
        message += f", {left_out} of them left out"
    return message + ". Check the preview, then save."


def _saved_message(job, plan, saved):
    if job.kind == ImportJob.Kind.REPORT or plan.existing is not None:
        return " ".join(plan.summary())
    if saved.is_published:
        return f"Imported: the response of {saved.body.name} is published as an imported record."
    return (
        f"Imported for review: the response of {saved.body.name} is in review. Someone else must approve it; "
        "then a publisher publishes it, with its original date."
    )
