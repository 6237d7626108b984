"""A forum team's pages: their forums, the working copy of a forum's agenda edited session by session and speaker
by speaker, never touching the live rows until the organizers publish it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.models import AuditEntry
from forums.models import Session, SessionSpeaker, Speaker
from teams.agenda import sorted_placements
from teams.enums import ChangeState
from teams.models import ForumChange

pytestmark = pytest.mark.django_db


def url(name, team, **kwargs):
    return reverse(f"teams:{name}", kwargs={"forum_id": team.forum.pk, **kwargs})


def session_data(team, **overrides):
    return {"title_en": "Data governance panel", "title_zh_hans": "数据治理圆桌", "type": "panel",
            "start": "2024-11-19T14:00", "end": "2024-11-19T15:30", "room": team.side_room.pk,
            "language": "bilingual", "reference": "F07-02", "description_en": "", "description_zh_hans": "",
            **overrides}


def add_session(team, **overrides):
    return team.client.post(url("session-new", team), session_data(team, **overrides))


def test_the_team_page_lists_the_members_forums_and_a_forum_shows_its_live_agenda(team):
    home = team.client.get(reverse("teams:home"))
    page = team.client.get(url("forum", team))

    assert home.status_code == 200 and "Digital Economy Forum" in home.content.decode()
    text = page.content.decode()
    assert "Opening keynote" in text and "Ada Lovelace" in text and "(Not invited)" in text
    assert "No change under way" in text
    assert ForumChange.objects.count() == 0  # reading starts nothing


def test_an_account_on_no_team_sees_no_forum(db, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("someone", password="x"))

    assert "is on no forum's team" in client.get(reverse("teams:home")).content.decode()


def test_a_new_session_goes_into_the_working_copy_and_not_into_the_live_programme(team):
    response = add_session(team)

    assert response.status_code == 302 and response["Location"] == url("forum", team)
    change = ForumChange.objects.get()
    assert (change.state, change.started_by) == (ChangeState.DRAFT, team.user)
    [added] = [session for key, session in change.proposed["sessions"].items() if key.startswith("n")]
    assert (added["title_zh_hans"], added["start"], added["room"]) == (
        "数据治理圆桌", "2024-11-19T06:00:00+00:00", team.side_room.pk)
    assert list(Session.objects.filter(forum=team.forum).values_list("title_en", flat=True)) == ["Opening keynote"]
    assert AuditEntry.objects.filter(object_id=str(change.pk), actor=team.user).exists()
    page = team.client.get(url("forum", team)).content.decode()
    assert "Data governance panel" in page and "Session added: Data governance panel" in page


def test_editing_and_removing_a_live_session_and_the_description(team):
    key = f"s{team.keynote.pk}"
    team.client.post(url("session", team, key=key), session_data(team, title_en="Opening keynote, revised",
                                                                 start="2024-11-19T09:00", end="2024-11-19T09:45",
                                                                 room=team.forum.room_id, reference=""))
    team.client.post(url("description", team), {"description_en": "Trade in the digital age.",
                                                 "description_zh_hans": "数字时代的贸易。"})
    change = ForumChange.objects.get()
    assert change.proposed["sessions"][key]["title_en"] == "Opening keynote, revised"
    assert change.proposed["forum"]["description_zh_hans"] == "数字时代的贸易。"

    team.client.post(url("session-delete", team, key=key))

    change.refresh_from_db()
    assert key not in change.proposed["sessions"]
    team.keynote.refresh_from_db()
    assert team.keynote.title == "Opening keynote"  # live, untouched


def test_speakers_of_the_forum_and_new_ones_are_placed_in_a_session(team):
    add_session(team)
    key = next(key for key in ForumChange.objects.get().proposed["sessions"] if key.startswith("n"))
    ada = team.placement.speaker

    team.client.post(url("speaker-new", team, key=key), {"speaker": "", "name_en": "Grace Hopper",
                                                         "name_zh_hans": "格蕾丝·霍珀", "role": "moderator",
                                                         "order": 1, "speaker_language": "en"})
    placed = team.client.post(url("speaker-new", team, key=key), {"speaker": ada.pk, "role": "speaker",
                                                                  "order": 2})

    session = ForumChange.objects.get().proposed["sessions"][key]
    placements = [(row["speaker"], (row["new"] or {}).get("name_zh_hans"), row["role"])
                  for _key, row in sorted_placements(session)]
    assert placements == [(None, "格蕾丝·霍珀", "moderator"), (ada.pk, None, "speaker")]
    assert placed.status_code == 302
    assert Speaker.objects.count() == 1 and SessionSpeaker.objects.count() == 1


def test_hostile_text_is_cleaned_or_refused_with_the_reason_and_nothing_lost(team):
    long_description = "数" * 10_000
    team.client.post(url("description", team), {"description_en": "\u202eevil\u202c text",
                                                "description_zh_hans": long_description})
    too_long = add_session(team, title_en="T" * 301)
    bad_time = add_session(team, start="tomorrow")

    forum_fields = ForumChange.objects.get().proposed["forum"]
    assert forum_fields == {"description_en": "evil text", "description_zh_hans": long_description}
    assert too_long.status_code == 200 and "Ensure this value has at most 300 characters" in too_long.content.decode()
    assert bad_time.status_code == 200 and "Enter a valid date/time." in bad_time.content.decode()
    assert 'value="T' in too_long.content.decode()  # what was typed is still there


def test_the_pages_in_chinese(team):
    with translation.override("zh-hans"):
        page = team.client.get(url("forum", team)).content.decode()
        form = team.client.get(url("session-new", team)).content.decode()

    assert "数字经济论坛" in page and "开幕主旨演讲" in page and "提交审核" not in page  # nothing to submit yet
    assert "暂无进行中的修改" in page
    assert "英文标题" in form and "9号厅" in form


def test_the_forum_page_runs_a_fixed_number_of_queries(team, django_assert_max_num_queries):
    for hour in (11, 12, 13, 14, 15):
        add_session(team, start=f"2024-11-19T{hour}:00", end=f"2024-11-19T{hour}:30", reference="")

    with django_assert_max_num_queries(14):  # with the live sessions' speakers and their travel
        assert team.client.get(url("forum", team)).status_code == 200


def test_the_sites_footer_links_to_the_forum_teams_pages_in_both_languages(client):
    english = client.get(reverse("website:archive")).content.decode()
    with translation.override("zh-hans"):
        chinese = client.get(reverse("website:archive")).content.decode()

    assert '<a href="/en/team/" rel="nofollow">Forum teams</a>' in english
    assert '<a href="/zh-hans/team/" rel="nofollow">论坛团队</a>' in chinese
