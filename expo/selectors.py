"""Reads of the expo shared by the public site, the online cloud hall and the API."""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from core.collation import collation_key
from core.enums import PublicationStatus
from summits.selectors import is_current_edition

from .enums import ExhibitCategory, ExhibitorStatus
from .models import Exhibit, ExhibitImage, Exhibitor, Expo


def online_hall_is_open(expo: Expo, on: datetime.date | None = None) -> bool:
    """Whether the expo's online cloud hall is open on ``on`` (today in Wuzhen by default), both ends included."""
    return expo.online_hall_open_on(on or timezone.localdate())


def online_hall_exhibits(expo: Expo, on: datetime.date | None = None) -> list[Exhibit]:
    """What the online cloud hall shows on ``on``: nothing while it is closed (or the expo is unpublished);
    otherwise the published exhibits marked to be shown online, of published and approved exhibitors.

    Exhibitors with their organisation come in the same query, the images (in order) in one more.
    """
    if not expo.is_published or not online_hall_is_open(expo, on):
        return []
    return _as_cards(_public_exhibits_of(expo).filter(shown_online=True))


# --- The public pages -------------------------------------------------------------------------------------------

PUBLISHED = PublicationStatus.PUBLISHED
PUBLIC_EXPO = Q(status=PUBLISHED, summit__status=PUBLISHED)


def public_exhibitor_q(prefix: str = "", *, of_public_expo: bool = False) -> Q:
    """A published, approved exhibitor, seen from the exhibitor (``prefix`` "") or from an exhibit ("exhibitor__").

    ``of_public_expo`` also asks for its expo and summit to be published, for lists that do not start from a public
    expo (the API, the sitemap, a page found by its address).
    """
    rule = {"status": PUBLISHED, "application_status": ExhibitorStatus.APPROVED}
    if of_public_expo:
        rule |= {"expo__status": PUBLISHED, "expo__summit__status": PUBLISHED}
    return Q(**{f"{prefix}{lookup}": value for lookup, value in rule.items()})


class OnlineHallStatus(StrEnum):
    NOT_PLANNED = "not_planned"
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


@dataclass
class CategoryExhibits:
    category: ExhibitCategory
    exhibits: list[Exhibit] = field(default_factory=list)


def _ordered_images() -> Prefetch:
    return Prefetch("images", queryset=ExhibitImage.objects.order_by("order", "pk"))


def _as_cards(exhibits: QuerySet[Exhibit]) -> list[Exhibit]:
    """Exhibits as their cards show them: with exhibitor and organisation, images in one more query, by exhibitor
    in alphabetical order of the active language (pinyin in Chinese), each exhibitor's in its order."""
    cards = (
        exhibits.select_related("exhibitor__organization")
        .prefetch_related(_ordered_images())
        .order_by("order", "pk")
    )
    return sorted(cards, key=lambda exhibit: collation_key(exhibit.exhibitor.organization.name))


def public_expo(year: int) -> Expo | None:
    """The published expo of a published edition, with its summit (and its ``is_current``) and the venues shown;
    else None. ``expo.summit.expo`` is the expo itself, so the navigation asks no more."""
    expo = (Expo.objects.filter(PUBLIC_EXPO, summit__year=year).select_related("summit__venue", "venue")
            .annotate(summit_is_current=is_current_edition(prefix="summit__")).first())
    if expo is not None:
        expo.summit.is_current = expo.summit_is_current  # type: ignore[attr-defined]  # for the templates
        expo.summit.expo = expo
    return expo


def parse_category(value: str | None) -> ExhibitCategory | None:
    """The category asked for in a query string; anything that is not one is ignored."""
    return ExhibitCategory(value) if value in ExhibitCategory.values else None


def online_hall_status(expo: Expo, on: datetime.date | None = None) -> OnlineHallStatus:
    """Where the cloud hall stands on ``on`` (today in Wuzhen): not planned, to open, open, or closed."""
    on = on or timezone.localdate()
    if expo.online_hall_open_from is None:
        return OnlineHallStatus.NOT_PLANNED
    if online_hall_is_open(expo, on):
        return OnlineHallStatus.OPEN
    return OnlineHallStatus.UPCOMING if on < expo.online_hall_open_from else OnlineHallStatus.CLOSED


