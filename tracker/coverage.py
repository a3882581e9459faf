"""Who must answer a report under section 55, and how many have: the one home for that rule.

The public pages, the staff dashboard, the reminders and the workflow's start all ask here, so
they cannot disagree. The rule:

- A national report (`concerns_all_forces`) is answered for every force; a force report only for
  the forces it concerns.
- For each force, the body in office on the day the report is published answers it. If that
  body's office ends before the report is due, its successor answers instead: the s.55 duty is the
  local policing body's, so it passes with the body's functions to whoever takes them over (a PFCC
  or a mayor) on the day of the transfer, and an answer still owed is then theirs to give. A body
  not in office then (one that took office later and did not take over the report, or one that
  had already gone) is never expected to answer.
- Where a force report carries the same findings as a national report (an admin links it through
  `national_report`), the bodies of its forces answer the force report only (HMICFRS's rule).

Computed in Python over the ~52 bodies, fetched once, so a page of many reports costs a fixed
number of queries.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, prefetch_related_objects
from django.utils import dateformat

from tracker.models import InspectionReport, LocalPolicingBody


@dataclass
class Coverage:
    expected: list
    responded: list
    # (body, force report) for the bodies that answer a national report through their force report.
    through_force_reports: list = field(default_factory=list)

    @property
    def outstanding(self):
        """Expected bodies whose force has no published response.

        Counted by force, not by body: a body that answered before handing over to its successor
        has met the duty for the force.
        """
        answered_forces = {body.force_id for body in self.responded}
        return [body for body in self.expected if body.force_id not in answered_forces]


# Dates and succession -----------------------------------------------------------------------


def _in_office(body, day):
    return (body.started_on is None or body.started_on <= day) and (body.ended_on is None or body.ended_on >= day)


def _start(body):
    return body.started_on or datetime.date.min


def _successor_among(body, force_bodies):
    if body.ended_on is None:
        return None
    later = [other for other in force_bodies if other.started_on is not None and other.started_on > body.ended_on]
    return min(later, key=_start, default=None)


def predecessor_of(body):
    """The body that held the role for the same force just before `body`, or None."""
    if body.started_on is None:
        return None
    return (
        LocalPolicingBody.objects.filter(force_id=body.force_id, ended_on__lt=body.started_on)
        .order_by("-ended_on", "-pk")
        .first()
    )


def successor_of(body):
    """The body that took over the role for the same force when `body` left office, or None."""
    if body.ended_on is None:
        return None
    return (
        LocalPolicingBody.objects.filter(force_id=body.force_id, started_on__gt=body.ended_on)
        .order_by("started_on", "pk")
        .first()
    )


def body_in_office(force, day):
    """The body that held the section 55 duty for `force` (a Force or its id) on `day`, or None."""
    return (
        LocalPolicingBody.objects.in_office_on(day)
        .filter(force=force)
        .order_by(F("started_on").desc(nulls_last=True), "pk")
        .first()
    )


def _answering_for_force(force_bodies, report):
    """Which of one force's bodies must answer `report`, or None if none was in office."""
    in_office = [body for body in force_bodies if _in_office(body, report.published_on)]
    if not in_office:
        return None
    # Two at once only while an admin has not yet ended the old body: the newer holds the role.
    body = max(in_office, key=_start)
    due_on = report.responses_due_on
    while body.ended_on is not None and body.ended_on < due_on:
        successor = _successor_among(body, force_bodies)
        # No successor recorded yet (or none by the due date): the body we know keeps the duty.
        if successor is None or successor.started_on > due_on:
            break
        body = successor
    return body


# Which forces, and which of them answer through a force report ------------------------------


def _force_reports_by_force(report):
    """{force id: linked force report} for a national report; reads the prefetch when there is one."""
    if not report.concerns_all_forces:
        return {}
    links = {}
    for force_report in sorted(report.force_reports.all(), key=lambda linked: (linked.published_on, linked.pk)):
        for force in force_report.forces.all():
            links[force.pk] = force_report
    return links


def _by_force(bodies):
    by_force = {}
    for body in bodies:
        by_force.setdefault(body.force_id, []).append(body)
    return by_force


def _decide(report, bodies_by_force):
    """({force id: answering body}, [(body, force report)] for those that answer elsewhere)."""
    if report.concerns_all_forces:
        force_ids = set(bodies_by_force)
    else:
        force_ids = {force.pk for force in report.forces.all()}
    links = _force_reports_by_force(report)
    answering, elsewhere = {}, []
    for force_id in force_ids:
        force_bodies = bodies_by_force.get(force_id, [])
        if force_id in links:
            body = _answering_for_force(force_bodies, links[force_id])
            if body is not None:
                elsewhere.append((body, links[force_id]))
            continue
        body = _answering_for_force(force_bodies, report)
        if body is not None:
            answering[force_id] = body
    return answering, sorted(elsewhere, key=lambda pair: pair[0].name)


