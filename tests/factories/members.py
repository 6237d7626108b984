import factory

from members.enums import BodyKind, MembershipStatus, MembershipType, OrganizationKind
from members.models import Body, BodyParticipant, Membership, Organization


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    name_zh_hans = factory.Sequence(lambda n: f"机构{n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganizationKind.ENTERPRISE
    country = "CN"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    type = MembershipType.ENTERPRISE
    status = MembershipStatus.ACTIVE
    since = factory.Faker("date_between", start_date="-3y", end_date="today")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    kind = BodyKind.COMMITTEE
    name = factory.Sequence(lambda n: f"Committee {n}")
    slug = factory.Sequence(lambda n: f"committee-{n}")


class BodyParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyParticipant

    body = factory.SubFactory(BodyFactory)
    person_name = factory.Faker("name")
    country = "BR"
