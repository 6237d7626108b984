import datetime

import factory

from core.enums import PublicationStatus
from summits.models import Room, Summit, Venue


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("slug",)

    name = "Wuzhen Internet International Convention and Exhibition Center"
    name_zh_hans = "乌镇互联网国际会展中心"
    slug = "wuzhen-convention-center"
    city = "Wuzhen"
    city_zh_hans = "乌镇"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")
    slug = factory.Sequence(lambda n: f"hall-{n}")
    capacity = 200


class SummitFactory(factory.django.DjangoModelFactory):
    """An edition three days long, from 19 to 21 November of its year."""

    class Meta:
        model = Summit
        django_get_or_create = ("year",)

    year = 2024
    slug = factory.LazyAttribute(lambda summit: f"wic{summit.year}")
    name = factory.LazyAttribute(lambda summit: f"{summit.year} WIC Wuzhen Summit")
    name_zh_hans = factory.LazyAttribute(lambda summit: f"{summit.year}年世界互联网大会乌镇峰会")
    theme = "Embracing a Digital Future That Is People-Centered and Intelligent for Good"
    start_date = factory.LazyAttribute(lambda summit: datetime.date(summit.year, 11, 19))
    end_date = factory.LazyAttribute(lambda summit: datetime.date(summit.year, 11, 21))
    venue = factory.SubFactory(VenueFactory)
    status = PublicationStatus.PUBLISHED
