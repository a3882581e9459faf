"""The staff dashboard, the account page, and starting a response."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from responses import review, rules, workflow
from responses.due_dates import chief_officer_due, response_due
from responses.models import Quotation, Response
from responses.permissions import bodies_of
from tracker.coverage import reports_to_answer
from tracker.models import InspectionReport, LocalPolicingBody, Membership


def _roles_by_body(user):
    roles = {}
    for body_id, role in Membership.objects.filter(user=user).values_list("body_id", "role"):
        roles.setdefault(body_id, set()).add(role)
    return roles


@login_required
def dashboard(request):
    """What each person should do next. Every list asks responses.rules, as the buttons and the
    transitions do, so the dashboard never offers what the server would refuse."""
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
        response.due = response_due(response.report, response.body, response, today)
        response.chief_officer_due = chief_officer_due(response, today)
        by_status.setdefault(response.status, []).append(response)
    # The reviewer's reason on each response sent back, so drafters read it here (one query).
    asked = review.open_changes_requests(responses)
    for response in responses:
        response.changes_asked_for = asked.get(response.pk)
    in_review = by_status.get(Response.Status.IN_REVIEW, [])
    waiting_for_me = [r for r in in_review if rules.decide(user, "approve", r)]
    retrospective = [
        (r, rules.decide(user, "retrospective_approve", r)) for r in responses if r.needs_retrospective_review
    ]
    ready_to_publish = [r for r in by_status.get(Response.Status.APPROVED, []) if rules.decide(user, "publish", r)]
    return render(
        request,
        "responses/staff/dashboard.html",
        {
            "sections": [(status, by_status.get(status, [])) for status in Response.Status],
            "responses": responses,
            "waiting_for_me": waiting_for_me,
            "retrospective": retrospective,
            "ready_to_publish": ready_to_publish,
            "unstarted": _reports_without_response(user, roles, today),
            "chief_officer_overdue": [r for r in responses if r.chief_officer_comments_overdue(today)],
            "today": today,
            "may_import": rules.may_import(user),
            "quotations_to_check": Quotation.objects.filter(checked_by_admin=False).count() if user.is_superuser else 0,
        },
    )


def _reports_without_response(user, roles, today):
    """(report, body, may_start, due date) for reports a body of the user must answer and has not started.

    Who must answer is tracker.coverage's rule (forces, office dates, linked force reports); who
    may start is responses.rules'."""
    bodies = list(bodies_of(user).select_related("force"))
    if not bodies:
        return []
    started = set(Response.objects.filter(body__in=bodies).values_list("report_id", "body_id"))
    rows = []
    for report, body in reports_to_answer(bodies):
        if (report.pk, body.pk) in started:
            continue
        may_start = rules.decide_start(
            user, report, body, roles=roles.get(body.pk, set()), started=False, duty=(True, "")
        )
        rows.append((report, body, bool(may_start), response_due(report, body, None, today)))
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
