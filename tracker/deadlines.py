"""The section 55 clock, computed in one place.

Section 55(5A) of the Police Act 1996: the local policing body must publish its comments
"before the end of the period of 56 days beginning with the day on which the report is
published". The day of publication is day 1, so the last day is publication date + 55 days.
The clock runs from the report's *original* publication date.
"""

import datetime
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

RESPONSE_PERIOD_DAYS = 56


def response_due_on(report_published_on):
    """The last day on which a response to a report published on that date is on time."""
    return report_published_on + timedelta(days=RESPONSE_PERIOD_DAYS - 1)


def is_on_time(published_on, due_on):
    return published_on <= due_on


@dataclass(frozen=True)
class Countdown:
    """How one due date stands on a given day: the one rule behind "N days left", "Due today" and
    "N days overdue", wherever a due date is shown (dashboard, calendar, feed, reminders)."""

    due_on: datetime.date
    today: datetime.date

    @property
    def days_left(self):
        """0 on the day itself, negative once overdue."""
        return (self.due_on - self.today).days

    @property
    def is_overdue(self):
        return self.days_left < 0

    @property
    def is_due_today(self):
        return self.days_left == 0

    @property
    def days_overdue(self):
        return max(0, -self.days_left)


def days_late(published_on, due_on):
    """Days after the last day that a response dated `published_on` came out: 0 if on time."""
    return 0 if is_on_time(published_on, due_on) else (published_on - due_on).days


def days_late_words(days):
    """Days late in words: "1 day late", "1,430 days late"."""
    return f"{days:,} day late" if days == 1 else f"{days:,} days late"


def long_date(day):
    """A date the way every page writes it: "22 April 2020"."""
    return f"{day.day} {day:%B %Y}"


def lateness_sentence(published_on, due_on, today=None):
    """The on-time status of a publication dated `published_on`, in words: "27 days late: the last
    day was 22 April 2020", "On time: the last day is 3 May 2026". `published_on` is None for an
    imported record whose original date is not known. The one sentence for lateness, wherever staff
    or the public read it."""
    today = today or timezone.localdate()
    last_day = f"the last day {'is' if due_on >= today else 'was'} {long_date(due_on)}"
    if published_on is None:
        return f"Not known: the date it was first published is not known, and {last_day}"
    if is_on_time(published_on, due_on):
        return f"On time: {last_day}"
    return f"{days_late_words(days_late(published_on, due_on)).capitalize()}: {last_day}"
