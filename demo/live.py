"""Which editions the demo loads: the seeds' three, and an upcoming one made up on the day of the load.

The demo makes an edition only when none is running or ahead on ``today`` (in Wuzhen): not while one of the seeds
is still to come (a load dated before November 2024), nor while an edition an organizer added, or the one the demo
made earlier, has not ended. Its dates are chosen once, on the day it is made, and kept (``LiveEdition``): a run
on a later day loads the same edition, and the first run after it ended makes the next one.
"""

import datetime

from summits.models import Summit

from .context import Edition
from .data import editions as seeds
from .data import live as data
from .models import LiveEdition


def demo_editions(today: datetime.date) -> dict[int, Edition]:
    """The editions to load by year: the seeds, the upcoming ones made so far, and a new one if none is ahead."""
    editions = {
        year: Edition(year=year, start=edition["start"], end=edition["end"], source=year)
        for year, edition in seeds.EDITIONS.items()
    }
    made = list(LiveEdition.objects.all())
    summits = dict(Summit.objects.values_list("year", "end_date"))
    ends = [*summits.values(), *(edition.end for edition in editions.values()), *(live.end_date for live in made)]
    if not any(end >= today for end in ends):
        made.append(_make(today, taken={*summits, *editions, *(live.year for live in made)}))
    for live in made:
        editions[live.year] = Edition(year=live.year, start=live.start_date, end=live.end_date,
                                      source=live.source_year, made_on=live.created_on)
    return dict(sorted(editions.items()))


def _make(today: datetime.date, *, taken: set[int]) -> LiveEdition:
    source = seeds.EDITIONS[data.SOURCE_YEAR]
    start = choose_start(today, taken=taken, weekday=source["start"].weekday(),
                         length=source["end"] - source["start"])
    return LiveEdition.objects.create(
        year=start.year, start_date=start, end_date=start + (source["end"] - source["start"]),
        source_year=data.SOURCE_YEAR, created_on=today,
    )


def choose_start(today: datetime.date, *, taken: set[int], weekday: int, length: datetime.timedelta) -> datetime.date:
    """The first day on ``weekday`` from LEAD_DAYS after ``today`` whose edition falls within one year that has
    none yet (``Summit.year`` is unique); else the first such day of the next free year."""
    first, last = (today + datetime.timedelta(days=days) for days in data.LEAD_DAYS)
    day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7)
    while day <= last:
        if day.year == (day + length).year and day.year not in taken:
            return day
        day += datetime.timedelta(weeks=1)
    year = last.year + 1
    while year in taken:
        year += 1
    january = datetime.date(year, 1, 1)
    return january + datetime.timedelta(days=(weekday - january.weekday()) % 7)
