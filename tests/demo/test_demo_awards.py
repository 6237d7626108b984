"""The demo's awards: the call for nominations, the jury and its conflicts, every score, and rankings that agree
with the loaded outcome; the competition's rounds, tracks and teams."""

from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q

from awards.enums import NominationStatus, RoundStage
from awards.models import (
    AwardProgramme,
    ConflictOfInterest,
    JuryMember,
    Nomination,
    Review,
    ReviewRound,
    ReviewScore,
    TeamMember,
)
from awards.selectors import round_ranking
from awards.services.reviews import may_review, weighted_mean

SEED_YEARS = (2022, 2023, 2024)  # the upcoming edition the demo makes up has calls open and no round yet


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, demo_loader):
    """The demo loaded once for the whole module, inside a transaction rolled back at the end of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_loader()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def _rounds(**filters):
    return ReviewRound.objects.filter(**filters).select_related("programme__summit", "programme__ceremony_session")


def test_load_gives_every_programme_a_past_call_and_a_round_closed_before_its_ceremony(demo):
    programmes = AwardProgramme.objects.filter(summit__year__in=SEED_YEARS).select_related("summit",
                                                                                           "ceremony_session")
    windows = []
    for programme in programmes:
        rounds = list(programme.rounds.order_by("order"))
        windows.append(
            programme.nominations_open < programme.nominations_close < rounds[0].opened_at
            and all(r.opened_at < r.closed_at for r in rounds)
            and all(earlier.closed_at < later.opened_at for earlier, later in zip(rounds, rounds[1:], strict=False))
            and rounds[-1].closed_at < programme.ceremony_session.start
            and not programme.nominations.filter(
                Q(submitted_at__lt=programme.nominations_open) | Q(submitted_at__gt=programme.nominations_close)
            ).exists()
        )

    assert windows == [True] * 11
    assert {(p.nominations_open.month, p.nominations_open.day, p.nominations_close.month) for p in programmes} == {
        (6, 1, 8),
    }


def test_load_scores_the_programmes_on_their_criteria(demo):
    criteria = {
        (p.summit.year, p.slug): [(c.name_en, c.weight) for c in p.review_criteria.all()]
        for p in AwardProgramme.objects.select_related("summit").prefetch_related("review_criteria")
    }

    assert criteria[(2024, "leading-tech-award")] == [("Originality", 2), ("Impact", 2), ("Leadership", 1)]
    assert criteria[(2023, "best-practices")] == [("Relevance", 2), ("Results", 2), ("Replicability", 1)]
    assert criteria[(2022, "straight-to-wuzhen")] == [
        ("Innovation", 2), ("Market potential", 1), ("Team", 1), ("Social value", 1),
    ]
    assert criteria[(2023, "ten-year-honor")] == []
    assert AwardProgramme.objects.filter(kind="award", summit__year__in=SEED_YEARS).exclude(
        criteria_zh_hans="").count() == 4


def test_load_seats_a_jury_of_four_to_six_with_one_chair_and_no_accounts(demo):
    juries = AwardProgramme.objects.annotate(
        jurors=Count("jury_members"), chairs=Count("jury_members", filter=Q(jury_members__is_chair=True)),
    )
    competition_seats = {
        (juror.is_chair, tuple(sorted(c.slug for c in juror.categories.all())))
        for juror in JuryMember.objects.filter(programme__summit__year=2024, programme__slug="straight-to-wuzhen")
    }

    assert {(p.chairs, 4 <= p.jurors <= 6) for p in juries} == {(1, True)}
    assert not JuryMember.objects.filter(Q(user__isnull=False) | Q(affiliation_zh_hans="")).exists()
    assert competition_seats == {(True, ()), (False, ("ai-plus",)), (False, ("digital-economy",))}
    assert JuryMember.objects.filter(programme__summit__year=2024, programme__slug="straight-to-wuzhen").count() == 5


def test_load_ranks_the_awarded_nominations_before_the_shortlisted(demo):
    shown_ties = 0
    for round in _rounds(stage=RoundStage.SELECTION):
        rows = [row for group in round_ranking(round) for row in group.rows]
        awarded = [row.position for row in rows if row.nomination.status == NominationStatus.AWARDED]
        shortlisted = [row.position for row in rows if row.nomination.status == NominationStatus.SHORTLISTED]
        shown_ties += sum(row.tied for row in rows)

        assert round.is_closed
        assert [row.nomination.pk for row in rows if row.mean is None] == []
        assert len(rows) == round.programme.nominations.count()
        assert round.places_per_category == len(awarded)
        assert max(awarded) < min(shortlisted, default=len(rows) + 1)

    assert _rounds(stage=RoundStage.SELECTION).count() == 8
    assert shown_ties == 6  # two cases share the second place in each year's best practices


def test_load_gives_the_competition_three_rounds_with_the_ai_track_in_each(demo):
    rounds = _rounds(programme__summit__year=2024, programme__slug="straight-to-wuzhen").order_by("order")

    assert [(r.stage, r.order, r.places_per_category, r.entries.count(), r.is_closed) for r in rounds] == [
        (RoundStage.PRELIMINARY, 1, 4, 10, True), (RoundStage.SEMI_FINAL, 2, 4, 8, True),
        (RoundStage.FINAL, 3, 3, 8, True),
    ]
    assert [sorted(Counter(r.entries.values_list("category__slug", flat=True)).items()) for r in rounds] == [
        [("ai-plus", 5), ("digital-economy", 5)], [("ai-plus", 4), ("digital-economy", 4)],
        [("ai-plus", 4), ("digital-economy", 4)],
    ]
    assert set(rounds[1].entries.all()) == set(rounds[2].entries.all())
    assert not rounds[1].entries.filter(status=NominationStatus.REJECTED).exists()


def test_load_ranks_the_competition_as_it_ended(demo):
    finals = []
    for round in _rounds(stage=RoundStage.FINAL):
        for group in round_ranking(round):
            finals.append([(row.position, row.nomination.awarded_rank, row.nomination.status) for row in group.rows])
    preliminary_last = {
        row.nomination.status
        for round in _rounds(stage=RoundStage.PRELIMINARY) for group in round_ranking(round) for row in group.rows
        if row.position == 5
    }

    assert len(finals) == 6
    assert all(final == [(1, 1, NominationStatus.AWARDED), (2, 2, NominationStatus.AWARDED),
                         (3, 3, NominationStatus.AWARDED), (4, None, NominationStatus.SHORTLISTED)]
               for final in finals)
    assert preliminary_last == {NominationStatus.REJECTED}


def test_every_review_score_is_the_weighted_mean_of_its_criterion_scores(demo):
    reviews = Review.objects.select_related("round__programme").prefetch_related("scores__criterion")
    mismatched = []
    for review in reviews:
        scores = list(review.scores.all())
        expected_count = len(review.round.programme.review_criteria.all())
        if len(scores) != expected_count or (
                scores and weighted_mean([(s.criterion.weight, s.score) for s in scores]) != review.score):
            mismatched.append(review.pk)

    assert reviews.count() == 458  # awards 227 (5 or 4 jurors, one conflict each), competition 231
    assert ReviewScore.objects.count() == 1536  # 111 and 93 reviews on 3 criteria, 231 on 4
    assert mismatched == []
    assert not Review.objects.filter(Q(score__lt=0) | Q(score__gt=10)).exists()
    assert not Review.objects.filter(
        Q(submitted_at__lt=F("round__opened_at")) | Q(submitted_at__gt=F("round__closed_at"))
    ).exists()


def test_load_declares_one_conflict_per_programme_with_no_review_of_it(demo):
    conflicts = ConflictOfInterest.objects.select_related("juror", "nomination")
    reviewed = Review.objects.filter(juror=OuterRef("juror"), nomination=OuterRef("nomination"))

    assert sorted(Counter(c.juror.programme_id for c in conflicts).values()) == [1] * 11
    assert {c.juror.programme_id == c.nomination.programme_id and not c.juror.is_chair for c in conflicts} == {True}
    assert conflicts.filter(Exists(reviewed)).count() == 0


def test_every_juror_scores_every_entry_they_may_judge_but_their_conflicts(demo):
    conflicts = set(ConflictOfInterest.objects.values_list("juror_id", "nomination_id"))
    reviewed = set(Review.objects.values_list("round_id", "juror_id", "nomination_id"))
    expected = set()
    for round in ReviewRound.objects.prefetch_related("entries", "programme__jury_members__categories"):
        for entry in round.entries.all():
            expected |= {
                (round.pk, juror.pk, entry.pk) for juror in round.programme.jury_members.all()
                if may_review(juror, entry) and (juror.pk, entry.pk) not in conflicts
            }

    assert reviewed == expected
    assert len(expected) == 458


def test_every_competition_entry_has_a_team_with_one_leader_and_a_description(demo):
    entries = Nomination.objects.filter(programme__kind="competition").annotate(
        members=Count("team_members"), leaders=Count("team_members", filter=Q(team_members__is_leader=True)),
    )

    assert entries.count() == 30
    assert {(e.leaders, 2 <= e.members <= 4, bool(e.citation_en), bool(e.citation_zh_hans)) for e in entries} == {
        (1, True, True, True),
    }
    assert {e.members for e in entries} == {2, 3, 4}
    assert not TeamMember.objects.filter(Q(name="") | Q(country="")).exists()
    assert {e.nominee_label for e in entries} == {e.organization.name for e in entries}
