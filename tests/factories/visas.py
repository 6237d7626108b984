import datetime

import factory
from django.utils import timezone

from visas.models import VisaLetter

from .guests import GuestFactory, RegistrationFactory


class VisaLetterFactory(factory.django.DjangoModelFactory):
    """A requested letter for an on-site guest of the 2024 edition (19-21 November), named as they registered."""

    class Meta:
        model = VisaLetter

    registration = factory.SubFactory(RegistrationFactory, guest=factory.SubFactory(GuestFactory,
                                                                                     full_name="Amina Njeri Odhiambo"))
    surname = "ODHIAMBO"
    given_names = "Amina Njeri"
    nationality = "KE"
    passport_number = factory.Sequence(lambda n: f"AK{n:07d}")
    passport_expiry = datetime.date(2029, 5, 31)
    date_of_birth = datetime.date(1980, 3, 14)
    mission = "ke-nairobi"
    arrival_date = datetime.date(2024, 11, 18)
    departure_date = datetime.date(2024, 11, 22)
    requested_at = factory.LazyFunction(timezone.now)
    reference = factory.LazyAttributeSequence(lambda letter, n: f"WIC{letter.registration.summit.year}-VL-{n + 1:06d}")
