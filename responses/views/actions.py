"""The response's staff page (status, actions, history, remarks) and its workflow actions.

Every action is POST-only and goes through responses.workflow, which checks state and role in
the model layer. A wrong state or missing input comes back as an error summary on this page
(409 or 400) and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from responses import rules, workflow
from responses.forms import ApproveForm, CommentForm, ReasonForm, RemarkForm
from responses.permissions import roles_in
from responses.views import confirm
from responses.views.access import get_response_for_staff
from responses.views.review import review_context

REASON_FORMS = {
    "request_changes": {"label": "What needs to change?", "error": "Enter what needs to change"},
}


def _forms(data=None, action=None, response=None):
    """One form per action that takes input; only the submitted one is bound."""
    forms = {
        name: ReasonForm(data if name == action else None, prefix=name, **kwargs)
        for name, kwargs in REASON_FORMS.items()
    }
    forms["approve"] = ApproveForm(data if action == "approve" else None, prefix="approve")
    forms["retrospective_approve"] = CommentForm(
        data if action == "retrospective_approve" else None, prefix="retrospective_approve"
    )
    findings = list(response.report.findings.all()) if response is not None else []
    forms["remark"] = RemarkForm(data if action == "remark" else None, prefix="remark", findings=findings)
    return forms


def _render_page(request, response, forms=None, error=None, status=200):
    """The staff page. Its buttons are exactly the actions responses.rules allows this user now;
    an action their role allows but another rule refuses (second pair of eyes, s.55(5B)) is
    shown as the reason instead of a button."""
    roles = roles_in(request.user, response.body)
    forms = forms or _forms(response=response)
    return render(
        request,
        "responses/staff/response.html",
        {
            **review_context(request.user, response, forms),
            "response": response,
            "roles": roles,
            "actions": rules.available_actions(response, request.user),
            "blocked": rules.blocked_actions(response, request.user),
            "may_edit": bool(rules.decide(request.user, rules.EDIT, response)),
            "forms": forms,
            "error": error,
            "missing": workflow.missing_items(response),
            "revisions": response.revisions.select_related("author"),
            "versions": response.versions.select_related("published_by").prefetch_related("statutory_copies"),
        },
        status=status,
    )


@login_required
def response_page(request, pk):
    return _render_page(request, get_response_for_staff(request, pk))


def _run(action, response, user, form):
    data = form.cleaned_data if form is not None else {}
    if action in REASON_FORMS:
        return getattr(workflow, action)(response, user, data["reason"])
    if action == "approve":
        return workflow.approve(response, user, data.get("comment", ""), revision_number=data["revision"])
    if action == "retrospective_approve":
        return workflow.retrospective_approve(response, user, data.get("comment", ""))
    return getattr(workflow, action)(response, user)


SUCCESS = {
    "submit": "Submitted for review.",
    "request_changes": "Changes requested. The drafters have been told.",
    "approve": "Approved.",
    "unschedule": "The scheduled publication has been cancelled.",
    "retrospective_approve": "Approved retrospectively.",
    "amend": "A new draft has been opened. The published version stays public until the amendment is published.",
}


@require_POST
@login_required
def transition(request, pk, action):
    if action not in workflow.TRANSITIONS:
        raise Http404("No such action")
    response = get_response_for_staff(request, pk)
    if action in confirm.CONFIRMED:  # confirmed on their own page, which takes their input
        return confirm.act(request, response, action)
    forms = _forms(request.POST, action, response=response)
    form = forms.get(action)
    if form is not None and not form.is_valid():
        return _render_page(request, response, forms=forms, status=400)
    try:
        _run(action, response, request.user, form)
    except workflow.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except workflow.WorkflowError as error:
        response.refresh_from_db()
        return _render_page(request, response, forms=forms, error=error, status=409)
    messages.success(request, SUCCESS[action])
    if action == "amend":
        return redirect("staff:edit", pk=response.pk)
    return redirect("staff:response", pk=response.pk)
