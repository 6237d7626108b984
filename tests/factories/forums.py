import datetime
import zoneinfo

import factory

from core.enums import PublicationStatus
from forums.enums import ForumKind, SessionType, SpeakerRole
from forums.models import Forum, Session, SessionSpeaker, Speaker, ThemeGroup

from .summits import RoomFactory, SummitFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A wall-clock time in Wuzhen."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


class ForumFactory(factory.django.DjangoModelFactory):
    """A sub-forum on the first day of its summit, 09:00-17:00."""

    class Meta:
        model = Forum

    summit = factory.SubFactory(SummitFactory)
    kind = ForumKind.SUB_FORUM
    title = factory.Sequence(lambda n: f"Sub-forum {n}")
    title_zh_hans = factory.Sequence(lambda n: f"分论坛{n}")
    slug = factory.Sequence(lambda n: f"sub-forum-{n}")
    room = factory.SubFactory(RoomFactory)
    start = factory.LazyAttribute(lambda forum: at(forum.summit.start_date.year, 11, forum.summit.start_date.day, 9))
    end = factory.LazyAttribute(lambda forum: forum.start + datetime.timedelta(hours=8))
    status = PublicationStatus.PUBLISHED


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    title = "Chief Scientist"
    affiliation = "Example Institute"
    country = "FR"


class SessionFactory(factory.django.DjangoModelFactory):
    """A one-hour keynote at the start of its forum, in the forum's room."""

    class Meta:
        model = Session

    forum = factory.SubFactory(ForumFactory)
    type = SessionType.KEYNOTE
    title = factory.Sequence(lambda n: f"Session {n}")
    title_zh_hans = factory.Sequence(lambda n: f"议程{n}")
    start = factory.LazyAttribute(lambda session: session.forum.start)
    end = factory.LazyAttribute(lambda session: session.start + datetime.timedelta(hours=1))
    room = factory.LazyAttribute(lambda session: session.forum.room)
    status = PublicationStatus.PUBLISHED


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    role = SpeakerRole.SPEAKER


class ThemeGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeGroup

    summit = factory.SubFactory(SummitFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")
    name_zh_hans = factory.Sequence(lambda n: f"主题{n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
