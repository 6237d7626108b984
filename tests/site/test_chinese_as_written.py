"""Chinese as the host writes it: dates in Chinese order (2024年11月19日 星期二, never an English pattern filled
with Chinese words), and one English word with two meanings translated by its context (pgettext)."""

import re

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils import translation

from forums.models import Session
from forums.scheduling import describe_slot, session_schedule_errors
from members.enums import BodyKind
from reports.models import ReportEdition
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, at
from tests.factories.members import MembershipFactory, OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    summit = SummitFactory(year=2024, city="Wuzhen", city_zh_hans="乌镇")
    host = OrganizationFactory(name="CAICT", name_zh_hans="中国信通院")
    return ForumFactory(summit=summit, slug="ai-forum", host=host, start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 17))


@pytest.fixture
def session(forum):
    return SessionFactory(forum=forum, title="Opening", start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))


def headings(html: str) -> list[str]:
    found = re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", heading).split()) for heading in found]


# --- Dates ---------------------------------------------------------------------------------------------------------


def test_admin_agenda_heads_each_day_in_the_order_of_the_organizers_language(admin_client, session):
    url = reverse("admin:forums_session_agenda", args=[session.forum.summit.pk])

    chinese = headings(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
    english = headings(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())

    assert "2024年11月19日 星期二" in chinese
    assert "星期二 19 十一月 2024" not in chinese
    assert "Tuesday 19 November 2024" in english


def test_public_agenda_heads_each_day_with_its_date_then_its_weekday_in_chinese(client, session):
    chinese = headings(client.get("/zh-hans/summits/2024/agenda/").content.decode())
    english = headings(client.get("/en/summits/2024/agenda/").content.decode())
    printed = headings(client.get("/zh-hans/summits/2024/agenda/print/").content.decode())

    assert "2024年11月19日 星期二" in chinese and "2024年11月19日 星期二" in printed
    assert "Tuesday 19 November 2024" in english


def test_a_sessions_time_in_chinese_has_no_english_comma(client, session):
    html = client.get(f"/zh-hans/summits/2024/sessions/{session.pk}/").content.decode()

    assert ">2024年11月19日 09:00</time>–" in html
    assert "2024年11月19日, 09:00" not in html
    assert ">Nov. 19, 2024, 09:00</time>" in client.get(f"/en/summits/2024/sessions/{session.pk}/").content.decode()


def test_scheduling_messages_give_the_day_in_chinese_order(session):
    with translation.override("zh-hans"):
        chinese = describe_slot(session)
        session.start, session.end = at(2024, 11, 19, 8), at(2024, 11, 19, 9)
        outside = session_schedule_errors(session)["start"][0]
    with translation.override("en"):
        english = describe_slot(SessionFactory.build(forum=session.forum, title="Opening", start=at(2024, 11, 19, 9),
                                                     end=at(2024, 11, 19, 10)))

    assert "11月19日 09:00–10:00" in chinese and "11月 19" not in chinese
    assert "11月19日 09:00–17:00" in outside
    assert "Nov 19 09:00–10:00" in english


# --- One word, two meanings ------------------------------------------------------------------------------------------


def test_the_editions_programme_is_its_agenda_in_chinese_and_a_wic_programme_stays_a_programme(client, forum):
    overview = headings(client.get("/zh-hans/summits/2024/").content.decode())

    assert "日程" in overview and "计划" not in overview
    with translation.override("zh-hans"):
        assert str(BodyKind.PROGRAMME.label) == "计划"  # 全球青年领军者计划
    assert "Programme" in headings(client.get("/en/summits/2024/").content.decode())


def test_a_forums_host_is_the_organisation_hosting_it_not_a_master_of_ceremonies(client, forum):
    html = client.get("/zh-hans/summits/2024/forums/ai-forum/").content.decode()

    assert "<dt>主办单位</dt><dd>中国信通院</dd>" in html
    assert "<dt>主持人</dt>" not in html


def test_a_count_of_members_is_headed_as_a_number(client):
    MembershipFactory()
    html = client.get("/zh-hans/members/").content.decode()

    assert '<th scope="col" class="number">会员数</th>' in html
    assert "<title>会员" in html  # the page itself is still "Members"


# --- Chinese punctuation ---------------------------------------------------------------------------------------------


def test_form_labels_end_with_a_chinese_colon_in_chinese(client):
    chinese = client.get("/zh-hans/members/apply/").content.decode()
    english = client.get("/en/members/apply/").content.decode()

    assert re.search(r"联系人电子邮箱：\s*</label>", chinese)
    assert re.search(r"Contact email:\s*</label>", english)


def test_speakers_roles_and_places_use_chinese_brackets_and_commas(client, forum, session):
    SessionSpeakerFactory(session=session, speaker__name="Jonas Becker", speaker__name_zh_hans="约纳斯·贝克尔",
                          role="host", order=1)
    SessionSpeakerFactory(session=session, speaker__name="Claire Laurent", speaker__name_zh_hans="克莱尔·洛朗",
                          order=2)

    chinese = client.get("/zh-hans/summits/2024/agenda/").content.decode()
    english = client.get("/en/summits/2024/agenda/").content.decode()
    overview = client.get("/zh-hans/summits/2024/").content.decode()

    assert "约纳斯·贝克尔</a> （主持人）、</li>" in chinese
    assert "Jonas Becker</a> (host),</li>" in english
    assert "乌镇，乌镇互联网国际会展中心" in overview


def test_a_forums_session_is_an_agenda_item_and_a_login_session_stays_a_session():
    with translation.override("zh-hans"):
        assert str(Session._meta.verbose_name) == "议程"
        # django.contrib.sessions keeps Django's own 会话, which the catalogue's plain "session" used to replace
        assert str(apps.get_app_config("sessions").verbose_name) == "会话"
        assert str(apps.get_model("sessions", "Session")._meta.verbose_name) == "会话"


def test_a_reports_summary_is_its_abstract_and_the_admins_deletion_summary_stays_an_overview():
    with translation.override("zh-hans"):
        fieldsets = site.get_model_admin(ReportEdition).fieldsets
        assert "摘要" in [str(title) for title, _options in fieldsets]
        assert translation.gettext("Summary") == "概览"  # the admin's delete confirmation, in Django's words
