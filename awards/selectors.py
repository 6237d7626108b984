"""Reads of the awards shared by the admin, the public site and the API."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Avg, BooleanField, Case, Count, F, Prefetch, Q, QuerySet, When, Window
from django.db.models.functions import Rank
from django.utils import timezone

from core.enums import PublicationStatus
from summits.models import Summit

from .enums import NominationStatus, ProgrammeKind
from .models import (
    AwardCategory,
    AwardProgramme,
    ConflictOfInterest,
    JuryMember,
    Nomination,
    Review,
    ReviewRound,
    ReviewScore,
)

SCORED = Q(reviews__score__isnull=False)
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


@dataclass
class RankedEntry:
    nomination: Nomination
    mean: object  # Decimal | None: None until a juror scores it
    review_count: int
    position: int
    tied: bool = False


@dataclass
class CategoryRanking:
    category_id: int | None
    name: str  # the category's name; "" for entries of no category
    rows: list[RankedEntry] = field(default_factory=list)


def round_ranking(round: ReviewRound) -> list[CategoryRanking]:
    """The round's entries by category (track), best mean score first, unscored last; ``position`` is shared by
    equal means (1, 2, 2, 4) and ``tied`` marks them. Only this round's reviews count. One query."""
    in_round = Q(reviews__round=round)
    entries = (
        round.entries.annotate(
            mean=Avg("reviews__score", filter=in_round), review_count=Count("reviews", filter=in_round),
        )
        .annotate(position=Window(Rank(), partition_by=[F("category_id")],
                                  order_by=F("mean").desc(nulls_last=True)))
        .select_related("category", "organization")
        .order_by(F("category__order").asc(nulls_last=True), "category_id", F("mean").desc(nulls_last=True),
                  "submitted_at", "pk")
    )
    groups: dict[object, CategoryRanking] = {}
    for entry in entries:
        group = groups.setdefault(entry.category_id, CategoryRanking(
            entry.category_id, entry.category.name if entry.category else ""))
        group.rows.append(RankedEntry(entry, entry.mean, entry.review_count, entry.position))
    for group in groups.values():
        shared = Counter(row.position for row in group.rows if row.mean is not None)
        for row in group.rows:
            row.tied = row.mean is not None and shared[row.position] > 1
    return list(groups.values())


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
    for laureate in programme.public_laureates:  # type: ignore[attr-defined]  # Prefetch(to_attr=...)
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
    # What the page shows, set on the instance for the templates.
    programme.nomination_period = nomination_period(programme, on)  # type: ignore[attr-defined]
    programme.laureate_groups = group_laureates(programme)  # type: ignore[attr-defined]
    programme.laureate_columns = laureate_columns(programme.public_laureates)  # type: ignore[attr-defined]
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


# --- The jurors' pages ------------------------------------------------------------------------------------------


@dataclass
class JurorEntry:
    """One entry a juror is assigned in a round, with their own review (None until scored) and conflict."""

    nomination: Nomination
    review: Review | None
    conflicted: bool


def has_jury_seat(user) -> bool:
    """Whether the account sits on any jury (one query)."""
    return JuryMember.objects.filter(user=user).exists()


def juror_seats(user) -> list[JuryMember]:
    """The user's jury seats with the rounds opened so far (``opened_rounds``), most recent edition first; each
    round says how many entries the juror is assigned (``assigned``) and how many of them they scored or declared a
    conflict with (``done``). The same queries however many seats and rounds."""
    seats: list[JuryMember] = list(
        JuryMember.objects.filter(user=user)
        .select_related("programme__summit")
        .prefetch_related(
            "categories",
            Prefetch("programme__rounds", queryset=ReviewRound.objects.filter(opened_at__isnull=False)
                     .prefetch_related(Prefetch("entries", queryset=Nomination.objects.order_by().only(
                         "pk", "category_id")))
                     .order_by("order", "pk"), to_attr="opened_rounds"),
        )
        .order_by("-programme__summit__year", "programme__order", "programme__pk")
    )
    reviewed = set(Review.objects.filter(juror__in=seats).values_list("juror_id", "round_id", "nomination_id"))
    conflicts = set(ConflictOfInterest.objects.filter(juror__in=seats).values_list("juror_id", "nomination_id"))
    for seat in seats:
        category_ids = {category.pk for category in seat.categories.all()}
        for round in seat.programme.opened_rounds:  # type: ignore[attr-defined]  # Prefetch(to_attr=...) above
            assigned = [entry.pk for entry in round.entries.all()
                        if not category_ids or entry.category_id in category_ids]
            round.assigned = len(assigned)
            round.done = sum(1 for pk in assigned
                             if (seat.pk, round.pk, pk) in reviewed or (seat.pk, pk) in conflicts)
    return seats


