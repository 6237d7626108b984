"""The jury's work, the same for an award's selection and a competition's rounds: a round is opened on its
entries, jurors declare conflicts and score what they may review, the round closes, and its ranking sends the
best entries of each category on to the next round or to the podium."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails import queue_templated_email
from core.enums import AuditAction
from core.refusals import Refused
from core.services.audit import record_audit

from ..enums import NominationStatus
from ..models import (
    MAX_SCORE,
    MIN_SCORE,
    ConflictOfInterest,
    JuryMember,
    Nomination,
    Review,
    ReviewCriterion,
    ReviewRound,
    ReviewScore,
)
from ..selectors import assigned_entries, round_ranking

CENT = Decimal("0.01")
ROUND_OPEN_SUBJECT = gettext_lazy("%(programme)s: a round of review is open for your scores")
# Entries a first round starts with: everything nominated and not already turned down.
REVIEWABLE = (NominationStatus.SUBMITTED, NominationStatus.SHORTLISTED)


class ReviewRefused(Refused):
    """A step of the review the rules do not allow; ``code`` says which rule."""


def may_review(juror: JuryMember, nomination: Nomination) -> bool:
    """Whether the juror sits on the nomination's programme and judges its category (no categories: all)."""
    if juror.programme_id != nomination.programme_id:
        return False
    category_ids = {category.pk for category in juror.categories.all()}
    return not category_ids or nomination.category_id in category_ids


def _locked_round(round: ReviewRound) -> ReviewRound:
    return ReviewRound.objects.select_for_update(of=("self",)).select_related("programme").get(pk=round.pk)


def _audit(actor, obj, note: str | Promise, **changes) -> None:
    record_audit(actor=actor, action=AuditAction.ACTION, obj=obj, changes=changes, note=note)


@transaction.atomic
def open_round(*, round: ReviewRound, actor) -> int:
    """Open the round to the jury; returns how many entries it has.

    The first round of a programme starts with every nomination not rejected (if organizers chose none); a later
    round needs the previous one closed and its best entries advanced. One round of a programme is open at a time.
    """
    round = _locked_round(round)
    if round.opened_at is not None:
        raise ReviewRefused(_("%(round)s was already opened.") % {"round": round}, code="already_opened")
    siblings = ReviewRound.objects.filter(programme=round.programme_id).exclude(pk=round.pk)
    if siblings.filter(opened_at__isnull=False, closed_at__isnull=True).exists():
        raise ReviewRefused(_("Another round of %(programme)s is open: close it first.")
                            % {"programme": round.programme}, code="other_round_open")
    previous = siblings.filter(order__lt=round.order).order_by("-order").first()
    if previous is not None and not previous.is_closed:
        raise ReviewRefused(_("%(previous)s must be closed before %(round)s opens.")
                            % {"previous": previous, "round": round}, code="previous_not_closed")
    if not round.entries.exists():
        if previous is not None:
            raise ReviewRefused(_("%(round)s has no entries: advance the best of %(previous)s first.")
                                % {"round": round, "previous": previous}, code="no_entries")
        nominations = Nomination.objects.filter(programme=round.programme_id, status__in=REVIEWABLE)
        round.entries.add(*nominations)
    count = round.entries.count()
    if not count:
        raise ReviewRefused(_("%(programme)s has no nomination to review.") % {"programme": round.programme},
                            code="no_entries")
    round.opened_at = timezone.now()
    round.save(update_fields=["opened_at", "updated_at"])
    _audit(actor, round, _("round opened with %(count)d entries") % {"count": count},
           opened_at=round.opened_at.isoformat())
    _tell_jurors_the_round_is_open(round)
    return count


def _tell_jurors_the_round_is_open(round: ReviewRound) -> None:
    """One email per juror with an account and an address (sent after commit, once per round and juror): how
    many entries are theirs, and the link to their page."""
    seats = JuryMember.objects.filter(programme=round.programme_id, user__isnull=False).exclude(user__email="")
    for seat in seats.select_related("user").prefetch_related("categories"):
        with translation.override(seat.language):
            path = reverse("awards:jury-round", kwargs={"round_id": round.pk})
        queue_templated_email(
            # Seats with a user (filtered above), which mypy cannot see in the queryset.
            key=f"round:{round.pk}:opened:juror:{seat.pk}", to=seat.user.email,  # type: ignore[union-attr]
            language=seat.language,
            subject=ROUND_OPEN_SUBJECT,
            text_template="awards/email/round_opened.txt", heading=str(round.programme),
            context={"juror": seat.name, "round": round, "programme": round.programme,
                     "count": assigned_entries(seat, round).count(), "url": f"{settings.SITE_URL}{path}"},
            about=round,
        )


