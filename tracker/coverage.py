"""Which bodies are expected to answer a report, and how many have.

A national report is answered by every body; a force report by the bodies of the forces it
concerns. Only bodies in office on the report's publication date are expected to answer it.
Computed in Python over the 43-odd bodies, fetched once, so a page listing many reports costs a
fixed number of queries.
"""

from dataclasses import dataclass

from tracker.models import LocalPolicingBody


@dataclass
class Coverage:
    expected: list
    responded: list

    @property
    def outstanding(self):
        responded_ids = {body.pk for body in self.responded}
        return [body for body in self.expected if body.pk not in responded_ids]


def _in_office(body, day):
    return (body.started_on is None or body.started_on <= day) and (body.ended_on is None or body.ended_on >= day)


def expected_bodies(report, bodies):
    """The bodies among `bodies` that must answer `report`; report.forces must be prefetched."""
    force_ids = None if report.concerns_all_forces else {force.pk for force in report.forces.all()}
    return [
        body
        for body in bodies
        if _in_office(body, report.published_on) and (force_ids is None or body.force_id in force_ids)
    ]


def coverage_for(reports, published_responses):
    """A Coverage per report, keyed by report id.

    `published_responses` are the published responses to those reports (body selected).
    """
    bodies = list(LocalPolicingBody.objects.order_by("name"))
    responded = {}
    for response in published_responses:
        responded.setdefault(response.report_id, []).append(response.body)
    return {
        report.pk: Coverage(expected=expected_bodies(report, bodies), responded=responded.get(report.pk, []))
        for report in reports
    }
