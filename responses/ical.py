"""Due dates as an iCalendar document (RFC 5545) that Outlook and Google Calendar can subscribe to.

Built with the `icalendar` package, which folds long lines at 75 octets and escapes commas,
semicolons, backslashes and line breaks: report titles are full of commas, and a hand-written
writer is where such details go wrong.
"""

import datetime

from django.conf import settings
from icalendar import Calendar, Event

# How often a subscribed calendar should fetch the feed again (RFC 7986, and Outlook's own name).
REFRESH_EVERY = datetime.timedelta(hours=6)
ONE_DAY = datetime.timedelta(days=1)


def _stamp(due):
    """When the event's information last changed: the response's last change, else the report's
    publication (which fixes its due date). Stable between fetches, unlike "now"."""
    if due.response is not None:
        return due.response.updated_at
    return datetime.datetime.combine(due.report.published_on, datetime.time(), tzinfo=datetime.UTC)


def _description(due):
    lines = [f"{due.label} for {due.body.name}.", f"Report: {due.report.title}", f"Where the response is: {due.status}"]
    if due.done:
        lines.append(due.done)
    return "\n".join(lines)


def _event(due):
    event = Event()
    event.add("uid", due.uid)
    event.add("dtstamp", _stamp(due))
    # A date, not a time: VALUE=DATE, an all-day event on the day itself (DTEND is exclusive).
    event.add("dtstart", due.day)
    event.add("dtend", due.day + ONE_DAY)
    event.add("summary", f"{due.summary} ({due.body.name})")
    event.add("description", _description(due))
    event.add("url", settings.SITE_URL + due.path)
    # A due date is not a meeting: it must not show the day as busy.
    event.add("transp", "TRANSPARENT")
    return event


def feed(due_dates, name):
    """The iCalendar document, as bytes, for `due_dates` (responses.due_dates.DueDate)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Due dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("refresh-interval", REFRESH_EVERY, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_EVERY)
    for due in due_dates:
        calendar.add_component(_event(due))
    return calendar.to_ical()
