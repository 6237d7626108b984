"""The rules of programmes, nominations, the jury and reviews: in the database and in model validation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import RestrictedError

from awards.enums import NominationStatus, NomineeKind
from awards.models import AwardProgramme, JuryMember, Nomination, Review, ReviewRound
from tests.factories.awards import (
    AwardCategoryFactory,
    AwardProgrammeFactory,
    JuryMemberFactory,
    NominationFactory,
    ReviewFactory,
    ReviewRoundFactory,
)
from tests.factories.forums import SessionFactory, at
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("score", [Decimal("-0.5"), Decimal("10.01")])
def test_review_score_out_of_range_is_refused_by_the_database(score):
    with pytest.raises(IntegrityError):
        ReviewFactory(score=score)


def test_review_score_at_the_bounds_is_accepted():
    ReviewFactory(score=Decimal("0"))
    ReviewFactory(score=Decimal("10"))

    assert sorted(Review.objects.values_list("score", flat=True)) == [Decimal("0"), Decimal("10")]


def test_review_score_out_of_range_is_refused_by_validation():
    nomination = NominationFactory()
    review = ReviewFactory.build(nomination=nomination, score=Decimal("11"),
                                 round=ReviewRoundFactory(programme=nomination.programme))
    review.juror = JuryMemberFactory(programme=nomination.programme)

    with pytest.raises(ValidationError) as error:
        review.full_clean()

    assert error.value.message_dict == {"score": ["Ensure this value is less than or equal to 10."]}





def test_second_review_by_the_same_juror_is_refused():
    review = ReviewFactory()

    with pytest.raises(IntegrityError):
        Review.objects.create(round=review.round, nomination=review.nomination, juror=review.juror,
                              score=Decimal("5"), submitted_at=review.submitted_at)


def test_programme_whose_nominations_close_before_they_open_is_refused():
    with pytest.raises(IntegrityError):
        AwardProgrammeFactory(nominations_open=at(2024, 9, 1, 9), nominations_close=at(2024, 8, 1, 9))


def test_programme_whose_nominations_close_before_they_open_is_explained_by_validation():
    programme = AwardProgrammeFactory.build(
        summit=SummitFactory(), nominations_open=at(2024, 9, 1, 9), nominations_close=at(2024, 9, 1, 9)
    )

    with pytest.raises(ValidationError) as error:
        programme.full_clean()

    assert error.value.messages == ["Nominations must close after they open."]


def test_programme_with_only_an_opening_date_is_accepted():
    programme = AwardProgrammeFactory(nominations_open=at(2024, 9, 1, 9))

    programme.full_clean()


def test_programme_slug_taken_in_the_same_summit_is_refused():
    first = AwardProgrammeFactory(slug="leading-award")
    second = AwardProgrammeFactory.build(summit=first.summit, slug="leading-award")

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert error.value.messages == ["This summit already has an award programme with this slug."]


def test_programme_with_a_ceremony_of_another_summit_is_refused():
    ceremony = SessionFactory(forum__summit=SummitFactory(year=2023))
    programme = AwardProgrammeFactory.build(summit=SummitFactory(year=2024), ceremony_session=ceremony)

    with pytest.raises(ValidationError) as error:
        programme.full_clean()

    assert error.value.message_dict == {
        "ceremony_session": ["The ceremony must be a session of this programme's summit."]
    }


def test_nomination_in_a_category_of_another_programme_is_refused():
    category = AwardCategoryFactory(programme__name="Competition")
    nomination = NominationFactory.build(programme=AwardProgrammeFactory(), category=category)

    with pytest.raises(ValidationError) as error:
        nomination.full_clean()

    assert error.value.message_dict == {"category": ["This category belongs to another programme: Competition."]}


def test_nomination_in_a_category_of_its_programme_is_accepted():
    category = AwardCategoryFactory()
    nomination = NominationFactory.build(programme=category.programme, category=category)

    nomination.full_clean()


def test_organisation_nominee_without_organisation_or_name_is_refused():
    nomination = NominationFactory.build(
        programme=AwardProgrammeFactory(), nominee_kind=NomineeKind.ORGANISATION, nominee_name=""
    )

    with pytest.raises(ValidationError) as error:
        nomination.full_clean()

    assert error.value.message_dict == {"organization": ["Choose the nominated organisation, or give its name."]}


def test_organisation_nominee_chosen_from_the_organisations_is_accepted():
    nomination = NominationFactory.build(
        programme=AwardProgrammeFactory(), nominee_kind=NomineeKind.ORGANISATION, nominee_name="",
        organization=OrganizationFactory(name="Alibaba Group"),
    )

    nomination.full_clean()

    assert str(nomination) == "Alibaba Group"


def test_person_nominee_without_a_name_is_refused():
    nomination = NominationFactory.build(programme=AwardProgrammeFactory(), nominee_name="")

    with pytest.raises(ValidationError) as error:
        nomination.full_clean()

    assert error.value.message_dict == {"nominee_kind": ["Give the name of the nominated person."]}


def test_rank_of_a_nomination_not_awarded_is_refused():
    with pytest.raises(IntegrityError):
        NominationFactory(status=NominationStatus.SHORTLISTED, awarded_rank=1)


def test_rank_of_an_awarded_nomination_is_accepted():
    nomination = NominationFactory(status=NominationStatus.AWARDED, awarded_rank=1)

    nomination.full_clean()





def test_jury_categories_of_another_programme_are_refused():
    juror = JuryMemberFactory()
    own, foreign = AwardCategoryFactory(programme=juror.programme), AwardCategoryFactory(name="Other track")

    with pytest.raises(ValidationError) as error:
        juror.clean_categories([own, foreign])

    assert error.value.message_dict == {"categories": ["Not categories of this programme: Other track."]}


def test_same_account_twice_on_a_jury_is_refused(django_user_model):
    user = django_user_model.objects.create_user(username="juror")
    first = JuryMemberFactory(user=user)

    with pytest.raises(IntegrityError):
        JuryMember.objects.create(programme=first.programme, user=user, name="Again")


def test_jurors_without_accounts_on_one_jury_are_accepted():
    first = JuryMemberFactory(user=None)
    JuryMemberFactory(programme=first.programme, user=None)

    assert first.programme.jury_members.count() == 2


def test_category_with_nominations_cannot_be_deleted_alone():
    category = AwardCategoryFactory()
    NominationFactory(programme=category.programme, category=category)

    with pytest.raises(RestrictedError):
        category.delete()


def test_juror_who_reviewed_cannot_be_deleted_alone():
    review = ReviewFactory()

    with pytest.raises(RestrictedError):
        review.juror.delete()


def test_programme_is_deleted_with_its_categories_nominations_jury_rounds_and_reviews():
    category = AwardCategoryFactory()
    nomination = NominationFactory(programme=category.programme, category=category)
    ReviewFactory(nomination=nomination)

    category.programme.delete()

    assert (AwardProgramme.objects.count(), Nomination.objects.count(), Review.objects.count(),
            JuryMember.objects.count(), ReviewRound.objects.count()) == (0, 0, 0, 0, 0)