def _with_forces_and_links(reports):
    """The reports as a list, with what the rule reads fetched for all of them at once."""
    reports = list(reports)
    prefetch_related_objects(reports, "forces")
    # Only a national report can be linked to (InspectionReport.national_report's limit_choices_to).
    prefetch_related_objects([report for report in reports if report.concerns_all_forces], "force_reports__forces")
    return reports


def expected_bodies(report, bodies):
    """The bodies among `bodies` that must answer `report`, in the order given.

    `bodies` must include every body of the forces concerned (the rule compares a force's bodies
    over time). Prefetch the report's "forces" and "force_reports__forces", or each call costs
    queries.
    """
    answering, _ = _decide(report, _by_force(bodies))
    answering_ids = {body.pk for body in answering.values()}
    return [body for body in bodies if body.pk in answering_ids]


def coverage_for(reports, published_responses):
    """A Coverage per report, keyed by report id.

    `published_responses` are the published responses to those reports (body selected). Costs
    the same few queries however many reports and linked force reports there are.
    """
    reports = _with_forces_and_links(reports)
    bodies = list(LocalPolicingBody.objects.order_by("name"))
    by_force = _by_force(bodies)
    responded = {}
    for response in published_responses:
        responded.setdefault(response.report_id, []).append(response.body)
    coverage = {}
    for report in reports:
        answering, elsewhere = _decide(report, by_force)
        answering_ids = {body.pk for body in answering.values()}
        coverage[report.pk] = Coverage(
            expected=[body for body in bodies if body.pk in answering_ids],
            responded=responded.get(report.pk, []),
            through_force_reports=elsewhere,
        )
    return coverage


def reports_to_answer(bodies):
    """(report, body) for every report that one of `bodies` must answer, newest report first.

    For the staff dashboard: a fixed number of queries however many reports there are. Whether a
    response has been started is for the caller to check.
    """
    wanted = {body.pk: body for body in bodies}
    if not wanted:
        return []
    all_bodies = list(LocalPolicingBody.objects.order_by("name"))
    by_force = _by_force(all_bodies)
    force_ids = {body.force_id for body in wanted.values()}
    reports = _with_forces_and_links(
        InspectionReport.objects.filter(Q(concerns_all_forces=True) | Q(forces__in=force_ids))
        .distinct()
        .order_by("-published_on", "title", "pk")
    )
    pairs = []
    for report in reports:
        answering, _ = _decide(report, by_force)
        for body in sorted(answering.values(), key=lambda body: body.name):
            if body.pk in wanted:
                pairs.append((report, wanted[body.pk]))
    return pairs


# Saying why not -----------------------------------------------------------------------------


def _day(day):
    return dateformat.format(day, "j F Y")


def _the(body, start=False):
    name = body.name
    if name.startswith("The "):
        return name if start else "t" + name[1:]
    return ("The " if start else "the ") + name


def _names(forces):
    names = [force.name for force in forces]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _why_not_this_body(report, body, answering):
    published_on, due_on = report.published_on, report.responses_due_on
    who = _the(body, start=True)
    if body.started_on is not None and body.started_on > published_on:
        return (
            f"{who} took office on {_day(body.started_on)}, after this report was published on "
            f"{_day(published_on)}: it is not theirs to answer."
        )
    if answering is None:
        return f"No local policing body for {body.force.name} was in office when this report was published on {_day(published_on)}."
    if body.ended_on is not None and body.ended_on < published_on:
        return (
            f"{who} held office until {_day(body.ended_on)}, before this report was published on "
            f"{_day(published_on)}: {_the(answering)} answers it."
        )
    if body.ended_on is not None and body.ended_on < due_on:
        return (
            f"{who} held office until {_day(body.ended_on)}, before this report was due on {_day(due_on)}: "
            f"its functions, and the duty to answer, passed to {_the(answering)}."
        )
    return f"{_the(answering, start=True)} answers this report for {body.force.name}."


def must_answer(report, body):
    """Whether `body` must answer `report`: (True, "") or (False, a sentence for a person saying why not)."""
    forces = list(report.forces.all())
    if not report.concerns_all_forces:
        if not forces:
            return False, "This report does not name any force, so no local policing body is expected to answer it."
        if body.force_id not in {force.pk for force in forces}:
            return False, f"This report concerns {_names(forces)} only."
    answering = _answering_for_force(list(LocalPolicingBody.objects.filter(force_id=body.force_id)), report)
    if answering is None or answering.pk != body.pk:
        return False, _why_not_this_body(report, body, answering)
    force_report = _force_reports_by_force(report).get(body.force_id)
    if force_report is not None:
        return False, f"{_the(body, start=True)} answers this report through its force report «{force_report.title}»."
    return True, ""
