"""Internal remarks: adding one (on the whole response or on one finding) and resolving one.

Who may do either is responses.rules' answer (decide_remark, decide_resolve); the work is
responses.remarks'. A refusal for a role is a 403; bad input comes back on the response's page
with the text kept (400); a remark already resolved is a 409 and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from responses import remarks, rules, workflow
from responses.models import Remark
from responses.views.access import get_response_for_staff
from responses.views.actions import _forms, _render_page


@require_POST
@login_required
def add_remark(request, pk):
    response = get_response_for_staff(request, pk)
    decision = rules.decide_remark(request.user, response)
    if not decision:
        raise PermissionDenied(decision.reason)
    forms = _forms(request.POST, "remark", response=response)
    form = forms["remark"]
    if not form.is_valid():
        return _render_page(request, response, forms=forms, status=400)
    finding = form.cleaned_data["finding"]
    remarks.add(response, request.user, form.cleaned_data["text"], finding=finding)
    messages.success(request, f"Remark added on {finding.reference if finding else 'the whole response'}.")
    anchor = f"review-item-{finding.pk}" if finding else "remarks"
    return redirect(f"{response.get_staff_url()}#{anchor}")


# Where to go back to after resolving: the editor (beside the finding) or the response's page.
NEXT = {"editor": "staff:edit", "response": "staff:response"}


@require_POST
@login_required
def resolve_remark(request, pk, remark_pk):
    response = get_response_for_staff(request, pk)
    remark = get_object_or_404(Remark.objects.select_related("response__body"), pk=remark_pk, response=response)
    try:
        remarks.resolve(remark, request.user)
    except workflow.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except workflow.WorkflowError as error:
        return _render_page(request, response, error=error, status=409)
    messages.success(request, "Remark marked as resolved.")
    target = NEXT.get(request.POST.get("next"), "staff:response")
    anchor = f"item-{remark.finding_id}" if remark.finding_id and target == "staff:edit" else "remarks"
    return redirect(f"{reverse(target, kwargs={'pk': response.pk})}#{anchor}")
