"""The laureates in order, and the ranking of nominations by the jury's scores."""

from decimal import Decimal

import pytest

from awards import selectors
from awards.enums import NominationStatus
from tests.factories.awards import AwardProgrammeFactory, JuryMemberFactory, NominationFactory, ReviewFactory
from tests.factories.members import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_laureates_come_by_rank_then_unranked_by_name():
    programme = AwardProgrammeFactory()
    NominationFactory(programme=programme, nominee_name="Zhang Wei", status=NominationStatus.AWARDED)
    NominationFactory(programme=programme, nominee_name="Bob", status=NominationStatus.AWARDED, awarded_rank=2)
    NominationFactory(programme=programme, nominee_name="Alice", status=NominationStatus.AWARDED)
    NominationFactory(programme=programme, nominee_name="Carol", status=NominationStatus.AWARDED, awarded_rank=1)
    NominationFactory(programme=programme, nominee_name="Dave", status=NominationStatus.SHORTLISTED)
    NominationFactory(nominee_name="Elsewhere", status=NominationStatus.AWARDED)

    names = [nomination.nominee_name for nomination in selectors.laureates(programme)]

    assert names == ["Carol", "Bob", "Alice", "Zhang Wei"]


def test_laureates_load_organisation_and_category_in_one_query(django_assert_num_queries):
    programme = AwardProgrammeFactory()
    NominationFactory.create_batch(3, programme=programme, organization=OrganizationFactory(),
                                   status=NominationStatus.AWARDED)

    with django_assert_num_queries(1):
        labels = [(str(nomination.organization), nomination.category) for nomination in selectors.laureates(programme)]

    assert len(labels) == 3


def _reviewed(programme, name, *scores):
    nomination = NominationFactory(programme=programme, nominee_name=name)
    for score in scores:
        ReviewFactory(nomination=nomination, juror=JuryMemberFactory(programme=programme), score=score)
    return nomination


def test_ranking_orders_by_mean_score_and_ties_share_a_position():
    programme = AwardProgrammeFactory()
    _reviewed(programme, "Tie, one review", Decimal("8"))
    _reviewed(programme, "Best", Decimal("9"), Decimal("10"))
    _reviewed(programme, "Tie, two reviews", Decimal("7"), Decimal("9"))
    _reviewed(programme, "Unscored")
    _reviewed(programme, "Last", Decimal("5.5"))

    rows = [(n.nominee_name, n.mean_score, n.review_count, n.position) for n in selectors.ranking(programme)]

    assert rows == [
        ("Best", Decimal("9.5"), 2, 1),
        ("Tie, two reviews", Decimal("8"), 2, 2),
        ("Tie, one review", Decimal("8"), 1, 2),
        ("Last", Decimal("5.5"), 1, 4),
        ("Unscored", None, 0, 5),
    ]


def test_ranking_leaves_out_conflicted_and_unscored_reviews():
    programme = AwardProgrammeFactory()
    nomination = _reviewed(programme, "Ada", Decimal("6"))
    ReviewFactory(nomination=nomination, juror=JuryMemberFactory(programme=programme), conflict_of_interest=True,
                  score=None)
    ReviewFactory(nomination=nomination, juror=JuryMemberFactory(programme=programme), score=None)

    ranked = selectors.ranking(programme).get()

    assert (ranked.mean_score, ranked.review_count) == (Decimal("6"), 1)


def test_ranking_covers_only_the_programme():
    programme = AwardProgrammeFactory()
    _reviewed(programme, "Here", Decimal("6"))
    _reviewed(AwardProgrammeFactory(), "Elsewhere", Decimal("9"))

    assert [nomination.nominee_name for nomination in selectors.ranking(programme)] == ["Here"]
