import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from core.enums import PublicationStatus
from expo.enums import ExhibitCategory, ExhibitorStatus
from expo.models import Booth, Exhibit, ExhibitImage, Exhibitor, Expo, Hall

from .members import OrganizationFactory
from .summits import SummitFactory


class ExpoFactory(factory.django.DjangoModelFactory):
    """The expo of its summit, open on site during the summit and online for a year from its first day."""

    class Meta:
        model = Expo
        django_get_or_create = ("summit",)

    summit = factory.SubFactory(SummitFactory)
    name = factory.LazyAttribute(lambda expo: f"Light of the Internet Expo {expo.summit.year}")
    name_zh_hans = factory.LazyAttribute(lambda expo: f"{expo.summit.year}年“互联网之光”博览会")
    focus = "artificial intelligence"
    opens_on = factory.LazyAttribute(lambda expo: expo.summit.start_date)
    closes_on = factory.LazyAttribute(lambda expo: expo.summit.end_date)
    online_hall_open_from = factory.LazyAttribute(lambda expo: expo.summit.start_date)
    online_hall_open_until = factory.LazyAttribute(
        lambda expo: expo.online_hall_open_from + datetime.timedelta(days=364)
    )
    status = PublicationStatus.PUBLISHED


class HallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hall

    expo = factory.SubFactory(ExpoFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")
    name_zh_hans = factory.Sequence(lambda n: f"{n}号馆")
    slug = factory.Sequence(lambda n: f"hall-{n}")


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    hall = factory.SubFactory(HallFactory)
    code = factory.Sequence(lambda n: f"A-{n}")
    area_sqm = Decimal("36.00")
    width_m = Decimal("6.00")
    depth_m = Decimal("6.00")


class ExhibitorFactory(factory.django.DjangoModelFactory):
    """An approved, published exhibitor without a booth."""

    class Meta:
        model = Exhibitor

    expo = factory.SubFactory(ExpoFactory)
    organization = factory.SubFactory(OrganizationFactory)
    contact_name = factory.Faker("name")
    contact_email = factory.Faker("email")
    contact_language = "en"
    application_status = ExhibitorStatus.APPROVED
    status = PublicationStatus.PUBLISHED

    class Params:
        # An application still waiting for the organizers, as the website's form leaves it.
        applicant = factory.Trait(
            application_status=ExhibitorStatus.APPLIED, status=PublicationStatus.DRAFT,
            applied_at=factory.LazyFunction(timezone.now), products="A humanoid robot for elderly care",
            interest_categories=["ai", "digital_health"], wanted_area_sqm=Decimal("54.00"),
        )


class ExhibitFactory(factory.django.DjangoModelFactory):
    """A published AI showcase, shown in the online hall."""

    class Meta:
        model = Exhibit

    exhibitor = factory.SubFactory(ExhibitorFactory)
    title = factory.Sequence(lambda n: f"Exhibit {n}")
    title_zh_hans = factory.Sequence(lambda n: f"展品{n}")
    slug = factory.Sequence(lambda n: f"exhibit-{n}")
    category = ExhibitCategory.AI
    shown_online = True
    status = PublicationStatus.PUBLISHED


class ExhibitImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExhibitImage

    exhibit = factory.SubFactory(ExhibitFactory)
    image = factory.django.ImageField(filename="exhibit.png", format="PNG", width=32, height=24, color="blue")
    alt_text = "A humanoid robot waving at visitors"
    alt_text_zh_hans = "向观众挥手的人形机器人"
