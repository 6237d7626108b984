"""The jury's review, the same for awards and the competition: rounds, conflicts, scores, ranking, advancement."""

from decimal import Decimal
from fractions import Fraction

import pytest

from awards import selectors, services
from awards.enums import NominationStatus, ProgrammeKind, RoundStage
from awards.models import ConflictOfInterest, Nomination, Review, ReviewRound
from awards.services.reviews import Scores
from core.models import AuditEntry
from tests.factories.awards import (
    AwardCategoryFactory,
    AwardProgrammeFactory,
    JuryMemberFactory,
    NominationFactory,
    ReviewCriterionFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(django_user_model):
    return django_user_model.objects.create_user(username="organizer", is_staff=True)


def overall(score) -> Scores:
    return Scores(overall=Decimal(score))


def opened(round, organizer) -> ReviewRound:
    services.open_round(round=round, actor=organizer)
    round.refresh_from_db()
    return round


def refused_code(call) -> str:
    with pytest.raises(services.ReviewRefused) as refusal:
        call()
    return refusal.value.code


# --- Opening and closing rounds -------------------------------------------------------------------------------


def test_open_first_round_takes_every_nomination_not_rejected(organizer):
    programme = AwardProgrammeFactory()
    submitted = NominationFactory(programme=programme)
    shortlisted = NominationFactory(programme=programme, status=NominationStatus.SHORTLISTED)
    NominationFactory(programme=programme, status=NominationStatus.REJECTED)
    NominationFactory()  # another programme's

    count = services.open_round(round=ReviewRoundFactory(programme=programme), actor=organizer)

    round = ReviewRound.objects.get()
    assert count == 2
    assert set(round.entries.all()) == {submitted, shortlisted}
    assert round.is_open
    assert AuditEntry.objects.get().note == "round opened with 2 entries"


def test_open_round_twice_is_refused(organizer):
    round = ReviewRoundFactory(programme=NominationFactory().programme)
    services.open_round(round=round, actor=organizer)

    assert refused_code(lambda: services.open_round(round=round, actor=organizer)) == "already_opened"


def test_open_round_without_nominations_is_refused(organizer):
    round = ReviewRoundFactory()

    assert refused_code(lambda: services.open_round(round=round, actor=organizer)) == "no_entries"
    assert ReviewRound.objects.get().opened_at is None


def test_open_later_round_before_the_previous_closes_is_refused(organizer):
    programme = NominationFactory().programme
    preliminary = ReviewRoundFactory(programme=programme, stage=RoundStage.PRELIMINARY, order=1)
    final = ReviewRoundFactory(programme=programme, stage=RoundStage.FINAL, order=2)
    services.open_round(round=preliminary, actor=organizer)

    assert refused_code(lambda: services.open_round(round=final, actor=organizer)) == "other_round_open"
    services.close_round(round=preliminary, actor=organizer)
    # Closed, but nothing advanced yet: the final has no entries.
    assert refused_code(lambda: services.open_round(round=final, actor=organizer)) == "no_entries"


def test_close_round_that_is_not_open_is_refused(organizer):
    round = ReviewRoundFactory(programme=NominationFactory().programme)

    assert refused_code(lambda: services.close_round(round=round, actor=organizer)) == "not_open"
    opened(round, organizer)
    services.close_round(round=round, actor=organizer)
    assert refused_code(lambda: services.close_round(round=round, actor=organizer)) == "not_open"


# --- Scoring -----------------------------------------------------------------------------------------------------


def test_review_score_is_the_weighted_mean_of_the_criteria(organizer):
    nomination = NominationFactory()
    programme = nomination.programme
    impact = ReviewCriterionFactory(programme=programme, name="Impact", weight=2)
    novelty = ReviewCriterionFactory(programme=programme, name="Novelty", weight=1)
    juror = JuryMemberFactory(programme=programme)
    round = opened(ReviewRoundFactory(programme=programme), organizer)

    review = services.submit_review(juror=juror, round=round, nomination=nomination, comment=" Strong. ",
                                    scores=Scores(by_criterion={impact.pk: Decimal("9"), novelty.pk: Decimal("6.5")}))

    assert review.score == Decimal("8.17")  # (9 x 2 + 6.5) / 3 = 8.1666...
    assert review.comment == "Strong."
    assert {s.criterion.name: s.score for s in review.scores.all()} == {
        "Impact": Decimal("9"), "Novelty": Decimal("6.5")}


def test_review_again_replaces_the_jurors_scores(organizer):
    nomination = NominationFactory()
    juror = JuryMemberFactory(programme=nomination.programme)
    round = opened(ReviewRoundFactory(programme=nomination.programme), organizer)

    services.submit_review(juror=juror, round=round, nomination=nomination, scores=overall("6"))
    services.submit_review(juror=juror, round=round, nomination=nomination, scores=overall("7.5"))

    assert list(Review.objects.values_list("score", flat=True)) == [Decimal("7.5")]


def test_review_missing_a_criterion_or_out_of_range_is_refused(organizer):
    nomination = NominationFactory()
    impact = ReviewCriterionFactory(programme=nomination.programme)
    ReviewCriterionFactory(programme=nomination.programme)
    juror = JuryMemberFactory(programme=nomination.programme)
    round = opened(ReviewRoundFactory(programme=nomination.programme), organizer)

    def submit(scores):
        return lambda: services.submit_review(juror=juror, round=round, nomination=nomination, scores=scores)

    assert refused_code(submit(Scores(by_criterion={impact.pk: Decimal("5")}))) == "incomplete"
    assert refused_code(submit(overall("5"))) == "incomplete"
    assert not Review.objects.exists()


def test_review_out_of_range_is_refused(organizer):
    nomination = NominationFactory()
    juror = JuryMemberFactory(programme=nomination.programme)
    round = opened(ReviewRoundFactory(programme=nomination.programme), organizer)

    for score in ("10.5", "-1"):
        code = refused_code(lambda s=score: services.submit_review(juror=juror, round=round, nomination=nomination,
                                                                   scores=overall(s)))
        assert code == "out_of_range"
    assert not Review.objects.exists()


def test_review_of_an_unassigned_category_is_refused(organizer):
    ai_track = AwardCategoryFactory(name="AI+ innovative applications")
    programme = ai_track.programme
    other_track = AwardCategoryFactory(programme=programme, name="Digital economy")
    nomination = NominationFactory(programme=programme, category=other_track)
    juror = JuryMemberFactory(programme=programme)
    juror.categories.set([ai_track])
    round = opened(ReviewRoundFactory(programme=programme), organizer)

    code = refused_code(lambda: services.submit_review(juror=juror, round=round, nomination=nomination,
                                                       scores=overall("9")))

    assert code == "not_assigned"
    assert not Review.objects.exists()


def test_review_by_a_juror_of_another_programme_is_refused(organizer):
    nomination = NominationFactory()
    outsider = JuryMemberFactory()
    round = opened(ReviewRoundFactory(programme=nomination.programme), organizer)

    code = refused_code(lambda: services.submit_review(juror=outsider, round=round, nomination=nomination,
                                                       scores=overall("9")))

    assert code == "not_on_jury"


def test_review_of_a_nomination_not_in_the_round_is_refused(organizer):
    nomination = NominationFactory()
    juror = JuryMemberFactory(programme=nomination.programme)
    round = opened(ReviewRoundFactory(programme=nomination.programme), organizer)
    late = NominationFactory(programme=nomination.programme)  # came in after the round opened

    code = refused_code(lambda: services.submit_review(juror=juror, round=round, nomination=late, scores=overall("9")))

    assert code == "not_an_entry"


def test_review_in_a_round_not_open_is_refused(organizer):
    nomination = NominationFactory()
    juror = JuryMemberFactory(programme=nomination.programme)
    round = ReviewRoundFactory(programme=nomination.programme)

    def submit():
        return services.submit_review(juror=juror, round=round, nomination=nomination, scores=overall("9"))

    assert refused_code(submit) == "not_open"  # prepared, not opened
    opened(round, organizer)
    services.close_round(round=round, actor=organizer)
    assert refused_code(submit) == "not_open"  # closed: scores are final
    assert not Review.objects.exists()


def test_conflicted_juror_cannot_score_and_loses_the_open_rounds_score(organizer):
    nomination = NominationFactory()
    juror = JuryMemberFactory(programme=nomination.programme)
    round = opened(ReviewRoundFactory(programme=nomination.programme), organizer)
    services.submit_review(juror=juror, round=round, nomination=nomination, scores=overall("9"))

    services.declare_conflict(juror=juror, nomination=nomination, reason="I advised the team.")
    code = refused_code(lambda: services.submit_review(juror=juror, round=round, nomination=nomination,
                                                       scores=overall("9")))

    assert code == "conflict"
    assert not Review.objects.exists()
    assert ConflictOfInterest.objects.get().reason == "I advised the team."


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_review_sent_while_a_conflict_is_being_declared_is_refused(on_postgres, organizer):
    """The juror declares a conflict in one tab while saving scores in another: the scores wait for the
    declaration and are then refused, instead of being saved beside it."""
    import threading
    import time

    from django.db import connection, transaction

    nomination = NominationFactory()
    juror = JuryMemberFactory(programme=nomination.programme)
    round = opened(ReviewRoundFactory(programme=nomination.programme), organizer)
    declared = threading.Event()
    outcome = {}

    def declare():
        try:
            with transaction.atomic():
                services.declare_conflict(juror=juror, nomination=nomination)
                declared.set()
                time.sleep(0.5)  # the declaration is not committed yet while the scores arrive
        finally:
            connection.close()

    def score():
        declared.wait(5)
        try:
            services.submit_review(juror=juror, round=round, nomination=nomination, scores=overall("9"))
            outcome["review"] = "saved"
        except services.ReviewRefused as refusal:
            outcome["review"] = refusal.code
        finally:
            connection.close()

    threads = [threading.Thread(target=declare), threading.Thread(target=score)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcome == {"review": "conflict"}
    assert not Review.objects.exists()


def test_declaring_a_conflict_twice_keeps_one(organizer):
    nomination = NominationFactory()
    juror = JuryMemberFactory(programme=nomination.programme)

    first = services.declare_conflict(juror=juror, nomination=nomination)
    second = services.declare_conflict(juror=juror, nomination=nomination, reason="again")

    assert first == second
    assert ConflictOfInterest.objects.count() == 1


def test_conflict_with_an_unassigned_nomination_is_refused():
    track = AwardCategoryFactory()
    nomination = NominationFactory(programme=track.programme, category=track)
    juror = JuryMemberFactory(programme=track.programme)
    juror.categories.set([AwardCategoryFactory(programme=track.programme)])

    assert refused_code(lambda: services.declare_conflict(juror=juror, nomination=nomination)) == "not_assigned"


# --- Ranking, advancement, awards -------------------------------------------------------------------------------


def _score(round, nomination, *scores):
    for score in scores:
        juror = JuryMemberFactory(programme=round.programme)
        services.submit_review(juror=juror, round=round, nomination=nomination, scores=overall(score))


def test_ranking_by_mean_shows_ties_and_puts_unscored_last(organizer):
    programme = AwardProgrammeFactory()
    names = ["Best", "Tie A", "Tie B", "Last", "Unscored"]
    entries = {name: NominationFactory(programme=programme, nominee_name=name) for name in names}
    round = opened(ReviewRoundFactory(programme=programme), organizer)
    _score(round, entries["Best"], "9", "10")
    _score(round, entries["Tie A"], "8")
    _score(round, entries["Tie B"], "7", "9")
    _score(round, entries["Last"], "5.5")

    (group,) = selectors.round_ranking(round)

    rows = [(row.nomination.nominee_name, row.mean, row.review_count, row.position, row.tied) for row in group.rows]
    assert rows == [  # equal means: in the order the nominations came in
        ("Best", Decimal("9.5"), 2, 1, False),
        ("Tie A", Decimal("8"), 1, 2, True),
        ("Tie B", Decimal("8"), 2, 2, True),
        ("Last", Decimal("5.5"), 1, 4, False),
        ("Unscored", None, 0, 5, False),
    ]


def test_ranking_counts_only_the_rounds_own_reviews(organizer):
    programme = AwardProgrammeFactory()
    nomination = NominationFactory(programme=programme)
    preliminary = opened(ReviewRoundFactory(programme=programme, stage=RoundStage.PRELIMINARY, order=1,
                                            places_per_category=1), organizer)
    _score(preliminary, nomination, "4")
    services.close_round(round=preliminary, actor=organizer)
    final = ReviewRoundFactory(programme=programme, stage=RoundStage.FINAL, order=2)
    services.advance_top_entries(round=preliminary, actor=organizer)
    final = opened(final, organizer)
    _score(final, nomination, "9")

    (group,) = selectors.round_ranking(final)

    assert (group.rows[0].mean, group.rows[0].review_count) == (Decimal("9"), 1)


def _competition_with_tracks(organizer):
    programme = AwardProgrammeFactory(kind=ProgrammeKind.COMPETITION, name="Straight to Wuzhen")
    ai = AwardCategoryFactory(programme=programme, name="AI+ innovative applications", order=1)
    economy = AwardCategoryFactory(programme=programme, name="Digital economy", order=2)
    rounds = [ReviewRoundFactory(programme=programme, stage=stage, order=order, places_per_category=2)
              for order, stage in enumerate((RoundStage.PRELIMINARY, RoundStage.SEMI_FINAL, RoundStage.FINAL))]
    return programme, ai, economy, rounds


def test_advance_sends_the_best_of_each_track_and_ties_at_the_cut(organizer):
    programme, ai, economy, (preliminary, semi_final, _final) = _competition_with_tracks(organizer)
    ai_entries = [NominationFactory(programme=programme, category=ai, nominee_name=f"AI team {n}") for n in range(4)]
    economy_entries = [NominationFactory(programme=programme, category=economy, nominee_name=f"Economy team {n}")
                       for n in range(3)]
    opened(preliminary, organizer)
    for entry, score in zip(ai_entries, ("9", "8", "8", "6"), strict=True):
        _score(preliminary, entry, score)
    for entry, score in zip(economy_entries, ("5", "7", "6"), strict=True):
        _score(preliminary, entry, score)

    assert refused_code(lambda: services.advance_top_entries(round=preliminary, actor=organizer)) == "not_closed"
    services.close_round(round=preliminary, actor=organizer)
    advancement = services.advance_top_entries(round=preliminary, actor=organizer)

    assert {name: [n.nominee_name for n in entries] for name, entries in advancement.advanced.items()} == {
        "AI+ innovative applications": ["AI team 0", "AI team 1", "AI team 2"],  # 8 and 8 tie for second place
        "Digital economy": ["Economy team 1", "Economy team 2"],
    }
    assert advancement.ties_at_cut == ["AI+ innovative applications"]
    assert set(semi_final.entries.values_list("nominee_name", flat=True)) == {
        "AI team 0", "AI team 1", "AI team 2", "Economy team 1", "Economy team 2"}


def test_advance_from_the_last_round_or_into_an_opened_round_is_refused(organizer):
    programme, ai, _economy, (preliminary, semi_final, final) = _competition_with_tracks(organizer)
    entry = NominationFactory(programme=programme, category=ai)
    for round in (preliminary, semi_final):
        opened(round, organizer)
        _score(round, entry, "8")
        services.close_round(round=round, actor=organizer)
        services.advance_top_entries(round=round, actor=organizer)
    opened(final, organizer)

    services.close_round(round=final, actor=organizer)
    assert refused_code(lambda: services.advance_top_entries(round=final, actor=organizer)) == "last_round"
    assert refused_code(lambda: services.advance_top_entries(round=semi_final, actor=organizer)) == "already_opened"


def test_competition_runs_from_preliminary_to_winners_by_track(organizer):
    programme, ai, economy, rounds = _competition_with_tracks(organizer)
    teams = {f"{track.name[:2]} {n}": NominationFactory(programme=programme, category=track,
                                                       nominee_name=f"{track.name[:2]} {n}")
             for track in (ai, economy) for n in range(3)}
    scores = {"AI 0": "9", "AI 1": "7", "AI 2": "8", "Di 0": "6", "Di 1": "6", "Di 2": "9"}
    for round in rounds:
        opened(round, organizer)
        for entry in round.entries.all():
            _score(round, entry, scores[entry.nominee_name])
        services.close_round(round=round, actor=organizer)
        if round.stage != RoundStage.FINAL:
            services.advance_top_entries(round=round, actor=organizer)

    services.award_from_ranking(round=rounds[-1], actor=organizer)

    awarded = Nomination.objects.filter(status=NominationStatus.AWARDED).order_by("category__order", "awarded_rank",
                                                                                   "nominee_name")
    assert [(n.category.name[:2], n.nominee_name, n.awarded_rank) for n in awarded] == [
        ("AI", "AI 0", 1), ("AI", "AI 2", 2), ("Di", "Di 2", 1), ("Di", "Di 0", 2), ("Di", "Di 1", 2)]
    assert teams["AI 1"].review_rounds.count() == 1  # out after the preliminary round
    assert Nomination.objects.get(pk=teams["AI 1"].pk).status == NominationStatus.SUBMITTED


def test_award_from_a_round_that_is_not_the_last_is_refused(organizer):
    programme, ai, _economy, (preliminary, *_rest) = _competition_with_tracks(organizer)
    NominationFactory(programme=programme, category=ai)
    opened(preliminary, organizer)
    services.close_round(round=preliminary, actor=organizer)

    assert refused_code(lambda: services.award_from_ranking(round=preliminary, actor=organizer)) == "not_last_round"
    assert not Nomination.objects.filter(status=NominationStatus.AWARDED).exists()


def test_open_round_emails_each_juror_with_an_account_once_in_their_language(
    organizer, django_user_model, django_capture_on_commit_callbacks, mailoutbox
):
    track = AwardCategoryFactory(name="AI+ innovative applications")
    programme = track.programme
    NominationFactory.create_batch(2, programme=programme, category=track)
    NominationFactory(programme=programme, category=AwardCategoryFactory(programme=programme))
    ada = JuryMemberFactory(programme=programme, name="Ada", language="zh-hans",
                            user=django_user_model.objects.create_user("ada", email="ada@example.org"))
    ada.categories.set([track])
    JuryMemberFactory(programme=programme, name="Bo", user=django_user_model.objects.create_user("bo", email=""))
    JuryMemberFactory(programme=programme, name="Cy", user=None)
    round = ReviewRoundFactory(programme=programme)

    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(round=round, actor=organizer)

    (email,) = mailoutbox  # Bo has no address, Cy no account
    assert email.to == ["ada@example.org"]
    assert "2" in email.body and f"/zh-hans/jury/rounds/{round.pk}/" in email.body
    assert "Dear Ada" not in email.body  # written in Chinese


# --- Issue 14: a mean is of the unrounded scores ------------------------------------------------------------------


def _weighted_jury(organizer):
    """A programme scored on impact (weight 2) and novelty (weight 1), its round open."""
    programme = AwardProgrammeFactory()
    impact = ReviewCriterionFactory(programme=programme, name="Impact", weight=2)
    novelty = ReviewCriterionFactory(programme=programme, name="Novelty", weight=1)
    round = ReviewRoundFactory(programme=programme)
    return programme, impact, novelty, round


def _criteria(round, nomination, impact, novelty, *given):
    for impact_score, novelty_score in given:
        services.submit_review(juror=JuryMemberFactory(programme=round.programme), round=round,
                               nomination=nomination, scores=Scores(by_criterion={
                                   impact.pk: Decimal(impact_score), novelty.pk: Decimal(novelty_score)}))


def test_ranking_means_the_unrounded_review_scores_and_rounds_only_to_show(organizer):
    programme, impact, novelty, round = _weighted_jury(organizer)
    entry = NominationFactory(programme=programme, nominee_name="Robot Doctors")
    opened(round, organizer)
    # 9.00, and (9 x 2 + 8) / 3 = 8.666..., shown 8.67
    _criteria(round, entry, impact, novelty, ("9", "9"), ("9", "8"))

    (group,) = selectors.round_ranking(round)

    assert sorted(Review.objects.values_list("score", flat=True)) == [Decimal("8.67"), Decimal("9.00")]
    row = group.rows[0]
    assert row.exact_mean == Fraction(53, 6)  # (9 + 26/3) / 2 = 8.8333..., not (9 + 8.67) / 2 = 8.835
    assert row.mean == Decimal("8.83")


def test_ranking_ties_entries_whose_unrounded_means_are_equal(organizer):
    programme, impact, novelty, round = _weighted_jury(organizer)
    mixed, even = (NominationFactory(programme=programme, nominee_name=name) for name in ("Mixed", "Even"))
    opened(round, organizer)
    _criteria(round, mixed, impact, novelty, ("9", "9"), ("9", "8"))  # 9 and 26/3: 53/6
    _criteria(round, even, impact, novelty, ("8.5", "9.5"), ("8.5", "9.5"))  # 53/6 twice (8.83 each, shown)

    (group,) = selectors.round_ranking(round)

    assert [(row.nomination.nominee_name, row.mean, row.position, row.tied) for row in group.rows] == [
        ("Mixed", Decimal("8.83"), 1, True), ("Even", Decimal("8.83"), 1, True)]


def test_a_mean_rounds_half_up_only_when_it_is_shown(organizer):
    programme = AwardProgrammeFactory()
    entry = NominationFactory(programme=programme)
    round = opened(ReviewRoundFactory(programme=programme), organizer)
    _score(round, entry, "8.67", "9")  # 8.835 exactly

    (group,) = selectors.round_ranking(round)

    assert (group.rows[0].exact_mean, group.rows[0].mean) == (Fraction("8.835"), Decimal("8.84"))
    assert selectors.cents(8.835) == Decimal("8.84")


def test_advancement_follows_the_unrounded_means(organizer):
    programme, impact, novelty, preliminary = _weighted_jury(organizer)
    ReviewRound.objects.filter(pk=preliminary.pk).update(places_per_category=1)
    preliminary.refresh_from_db()
    ReviewRoundFactory(programme=programme, stage=RoundStage.FINAL, order=2)
    rounded_up, truly_better = (NominationFactory(programme=programme, nominee_name=name)
                                for name in ("Rounded up", "Truly better"))
    opened(preliminary, organizer)
    # 8.67 (26/3) and 9: 8.8333; 8.83 and 8.84 (overall-equivalent on both criteria): 8.835
    _criteria(preliminary, rounded_up, impact, novelty, ("9", "8"), ("9", "9"))
    _criteria(preliminary, truly_better, impact, novelty, ("8.83", "8.83"), ("8.84", "8.84"))
    services.close_round(round=preliminary, actor=organizer)

    advancement = services.advance_top_entries(round=preliminary, actor=organizer)

    assert [nomination.nominee_name for nomination in advancement.advanced[""]] == ["Truly better"]
