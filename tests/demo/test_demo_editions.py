"""Which editions the demo loads (demo/live.py): an upcoming one only when none is running or ahead, on the first
day three weeks ahead on the 2024 edition's weekday, in a year with no edition. On an empty database."""

import datetime

import pytest

from demo.live import choose_start, demo_editions

SOURCE_START = datetime.date(2024, 11, 19)  # a Tuesday


@pytest.mark.django_db
@pytest.mark.parametrize(("today", "years"), [
    (datetime.date(2024, 11, 1), [2022, 2023, 2024]),  # 2024's edition is still to come: it is the next one
    (datetime.date(2024, 11, 22), [2022, 2023, 2024]),  # its last day
    (datetime.date(2024, 11, 23), [2022, 2023, 2024, 2025]),
])
def test_no_edition_is_made_while_one_is_running_or_ahead(today, years):
    assert list(demo_editions(today)) == years


@pytest.mark.parametrize(("today", "taken", "start"), [
    (datetime.date(2026, 12, 6), set(), datetime.date(2027, 1, 5)),  # 29 December would run into 2027
    (datetime.date(2027, 3, 1), set(), datetime.date(2027, 3, 23)),
    (datetime.date(2027, 3, 1), {2027}, datetime.date(2028, 1, 4)),  # Summit.year is unique
    (datetime.date(2027, 12, 10), {2028}, datetime.date(2029, 1, 2)),
])
def test_the_start_is_the_first_tuesday_three_weeks_ahead_in_a_year_with_no_edition(today, taken, start):
    assert choose_start(today, taken=taken, weekday=SOURCE_START.weekday(), length=datetime.timedelta(days=3)) == start
