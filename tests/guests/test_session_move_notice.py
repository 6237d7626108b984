"""A session moved in time or room: the guests seated in its forum get one summary of the changes, in their
language, once the organizers have stopped editing for SESSION_MOVE_NOTICE_DELAY; never one email per edit.

forums sends ``session_moved`` from Session's saves, whatever path saved it; guests/receivers.py records the move
in the same transaction and queues the summary task for after the quiet period (guests/services/schedule.py).
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from core.models import OutgoingEmail
from guests import services, tasks
from guests.enums import RegistrationStatus, SeatStatus
from guests.models import SessionMove
from tests.admin_forms import management, split
from tests.factories.forums import ForumFactory, SessionFactory, at
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory
from tests.factories.summits import RoomFactory, SummitFactory
from tests.guests.test_chinese_emails import ascii_punctuation

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def clock(minute: int, hour: int = 10):
    """The clock on 6 December 2026 (Wuzhen time), the organizers' working day."""
    return time_machine.travel(datetime.datetime(2026, 12, 6, hour, minute, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def summit(settings):
    settings.SESSION_MOVE_NOTICE_DELAY = 600
    settings.SESSION_MOVE_NOTICE_MAX_WAIT = 7200
    return SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))


@pytest.fixture
def programme(summit):
    """Two forums, a session in each, and their guests: seated in English and in Chinese, waiting, cancelled, and a
    guest of the other forum only; all registered on 1 December."""
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=SHANGHAI), tick=False):
        hall = RoomFactory(name="Hall A", name_zh_hans="A厅", capacity=500)
        forum = ForumFactory(summit=summit, title="Artificial Intelligence Forum", title_zh_hans="人工智能论坛",
                             room=hall, seat_quota=2, start=at(2027, 1, 20, 9), end=at(2027, 1, 20, 17))
        other_forum = ForumFactory(summit=summit, title="Data Forum", title_zh_hans="数据论坛",
                                   start=at(2027, 1, 21, 9), end=at(2027, 1, 21, 17))
        keynote = SessionFactory(forum=forum, title="Opening keynote", title_zh_hans="开幕主旨演讲", room=hall,
                                 start=at(2027, 1, 20, 9), end=at(2027, 1, 20, 10))
        data_panel = SessionFactory(forum=other_forum, title="Data panel", title_zh_hans="数据圆桌",
                                    start=at(2027, 1, 21, 9), end=at(2027, 1, 21, 10))

        def guest(email, forum_, *, language="en", native_name="", seat=SeatStatus.SEATED,
                  status=RegistrationStatus.APPROVED):
            registration = RegistrationFactory(summit=summit, status=status, guest=GuestFactory(
                email=email, full_name=email.split("@")[0].title(), native_name=native_name, language=language))
            ForumChoiceFactory(registration=registration, forum=forum_, seat_status=seat)
            return registration

        return {
            "forum": forum, "keynote": keynote, "data_panel": data_panel, "hall": hall,
            "ada": guest("ada@example.org", forum),
            "zhang": guest("zhang@example.cn", forum, language="zh-hans", native_name="张伟"),
            "waiting": guest("waiting@example.org", forum, seat=SeatStatus.WAITLISTED),
            "gone": guest("gone@example.org", forum, seat=SeatStatus.RELEASED, status=RegistrationStatus.CANCELLED),
            "other": guest("other@example.org", other_forum),
        }


