import datetime

import factory
from django.utils import timezone

from awards.enums import NominationStatus, NomineeKind, ProgrammeKind, RoundStage
from awards.models import AwardCategory, AwardProgramme, JuryMember, Nomination, Review, ReviewCriterion, ReviewRound
from core.enums import PublicationStatus

from .forums import SessionFactory
from .summits import SummitFactory


class AwardProgrammeFactory(factory.django.DjangoModelFactory):
    """A draft award of the 2024 edition, without nomination window or ceremony."""

    class Meta:
        model = AwardProgramme

    summit = factory.SubFactory(SummitFactory)
    kind = ProgrammeKind.AWARD
    name = factory.Sequence(lambda n: f"Leading Science and Technology Award {n}")
    name_zh_hans = factory.Sequence(lambda n: f"领先科技奖{n}")
    slug = factory.Sequence(lambda n: f"award-{n}")

    class Params:
        # A ceremony on the programme's own summit's agenda, which announcing the laureates needs.
        with_ceremony = factory.Trait(
            ceremony_session=factory.SubFactory(SessionFactory, forum__summit=factory.SelfAttribute("...summit"))
        )


class AwardCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardCategory

    programme = factory.SubFactory(AwardProgrammeFactory)
    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")


class NominationFactory(factory.django.DjangoModelFactory):
    """A person nominated, submitted."""

    class Meta:
        model = Nomination

    programme = factory.SubFactory(AwardProgrammeFactory)
    nominee_kind = NomineeKind.PERSON
    nominee_name = factory.Sequence(lambda n: f"Nominee {n:03d}")
    title = factory.Sequence(lambda n: f"Achievement {n}")
    status = NominationStatus.SUBMITTED


class JuryMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryMember

    programme = factory.SubFactory(AwardProgrammeFactory)
    name = factory.Sequence(lambda n: f"Juror {n}")
    affiliation = "Example Academy"


class ReviewRoundFactory(factory.django.DjangoModelFactory):
    """A jury selection round, prepared (not opened)."""

    class Meta:
        model = ReviewRound
        django_get_or_create = ("programme", "stage")

    programme = factory.SubFactory(AwardProgrammeFactory)
    stage = RoundStage.SELECTION


class ReviewCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCriterion

    programme = factory.SubFactory(AwardProgrammeFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1


class ReviewFactory(factory.django.DjangoModelFactory):
    """A score by a juror of the nomination's own programme, in its programme's selection round (made if
    missing), written directly: the rules of the review are tested through the services."""

    class Meta:
        model = Review

    nomination = factory.SubFactory(NominationFactory)
    round = factory.SubFactory(ReviewRoundFactory, programme=factory.SelfAttribute("..nomination.programme"))
    juror = factory.SubFactory(JuryMemberFactory, programme=factory.SelfAttribute("..nomination.programme"))
    score = 8
    submitted_at = factory.LazyFunction(timezone.now)


class OpenCallFactory(AwardProgrammeFactory):
    """A published award whose call for nominations opened ten days ago and closes in twenty."""

    status = PublicationStatus.PUBLISHED
    nominations_open = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    nominations_close = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.TeamMember"

    nomination = factory.SubFactory(NominationFactory)
    name = factory.Sequence(lambda n: f"Team member {n}")
