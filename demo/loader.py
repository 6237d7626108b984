"""Load the demo: the 2022, 2023 and 2024 editions of the WIC Wuzhen Summit, from the facts in ``data/``, and an
upcoming edition made up from 2024's programme on the day of the load (``live.py``).

Idempotent: every row is found by its natural key and written only when it is missing or differs, so a second
run writes nothing and leaves every ``updated_at`` as it was. Rows someone else changed or deleted since the demo
wrote them are kept as they are and listed (``upsert.py``).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation

from awards.enums import NominationStatus
from awards.models import AwardProgramme, Nomination
from expo.enums import ExhibitorStatus
from expo.models import Exhibit, Exhibitor
from forums.enums import ForumKind
from forums.models import Forum, Session, SessionSpeaker
from forums.selectors import agenda_by_day_and_room
from members.enums import MembershipStatus
from members.models import Membership, Organization
from reports.models import ReportEdition, ReportSeries
from summits.models import Summit, Venue

from .awards import load_awards
from .context import DemoContext
from .delegations import load_delegations
from .editions import dates_en, load_partners, load_press_conferences, load_summits, load_venue
from .expo import load_expos
from .invitations import load_invitations
from .live import demo_editions
from .models import DemoRow
from .organisation import load_bodies, load_organisations
from .press import load_press
from .programme import load_programme
from .reports import load_reports
from .speakers import load_speakers
from .streams import load_streams
from .teams import load_teams
from .upsert import Kept, gone
from .visas import load_visa_letters


class DemoScheduleError(Exception):
    """The loaded programme breaks a scheduling rule (a room or a speaker in two sessions at once)."""


@dataclass
class DemoLoad:
    """What a load did: rows created and changed by model label, the rows it kept as someone else left them, and a
    line of figures per edition."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kept: list[Kept] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def database_is_empty() -> bool:
    """Whether the database holds none of what the demo or an organizer writes first (a venue, an edition, an
    organisation, a report series), nor anything the demo wrote: what ``load_wic_demo --if-empty`` loads into."""
    return not any(model.objects.exists() for model in (DemoRow, Summit, Venue, Organization, ReportSeries))


def load_wic_demo(*, today: datetime.date | None = None) -> DemoLoad:
    """Create or bring up to date every demo row, as of ``today`` (Wuzhen's date by default), which decides the
    upcoming edition. All of it commits together, or nothing does."""
    today = today or timezone.localdate()
    with translation.override("en"), transaction.atomic():
        ctx = DemoContext(today=today, editions=demo_editions(today))
        load_organisations(ctx)
        venue = load_venue(ctx)
        load_summits(ctx, venue)
        load_partners(ctx)
        load_press_conferences(ctx)
        load_bodies(ctx)
        load_programme(ctx)
        load_streams(ctx)
        load_awards(ctx)
        load_expos(ctx, venue)
        load_reports(ctx)
        load_invitations(ctx)
        load_delegations(ctx)
        load_visa_letters(ctx)
        load_press(ctx)
        load_speakers(ctx)
        load_teams(ctx)
        _check_schedule(ctx)
        ctx.upserter.save_registry()
        return DemoLoad(
            created=ctx.upserter.created, updated=ctx.upserter.updated, kept=ctx.upserter.kept,
            figures=_figures(ctx),
        )


def _check_schedule(ctx: DemoContext) -> None:
    for summit in ctx.summits.values():
        if gone(summit):
            continue
        clashes = sum(day.clash_count for day in agenda_by_day_and_room(summit))
        if clashes:
            raise DemoScheduleError(f"{summit}: {clashes} sessions clash in a room or for a speaker.")


def _counts(queryset, key: str, **annotation) -> dict:
    return {row[key]: row["count"] for row in queryset.values(key).annotate(count=Count(**annotation)).order_by()}


def _figures(ctx: DemoContext) -> list[str]:
    by_summit = {
        "forums": _counts(Forum.objects.all(), "summit_id", expression="pk"),
        "sub-forums": _counts(Forum.objects.filter(kind=ForumKind.SUB_FORUM), "summit_id", expression="pk"),
        "sessions": _counts(Session.objects.all(), "forum__summit_id", expression="pk"),
        "speakers": _counts(SessionSpeaker.objects.all(), "session__forum__summit_id", expression="speaker",
                            distinct=True),
        "award programmes": _counts(AwardProgramme.objects.all(), "summit_id", expression="pk"),
        "laureates": _counts(Nomination.objects.filter(status=NominationStatus.AWARDED), "programme__summit_id",
                             expression="pk"),
        "exhibitors": _counts(Exhibitor.objects.filter(application_status=ExhibitorStatus.APPROVED),
                              "expo__summit_id", expression="pk"),
        "exhibits": _counts(Exhibit.objects.all(), "exhibitor__expo__summit_id", expression="pk"),
        "reports released": _counts(ReportEdition.objects.all(), "summit_id", expression="pk"),
    }
    lines = []
    for year, summit in sorted(ctx.summits.items()):
        if gone(summit):
            continue
        figures = ", ".join(f"{counts.get(summit.pk, 0)} {label}" for label, counts in by_summit.items())
        edition = ctx.editions[year]
        state = "upcoming" if edition.end >= ctx.today else "ended"
        when = f" ({dates_en(edition.start, edition.end)} {edition.end.year}, {state})" if edition.live else ""
        lines.append(f"{summit.name_en}{when}: {figures}")
    active = Membership.objects.filter(status=MembershipStatus.ACTIVE, organization__isnull=False)
    places = active.aggregate(
        members=Count("pk"), countries=Count("organization__country", distinct=True),
        continents=Count("organization__continent", distinct=True),
    )
    lines.append(
        f"WIC International Organization: {places['members']} active members from {places['countries']} countries "
        f"and regions on {places['continents']} continents"
    )
    return lines
