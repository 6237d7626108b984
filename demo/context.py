"""What the parts of the demo load share: the upserter, and the rows loaded so far by natural key."""

import datetime
import uuid
from dataclasses import dataclass, field

from core.clock import WUZHEN
from forums.guids import SESSION_GUID_NAMESPACE

from .upsert import Upserter


def at(day: datetime.date, clock: str) -> datetime.datetime:
    """``clock`` ("09:30") on ``day``, in Wuzhen."""
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WUZHEN)


def local(moment: datetime.datetime) -> datetime.datetime:
    """A naive wall-clock time of the data, made aware in Wuzhen."""
    return moment.replace(tzinfo=WUZHEN)


def session_guid(year: int, forum_slug: str, index: int) -> uuid.UUID:
    """Derived from the session's place in the demo, so that reloading never mints new ones."""
    return uuid.uuid5(SESSION_GUID_NAMESPACE, f"wic-demo/{year}/{forum_slug}/{index}")


@dataclass(frozen=True)
class Edition:
    """An edition the demo loads: one of the seeds (2022-2024), or an upcoming one it made up (``made_on`` set)
    whose programme, awards and expo repeat those of ``source``, shifted by whole weeks."""

    year: int
    start: datetime.date
    end: datetime.date
    source: int  # the year whose data it is made from: its own for the seeds
    made_on: datetime.date | None = None

    @property
    def live(self) -> bool:
        return self.made_on is not None

    @property
    def days(self) -> list[datetime.date]:
        return [self.start + datetime.timedelta(days=offset) for offset in range((self.end - self.start).days + 1)]

    @property
    def published_at(self) -> datetime.datetime | None:
        """A made-up edition is published at the start of the day it was made."""
        return at(self.made_on, "00:00") if self.made_on else None


@dataclass
class DemoContext:
    today: datetime.date
    editions: dict = field(default_factory=dict)  # year -> Edition, in order of year
    upserter: Upserter = field(default_factory=Upserter)
    summits: dict = field(default_factory=dict)  # year -> Summit
    rooms: dict = field(default_factory=dict)  # slug -> Room
    organizations: dict = field(default_factory=dict)  # slug -> Organization
    members: list = field(default_factory=list)  # (Organization, template index), active members in order
    bodies: dict = field(default_factory=dict)  # slug -> Body
    forums: dict = field(default_factory=dict)  # (year, slug) -> Forum
    sessions: dict = field(default_factory=dict)  # (year, forum slug, index) -> Session

    def upsert(self, model, lookup: dict, values: dict, *, clean: bool = True):
        return self.upserter.upsert(model, lookup, values, clean=clean)

    def members_of(self, *, template: int | None = None, country: str | None = None) -> list:
        return [
            organization for organization, index in self.members
            if (template is None or index == template) and (country is None or organization.country == country)
        ]
