"""Reads of the WIC International Organization's members, shared by the public directory and its figures."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby
from typing import TypeVar

from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.collation import collation_key
from core.countries import countries

from .enums import Continent, MembershipStatus, MembershipType, OrganizationKind, ParticipantRole
from .models import Body, BodyParticipant, Membership, Organization

TOP_COUNTRIES = 10
NO_COUNTRY = _("Country not stated")


def active_members() -> QuerySet[Organization]:
    """Organisations with an active membership, with the membership in the same query (the API's rule)."""
    return Organization.objects.filter(membership__status=MembershipStatus.ACTIVE).select_related("membership")


def continent_or_none(value: str | None) -> str | None:
    """The continent code asked for in a filter, or None (all continents) for anything that is not one."""
    return value if value in Continent.values else None


@dataclass
class CountryGroup:
    code: str
    name: str | Promise
    members: list[Organization] = field(default_factory=list)


@dataclass
class ContinentGroup:
    code: str
    label: str | Promise
    countries: list[CountryGroup] = field(default_factory=list)

    @property
    def member_count(self) -> int:
        return sum(len(country.members) for country in self.countries)


def _continent_label(code: str) -> str | Promise:
    return Continent(code).label if code in Continent.values else _("Other")


def _continent_order(code: str) -> tuple:
    return (code not in Continent.values, collation_key(_continent_label(code)))


def _member_order(member: Organization) -> tuple:
    """Continent, then country or region (members that state none last), then name: alphabetical in the active
    language, so in pinyin order in Chinese."""
    return (_continent_order(member.continent), not member.country, collation_key(member.country.name),
            collation_key(member.name))


def members_by_continent(continent: str | None = None) -> list[ContinentGroup]:
    """Active members grouped by continent then by country or region, each sorted by its name in the active
    language (in pinyin order in Chinese, ``core.collation``).

    One query; names are sorted in Python because the translated name falls back to English and Chinese is
    ordered by its pinyin, neither of which the database can sort by.
    """
    members = active_members()
    if continent:
        members = members.filter(continent=continent)
    ordered = sorted(members, key=_member_order)
    groups = []
    for code, continent_members in groupby(ordered, key=lambda member: member.continent):
        group = ContinentGroup(code=code, label=_continent_label(code))
        for country, grouped in groupby(continent_members, key=lambda member: member.country.code):
            country_members = list(grouped)
            name = country_members[0].country.name if country else NO_COUNTRY
            group.countries.append(CountryGroup(code=country, name=name, members=country_members))
        groups.append(group)
    return groups


@dataclass
class MemberFigures:
    """Members counted by continent, country or region, membership type and kind of organisation, and the totals,
    all computed from the memberships. ``country_count`` counts countries and regions (Taiwan, Hong Kong and Macao
    are regions of China): it is shown as "countries and regions"."""

    by_continent: list[tuple[str, str | Promise, int]]  # (code, label, members), most members first
    by_country: list[tuple[str, str, int]]  # (code, name, members), most members first
    member_count: int
    country_count: int
    continent_count: int
    by_type: list[tuple[str, str | Promise, int]] = field(default_factory=list)  # (code, label, members), most first
    by_kind: list[tuple[str, str | Promise, int]] = field(default_factory=list)  # (code, label, members), most first

    @property
    def top_countries(self) -> list[tuple[str, str, int]]:
        return self.by_country[:TOP_COUNTRIES]


def _add(counts: dict[str, int], key: str, count: int) -> None:
    counts[key] = counts.get(key, 0) + count


FigureRow = TypeVar("FigureRow", bound=tuple[str, str | Promise, int])  # (code, label or name, members)


def _most_first(rows: list[FigureRow]) -> list[FigureRow]:
    """Most members first; rows with as many members in alphabetical order of their label."""
    return sorted(rows, key=lambda row: (-row[2], collation_key(row[1])))


def _choice_label(choices, code: str) -> str | Promise:
    return choices(code).label if code in choices.values else _("Other")


def member_figures() -> MemberFigures:
    """The figures of every active member (whatever the directory's filter), in one grouped query."""
    rows = (
        active_members()
        .order_by()  # the model's ordering by name would split the groups
        .values_list("continent", "country", "membership__type", "kind")
        .annotate(members=Count("pk"))
    )
    continents: dict[str, int] = {}
    by_country_code: dict[str, int] = {}
    types: dict[str, int] = {}
    kinds: dict[str, int] = {}
    total = 0
    for continent, country, membership_type, kind, count in rows:
        total += count
        if continent:
            _add(continents, continent, count)
        if country:
            _add(by_country_code, country, count)
        _add(types, membership_type, count)
        _add(kinds, kind, count)
    by_continent = _most_first([(code, _continent_label(code), count) for code, count in continents.items()])
    by_country = _most_first([(code, countries.name(code), count) for code, count in by_country_code.items()])
    return MemberFigures(
        by_continent=by_continent, by_country=by_country, member_count=total, country_count=len(by_country),
        continent_count=len(by_continent),
        by_type=_most_first([(code, _choice_label(MembershipType, code), count) for code, count in types.items()]),
        by_kind=_most_first([(code, _choice_label(OrganizationKind, code), count) for code, count in kinds.items()]),
    )


def pending_application_count() -> int:
    """Applications waiting for an organizer's decision."""
    return Membership.objects.filter(status=MembershipStatus.APPLIED).count()


def bodies() -> QuerySet[Body]:
    """The WIC's committees, working groups and programmes, by kind then name."""
    return Body.objects.order_by("kind", "name")


@dataclass
class BodyRoster:
    """A body and its participants on a given day: those whose term covers it, those whose term has ended, and
    those whose term starts later."""

    body: Body
    current: list[BodyParticipant]
    past: list[BodyParticipant]
    upcoming: list[BodyParticipant]


ROLE_ORDER = {role: position for position, role in enumerate(ParticipantRole.values)}


def _participant_order(participant: BodyParticipant) -> tuple:
    return (ROLE_ORDER.get(participant.role, len(ROLE_ORDER)), collation_key(participant), participant.pk)


def body_roster(slug: str, *, on: datetime.date) -> BodyRoster | None:
    """The body of ``slug`` with its participants split by their term on the day ``on`` (in two queries), each
    list by role (chair first) then name; past participants most recently ended first. None if there is none."""
    body = Body.objects.select_related("launched_at_summit").filter(slug=slug).first()
    if body is None:
        return None
    participants = sorted(body.participants.select_related("organization"), key=_participant_order)
    current, past, upcoming = [], [], []
    for participant in participants:
        if participant.term_end is not None and participant.term_end < on:
            past.append(participant)
        elif participant.term_start is not None and participant.term_start > on:
            upcoming.append(participant)
        else:
            current.append(participant)
    # Stable: role and name within a day. Every past participant has a term_end (the date.min only types it).
    past.sort(key=lambda participant: participant.term_end or datetime.date.min, reverse=True)
    return BodyRoster(body=body, current=current, past=past, upcoming=upcoming)
