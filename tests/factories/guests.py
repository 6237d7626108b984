import datetime

import factory

from guests.enums import GuestCategory, Participation, RegistrationStatus, SeatStatus
from guests.models import ForumChoice, Guest, Invitation, Registration

from .forums import ForumFactory
from .summits import SummitFactory


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guest

    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    full_name = factory.Faker("name")
    title = "Director-General"
    organization_name = "Ministry of Digital Affairs"
    category = GuestCategory.GOVERNMENT
    country = "KE"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    guest = factory.SubFactory(GuestFactory)
    summit = factory.SubFactory(SummitFactory)
    participation = Participation.OFFLINE
    status = RegistrationStatus.SUBMITTED
    consented_at = factory.LazyFunction(lambda: datetime.datetime(2024, 10, 1, 9, tzinfo=datetime.UTC))


class ForumChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumChoice

    registration = factory.SubFactory(RegistrationFactory)
    forum = factory.SubFactory(ForumFactory, summit=factory.SelfAttribute("..registration.summit"))
    seat_status = SeatStatus.SEATED


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation to the 2024 edition, its seats held until 15 November 2024 (the suite runs on 1 Nov)."""

    class Meta:
        model = Invitation
        skip_postgeneration_save = True

    summit = factory.SubFactory(SummitFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    full_name = factory.Faker("name")
    title = "Minister of Communications"
    organization_name = "Ministry of Communications"
    category = GuestCategory.GOVERNMENT
    country = "SN"
    hold_until = factory.LazyFunction(lambda: datetime.datetime(2024, 11, 15, 18, tzinfo=datetime.UTC))
    sent_at = factory.LazyFunction(lambda: datetime.datetime(2024, 10, 30, 9, tzinfo=datetime.UTC))

    @factory.post_generation
    def reserved_forums(self, create, forums, **kwargs):
        if create and forums:
            self.reserved_forums.set(forums)
