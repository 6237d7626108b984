"""The figures organizers quote about an edition's guests, each computed by the database in a fixed number of queries.

Figures about guests (country or region, continent, category, participation, forum fill) count the live registrations:
rejected and cancelled ones are left out, as they hold no seat and will not come. Figures by status count all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.collation import collation_key
from core.countries import countries
from forums.models import Forum
from members.continents import continent_of
from members.enums import Continent

from .enums import (
    CLOSED_REGISTRATION_STATUSES,
    GuestCategory,
    Participation,
    RegistrationSource,
    RegistrationStatus,
    SeatStatus,
)
from .models import ForumChoice, Registration
from .services import REGISTRABLE_FORUM_KINDS, forum_capacity, held_seats

TOP_COUNTRIES = 20


@dataclass(frozen=True)
class Bar:
    """One line of a bar chart: ``count`` out of ``total``."""

    key: str
    label: str
    count: int
    total: int

    @property
    def percent(self) -> float:
        return round(100 * self.count / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class ForumFill:
    """A forum's on-site seats given against its capacity (None: no limit), its waiting list and online guests."""

    forum: Forum
    capacity: int | None
    seated: int
    waitlisted: int
    online: int
    held: int = 0  # seats held for invitees who have not answered yet (``services.held_seats``)

    @property
    def taken(self) -> int:
        return self.seated + self.held

    @property
    def percent(self) -> float | None:
        return round(100 * self.taken / self.capacity, 1) if self.capacity else None

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


@dataclass(frozen=True)
class DashboardSection:
    """A chart an app above guests adds to the dashboard (invitations, delegations, the press): its own figures,
    counted in a fixed number of queries."""

    caption: str
    heading: str
    bars: list[Bar]
    totals: list[tuple[str, int]] = field(default_factory=list)


# Each builder takes the summit and returns its sections; apps register theirs in AppConfig.ready().
SECTION_BUILDERS: list[Callable[[object], list[DashboardSection]]] = []


def register_dashboard_sections(builder: Callable[[object], list[DashboardSection]]):
    """Add an app's charts to the dashboard (a decorator); guests never imports the apps above it."""
    SECTION_BUILDERS.append(builder)
    return builder


@dataclass(frozen=True)
class SummitDashboard:
    summit: object
    registration_count: int
    guest_count: int
    by_status: list[Bar]
    by_country: list[Bar]
    country_count: int
    by_continent: list[Bar]
    by_category: list[Bar]
    by_participation: list[Bar]
    forums: list[ForumFill]
    sections: list[DashboardSection] = field(default_factory=list)


def _bars(counts: dict[str, int], labels: dict[str, str], total: int, *, keep_zeros: bool = True) -> list[Bar]:
    return [
        Bar(key=key, label=str(label), count=counts.get(key, 0), total=total)
        for key, label in labels.items()
        if keep_zeros or counts.get(key, 0)
    ]


def _by_size(bars: list[Bar]) -> list[Bar]:
    return sorted(bars, key=lambda bar: (-bar.count, collation_key(bar.label)))


def summit_dashboard(summit) -> SummitDashboard:
    """Every figure of the dashboard for one edition, in four queries whatever the number of guests."""
    # Journalists accredited by the press office are not guests: the press counts them on its own.
    registrations = Registration.objects.filter(summit=summit).exclude(source=RegistrationSource.PRESS)
    live = ~Q(status__in=CLOSED_REGISTRATION_STATUSES)
    totals = registrations.aggregate(
        registrations=Count("pk"),
        guests=Count("pk", filter=live),
        **{f"status_{value}": Count("pk", filter=Q(status=value)) for value in RegistrationStatus.values},
        **{f"category_{value}": Count("pk", filter=live & Q(guest__category=value)) for value in GuestCategory.values},
        **{
            f"participation_{value}": Count("pk", filter=live & Q(participation=value))
            for value in Participation.values
        },
    )
    guest_count = totals["guests"]

    def counts(prefix: str, values) -> dict[str, int]:
        return {value: totals[f"{prefix}_{value}"] for value in values}

    by_country = {
        row["guest__country"]: row["count"]
        for row in registrations.filter(live).values("guest__country").annotate(count=Count("pk")).order_by()
    }
    country_bars = _by_size([
        Bar(key=code, label=str(countries.name(code)) or code, count=count, total=guest_count)
        for code, count in by_country.items()
    ])
    by_continent: dict[str, int] = {}
    for code, count in by_country.items():
        continent = continent_of(code)
        by_continent[continent] = by_continent.get(continent, 0) + count
    continent_labels = {**dict(Continent.choices), "": _("Unknown")}

    return SummitDashboard(
        summit=summit,
        registration_count=totals["registrations"],
        guest_count=guest_count,
        by_status=_bars(counts("status", RegistrationStatus.values), dict(RegistrationStatus.choices),
                        totals["registrations"]),
        by_country=country_bars[:TOP_COUNTRIES],
        country_count=len(by_country),
        by_continent=_by_size(_bars(by_continent, continent_labels, guest_count, keep_zeros=False)),
        by_category=_by_size(_bars(counts("category", GuestCategory.values), dict(GuestCategory.choices),
                                   guest_count)),
        by_participation=_bars(counts("participation", Participation.values), dict(Participation.choices),
                               guest_count),
        forums=forum_fill(summit),
        sections=[section for builder in SECTION_BUILDERS for section in builder(summit)],
    )


def forum_fill(summit) -> list[ForumFill]:
    """Each forum open to registration, in programme order, with its seats taken and held: three queries."""
    forums = list(
        Forum.objects.filter(summit=summit, kind__in=REGISTRABLE_FORUM_KINDS)
        .select_related("room")
        .order_by("start", "order", "pk")
    )
    offline = Q(registration__participation=Participation.OFFLINE)
    rows = (
        ForumChoice.objects.filter(forum__summit=summit, forum__kind__in=REGISTRABLE_FORUM_KINDS)
        .exclude(registration__status__in=CLOSED_REGISTRATION_STATUSES)
        .values("forum_id")
        .annotate(
            seated=Count("pk", filter=offline & Q(seat_status=SeatStatus.SEATED)),
            waitlisted=Count("pk", filter=Q(seat_status=SeatStatus.WAITLISTED)),
            online=Count("pk", filter=Q(registration__participation=Participation.ONLINE)),
        )
        .order_by()
    )
    by_forum = {row["forum_id"]: row for row in rows}
    held = held_seats(forum.pk for forum in forums)
    empty = {"seated": 0, "waitlisted": 0, "online": 0}
    return [
        ForumFill(
            forum=forum,
            capacity=forum_capacity(forum),
            seated=by_forum.get(forum.pk, empty)["seated"],
            waitlisted=by_forum.get(forum.pk, empty)["waitlisted"],
            online=by_forum.get(forum.pk, empty)["online"],
            held=held.get(forum.pk, 0),
        )
        for forum in forums
    ]
