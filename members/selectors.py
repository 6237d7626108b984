"""Reads of the WIC International Organization's members, shared by the public directory and its figures."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .enums import Continent, MembershipStatus
from .models import Body, Organization

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
    name: str
    members: list[Organization] = field(default_factory=list)


@dataclass
class ContinentGroup:
    code: str
    label: str
    countries: list[CountryGroup] = field(default_factory=list)

    @property
    def member_count(self) -> int:
        return sum(len(country.members) for country in self.countries)


def _continent_label(code: str) -> str:
    return Continent(code).label if code in Continent.values else _("Other")


def _continent_order(code: str) -> tuple[bool, str]:
    return (code not in Continent.values, str(_continent_label(code)))


def members_by_continent(continent: str | None = None) -> list[ContinentGroup]:
    """Active members grouped by continent then by country, each sorted by its name in the active language.

    One query; names are sorted in Python because the translated name falls back to English, which the database
    cannot sort by.
    """
    members = active_members()
    if continent:
        members = members.filter(continent=continent)
    members = sorted(members, key=lambda member: (_continent_order(member.continent), member.country.name or "~",
                                                  member.name.casefold()))
    groups = []
    for code, continent_members in groupby(members, key=lambda member: member.continent):
        group = ContinentGroup(code=code, label=_continent_label(code))
        for country, country_members in groupby(continent_members, key=lambda member: member.country.code):
            country_members = list(country_members)
            name = country_members[0].country.name if country else NO_COUNTRY
            group.countries.append(CountryGroup(code=country, name=name, members=country_members))
        groups.append(group)
    return groups


@dataclass
class MemberFigures:
    """Members counted by continent and by country, and the totals, all computed from the memberships."""

    by_continent: list[tuple[str, str, int]]  # (code, label, members), most members first
    by_country: list[tuple[str, str, int]]  # (code, name, members), most members first
    member_count: int
    country_count: int
    continent_count: int

    @property
    def top_countries(self) -> list[tuple[str, str, int]]:
        return self.by_country[:TOP_COUNTRIES]


def member_figures() -> MemberFigures:
    """The figures of every active member (whatever the directory's filter), in one grouped query."""
    rows = (
        active_members()
        .order_by()  # the model's ordering by name would split the groups
        .values_list("continent", "country")
        .annotate(members=Count("pk"))
    )
    continents: dict[str, int] = {}
    by_country = []
    total = 0
    for continent, country, count in rows:
        total += count
        if continent:
            continents[continent] = continents.get(continent, 0) + count
        if country:
            by_country.append((country, countries.name(country), count))
    by_continent = [(code, _continent_label(code), count) for code, count in continents.items()]
    by_continent.sort(key=lambda row: (-row[2], str(row[1])))
    by_country.sort(key=lambda row: (-row[2], str(row[1])))
    return MemberFigures(
        by_continent=by_continent, by_country=by_country, member_count=total, country_count=len(by_country),
        continent_count=len(by_continent),
    )


def bodies() -> QuerySet[Body]:
    """The WIC's committees, working groups and programmes, by kind then name."""
    return Body.objects.order_by("kind", "name")
