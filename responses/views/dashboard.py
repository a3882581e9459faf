"""The staff dashboard, the account page, and starting a response."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from responses import workflow
from responses.models import Response
from responses.permissions import PUBLISHERS, REVIEWERS, WRITERS, bodies_of
from tracker.models import InspectionReport, LocalPolicingBody, Membership


def _roles_by_body(user):
    roles = {}
    for body_id, role in Membership.objects.filter(user=user).values_list("body_id", "role"):
        roles.setdefault(body_id, set()).add(role)
    return roles


@login_required
def dashboard(request):
    user = request.user
    roles = _roles_by_body(user)
    today = timezone.localdate()
    responses = list(
        Response.objects.for_staff(user)
        .select_related("report", "body", "last_edited_by", "submitted_by")
        .order_by("report__published_on", "body__name")
    )
    by_status = {}
    for response in responses:
        response.days_left_today = response.days_left(today)
        response.days_overdue = max(0, -response.days_left_today)
        by_status.setdefault(response.status, []).append(response)
    waiting_for_me = [
        r
        for r in responses
        if r.status == Response.Status.IN_REVIEW
        and roles.get(r.body_id, set()) & REVIEWERS
        and user.pk not in {r.submitted_by_id, r.last_edited_by_id}
    ]
    retrospective = [r for r in responses if r.needs_retrospective_review]
    return render(
        request,
        "responses/staff/dashboard.html",
        {
            "sections": [(status, by_status.get(status, [])) for status in Response.Status],
            "responses": responses,
            "waiting_for_me": waiting_for_me,
            "retrospective": retrospective,
            "unstarted": _reports_without_response(user, roles),
            "today": today,
            "may_import": user.is_superuser or any(PUBLISHERS & body_roles for body_roles in roles.values()),
        },
    )


def _reports_without_response(user, roles):
    """(report, body, may_start) for reports a body of the user should answer and has not started."""
    bodies = list(bodies_of(user).select_related("force"))
    if not bodies:
        return []
    force_ids = {body.force_id for body in bodies}
    reports = (
        InspectionReport.objects.filter(Q(concerns_all_forces=True) | Q(forces__in=force_ids))
        .distinct()
        .prefetch_related("forces")
        .order_by("-published_on")
    )
    started = set(Response.objects.filter(body__in=bodies).values_list("report_id", "body_id"))
    rows = []
    for report in reports:
        report_forces = {force.pk for force in report.forces.all()}
        for body in bodies:
            concerns_body = report.concerns_all_forces or body.force_id in report_forces
            if concerns_body and (report.pk, body.pk) not in started:
                rows.append((report, body, bool(roles.get(body.pk, set()) & WRITERS)))
    return rows


@login_required
def account(request):
    memberships = Membership.objects.filter(user=request.user).select_related("body").order_by("body__name", "role")
    return render(request, "responses/staff/account.html", {"memberships": memberships})


@require_POST
@login_required
def start(request, report_slug, body_slug):
    report = get_object_or_404(InspectionReport, slug=report_slug)
    body = get_object_or_404(LocalPolicingBody, slug=body_slug)
    if not bodies_of(request.user).filter(pk=body.pk).exists():
        raise Http404("Not one of your bodies")
    try:
        response = workflow.start(report, body, request.user)
    except workflow.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("staff:dashboard")
    messages.success(request, "Response started.")
    return redirect("staff:edit", pk=response.pk)