def move(session, start, end, django_capture_on_commit_callbacks, **fields):
    """An organizer saves the session at another time (or room), and the transaction commits."""
    session.start, session.end = start, end
    for name, value in fields.items():
        setattr(session, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        session.save()


def summaries():
    return list(OutgoingEmail.objects.filter(key__contains=":sessions_moved:").order_by("to"))


def test_three_edits_within_the_window_send_each_seated_guest_one_summary_with_the_final_time(
    programme, django_capture_on_commit_callbacks
):
    keynote = programme["keynote"]
    for minute, hour in ((0, 10), (2, 11), (4, 14)):
        with clock(minute):
            move(keynote, at(2027, 1, 20, hour), at(2027, 1, 20, hour + 1), django_capture_on_commit_callbacks)

    # Each save queued the summary task (run in-process here, at once): the quiet period had not begun, so no email.
    assert summaries() == []
    with clock(13):  # nine minutes after the last edit
        assert tasks.send_session_move_notices(summit_id=keynote.forum.summit_id) == 0
        assert tasks.send_due_session_move_notices() == 0
    with clock(15):
        assert tasks.send_due_session_move_notices() == 2
        # The worker runs the task of the last edit too, or runs it again after a crash: nothing more is written.
        assert tasks.send_session_move_notices(summit_id=keynote.forum.summit_id) == 0
        assert tasks.send_due_session_move_notices() == 0

    ada, zhang = summaries()
    assert (ada.to, ada.language, zhang.to, zhang.language) == (
        "ada@example.org", "en", "zhang@example.cn", "zh-hans")
    assert ada.subject == "The programme of the 2027 WIC Wuzhen Summit has changed"
    assert "“Opening keynote” (Artificial Intelligence Forum)" in ada.body_text
    assert "Now: Jan. 20, 2027, 14:00–15:00, Hall A" in ada.body_text
    assert "Before: Jan. 20, 2027, 09:00–10:00, Hall A" in ada.body_text
    assert "10:00–11:00" not in ada.body_text and "11:00–12:00" not in ada.body_text
    assert zhang.subject == "2027年世界互联网大会乌镇峰会日程变更通知"
    assert zhang.body_text.startswith("尊敬的张伟：\n")
    assert ("“开幕主旨演讲”（人工智能论坛）\n"
            "现定于：2027年1月20日 14:00–15:00，A厅\n"
            "原定于：2027年1月20日 09:00–10:00，A厅") in zhang.body_text
    assert ascii_punctuation(zhang.subject + "\n" + zhang.body_text) == [], zhang.body_text
    # Nobody else: not the guest waiting for a seat, not the cancelled one, not the other forum's guest.
    assert OutgoingEmail.objects.filter(key__contains=":sessions_moved:").count() == 2


def test_moves_of_several_sessions_make_one_summary_per_guest(programme, django_capture_on_commit_callbacks):
    keynote, data_panel = programme["keynote"], programme["data_panel"]
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=SHANGHAI), tick=False):
        ForumChoiceFactory(registration=programme["ada"], forum=data_panel.forum)  # Ada is seated in both forums
    new_hall = RoomFactory(name="Hall B", name_zh_hans="B厅")
    with clock(0):
        move(keynote, keynote.start, keynote.end, django_capture_on_commit_callbacks, room=new_hall)
        move(data_panel, at(2027, 1, 21, 15), at(2027, 1, 21, 16), django_capture_on_commit_callbacks)

    with clock(11):
        assert tasks.send_due_session_move_notices() == 3

    by_guest = {email.to: email.body_text for email in summaries()}
    assert sorted(by_guest) == ["ada@example.org", "other@example.org", "zhang@example.cn"]
    assert "Now: Jan. 20, 2027, 09:00–10:00, Hall B" in by_guest["ada@example.org"]
    assert "“Data panel” (Data Forum)" in by_guest["ada@example.org"]
    assert "Opening keynote" not in by_guest["other@example.org"]
    assert "现定于：2027年1月20日 09:00–10:00，B厅" in by_guest["zhang@example.cn"]


def test_a_session_moved_and_moved_back_before_the_notice_tells_nobody(
    programme, django_capture_on_commit_callbacks
):
    keynote = programme["keynote"]
    with clock(0):
        move(keynote, at(2027, 1, 20, 15), at(2027, 1, 20, 16), django_capture_on_commit_callbacks)
    with clock(3):
        move(keynote, at(2027, 1, 20, 9), at(2027, 1, 20, 10), django_capture_on_commit_callbacks)

    with clock(30):
        assert tasks.send_due_session_move_notices() == 0

    assert summaries() == []
    assert not SessionMove.objects.filter(notified_at__isnull=True).exists()


