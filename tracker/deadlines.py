"""The section 55 clock, computed in one place.

Section 55(5A) of the Police Act 1996: the local policing body must publish its comments
"before the end of the period of 56 days beginning with the day on which the report is
published". The day of publication is day 1, so the last day is publication date + 55 days.
The clock runs from the report's *original* publication date.
"""

import datetime
from dataclasses import dataclass
from datetime import timedelta

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
