"""A sub-forum of the 2024 edition with its host's team (one member, signed in) and a room the organizers gave the
team besides the forum's own; another forum next door, in the team's room, unpublished."""

from types import SimpleNamespace

import pytest
from django.test import Client

from core.enums import PublicationStatus
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory, at
from tests.factories.summits import RoomFactory
from tests.factories.teams import ForumTeamMemberFactory


@pytest.fixture
def team(db):
    member = ForumTeamMemberFactory(forum__title="Digital Economy Forum", forum__title_zh_hans="数字经济论坛",
                                    name="Lin Wei", email="lin.wei@host.example")
    forum = member.forum
    side_room = RoomFactory(name="Hall 9", name_zh_hans="9号厅")
    forum.team_rooms.add(side_room)
    keynote = SessionFactory(forum=forum, title="Opening keynote", title_zh_hans="开幕主旨演讲",
                             start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    placement = SessionSpeakerFactory(session=keynote, speaker=SpeakerFactory(name="Ada Lovelace"))
    client = Client()
    client.force_login(member.user)
    return SimpleNamespace(member=member, forum=forum, client=client, side_room=side_room, keynote=keynote,
                           placement=placement, user=member.user)


@pytest.fixture
def secret_forum(team):
    """Another forum on the same day, unpublished, with a session in the team's side room at 14:00-15:00."""
    forum = ForumFactory(summit=team.forum.summit, title="Closed-door AI Governance Dialogue",
                         title_zh_hans="人工智能治理闭门对话", status=PublicationStatus.DRAFT)
    session = SessionFactory(forum=forum, title="Secret ministerial round table", title_zh_hans="部长级闭门圆桌",
                             room=team.side_room, start=at(2024, 11, 19, 14), end=at(2024, 11, 19, 15),
                             status=PublicationStatus.DRAFT)
    return SimpleNamespace(forum=forum, session=session)