def exhibitor_directory(expo: Expo, category: ExhibitCategory | None = None) -> list[Exhibitor]:
    """The expo's public exhibitors with organisation, booth and hall, and ``public_exhibit_count``: one query; in
    alphabetical order of their name in the active language (pinyin in Chinese, ``core.collation``).

    With ``category``, only those showing a published exhibit of that category.
    """
    exhibitors = (
        Exhibitor.objects.filter(public_exhibitor_q(), expo=expo)
        .select_related("organization", "booth__hall")
        .annotate(public_exhibit_count=Count("exhibits", filter=Q(exhibits__status=PUBLISHED)))
        .order_by("pk")
    )
    if category is not None:
        # Exists, not a join: a join would multiply the rows the count above adds up.
        shown = Exhibit.objects.filter(exhibitor=OuterRef("pk"), status=PUBLISHED, category=category)
        exhibitors = exhibitors.filter(Exists(shown))
    return sorted(exhibitors, key=lambda exhibitor: collation_key(exhibitor.organization.name))


def _public_exhibits_of(expo: Expo) -> QuerySet[Exhibit]:
    return Exhibit.objects.filter(public_exhibitor_q("exhibitor__"), status=PUBLISHED, exhibitor__expo=expo)


def new_releases(expo: Expo, category: ExhibitCategory | None = None) -> list[Exhibit]:
    """The public exhibits launched at the expo, with exhibitor and organisation, images in one more query."""
    exhibits = _public_exhibits_of(expo).filter(is_new_release=True)
    if category is not None:
        exhibits = exhibits.filter(category=category)
    return _as_cards(exhibits)


def public_exhibitor(year: int, slug: str) -> Exhibitor | None:
    """A public exhibitor of the edition's public expo by its organisation's slug, with its published exhibits
    (``public_exhibits``) and their images: three queries. None when it is not public."""
    exhibits = Exhibit.objects.filter(status=PUBLISHED).order_by("order", "pk").prefetch_related(_ordered_images())
    return (
        Exhibitor.objects.filter(
            public_exhibitor_q(of_public_expo=True), expo__summit__year=year, organization__slug=slug
        )
        .select_related("expo__summit", "organization", "booth__hall")
        .prefetch_related(Prefetch("exhibits", queryset=exhibits, to_attr="public_exhibits"))
        .first()
    )


def public_exhibit(year: int, exhibitor_slug: str, slug: str) -> Exhibit | None:
    """A published exhibit of a public exhibitor, with exhibitor, organisation, booth, expo and summit, and its
    images in order: two queries. None when it is not public."""
    return (
        Exhibit.objects.filter(
            public_exhibitor_q("exhibitor__", of_public_expo=True), status=PUBLISHED,
            exhibitor__expo__summit__year=year, exhibitor__organization__slug=exhibitor_slug, slug=slug,
        )
        .select_related("exhibitor__organization", "exhibitor__booth__hall", "exhibitor__expo__summit")
        .prefetch_related(_ordered_images())
        .first()
    )


def online_hall_by_category(expo: Expo, on: datetime.date | None = None) -> list[CategoryExhibits]:
    """What the cloud hall shows on ``on``, by category in the categories' order; empty while it is closed."""
    groups: dict[str, CategoryExhibits] = {category: CategoryExhibits(category) for category in ExhibitCategory}
    for exhibit in online_hall_exhibits(expo, on):
        groups.get(exhibit.category, groups[ExhibitCategory.OTHER]).exhibits.append(exhibit)
    return [group for group in groups.values() if group.exhibits]


# --- Applications and the exhibitor's link ----------------------------------------------------------------------


def expo_of(summit) -> Expo | None:
    """The expo of ``summit``, published or not: no query when the summit's selectors read it along (one if not).
    The reverse relation raises when the edition has none: None then."""
    return getattr(summit, "expo", None)


def expo_open_for_applications(summit) -> Expo | None:
    """The expo taking applications for ``summit``, whether or not it is published yet (``Expo.takes_applications``:
    a published edition that has not ended); None when the edition has ended or has no expo."""
    expo = expo_of(summit)
    return expo if expo is not None and expo.takes_applications else None


def summit_expo(summit) -> Expo | None:
    """The expo of ``summit``, published or not (a draft expo takes applications too); None without one."""
    return Expo.objects.filter(summit=summit).first()


def exhibits_to_manage(exhibitor: Exhibitor) -> QuerySet[Exhibit]:
    """Every exhibit of ``exhibitor``, drafts included, in its order, with their images in one more query."""
    return exhibitor.exhibits.order_by("order", "pk").prefetch_related(_ordered_images())


def exhibit_to_manage(exhibitor: Exhibitor, pk: int) -> Exhibit | None:
    """An exhibit of ``exhibitor`` with its images; None when there is none or it is another exhibitor's."""
    return exhibits_to_manage(exhibitor).filter(pk=pk).first()