@transaction.atomic
def close_round(*, round: ReviewRound, actor) -> ReviewRound:
    """Close the round: no review changes after this, and the jury sees every score and the ranking.

    The round's row is locked, so a review being saved is either in before the close or refused after it.
    """
    round = _locked_round(round)
    if not round.is_open:
        raise ReviewRefused(_("%(round)s is not open.") % {"round": round}, code="not_open")
    round.closed_at = timezone.now()
    round.save(update_fields=["closed_at", "updated_at"])
    _audit(actor, round, _("round closed"), closed_at=round.closed_at.isoformat())
    return round


def _refuse_unless_assigned(juror: JuryMember, nomination: Nomination) -> None:
    if not may_review(juror, nomination):
        raise ReviewRefused(_("%(nomination)s is not among your assignments.") % {"nomination": nomination},
                            code="not_assigned")


def _lock_juror(juror: JuryMember) -> None:
    """Declaring a conflict and scoring wait for each other on the juror's row, so a score sent while a conflict
    is being declared sees the conflict instead of being saved beside it."""
    JuryMember.objects.select_for_update().filter(pk=juror.pk).exists()


@transaction.atomic
def declare_conflict(*, juror: JuryMember, nomination: Nomination, reason: str = "") -> ConflictOfInterest:
    """Record that the juror may not judge the nomination; a review they gave it in a round still open goes.

    Declaring again changes nothing. Reviews of closed rounds stay: they were final when the round closed.
    """
    _refuse_unless_assigned(juror, nomination)
    _lock_juror(juror)
    conflict, created = ConflictOfInterest.objects.get_or_create(
        juror=juror, nomination=nomination, defaults={"reason": reason.strip()}
    )
    if created:
        Review.objects.filter(juror=juror, nomination=nomination, round__closed_at__isnull=True).delete()
        _audit(juror.user, conflict, _("conflict of interest declared"), juror=str(juror))
    return conflict


@dataclass(frozen=True)
class Scores:
    """What a juror gives one entry: a score per criterion (by criterion id), or one overall score for a
    programme without criteria."""

    by_criterion: Mapping[int, Decimal] = field(default_factory=dict)
    overall: Decimal | None = None


def weighted_mean(scores: list[tuple[int, Decimal]]) -> Decimal:
    """A review's score from its (weight, score) pairs, to the cent, halves up, as the juror sees it: the one
    formula for the jurors' pages and the demo. A mean of reviews is never taken of these rounded scores
    (selectors.round_ranking works from the criterion scores)."""
    total = sum(Decimal(score) * weight for weight, score in scores) / sum(weight for weight, _score in scores)
    return total.quantize(CENT, ROUND_HALF_UP)  # type: ignore[union-attr]  # Decimal scores: a Decimal mean


def _weighted_total(round: ReviewRound, scores: Scores) -> tuple[Decimal, list[tuple[ReviewCriterion, Decimal]]]:
    criteria = list(round.programme.review_criteria.all())
    given = [scores.overall] if not criteria else [scores.by_criterion.get(c.pk) for c in criteria]
    if any(score is None for score in given) or (criteria and set(scores.by_criterion) - {c.pk for c in criteria}):
        raise ReviewRefused(_("Score every criterion of the programme, and only those."), code="incomplete")
    # No score is None from here on (refused above).
    if any(not MIN_SCORE <= Decimal(score) <= MAX_SCORE for score in given):  # type: ignore[arg-type]
        raise ReviewRefused(_("A score is from 0 to 10."), code="out_of_range")
    if not criteria:
        return weighted_mean([(1, scores.overall)]), []  # type: ignore[list-item]  # not None: refused above
    by_criterion = [(criterion, Decimal(scores.by_criterion[criterion.pk])) for criterion in criteria]
    return weighted_mean([(criterion.weight, score) for criterion, score in by_criterion]), by_criterion


