"""Reads of the awards shared by the admin, the public site and the API."""

from django.db.models import Avg, Count, F, Q, QuerySet, Window
from django.db.models.functions import Rank

from .enums import NominationStatus
from .models import AwardProgramme, Nomination

# A juror with a conflict of interest gives no score, and their review does not count towards the mean.
SCORED = Q(reviews__conflict_of_interest=False, reviews__score__isnull=False)


def laureates(programme: AwardProgramme) -> QuerySet[Nomination]:
    """The awarded nominations, ranked ones first by rank, then by the nominee's name."""
    return (
        Nomination.objects.filter(programme=programme, status=NominationStatus.AWARDED)
        .select_related("organization", "category")
        .order_by(F("awarded_rank").asc(nulls_last=True), "nominee_name", "organization__name", "pk")
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
