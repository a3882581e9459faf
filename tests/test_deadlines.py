"""The 56-day clock of section 55(5A): the day of publication is day 1."""

import datetime

import pytest

from tests.factories import ReportFactory, ResponseFactory
from tracker.deadlines import is_on_time, response_due_on


@pytest.mark.parametrize(
    ("published", "due"),
    [
        (datetime.date(2020, 2, 27), datetime.date(2020, 4, 22)),  # the worked example
        (datetime.date(2024, 1, 5), datetime.date(2024, 2, 29)),  # lands on a leap day
        (datetime.date(2023, 1, 5), datetime.date(2023, 3, 1)),  # the same dates without one
        (datetime.date(2023, 11, 15), datetime.date(2024, 1, 9)),  # across the year end
    ],
)
def test_it_gives_the_last_day_of_the_56_days(published, due):
    assert response_due_on(published) == due


def test_the_period_is_56_days_counting_the_day_of_publication():
    published = datetime.date(2021, 6, 1)
    days_in_period = (response_due_on(published) - published).days + 1
    assert days_in_period == 56


@pytest.mark.django_db
def test_a_report_and_its_responses_share_one_due_date():
    report = ReportFactory(published_on=datetime.date(2020, 2, 27))
    response = ResponseFactory(report=report)
    assert report.responses_due_on == datetime.date(2020, 4, 22)
    assert response.due_on == datetime.date(2020, 4, 22)


def test_publishing_on_the_last_day_is_on_time_and_the_next_day_is_late():
    due = datetime.date(2020, 4, 22)
    assert is_on_time(due, due)
    assert not is_on_time(due + datetime.timedelta(days=1), due)
