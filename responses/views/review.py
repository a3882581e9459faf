"""What the response's staff page adds for review: the text to be approved with its changes
marked, remarks beside each finding (and a form to add one there), and the revision Approve names.

Kept apart from actions.py, which runs the transitions: this only reads."""

from responses import remarks, review, rules
from responses.forms import ApproveForm, RemarkForm
from responses.models import Response


def review_context(user, response, forms):
    every_remark = remarks.all_of(response)
    open_remarks = [remark for remark in every_remark if not _resolved(remark)]
    may_remark = bool(rules.decide_remark(user, response))
    text = None
    if response.status == Response.Status.IN_REVIEW:
        # Beside each finding, its remarks resolved or not: the reviewer checks what was done.
        text = review.review_text(response, user, remarks.by_finding(every_remark))
        findings = {finding.pk: finding for finding in response.report.findings.all()}
        for item in text.items if text else []:
            finding = findings.get(item.finding_id)
            if may_remark and finding is not None:
                # The same field names as the main remark form (one view takes both), ids of its own.
                item.remark_form = RemarkForm(
                    prefix="remark", auto_id=f"review-{finding.pk}-%s", findings=[finding], about=finding
                )
    if text is not None and "approve" in forms:
        _name_the_revision(forms, text.revision.number)
    return {
        "review": text,
        "approve_label": f"Approve {review.revision_label(text.revision)}" if text else "Approve",
        "remarks": every_remark,
        "open_remarks": open_remarks,
        "may_remark": may_remark,
        "may_resolve": bool(open_remarks) and bool(rules.decide_resolve(user, open_remarks[0])),
        "events": _events_with_open_remarks(response),
    }


def _name_the_revision(forms, number):
    """Approve posts the revision shown. After a refused approval of an older one, the form offers
    the revision now shown (keeping the comment typed), so approving again is a deliberate choice
    made after reading it."""
    form = forms["approve"]
    if not form.is_bound:
        form.fields["revision"].initial = number
    elif form.is_valid() and form.cleaned_data["revision"] != number:
        forms["approve"] = ApproveForm(
            prefix="approve", initial={"revision": number, "comment": form.cleaned_data.get("comment", "")}
        )


def _resolved(remark):
    return getattr(remark, "resolution", None) is not None


def _events_with_open_remarks(response):
    """The history, each request for changes with the remarks that were open when it was made."""
    events = list(response.events.select_related("actor"))
    for event in events:
        if event.action == "request_changes":
            event.open_remarks = remarks.unresolved_at(response, event.created_at)
    return events
