"""Confirmation pages for the actions that change what the public reads: publish now, schedule,
force publish and withdraw.

None of them acts on one click. The response page links to a confirmation page (GET, which
changes nothing) saying what becomes public and where, who gets the statutory copy (s.55(6)) and
whether the publication is on time, in words; its form posts to the action's usual address
(staff:transition), which hands these actions to `act` below, so a refusal or bad input comes back
on the confirmation page with what was typed. Whether the person may act at all is asked of
responses.rules.decide, as everywhere: a refused page says why (403 for the role, 409 otherwise).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from responses import rules, workflow
from responses.forms import LateExplanationForm, ReasonForm, ScheduleForm
from responses.views.access import get_response_for_staff
from tracker.deadlines import days_late, lateness_sentence

CONFIRMED = ("publish", "schedule", "force_publish", "withdraw")

REASONS = {
    "force_publish": {
        "label": "Why must this be published without review?",
        "hint": "This is recorded and shown on the dashboard until a reviewer approves it.",
        "error": "Enter why this response must be published without review",
    },
    "withdraw": {
        "label": "Reason for withdrawal",
        "hint": "This is shown to the public on the response's page.",
        "error": "Enter the reason for withdrawal",
    },
}

HEADINGS = {
    "publish": "Publish this response now?",
    "schedule": "Schedule this response's publication?",
    "force_publish": "Publish this response without review?",
    "withdraw": "Withdraw this response?",
}

BUTTONS = {
    "publish": "Publish now",
    "schedule": "Schedule publication",
    "force_publish": "Force publish",
    "withdraw": "Withdraw",
}

SUCCESS = {
    "publish": "Published.",
    "schedule": "Publication scheduled.",
    "force_publish": "Published without review. A reviewer must now approve it retrospectively.",
    "withdraw": "Withdrawn. The page now shows your reason.",
}


class Forms:
    """The inputs of one confirmation: the date (schedule), the reason (force publish, withdraw) and
    the public explanation of lateness (when the publication would be late). Field names are those
    the response page's forms always had, so the action's address takes the same data."""

    def __init__(self, action, response, data=None, *, query=None):
        """`data`: a POST to act on. `query`: the confirmation page's address, which may carry the
        date to schedule (and an explanation typed before a date was refused), never acted on."""
        schedule_data = data if query is None else (query if any(k.startswith("schedule-") for k in query) else None)
        self.schedule = ScheduleForm(schedule_data, prefix="schedule") if action == "schedule" else None
        self.reason = ReasonForm(data, prefix=action, **REASONS[action]) if action in REASONS else None
        self.when = self._when()
        self.explanation = None
        if action != "withdraw" and workflow.may_explain_lateness(response, self.when):
            typed = (query or {}).get("publication-late_explanation")
            initial = {"late_explanation": response.late_explanation if typed is None else typed}
            self.explanation = LateExplanationForm(data, prefix="publication", initial=initial)

    def _when(self):
        """The scheduled moment, once the date given is valid (None: publish now, or not yet given)."""
        if self.schedule is None or not self.schedule.is_bound or not self.schedule.is_valid():
            return None
        return self.schedule.cleaned_data["when"]

    def all(self):
        return [form for form in (self.schedule, self.reason, self.explanation) if form is not None]

    def is_valid(self):
        return all([form.is_valid() for form in self.all()])

    @property
    def late_explanation(self):
        """None when no explanation may be given: the workflow then keeps the one stored."""
        return self.explanation.cleaned_data["late_explanation"] if self.explanation else None


def _public_places(response):
    """Where a published response is read: its own page and PDF first, then every list and feed."""
    site = settings.SITE_URL
    report, body = response.report, response.body
    return {
        "page": site + response.get_absolute_url(),
        "pdf": site + response.get_pdf_url(),
        "lists": [
            ("The report's page", site + report.get_absolute_url()),
            ("The body's page", site + reverse("public:body", kwargs={"body_slug": body.slug})),
            ("The home page's latest responses", site + reverse("public:home")),
            ("Search", site + reverse("public:search")),
            ("The Atom feed of all responses", site + reverse("public:responses_feed")),
            (
                "The body's Atom feed",
                site + reverse("public:body_responses_feed", kwargs={"body_slug": body.slug}),
            ),
            (
                "The report's Atom feed",
                site + reverse("public:report_responses_feed", kwargs={"report_slug": report.slug}),
            ),
            ("The open data download of responses", site + reverse("public:responses_csv")),
            ("The JSON API", site + reverse("public:api:responses")),
        ],
    }


def _timeliness(response, action, when):
    """(the on-time status in words, whether late) for the publication this action makes, or, for a
    withdrawal, the one it made."""
    day = response.published_on if action == "withdraw" else workflow.publication_day(response, when)
    late = day is not None and days_late(day, response.due_on) > 0
    return lateness_sentence(day, response.due_on), late


def _statutory_copy(response):
    """Why no copy is sent, or "sent" (the rules: responses.workflow and responses.notifications)."""
    if not workflow.sends_statutory_copy(response):
        return "imported"
    if response.is_example:
        return "example"
    return "sent" if settings.STATUTORY_COPY_RECIPIENTS else "no_recipients"


def _carried(forms):
    """The date chosen for a schedule, carried in hidden fields to the form that acts."""
    if forms.when is None:
        return []
    return [(name, value) for name, value in forms.schedule.data.items() if name.startswith("schedule-")]


def _render(request, response, action, forms, *, error=None, status=200):
    choosing_date = action == "schedule" and forms.when is None
    timeliness, late = (None, False) if choosing_date else _timeliness(response, action, forms.when)
    return render(
        request,
        "responses/staff/confirm.html",
        {
            "response": response,
            "action": action,
            "heading": HEADINGS[action],
            "button": BUTTONS[action],
            "forms": forms,
            "error_forms": forms.all(),
            "has_errors": bool(error) or any(form.errors for form in forms.all() if form.is_bound),
            "error": error,
            "choosing_date": choosing_date,
            "when": forms.when,
            "timeliness": timeliness,
            "late": late,
            "carried": _carried(forms),
            "imported_record": rules.is_imported_record_awaiting_first_publication(response),
            "copy": _statutory_copy(response),
            "recipients": list(settings.STATUTORY_COPY_RECIPIENTS),
            "places": _public_places(response),
            "approved_revision": response.approved_revision,
            "live_version": response.current_version,
        },
        status=status,
    )


def _refused(request, response, action, decision):
    status = 403 if decision.refusal == rules.Refusal.ROLE else 409
    return render(
        request,
        "responses/staff/confirm_refused.html",
        {"response": response, "heading": HEADINGS[action], "reason": decision.reason, "decision": decision},
        status=status,
    )


@require_GET
@login_required
def confirm_page(request, pk, action):
    """Show what the action will do. For a schedule, first the date (a GET form to this page), then,
    with a valid date in the address, the confirmation for that date."""
    if action not in CONFIRMED:
        raise Http404("No such action")
    response = get_response_for_staff(request, pk)
    decision = rules.decide(request.user, action, response)
    if not decision:
        return _refused(request, response, action, decision)
    forms = Forms(action, response, query=request.GET)
    refused_date = forms.schedule is not None and forms.schedule.is_bound and forms.when is None
    return _render(request, response, action, forms, status=400 if refused_date else 200)


def act(request, response, action):
    """Take a confirmed action (POST to staff:transition). Bad input or a refusal shows the
    confirmation page again, with what was typed, and changes nothing."""
    decision = rules.decide(request.user, action, response)
    if not decision:  # refused as the page itself would be, before any input is looked at
        return _refused(request, response, action, decision)
    forms = Forms(action, response, request.POST)
    if not forms.is_valid():
        return _render(request, response, action, forms, status=400)
    try:
        _run(action, response, request.user, forms)
    except workflow.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except workflow.WorkflowError as error:
        response.refresh_from_db()
        return _render(request, response, action, forms, error=error, status=409)
    messages.success(request, SUCCESS[action])
    return redirect("staff:response", pk=response.pk)


def _run(action, response, user, forms):
    explanation = forms.late_explanation
    if action == "publish":
        return workflow.publish(response, user, late_explanation=explanation)
    if action == "schedule":
        return workflow.schedule(response, user, forms.when, late_explanation=explanation)
    reason = forms.reason.cleaned_data["reason"]
    if action == "force_publish":
        return workflow.force_publish(response, user, reason, late_explanation=explanation)
    return workflow.withdraw(response, user, reason)
