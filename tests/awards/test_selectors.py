"""The laureates in order, and the ranking of nominations by the jury's scores."""


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


