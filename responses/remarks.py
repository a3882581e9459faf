"""Internal remarks on a response or on one of its findings, and their resolution.

A reviewer says "Recommendation 4: the date is wrong" where it belongs; the drafter fixes it and
marks the remark resolved. Remarks and resolutions are append-only records, so which remarks were
open at any moment (when changes were requested, say) can always be worked out again from them.
Who may do what is asked of responses.rules, like every other action.
"""

from django.db import IntegrityError, transaction

from responses import rules
from responses.models import Remark, RemarkResolution
from responses.workflow import WorkflowError, enforce


def add(response, actor, text, finding=None):
    """A remark by `actor` on `response`, about `finding` (one of its report's) or the whole of it."""
    enforce(rules.decide_remark(actor, response))
    if finding is not None and finding.report_id != response.report_id:
        raise WorkflowError("Choose a finding of this report, or the whole response.")
    return Remark.objects.create(response=response, finding=finding, author=actor, text=text)


def resolve(remark, actor):
    """Mark `remark` resolved by `actor`. Refused (nothing changes) if they may not, or if it already is."""
    with transaction.atomic():
        remark = Remark.objects.select_for_update().select_related("response__body").get(pk=remark.pk)
        enforce(rules.decide_resolve(actor, remark))
        try:
            with transaction.atomic():
                return RemarkResolution.objects.create(remark=remark, resolved_by=actor)
        except IntegrityError:  # resolved by someone else since the check
            raise WorkflowError("This remark has already been resolved.") from None


def _with_people(remarks):
    return remarks.select_related("author", "finding", "resolution__resolved_by")


def all_of(response):
    """Every remark on the response, oldest first, with whoever resolved it."""
    return list(_with_people(response.remarks.all()))


def unresolved(response):
    """Remarks not resolved yet, oldest first."""
    return list(_with_people(response.remarks.filter(resolution__isnull=True)))


def unresolved_at(response, moment):
    """Remarks that were open at `moment`: made by then and not resolved by then."""
    remarks = response.remarks.filter(created_at__lte=moment).exclude(resolution__resolved_at__lte=moment)
    return list(_with_people(remarks))


def by_finding(remarks):
    """{finding id or None (the whole response): [remarks]}, keeping their order."""
    grouped = {}
    for remark in remarks:
        grouped.setdefault(remark.finding_id, []).append(remark)
    return grouped
