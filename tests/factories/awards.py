import factory

from awards.enums import NominationStatus, NomineeKind, ProgrammeKind
from awards.models import AwardCategory, AwardProgramme, JuryMember, Nomination, Review

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


class ReviewFactory(factory.django.DjangoModelFactory):
    """A score by a juror of the nomination's own programme."""

    class Meta:
        model = Review

    nomination = factory.SubFactory(NominationFactory)
    juror = factory.SubFactory(JuryMemberFactory, programme=factory.SelfAttribute("..nomination.programme"))
    score = 8