@transaction.atomic
def submit_review(
    *, juror: JuryMember, round: ReviewRound, nomination: Nomination, scores: Scores, comment: str = ""
) -> Review:
    """Save the juror's scores of one entry (again, while the round is open: the last one counts).

    Refused: a round that is not open, a juror of another jury, an entry not in the round or not in the juror's
    categories, an entry the juror declared a conflict with, a criterion missing or out of 0-10. The review and its
    criterion scores commit together.
    """
    round = _locked_round(round)
    if not round.is_open:
        raise ReviewRefused(_("%(round)s is not open for reviews.") % {"round": round}, code="not_open")
    if juror.programme_id != round.programme_id:
        raise ReviewRefused(_("You do not sit on this round's jury."), code="not_on_jury")
    if not round.entries.filter(pk=nomination.pk).exists():
        raise ReviewRefused(_("%(nomination)s is not an entry of %(round)s.")
                            % {"nomination": nomination, "round": round}, code="not_an_entry")
    _refuse_unless_assigned(juror, nomination)
    _lock_juror(juror)
    if ConflictOfInterest.objects.filter(juror=juror, nomination=nomination).exists():
        raise ReviewRefused(_("You declared a conflict of interest with %(nomination)s: you do not score it.")
                            % {"nomination": nomination}, code="conflict")
    total, by_criterion = _weighted_total(round, scores)
    review, _created = Review.objects.update_or_create(
        round=round, nomination=nomination, juror=juror,
        defaults={"score": total, "comment": comment.strip(), "submitted_at": timezone.now()},
    )
    review.scores.all().delete()
    ReviewScore.objects.bulk_create(
        [ReviewScore(review=review, criterion=criterion, score=score) for criterion, score in by_criterion]
    )
    return review


@dataclass
class Advancement:
    """Who went on from a closed round: entries by category name, and the categories where a tie at the cut
    took more than asked."""

    advanced: dict[str, list[Nomination]] = field(default_factory=dict)
    ties_at_cut: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(entries) for entries in self.advanced.values())


def _next_round(round: ReviewRound) -> ReviewRound | None:
    return (ReviewRound.objects.select_for_update().filter(programme=round.programme_id, order__gt=round.order)
            .order_by("order", "pk").first())


def _best_per_category(round: ReviewRound, places: int) -> Advancement:
    """The scored entries placed ``places`` or better in their category; ties share a place, so all go."""
    result = Advancement()
    for group in round_ranking(round):
        best = [row for row in group.rows if row.mean is not None and row.position <= places]
        result.advanced[group.name] = [row.nomination for row in best]
        if len(best) > places:
            result.ties_at_cut.append(group.name)
    return result


@transaction.atomic
def advance_top_entries(*, round: ReviewRound, actor) -> Advancement:
    """Send the best ``places_per_category`` scored entries of each category of a closed round to the next round.

    Those tied with the last place go too (the advancement says where). Refused: a round still open, no next
    round, a next round already opened, no number of entries to advance.
    """
    round = _locked_round(round)
    if not round.is_closed:
        raise ReviewRefused(_("Close %(round)s before advancing its entries.") % {"round": round}, code="not_closed")
    if not round.places_per_category:
        raise ReviewRefused(_("Say how many entries per category advance from %(round)s.") % {"round": round},
                            code="no_places")
    following = _next_round(round)
    if following is None:
        raise ReviewRefused(_("%(round)s is the last round: award its best entries instead.") % {"round": round},
                            code="last_round")
    if following.opened_at is not None:
        raise ReviewRefused(_("%(round)s has already opened.") % {"round": following}, code="already_opened")
    advancement = _best_per_category(round, round.places_per_category)
    chosen = [nomination for entries in advancement.advanced.values() for nomination in entries]
    following.entries.set(chosen)
    _audit(actor, following, _("%(count)d entries advanced from %(round)s") % {"count": len(chosen), "round": round},
           entries=[nomination.pk for nomination in chosen])
    return advancement


@transaction.atomic
def award_from_ranking(*, round: ReviewRound, actor) -> Advancement:
    """Award the best ``places_per_category`` scored entries of each category of the programme's closed last
    round, ranked by their place (ties share it); the round's other entries are shortlisted (finalists). Each
    change is audited."""
    round = _locked_round(round)
    if not round.is_closed:
        raise ReviewRefused(_("Close %(round)s before awarding from it.") % {"round": round}, code="not_closed")
    if _next_round(round) is not None:
        raise ReviewRefused(_("Only the last round of a programme decides its laureates."), code="not_last_round")
    if not round.places_per_category:
        raise ReviewRefused(_("Say how many places per category %(round)s awards.") % {"round": round},
                            code="no_places")
    podium = _best_per_category(round, round.places_per_category)
    ranks = {row.nomination.pk: row.position for group in round_ranking(round) for row in group.rows}
    awarded = {nomination.pk for entries in podium.advanced.values() for nomination in entries}
    for nomination in Nomination.objects.select_for_update().filter(review_rounds=round).order_by("pk"):
        status, rank = (NominationStatus.AWARDED, ranks[nomination.pk]) if nomination.pk in awarded else (
            NominationStatus.SHORTLISTED, None)
        if (nomination.status, nomination.awarded_rank) == (status, rank):
            continue
        before = nomination.status
        nomination.status, nomination.awarded_rank = status, rank
        nomination.save(update_fields=["status", "awarded_rank", "updated_at"])
        _audit(actor, nomination, status.label, status=[before, status.value], rank=rank)
    return podium
