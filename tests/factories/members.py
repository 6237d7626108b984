import factory
from django.utils import timezone

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

    class Params:
        # An application sent from the website, waiting for a decision.
        application = factory.Trait(
            status=MembershipStatus.APPLIED,
            since=None,
            contact_name=factory.Faker("name"),
            contact_email=factory.Sequence(lambda n: f"applicant{n}@example.org"),
            contact_phone="+86 571 1234 5678",
            motivation="We work on digital inclusion in rural areas and wish to share what we have learnt.",
            language="en",
            applied_at=factory.LazyFunction(timezone.now),
            consented_at=factory.LazyFunction(timezone.now),
        )


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
