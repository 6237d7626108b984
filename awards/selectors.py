"""Reads of the awards shared by the admin, the public site and the API."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

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
    ReviewCriterion,
    ReviewRound,
    ReviewScore,
)

SCORED = Q(reviews__score__isnull=False)
CENT = Decimal("0.01")
# Laureates as they are listed: ranked ones first by rank, then by the nominee's name.
LAUREATE_ORDER = (F("awarded_rank").asc(nulls_last=True), "nominee_name", "organization__name", "pk")


def laureates(programme: AwardProgramme) -> QuerySet[Nomination]:
    """The awarded nominations, ranked ones first by rank, then by the nominee's name."""
    return (
        Nomination.objects.filter(programme=programme, status=NominationStatus.AWARDED)
        .select_related("organization", "category")
        .order_by(*LAUREATE_ORDER)
    )


def _exact_review_score() -> Coalesce:
    """A review's score as a number, unrounded: the weighted mean of its criterion scores (as a float: SQLite
    divides integers as integers), or its overall score when the programme has no criteria."""
    weighted = (
        ReviewScore.objects.filter(review=OuterRef("pk")).values("review")
        .annotate(value=Cast(Sum(F("score") * F("criterion__weight")), FloatField()) / Sum("criterion__weight"))
        .values("value")
    )
    return Coalesce(Subquery(weighted), Cast("score", FloatField()))


