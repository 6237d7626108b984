"""What the preview says of a faulty row, in Chinese as a Chinese organizer writes it (issue 18, round 3): one
error per fault (an unknown room is not also a clash in the forum's room), lists with 、, rooms with their venue in
Chinese brackets, a bad number or slug said on its line rather than a server error."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.factories.forums import ForumFactory, SessionFactory, at
from tests.factories.summits import RoomFactory, SummitFactory
from tests.spreadsheets import post_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def hall(summit):
    return RoomFactory(name="Forum Hall 3", name_zh_hans="分论坛会议室3", slug="forum-hall-3")


@pytest.fixture
def forum(summit, hall):
    forum = ForumFactory(summit=summit, slug="digital-economy", title="Digital Economy Forum",
                         title_zh_hans="数字经济论坛", room=hall, start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 18))
    SessionFactory(forum=forum, room=hall, title="Keynote", title_zh_hans="主旨演讲", start=at(2024, 11, 19, 10),
                   end=at(2024, 11, 19, 11))
    return forum


def preview(client, model, summit, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    response = post_upload(client, reverse(f"admin:forums_{model}_import"), {
        "summit": summit.pk, "file": SimpleUploadedFile("sheet.csv", buffer.getvalue().encode())},
        HTTP_ACCEPT_LANGUAGE="zh-hans")
    return [row.errors for row in response.context["outcome"].rows]


SESSION_HEADERS = ["论坛", "参考编号", "标题（英文）", "类型", "开始时间", "结束时间", "会场"]


def test_an_unknown_room_gives_only_its_own_error(organizer_client, summit, forum):
    errors = preview(organizer_client, "session", summit, [
        SESSION_HEADERS, ["digital-economy", "F-1", "Talk", "panel", "2024-11-19 10:00", "2024-11-19 10:30",
                          "分论坛会议室99"]])

    assert errors == [["会议室：未知会议室“分论坛会议室99”：请填写本届会场中会议室的名称。"]]


def test_chinese_messages_list_with_the_chinese_comma_and_read_rooms_as_the_admin_names_them(
    organizer_client, summit, forum
):
    errors = preview(organizer_client, "session", summit, [
        SESSION_HEADERS,
        ["digital-economy", "F-1", "Talk", "研讨", "2024-11-19 12:00", "2024-11-19 12:30", ""],
        ["digital-economy", "F-2", "Talk", "panel", "2024-11-19 10:00", "2024-11-19 10:30",
         "分论坛会议室3（乌镇互联网国际会展中心）"]])

    assert errors[0] == ["类型：无法识别“研讨”：请填写以下之一：主旨演讲、圆桌讨论、对话、发布、签约、仪式、茶歇。"]
    assert errors[1] == ["会议室：分论坛会议室3 已被“主旨演讲”（数字经济论坛，11月19日 10:00–11:00）占用。"]
    with translation.override("zh-hans"):
        assert str(forum.room) == "分论坛会议室3（乌镇互联网国际会展中心）"


def test_a_forum_row_with_a_bad_slug_and_seat_quota_says_so_on_its_line(organizer_client, summit, hall):
    errors = preview(organizer_client, "forum", summit, [
        ["论坛标识", "标题（英文）", "开始时间", "结束时间", "主办单位", "座位数"],
        ["digital economy", "Digital Economy Forum", "2024-11-19 09:00", "2024-11-19 12:00", "", "很多"],
        ["youth", "Youth Forum", "2024-11-19 09:00", "", "", "-5"]])

    assert errors == [
        ["标识：只能使用英文字母、数字、连字符和下划线，例如 digital-economy。", "座位数：“很多”不是有效的整数。"],
        ["结束时间：该字段是必填项。", "座位数：“-5”不是有效的整数。"],
    ]
