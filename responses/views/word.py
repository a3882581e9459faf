"""The Word round trip in the staff area: download the draft as .docx, upload it back, accept parts.

Downloading is for anyone who may read the response in the staff area. Uploading and accepting
are editing, so they ask responses.rules.decide for EDIT, as the editor does: lacking the role is a
403, a response in a state that cannot be edited sends the person back to its page with the reason.
A file that cannot be read is refused with a message and a 4xx, and nothing changes. Accepted
parts are saved by workflow.save, as a revision by the uploader, with its compare-and-swap on
edit_count: a save by someone else after the differences were shown is a conflict, shown again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from responses import rules, word, workflow
from responses.forms import WordUploadForm
from responses.models import Response
from responses.snapshot import take_snapshot
from responses.views.access import get_response_for_staff
from responses.word_changes import proposals, save_arguments


@login_required
def download(request, pk):
    response = get_response_for_staff(request, pk)
    # Read the working copy, its edit count and its latest revision together: a save in between
    # would make the file claim to come from a draft it does not hold.
    with transaction.atomic():
        locked = Response.objects.select_for_update().select_related("report", "body").get(pk=response.pk)
        snapshot = take_snapshot(locked)
        revision_number = locked.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    data = word.export(locked, snapshot, revision_number, request.user)
    http_response = HttpResponse(data, content_type=word.CONTENT_TYPE)
    http_response["Content-Disposition"] = f'attachment; filename="{word.filename(locked, revision_number)}"'
    http_response["Cache-Control"] = "private, no-store"
    return http_response


def _may_edit(request, response):
    """None if the user may edit the draft now; else what to answer (403, or back to its page)."""
    decision = rules.decide(request.user, rules.EDIT, response)
    if decision.refusal == rules.Refusal.ROLE:
        raise PermissionDenied(decision.reason)
    if decision:
        return None
    if request.method == "POST":
        return _render_upload(request, response, WordUploadForm(), problems=[decision.reason], status=409)
    messages.error(request, decision.reason)
    return redirect("staff:response", pk=response.pk)


def _render_upload(request, response, form, problems=(), status=200):
    return render(
        request,
        "responses/staff/word_upload.html",
        {"response": response, "form": form, "problems": list(problems), "limit_mb": word.max_bytes() // (1024 * 1024)},
        status=status,
    )


@login_required
def upload(request, pk):
    response = get_response_for_staff(request, pk)
    refused = _may_edit(request, response)
    if refused:
        return refused
    if request.method != "POST":
        return _render_upload(request, response, WordUploadForm())
    form = WordUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_upload(request, response, form, status=400)
    document = form.cleaned_data["document"]
    try:
        if document.size > word.max_bytes():
            raise word.WordProblem(word.too_big(document.size), status=413)  # refused before reading it
        read_back = word.read(document.read(), document.name)
        snapshot = take_snapshot(response)
        specs = word.part_specs(snapshot)
        word.check_fits(read_back, response, specs)
    except word.WordProblem as problem:
        form.add_error("document", str(problem))
        return _render_upload(request, response, form, status=problem.status)
    values, errors = word.clean(specs, read_back.values)
    if errors:
        form.add_error(
            "document", "The Word file has text the tracker cannot accept. Correct it in Word, then upload it again."
        )
        return _render_upload(request, response, form, problems=errors, status=400)
    return _render_changes(request, response, snapshot, read_back.revision_number, values, response.edit_count)


def _render_changes(
    request,
    response,
    snapshot,
    revision_number,
    uploaded,
    base_edit_count,
    *,
    selected=None,
    errors=(),
    conflict="",
    status=200,
):
    """The differences the file makes, part by part, with a checkbox each."""
    specs = word.part_specs(snapshot)
    base_snapshot = response.revisions.get(number=revision_number).snapshot
    offered, kept = proposals(specs, word.values_of(base_snapshot), word.values_of(snapshot), uploaded)
    if selected is None:
        selected = {proposal.key for proposal in offered if not proposal.conflict}
    return render(
        request,
        "responses/staff/word_changes.html",
        {
            "response": response,
            "offered": offered,
            "kept": kept,
            "selected": selected,
            "revision_number": revision_number,
            "base_edit_count": base_edit_count,
            "stale": word.values_of(base_snapshot) != word.values_of(snapshot),
            "errors": list(errors),
            "conflict": conflict,
        },
        status=status,
    )


@require_POST
@login_required
def accept(request, pk):
    response = get_response_for_staff(request, pk)
    refused = _may_edit(request, response)
    if refused:
        return refused
    snapshot = take_snapshot(response)
    specs = word.part_specs(snapshot)
    keys = {spec.key for spec in specs}
    offered = request.POST.getlist("part")
    chosen = request.POST.getlist("accept")
    try:
        revision_number = int(request.POST.get("revision", ""))
        base_edit_count = int(request.POST.get("base_edit_count", ""))
    except ValueError:
        revision_number = base_edit_count = None
    if (
        revision_number is None
        or not set(offered) <= keys
        or not set(chosen) <= set(offered)
        or not response.revisions.filter(number=revision_number).exists()
    ):
        problem = "Those changes could not be read. Upload the Word file again."
        return _render_upload(request, response, WordUploadForm(), problems=[problem], status=400)
    uploaded, errors = word.clean(specs, {key: request.POST.get(f"value-{key}", "") for key in offered})
    accepted = {key: uploaded[key] for key in chosen}
    fields, items, more_errors = save_arguments(specs, snapshot, accepted)
    errors += more_errors
    if not chosen:
        errors.append("Select the changes to accept")
    if errors:
        return _render_changes(
            request,
            response,
            snapshot,
            revision_number,
            uploaded,
            base_edit_count,
            selected=set(chosen),
            errors=errors,
            status=400,
        )
    try:
        revision = workflow.save(response, request.user, base_edit_count, fields, items)
    except workflow.EditConflict:
        response.refresh_from_db()
        return _render_changes(
            request,
            response,
            take_snapshot(response),
            revision_number,
            uploaded,
            # Accepting from the page shown now is a choice made after seeing their changes.
            response.edit_count,
            selected=set(chosen),
            conflict=(
                "Someone else saved this response while you were looking at the changes. Nothing has been "
                "saved. The changes below now compare your Word file with their text: check them, then accept again."
            ),
            status=409,
        )
    except workflow.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("staff:response", pk=response.pk)
    count = len(chosen)
    messages.success(
        request, f"{count} change{'s' if count != 1 else ''} from the Word file saved as revision {revision.number}."
    )
    return redirect("staff:response", pk=response.pk)