def test_a_move_after_the_notice_starts_a_new_summary_from_what_the_guests_were_told(
    programme, django_capture_on_commit_callbacks
):
    keynote = programme["keynote"]
    with clock(0):
        move(keynote, at(2027, 1, 20, 11), at(2027, 1, 20, 12), django_capture_on_commit_callbacks)
    with clock(11):
        tasks.send_due_session_move_notices()
    with clock(0, hour=12):
        move(keynote, at(2027, 1, 20, 16), at(2027, 1, 20, 17), django_capture_on_commit_callbacks)
    with clock(11, hour=12):
        assert tasks.send_due_session_move_notices() == 2

    ada = [email.body_text for email in summaries() if email.to == "ada@example.org"]
    assert len(ada) == 2
    assert "Before: Jan. 20, 2027, 11:00–12:00, Hall A" in ada[0] + ada[1]
    assert any("Now: Jan. 20, 2027, 16:00–17:00" in body for body in ada)


def test_editing_without_pause_still_sends_a_summary_after_the_longest_wait(
    programme, django_capture_on_commit_callbacks
):
    keynote = programme["keynote"]
    for step in range(14):  # every nine minutes for two hours
        with time_machine.travel(datetime.datetime(2026, 12, 6, 8, 0, tzinfo=SHANGHAI)
                                 + datetime.timedelta(minutes=9 * step), tick=False):
            move(keynote, at(2027, 1, 20, 9) + datetime.timedelta(minutes=5 * (step + 1)),
                 at(2027, 1, 20, 10) + datetime.timedelta(minutes=5 * (step + 1)),
                 django_capture_on_commit_callbacks)

    with clock(1):  # two hours after the first move, four minutes after the last
        assert tasks.send_due_session_move_notices() == 2


def test_a_guest_who_chose_the_forum_after_the_move_is_not_told_what_they_already_saw(
    programme, django_capture_on_commit_callbacks
):
    keynote = programme["keynote"]
    with clock(0):
        move(keynote, at(2027, 1, 20, 15), at(2027, 1, 20, 16), django_capture_on_commit_callbacks)
    with clock(5):
        ForumChoiceFactory(registration=programme["other"], forum=keynote.forum)

    with clock(11):
        assert tasks.send_due_session_move_notices() == 2

    assert [email.to for email in summaries()] == ["ada@example.org", "zhang@example.cn"]


def test_a_rolled_back_move_records_nothing(programme, django_capture_on_commit_callbacks):
    from django.db import transaction

    keynote = programme["keynote"]
    with clock(0), django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), \
            transaction.atomic():
        keynote.start, keynote.end = at(2027, 1, 20, 15), at(2027, 1, 20, 16)
        keynote.save()
        raise RuntimeError("the organizer's change is abandoned")

    assert not SessionMove.objects.exists()


def test_saving_a_session_without_moving_it_records_nothing(programme, django_capture_on_commit_callbacks):
    keynote = programme["keynote"]
    keynote.title = "Opening keynote: the digital future"

    with clock(0), django_capture_on_commit_callbacks(execute=True) as callbacks:
        keynote.save()

    assert not SessionMove.objects.exists()
    assert {callback.__name__ for callback in callbacks} <= {"bump_content_version"}


def test_moving_a_session_in_the_admin_sends_its_guests_one_summary(
    admin_client, programme, django_capture_on_commit_callbacks
):
    keynote, hall = programme["keynote"], programme["hall"]
    url = reverse("admin:forums_session_change", args=[keynote.pk])

    for minute, hour in ((0, 13), (5, 14)):
        keynote.refresh_from_db()
        with clock(minute), django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(url, {
                "forum": keynote.forum.pk, "type": keynote.type, "title_en": keynote.title_en,
                "title_zh_hans": keynote.title_zh_hans, **split("start", at(2027, 1, 20, hour)),
                **split("end", at(2027, 1, 20, hour, 30)), "room": hall.pk, "language": "bilingual",
                "status": "published", "concurrency_token": keynote.updated_at.isoformat(),
                **management("session_speakers", 0), **management("interpretation_channels", 0),
            })
        assert response.status_code == 302, response.content.decode()[:2000]

    with clock(16):
        assert services.send_due_session_move_notices() == 2

    assert all("Now: Jan. 20, 2027, 14:00–14:30, Hall A" in email.body_text for email in summaries()
               if email.language == "en")
    assert len(summaries()) == 2
