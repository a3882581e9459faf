"""Every due date of some bodies' responses: for the calendar page and the private iCalendar feed.

Three kinds: a response is due (56 days after its report, for the bodies tracker.coverage says
must answer it), the chief officer's comments are due (the date the body set under s.55(4)), and a
publication is scheduled. How each date stands today comes from tracker.deadlines.Countdown and,
for the chief officer's part, from Response; this module only gathers and labels them.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import dateformat, timezone

from responses.models import Response
from tracker.coverage import reports_to_answer
from tracker.deadlines import Countdown

RESPONSE = "response"
CHIEF_OFFICER = "chief-officer"
PUBLICATION = "publication"

KIND_LABELS = {
    RESPONSE: "Response due",
    CHIEF_OFFICER: "Chief officer's comments due",
    PUBLICATION: "Publication scheduled",
}


def _day(day):
    return dateformat.format(day, "j F Y")


@dataclass
class DueDate:
    kind: str
    day: object  # datetime.date
    report: object
    body: object
    response: Response | None
    countdown: Countdown
    # What already happened, in words ("Published 3 May 2024"); empty while it is still to do.
    done: str = ""

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    @property
    def summary(self):
        return f"{self.label}: {self.report.title}"

    @property
    def path(self):
        """Where staff act on it: the response, or the report (from which it is started)."""
        return self.response.get_staff_url() if self.response else self.report.get_absolute_url()

    @property
    def uid(self):
        """Stable across fetches and unique to the report, body and kind, so a calendar updates the
        event in place when its date moves rather than adding another."""
        host = urlsplit(settings.SITE_URL).hostname or "tracker"
        return f"{self.kind}-{self.report.pk}-{self.body.pk}@{host}"

    @property
    def status(self):
        """Where the response is, in words, for the feed's description."""
        if self.response is None:
            return "Not started"
        return self.response.get_status_display()


def response_due(report, body, response, today):
    """The response's due date; done once published (an amendment does not reopen the deadline)."""
    done = ""
    if response is not None and response.is_published:
        published_on = response.published_on
        done = f"Published {_day(published_on)}" if published_on else "Published (date not known)"
    return DueDate(
        RESPONSE, report.responses_due_on, report, body, response, Countdown(report.responses_due_on, today), done
    )


def chief_officer_due(response, today):
    """The date asked of the chief officer (s.55(4)), or None if none was set; done once the comments
    are received, or once the response is published (Response.awaits_chief_officer_comments)."""
    due_on = response.chief_officer_comments_due_on
    if due_on is None:
        return None
    done = ""
    if response.chief_officer_comments_received_on:
        done = f"Received {_day(response.chief_officer_comments_received_on)}"
    elif not response.awaits_chief_officer_comments:
        done = "Not chased: the response is published"
    return DueDate(CHIEF_OFFICER, due_on, response.report, response.body, response, Countdown(due_on, today), done)


def _publication_scheduled(response, today):
    if response.status != Response.Status.SCHEDULED or response.scheduled_for is None:
        return None
    day = timezone.localdate(response.scheduled_for)
    return DueDate(PUBLICATION, day, response.report, response.body, response, Countdown(day, today))


def due_dates(bodies, today=None, first_day=None, last_day=None):
    """Every due date of `bodies`' responses between `first_day` and `last_day` (either open), by day.

    Costs a fixed number of queries however many reports and responses there are.
    """
    today = today or timezone.localdate()
    bodies = list(bodies)
    responses = {
        (response.report_id, response.body_id): response
        for response in Response.objects.filter(body__in=bodies).select_related("report", "body")
    }
    # Who must answer is coverage's rule; a response a body has anyway (an imported record of one it
    # did not owe) is its date too.
    pairs = {(report.pk, body.pk): (report, body) for report, body in reports_to_answer(bodies)}
    for key, response in responses.items():
        pairs.setdefault(key, (response.report, response.body))
    dates = []
    for key, (report, body) in pairs.items():
        response = responses.get(key)
        dates.append(response_due(report, body, response, today))
        if response is not None:
            dates += [d for d in (chief_officer_due(response, today), _publication_scheduled(response, today)) if d]
    dates = [d for d in dates if (first_day is None or d.day >= first_day) and (last_day is None or d.day <= last_day)]
    kinds = list(KIND_LABELS)
    return sorted(dates, key=lambda d: (d.day, kinds.index(d.kind), d.report.title, d.body.name))
