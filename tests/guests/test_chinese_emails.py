"""Emails in Chinese read as a Chinese organizer writes them: the guest greeted by their Chinese name when they
gave one ("尊敬的张伟："), and Chinese punctuation (，。：“”（）) in every Chinese sentence, subjects included."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from core.models import OutgoingEmail
from guests import services
from guests.emails import SUBJECTS, queue_guest_email
from tests.factories.forums import ForumFactory, at
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff]")
# ASCII punctuation where Chinese has its own: a comma, colon, semicolon, question or exclamation mark followed by
# a space or ending the line, any ASCII parenthesis or double quote, and ASCII punctuation right after a Chinese
# character ("举行." or "张伟,").
ASCII_IN_CHINESE = re.compile(r'[,:;?!](\s|$)|[()"]|[\u3400-\u9fff\u3001-\u303f\uff01-\uff5e“”][.,:;?!]')


def ascii_punctuation(text: str) -> list[str]:
    """The lines of Chinese text that use ASCII punctuation (lines without a Chinese character, such as links,
    are left out)."""
    return [line for line in text.splitlines() if CJK.search(line) and ASCII_IN_CHINESE.search(line)]


def test_the_check_sees_ascii_punctuation_in_chinese():
    assert ascii_punctuation("尊敬的张伟,\n感谢您报名: 请确认.\nhttps://example.org/a:b/") == [
        "尊敬的张伟,", "感谢您报名: 请确认."]
    assert ascii_punctuation("尊敬的张伟：\n现定于2027年1月20日 09:00–12:00（北京时间）举行。") == []


@pytest.fixture
def summit():
    return SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))


@pytest.fixture
def forum(summit):
    return ForumFactory(summit=summit, title="Artificial Intelligence Forum", title_zh_hans="人工智能论坛",
                        room=RoomFactory(name="Hall A", name_zh_hans="A厅"), seat_quota=1,
                        start=at(2027, 1, 20, 9), end=at(2027, 1, 20, 12))


def chinese_request(forum, **fields):
    return services.RegistrationRequest(
        email=fields.get("email", "zhang.wei@example.cn"), full_name="Zhang Wei",
        native_name=fields.get("native_name", "张伟"), title="研究员", organization_name="中国科学院",
        category="research_institute", country="CN", participation="offline", language="zh-hans",
        forum_ids=(forum.pk,),
    )


def test_the_chinese_verification_and_approval_emails_greet_by_the_chinese_name_in_chinese_punctuation(
    forum, admin_user
):
    registration = services.register_guest(summit=forum.summit, request=chinese_request(forum)).registration
    services.approve_registrations(registrations=type(registration).objects.filter(pk=registration.pk),
                                   actor=admin_user)

    for kind in ("verification", "approved"):
        email = OutgoingEmail.objects.get(key=f"registration:{registration.pk}:{kind}:1")
        assert email.language == "zh-hans"
        assert email.body_text.startswith("尊敬的张伟：\n"), email.body_text
        assert "Zhang Wei" not in email.body_text
        assert ascii_punctuation(email.subject + "\n" + email.body_text) == [], email.body_text
        assert "尊敬的张伟：" in email.body_html


def test_a_chinese_guest_without_a_chinese_name_and_an_english_guest_are_greeted_by_their_registered_name(forum):
    chinese = services.register_guest(summit=forum.summit, request=chinese_request(
        forum, email="li@example.cn", native_name="")).registration
    english = RegistrationFactory(summit=forum.summit, guest=GuestFactory(
        full_name="Ada Lovelace", native_name="阿达", language="en"))
    queue_guest_email(registration=english, kind="approved")

    assert OutgoingEmail.objects.get(key=f"registration:{chinese.pk}:verification:1").body_text.startswith(
        "尊敬的Zhang Wei：\n")
    assert OutgoingEmail.objects.get(key=f"registration:{english.pk}:approved:1").body_text.startswith(
        "Dear Ada Lovelace,\n")


@pytest.mark.parametrize("kind", sorted(SUBJECTS))
def test_every_chinese_guest_email_uses_chinese_punctuation(forum, kind):
    registration = RegistrationFactory(summit=forum.summit, guest=GuestFactory(
        full_name="Zhang Wei", native_name="张伟", language="zh-hans"))

    email = queue_guest_email(registration=registration, kind=kind, extra={"forum": forum})

    assert email.body_text.startswith("尊敬的张伟：\n")
    assert ascii_punctuation(email.subject + "\n" + email.body_text) == [], email.subject + "\n" + email.body_text


def test_the_forum_change_notice_in_chinese_is_one_chinese_sentence_with_the_room(forum):
    registration = RegistrationFactory(summit=forum.summit, guest=GuestFactory(native_name="张伟", language="zh-hans"))

    email = queue_guest_email(registration=registration, kind="forum_changed", extra={"forum": forum})

    assert email.subject == "“人工智能论坛”的时间或会场已变更"
    assert "“人工智能论坛”已变更：现定于2027年1月20日 09:00–12:00（北京时间）在A厅举行。" in email.body_text


def test_the_report_emails_in_chinese_use_chinese_punctuation():
    with translation.override("zh-hans"):
        new_report = render_to_string("reports/email/new_report.txt", {
            "title": "中国互联网发展报告", "version": "2.0", "summary": "年度报告。",
            "download_url": "https://example.org/a.pdf", "download": {"is_other_language": True, "language": "en"},
            "library_url": "https://example.org/reports/", "unsubscribe_url": "https://example.org/u/",
        })
        confirm = render_to_string("reports/email/confirm_subscription.txt", {
            "confirm_url": "https://example.org/c/", "confirm_days": 7})

    assert "中国互联网发展报告（2.0版）" in new_report and "下载PDF（英文版）：" in new_report
    assert ascii_punctuation(new_report) == [] and ascii_punctuation(confirm) == [], new_report + confirm
