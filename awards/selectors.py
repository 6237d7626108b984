"""Reads of the awards shared by the admin, the public site and the API."""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Avg, BooleanField, Case, Count, F, Prefetch, Q, QuerySet, When, Window
from django.db.models.functions import Rank
from django.utils import timezone

from core.enums import PublicationStatus
from summits.models import Summit

from .enums import NominationStatus, ProgrammeKind
from .models import AwardCategory, AwardProgramme, Nomination

# A juror with a conflict of interest gives no score, and their review does not count towards the mean.
SCORED = Q(reviews__conflict_of_interest=False, reviews__score__isnull=False)
# Laureates as they are listed: ranked ones first by rank, then by the nominee's name.
LAUREATE_ORDER = (F("awarded_rank").asc(nulls_last=True), "nominee_name", "organization__name", "pk")


def laureates(programme: AwardProgramme) -> QuerySet[Nomination]:
    """The awarded nominations, ranked ones first by rank, then by the nominee's name."""
    return (
        Nomination.objects.filter(programme=programme, status=NominationStatus.AWARDED)
        .select_related("organization", "category")
        .order_by(*LAUREATE_ORDER)
    )


def with_scores(nominations: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """Each nomination with ``mean_score`` (None until scored) and ``review_count``, over scored reviews."""
    return nominations.annotate(
        mean_score=Avg("reviews__score", filter=SCORED), review_count=Count("reviews", filter=SCORED)
    )


def ranking(programme: AwardProgramme) -> QuerySet[Nomination]:
    """The programme's nominations by mean score, best first, unscored last, with ``position`` (ties share it).

    Equal means come in the order of more reviews first, then of submission.
    """
    return (
        with_scores(Nomination.objects.filter(programme=programme))
        .annotate(position=Window(Rank(), order_by=F("mean_score").desc(nulls_last=True)))
        .select_related("organization", "category")
        .order_by(F("mean_score").desc(nulls_last=True), "-review_count", "submitted_at", "pk")
    )


# --- The public pages -------------------------------------------------------------------------------------------

PUBLISHED = PublicationStatus.PUBLISHED
PUBLIC_PROGRAMME = Q(status=PUBLISHED, summit__status=PUBLISHED)
# The ceremony is linked only when the agenda shows it: the session and its forum published (the summit already is).
PUBLIC_CEREMONY = Q(ceremony_session__status=PUBLISHED, ceremony_session__forum__status=PUBLISHED)


class NominationWindow(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class NominationPeriod:
    """The call for nominations as the public sees it on one day (the page cache is keyed per day)."""

    state: NominationWindow
    opens_on: datetime.date | None
    closes_on: datetime.date | None


@dataclass
class LaureateGroup:
    category: AwardCategory | None  # None: laureates of no category
    laureates: list[Nomination] = field(default_factory=list)


def nomination_period(programme: AwardProgramme, on: datetime.date | None = None) -> NominationPeriod | None:
    """Whether nominations are still to open, open or closed on ``on`` (today in Wuzhen), by calendar day.

    None when the programme has no call for nominations.
    """
    if programme.nominations_open is None and programme.nominations_close is None:
        return None
    on = on or timezone.localdate()
    opens_on = timezone.localdate(programme.nominations_open) if programme.nominations_open else None
    closes_on = timezone.localdate(programme.nominations_close) if programme.nominations_close else None
    if opens_on is not None and on < opens_on:
        state = NominationWindow.UPCOMING
    elif closes_on is not None and on > closes_on:
        state = NominationWindow.CLOSED
    else:
        state = NominationWindow.OPEN
    return NominationPeriod(state=state, opens_on=opens_on, closes_on=closes_on)


def _public_laureates() -> Prefetch:
    """The awarded nominations of announced programmes only: before the ceremony the list stays empty."""
    return Prefetch(
        "nominations",
        queryset=Nomination.objects.filter(
            status=NominationStatus.AWARDED, programme__laureates_announced_at__isnull=False
        )
        .select_related("organization", "category")
        .order_by(*LAUREATE_ORDER),
        to_attr="public_laureates",
    )


def _public_programmes() -> QuerySet[AwardProgramme]:
    return (
        AwardProgramme.objects.filter(PUBLIC_PROGRAMME)
        .select_related("summit", "ceremony_session")
        .annotate(
            ceremony_is_public=Case(When(PUBLIC_CEREMONY, then=True), default=False, output_field=BooleanField())
        )
        .prefetch_related(Prefetch("categories", queryset=AwardCategory.objects.order_by("order", "pk")),
                          _public_laureates())
    )


def group_laureates(programme: AwardProgramme) -> list[LaureateGroup]:
    """The announced laureates by category, in the categories' order, those of no category last.

    Works on what ``public_programmes``/``public_programme`` prefetched: no query.
    """
    groups = {category.pk: LaureateGroup(category) for category in programme.categories.all()}
    uncategorised = LaureateGroup(None)
    for laureate in programme.public_laureates:
        groups.get(laureate.category_id, uncategorised).laureates.append(laureate)
    return [group for group in [*groups.values(), uncategorised] if group.laureates]


def laureate_columns(laureates) -> dict[str, bool]:
    """Which optional columns the laureates fill: a table of empty columns says nothing."""
    return {
        "rank": any(laureate.awarded_rank for laureate in laureates),
        "organisation": any(laureate.nominee_name and laureate.organization_id for laureate in laureates),
        "country": any(laureate.country for laureate in laureates),
        "title": any(laureate.title for laureate in laureates),
    }


def _for_the_page(programme: AwardProgramme, on: datetime.date | None) -> AwardProgramme:
    programme.nomination_period = nomination_period(programme, on)
    programme.laureate_groups = group_laureates(programme)
    programme.laureate_columns = laureate_columns(programme.public_laureates)
    return programme


def public_programmes(
    summit: Summit, *, competitions: bool, on: datetime.date | None = None
) -> list[AwardProgramme]:
    """The edition's published programmes, either the competitions or all the others, in their order.

    Each comes with its categories, its announced laureates (``public_laureates``, empty until announced, and
    ``laureate_groups`` by category), ``ceremony_is_public`` and ``nomination_period``: three queries in all.
    """
    kind = Q(kind=ProgrammeKind.COMPETITION)
    programmes = _public_programmes().filter(summit=summit).filter(kind if competitions else ~kind)
    return [_for_the_page(programme, on) for programme in programmes.order_by("order", "pk")]


def public_programme(year: int, slug: str, on: datetime.date | None = None) -> AwardProgramme | None:
    """One published programme of a published edition, decorated as in ``public_programmes``; else None."""
    programme = _public_programmes().filter(summit__year=year, slug=slug).first()
    return _for_the_page(programme, on) if programme is not None else None
