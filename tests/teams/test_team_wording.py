"""How the team page reads: rooms in natural order, the diffs' fields by their names with the language in words,
and the last decision's date without a doubled period."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from teams.models import ForumChange
from tests.factories.summits import RoomFactory
from tests.teams.test_team_pages import url
from tests.teams.test_team_review import decide

pytestmark = pytest.mark.django_db


def test_the_rooms_are_in_natural_order(team):
    for number in (12, 3, 1, 5):
        team.forum.team_rooms.add(RoomFactory(name=f"Hall {number}"))

    page = team.client.get(url("session-new", team)).content.decode()

    halls = [name for name in re.findall(r"Hall \d+", page) if name in {"Hall 1", "Hall 3", "Hall 5", "Hall 9",
                                                                        "Hall 12"}]
    assert halls == ["Hall 1", "Hall 3", "Hall 5", "Hall 9", "Hall 12"]


def test_the_diff_names_fields_with_their_language_in_words(team):
    team.client.post(url("description", team), {"description_en": "Trade.", "description_zh_hans": "贸易。"})

    english = team.client.get(url("forum", team)).content.decode()
    with translation.override("zh-hans"):
        chinese = team.client.get(url("forum", team)).content.decode()

    assert "Description (English)" in english and "Description (Chinese)" in english
    assert "[en]" not in english and "[zh-hans]" not in chinese
    assert "详细介绍（英文）" in chinese and "详细介绍（中文）" in chinese


def test_the_last_decision_reads_without_a_doubled_period(team, organizer_client, time_machine):
    team.client.post(url("description", team), {"description_en": "Trade.", "description_zh_hans": "贸易。"})
    team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}))
    time_machine.move_to("2024-11-01T15:00:00Z")  # 11 p.m. in Wuzhen
    decide(organizer_client, ForumChange.objects.get(), "publish_selected")

    page = team.client.get(url("forum", team)).content.decode()

    assert "p.m.." not in page
    assert "the organizers published your last change." in page