def juror_seat(user, round_id: int) -> tuple[JuryMember, ReviewRound] | None:
    """The user's seat on the jury of an opened round, and the round; None when it is not theirs."""
    round = ReviewRound.objects.select_related("programme__summit").filter(
        pk=round_id, opened_at__isnull=False).first()
    if round is None or not getattr(user, "is_authenticated", False):
        return None
    seat = JuryMember.objects.filter(programme=round.programme_id, user=user).prefetch_related("categories").first()
    return (seat, round) if seat is not None else None


def assigned_entries(seat: JuryMember, round: ReviewRound) -> QuerySet[Nomination]:
    """The round's entries in the juror's categories (all of them for a juror of no particular category)."""
    entries = round.entries.all()
    category_ids = [category.pk for category in seat.categories.all()]
    return entries.filter(category__in=category_ids) if category_ids else entries


def juror_entries(seat: JuryMember, round: ReviewRound) -> list[JurorEntry]:
    """What the juror has to review in the round and where they stand with each: three queries."""
    reviews = {review.nomination_id: review for review in Review.objects.filter(round=round, juror=seat)}
    conflicts = set(ConflictOfInterest.objects.filter(juror=seat).values_list("nomination_id", flat=True))
    entries = assigned_entries(seat, round).select_related("category", "organization").order_by(
        F("category__order").asc(nulls_last=True), "submitted_at", "pk")
    return [JurorEntry(entry, reviews.get(entry.pk), entry.pk in conflicts) for entry in entries]


def visible_ranking(seat: JuryMember, round: ReviewRound) -> list[CategoryRanking]:
    """The ranking a juror may see: none while the round is open; once closed, their categories' entries,
    without the scores of the entries they declared a conflict with."""
    if not round.is_closed:
        return []
    category_ids = {category.pk for category in seat.categories.all()}
    conflicts = set(ConflictOfInterest.objects.filter(juror=seat).values_list("nomination_id", flat=True))
    groups = [group for group in round_ranking(round) if not category_ids or group.category_id in category_ids]
    for group in groups:
        for row in group.rows:
            if row.nomination.pk in conflicts:
                row.mean, row.review_count, row.tied = None, 0, False
    return groups


def entry_reviews(round: ReviewRound, nomination: Nomination) -> list[Review]:
    """Every juror's review of an entry in a round, with its criterion scores: for closed rounds only."""
    return list(
        Review.objects.filter(round=round, nomination=nomination)
        .select_related("juror")
        .prefetch_related(Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion")))
        .order_by("juror__name", "pk")
    )


def juror_may_read(user, nomination: Nomination) -> bool:
    """Whether one of the user's jury seats has the nomination among its assignments in an opened round, free of
    conflict: the rule for reading its supporting documents."""
    seats = JuryMember.objects.filter(user=user, programme=nomination.programme_id).prefetch_related("categories")
    for seat in seats:
        rounds = ReviewRound.objects.filter(programme=seat.programme_id, opened_at__isnull=False, entries=nomination)
        category_ids = {category.pk for category in seat.categories.all()}
        if rounds.exists() and (not category_ids or nomination.category_id in category_ids) and not \
                ConflictOfInterest.objects.filter(juror=seat, nomination=nomination).exists():
            return True
    return False