def with_scores(nominations: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """Each nomination with ``mean_score`` (None until scored) and ``review_count``, over its reviews in every round.

    The mean is of the reviews' unrounded scores (a float, to sort by and to show to the cent with
    ``cents``), never of the scores rounded to the cent each review shows: 9.00 and 8.667 make 8.83, not 8.84.
    """
    means = (
        Review.objects.filter(nomination=OuterRef("pk")).annotate(exact=_exact_review_score())
        .values("nomination").annotate(mean=Avg("exact")).values("mean")
    )
    return nominations.annotate(
        mean_score=Subquery(means, output_field=FloatField()), review_count=Count("reviews", filter=SCORED)
    )


def cents(value: Fraction | float | Decimal | None) -> Decimal | None:
    """A score or a mean as shown, to the cent, halves up; None stays None. A float is read as the shortest
    decimal that gives it back (8.835, not 8.83499...)."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return exact.quantize(CENT, ROUND_HALF_UP)


def exact_review_scores(reviews: QuerySet[Review]) -> dict[int, tuple[int, Fraction]]:
    """Each review's unrounded score, exactly, by review id with its nomination's id: the weighted mean of its
    criterion scores, or its overall score when the programme has no criteria. Two queries."""
    found = {pk: (nomination_id, Fraction(score))
             for pk, nomination_id, score in reviews.values_list("pk", "nomination_id", "score")}
    weighted: dict[int, list] = defaultdict(lambda: [Fraction(0), 0])
    scores = ReviewScore.objects.filter(review__in=reviews.values("pk")).values_list(
        "review_id", "score", "criterion__weight")
    for review_id, score, weight in scores:
        weighted[review_id][0] += Fraction(score) * weight
        weighted[review_id][1] += weight
    for review_id, (total, weights) in weighted.items():
        if review_id in found and weights:
            found[review_id] = (found[review_id][0], total / weights)
    return found


@dataclass
class RankedEntry:
    nomination: Nomination
    mean: Decimal | None  # the mean as shown, to the cent; None until a juror scores the entry
    review_count: int
    position: int
    tied: bool = False
    exact_mean: Fraction | None = None  # the mean of the unrounded review scores, which ranks
    outcome: "EntryOutcome | None" = None  # what became of the entry after this round, once decided


@dataclass
class CategoryRanking:
    category_id: int | None
    name: str  # the category's name; "" for entries of no category
    rows: list[RankedEntry] = field(default_factory=list)


def round_ranking(round: ReviewRound) -> list[CategoryRanking]:
    """The round's entries by category (track), best mean score first, unscored last; ``position`` is shared by
    equal means (1, 2, 2, 4) and ``tied`` marks them. Only this round's reviews count.

    Means are exact (fractions of the reviews' unrounded scores: 9 and 26/3 make 53/6, shown 8.83), so two entries
    tie only when their means are equal, not when they round alike. Three queries.
    """
    entries = (
        round.entries.select_related("category", "organization")
        .order_by(F("category__order").asc(nulls_last=True), "category_id", "submitted_at", "pk")
    )
    by_entry: dict[int, list[Fraction]] = defaultdict(list)
    for nomination_id, score in exact_review_scores(Review.objects.filter(round=round)).values():
        by_entry[nomination_id].append(score)
    groups: dict[object, CategoryRanking] = {}
    for entry in entries:
        group = groups.setdefault(entry.category_id, CategoryRanking(
            entry.category_id, entry.category.name if entry.category else ""))
        scores = by_entry.get(entry.pk, [])
        exact = sum(scores, Fraction(0)) / len(scores) if scores else None
        group.rows.append(RankedEntry(entry, cents(exact), len(scores), 0, exact_mean=exact))
    for group in groups.values():
        scored = sorted((row for row in group.rows if row.exact_mean is not None),
                        key=lambda row: row.exact_mean or 0, reverse=True)  # stable: equal means keep their order
        unscored = [row for row in group.rows if row.exact_mean is None]
        for index, row in enumerate(scored):  # 1, 2, 2, 4: a place shared by equal means
            tied_above = index and row.exact_mean == scored[index - 1].exact_mean
            row.position = scored[index - 1].position if tied_above else index + 1
        shared = Counter(row.position for row in scored)
        for row in scored:
            row.tied = shared[row.position] > 1
        for row in unscored:
            row.position = len(scored) + 1
        group.rows = [*scored, *unscored]
    return list(groups.values())


# --- What became of an entry ----------------------------------------------------------------------------------


class Outcome(StrEnum):
    IN_REVIEW = "in_review"
    ADVANCED = "advanced"
    ELIMINATED = "eliminated"
    AWARDED = "awarded"


@dataclass(frozen=True)
class EntryOutcome:
    """Where an entry stands after a round: in review in it, advanced to the next, eliminated in it, or awarded
    from the last. ``number`` and ``stage`` are of the round named: the next one for an advance."""

    kind: Outcome
    number: int  # the round's place in the programme, 1 for the first
    stage: str  # its stage, as shown

    def __str__(self) -> str:
        values = {"number": self.number, "stage": self.stage.lower()}
        if self.kind == Outcome.ELIMINATED:
            return _("Eliminated in round %(number)d (%(stage)s)") % values
        if self.kind == Outcome.ADVANCED:
            return _("Advanced to round %(number)d (%(stage)s)") % values
        if self.kind == Outcome.AWARDED:
            return _("Awarded in round %(number)d (%(stage)s)") % values
        return _("In review in round %(number)d (%(stage)s)") % values


@dataclass
class ProgrammeRounds:
    """A programme's rounds in their order with the entries of each (ids): enough to say what became of any of its
    entries. Two queries (``programme_rounds``)."""

    rounds: list[ReviewRound]
    entries: dict[int, set[int]]  # by round id

    def outcome_after(self, round: ReviewRound, nomination: Nomination) -> EntryOutcome | None:
        """What became of ``nomination`` in ``round``: in review while it is open; once it is closed, advanced or
        eliminated when the next round has its entries, awarded from the last round; None while undecided."""
        index = next((i for i, each in enumerate(self.rounds) if each.pk == round.pk), None)
        if index is None or nomination.pk not in self.entries[round.pk] or round.opened_at is None:
            return None
        if not round.is_closed:
            return EntryOutcome(Outcome.IN_REVIEW, index + 1, round.get_stage_display())
        if index + 1 < len(self.rounds):
            following = self.rounds[index + 1]
            if not self.entries[following.pk]:  # the best are not chosen yet
                return None
            if nomination.pk in self.entries[following.pk]:
                return EntryOutcome(Outcome.ADVANCED, index + 2, following.get_stage_display())
            return EntryOutcome(Outcome.ELIMINATED, index + 1, round.get_stage_display())
        if nomination.status == NominationStatus.AWARDED:
            return EntryOutcome(Outcome.AWARDED, index + 1, round.get_stage_display())
        return None

    def progress(self, nomination: Nomination) -> EntryOutcome | None:
        """Where the entry stands in the review as a whole: the outcome of the last round it was in."""
        last = next((round for round in reversed(self.rounds) if nomination.pk in self.entries[round.pk]), None)
        return self.outcome_after(last, nomination) if last is not None else None


def programme_rounds(programme_id: int) -> ProgrammeRounds:
    """The programme's rounds and the entries of each: two queries."""
    rounds = list(ReviewRound.objects.filter(programme=programme_id).order_by("order", "pk"))
    entries: dict[int, set[int]] = {round.pk: set() for round in rounds}
    through = ReviewRound.entries.through.objects.filter(reviewround__programme=programme_id)
    for round_id, nomination_id in through.values_list("reviewround_id", "nomination_id"):
        entries[round_id].add(nomination_id)
    return ProgrammeRounds(rounds, entries)


def with_outcomes(round: ReviewRound, ranking: list[CategoryRanking]) -> list[CategoryRanking]:
    """The ranking with each row's ``outcome`` after the round (advanced, eliminated...): two more queries."""
    rounds = programme_rounds(round.programme_id)
    for group in ranking:
        for row in group.rows:
            row.outcome = rounds.outcome_after(round, row.nomination)
    return ranking


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
    closes_on: datetime.date | None  # the last day nominations are taken
    closes_at: datetime.datetime | None = None  # the very minute


@dataclass
class LaureateGroup:
    category: AwardCategory | None  # None: laureates of no category
    laureates: list[Nomination] = field(default_factory=list)


def last_day_of_call(close: datetime.datetime) -> datetime.date:
    """The last day, in Wuzhen, on which a call closing at ``close`` takes nominations: its own day, or the day
    before when it closes at midnight (a call "closing on 1 September at 00:00" took its last ones on 31 August)."""
    local = timezone.localtime(close)
    return local.date() - datetime.timedelta(days=1) if local.time() == datetime.time.min else local.date()


def nomination_period(programme: AwardProgramme, on: datetime.date | None = None) -> NominationPeriod | None:
    """Whether nominations are still to open, open or closed on ``on`` (today in Wuzhen), by calendar day: open
    from the opening day through the last day of the call (``last_day_of_call``), closed once the laureates are
    announced. The call's own page (``services.nominations.call_state``) goes by the minute, and says when.

    None when the programme has no call for nominations.
    """
    if programme.nominations_open is None and programme.nominations_close is None:
        return None
    on = on or timezone.localdate()
    opens_on = timezone.localdate(programme.nominations_open) if programme.nominations_open else None
    closes_on = last_day_of_call(programme.nominations_close) if programme.nominations_close else None
    announced = programme.laureates_announced_at is not None and timezone.localdate(
        programme.laureates_announced_at) <= on
    if announced or (closes_on is not None and on > closes_on):
        state = NominationWindow.CLOSED
    elif opens_on is not None and on < opens_on:
        state = NominationWindow.UPCOMING
    else:
        state = NominationWindow.OPEN
    return NominationPeriod(state=state, opens_on=opens_on, closes_on=closes_on,
                            closes_at=programme.nominations_close)


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


def public_programme(
    year: int, slug: str, on: datetime.date | None = None, *, with_criteria: bool = False
) -> AwardProgramme | None:
    """One published programme of a published edition, decorated as in ``public_programmes``; else None.

    ``with_criteria``: also its review criteria in their order (``public_criteria``, with each one's ``share`` of
    the score in percent), one more query.
    """
    programmes = _public_programmes().filter(summit__year=year, slug=slug)
    if with_criteria:
        programmes = programmes.prefetch_related(
            Prefetch("review_criteria", queryset=ReviewCriterion.objects.order_by("order", "pk"),
                     to_attr="public_criteria"))
    programme = programmes.first()
    if programme is None:
        return None
    if with_criteria:
        total = sum(criterion.weight for criterion in programme.public_criteria)  # type: ignore[attr-defined]
        for criterion in programme.public_criteria:  # type: ignore[attr-defined]
            criterion.share = round(100 * criterion.weight / total)
    return _for_the_page(programme, on)


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
            "categories", Prefetch("programme__review_criteria", queryset=ReviewCriterion.objects.order_by(
                "order", "pk")),
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
                row.mean, row.exact_mean, row.review_count, row.tied = None, None, 0, False
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
