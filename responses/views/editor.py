"""The editor, the preview, and revision comparison."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from responses import remarks, review, rules, workflow
from responses.diff import changed_rows, compare
from responses.forms import ItemForm, ResponseForm
from responses.snapshot import render_html, render_pdf, take_snapshot, text_length
from responses.views.access import get_response_for_staff
from tracker import limits


def _editor_forms(response, data=None):
    items = list(
        response.items.select_related("finding__cause_of_concern").prefetch_related(
            "finding__addressees", "finding__addressed_forces"
        )
    )
    form = ResponseForm(data, initial=ResponseForm.initial_for(response), amendment=response.is_amendment)
    item_forms = [
        ItemForm(data, item=item, initial={"comment": item.comment, "position": item.position}) for item in items
    ]
    return form, item_forms


def _snapshot_of_forms(response, form, item_forms):
    """What the user typed, as a snapshot, to show beside someone else's conflicting save."""
    snapshot = take_snapshot(response)
    for name in ("introduction", "chief_officer_comments", "reply_to_chief_officer", "signature", "change_note"):
        if name in form.fields:
            snapshot[name] = form.data.get(name, "")
    by_finding = {item_form.item.finding_id: item_form for item_form in item_forms}
    for item in snapshot["items"]:
        item_form = by_finding.get(item["finding_id"])
        if item_form:
            item["comment"] = item_form.data.get(f"{item_form.prefix}-comment", "")
            item["position"] = item_form.data.get(f"{item_form.prefix}-position", "")
    return snapshot


def _render_editor(request, response, form, item_forms, base_edit_count, status=200, conflict=None):
    has_errors = form.errors or any(item_form.errors for item_form in item_forms)
    open_remarks = remarks.unresolved(response)
    by_finding = remarks.by_finding(open_remarks)
    for item_form in item_forms:
        item_form.remarks = by_finding.get(item_form.item.finding_id, [])
    return render(
        request,
        "responses/staff/editor.html",
        {
            "response": response,
            "form": form,
            "item_forms": item_forms,
            "base_edit_count": base_edit_count,
            "has_errors": has_errors,
            "conflict": conflict,
            # Decided on what is saved: the bar offers Submit only when the server would take it.
            "submit": rules.decide(request.user, "submit", response),
            "changes_request": review.open_changes_request(response),
            "open_remarks": open_remarks,
            "whole_response_remarks": by_finding.get(None, []),
            "may_resolve": bool(open_remarks) and bool(rules.decide_resolve(request.user, open_remarks[0])),
        },
        status=status,
    )


@login_required
def edit(request, pk):
    response = get_response_for_staff(request, pk)
    decision = rules.decide(request.user, rules.EDIT, response)
    if decision.refusal == rules.Refusal.ROLE:
        raise PermissionDenied(decision.reason)
    if not decision:
        messages.error(request, decision.reason)
        return redirect("staff:response", pk=response.pk)
    if request.method != "POST":
        form, item_forms = _editor_forms(response)
        return _render_editor(request, response, form, item_forms, response.edit_count)

    form, item_forms = _editor_forms(response, request.POST)
    try:
        base_edit_count = int(request.POST.get("base_edit_count", ""))
    except ValueError:
        base_edit_count = -1
    if not form.is_valid() or not all([item_form.is_valid() for item_form in item_forms]):
        # Nothing typed is lost: the bound forms carry it back.
        return _render_editor(request, response, form, item_forms, base_edit_count, status=400)

    fields = {name: form.cleaned_data[name] for name in form.fields}
    items = {
        item_form.item.finding_id: (item_form.cleaned_data["comment"], item_form.cleaned_data.get("position", ""))
        for item_form in item_forms
    }
    try:
        workflow.save(response, request.user, base_edit_count, fields, items)
    except workflow.EditConflict as conflict:
        response.refresh_from_db()
        theirs = conflict.theirs
        rows = changed_rows(compare(theirs.snapshot, _snapshot_of_forms(response, form, item_forms)))
        return _render_editor(
            request,
            response,
            form,
            item_forms,
            # Saving again from here is a deliberate choice made after seeing their changes.
            response.edit_count,
            status=409,
            conflict={
                "message": str(conflict),
                "rows": rows,
                "author": _name(theirs.author),
                "old_label": f"Saved by {_name(theirs.author)} (revision {theirs.number})",
            },
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("staff:response", pk=response.pk)
    if request.POST.get("then") == "submit":
        return _submit_after_saving(request, response)
    messages.success(request, "Your changes have been saved.")
    return redirect("staff:edit", pk=response.pk)


def _submit_after_saving(request, response):
    """Submit for review from the editor's bar, once what was typed is saved. The save stands even
    if the submission is refused (say, a recommendation left without a position): the editor then
    says why, with the text saved."""
    try:
        workflow.submit(response, request.user)
    except workflow.WorkflowError as error:
        messages.error(request, f"Your changes have been saved, but the response has not been submitted. {error}")
        return redirect("staff:edit", pk=response.pk)
    messages.success(request, "Your changes have been saved and the response has been submitted for review.")
    return redirect("staff:response", pk=response.pk)


def _revision_label(revision):
    author = _name(revision.author) if revision.author else "the tracker"
    return f"Revision {revision.number} ({author}, {timezone.localtime(revision.created_at):%-d %b %Y %H:%M})"


def _name(user):
    if user is None:
        return "someone else"
    return user.get_full_name() or user.username


@login_required
def preview(request, pk):
    response = get_response_for_staff(request, pk)
    html = render_html(take_snapshot(response))
    return render(
        request,
        "responses/response_preview.html",
        {"response": response, "content": html, "back_url": response.get_staff_url(), "pdf_url": f"{request.path}pdf/"},
    )


@login_required
def preview_pdf(request, pk):
    """The draft as a PDF; refused (413, naming the limit) for a draft too long to render before the
    server's timeout. The HTML preview shows any draft."""
    response = get_response_for_staff(request, pk)
    snapshot = take_snapshot(response)
    length, limit = text_length(snapshot), limits.response_pdf_max_characters()
    if length > limit:
        return render(
            request,
            "responses/staff/preview_too_large.html",
            {
                "response": response,
                "length": f"{length:,}",
                "limit": f"{limit:,}",
                "html_url": request.path.removesuffix("pdf/"),
            },
            status=413,
        )
    http_response = HttpResponse(render_pdf(snapshot), content_type="application/pdf")
    http_response["Cache-Control"] = "private, no-store"
    http_response["Content-Disposition"] = f'inline; filename="preview-{response.report.slug}-{response.body.slug}.pdf"'
    return http_response


@login_required
def compare_revisions(request, pk):
    response = get_response_for_staff(request, pk)
    revisions = list(response.revisions.select_related("author"))
    if not revisions:
        raise Http404("No revisions")
    by_number = {revision.number: revision for revision in revisions}
    default_new = revisions[0].number
    default_old = revisions[1].number if len(revisions) > 1 else default_new
    try:
        old = by_number[int(request.GET.get("from", default_old))]
        new = by_number[int(request.GET.get("to", default_new))]
    except (KeyError, ValueError):
        raise Http404("No such revision") from None
    rows = compare(old.snapshot, new.snapshot)
    only_changed = request.GET.get("show") != "all"
    return render(
        request,
        "responses/staff/compare.html",
        {
            "response": response,
            "revisions": revisions,
            "old": old,
            "new": new,
            "rows": changed_rows(rows) if only_changed else rows,
            "only_changed": only_changed,
            "old_label": _revision_label(old),
            "new_label": _revision_label(new),
        },
    )
