import datetime

import factory

from guests.enums import GuestCategory, Participation, RegistrationStatus, SeatStatus
from guests.models import ForumChoice, Guest, Registration

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
