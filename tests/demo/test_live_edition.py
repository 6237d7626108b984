"""The upcoming edition the demo makes up on the day it is loaded: marked as demo data, 2024's programme shifted by
whole weeks, published, with registration, the calls for nominations, the exhibitor application and the online
hall open on that day; its dates kept by later loads, and the next one made once it has ended.

The demo is loaded as on DEMO_TODAY (tests/demo_data.py); the pages are asked for with the clock on that day."""

import datetime
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.utils.timezone import localtime

from awards.models import AwardProgramme
from awards.services.nominations import call_is_open
from core.enums import PublicationStatus
from demo.models import LiveEdition
from expo.enums import ExhibitorStatus
from expo.models import Booth, Exhibit, Exhibitor, Expo
from forums.enums import ForumKind
from forums.models import Forum, Session, SessionSpeaker
from guests.models import Registration
from summits.models import PressConference, Summit
from tests.demo_data import DEMO_LIVE_END, DEMO_LIVE_START, DEMO_LIVE_YEAR, DEMO_TODAY, load_demo

WUZHEN = ZoneInfo("Asia/Shanghai")
ON_DEMO_TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=WUZHEN)
SOURCE_START = datetime.date(2024, 11, 19)
PUBLISHED = PublicationStatus.PUBLISHED


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, demo_loader):
    """The demo loaded once for the module, inside a transaction rolled back at the end of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_loader()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo, db):
    return _demo


@pytest.fixture
def on_demo_today():
    with time_machine.travel(ON_DEMO_TODAY, tick=False):
        yield


def test_the_demo_makes_an_edition_three_to_eight_weeks_ahead_published_and_marked_as_demo_data(demo):
    live = Summit.objects.get(year=DEMO_LIVE_YEAR)

    assert (live.start_date, live.end_date) == (DEMO_LIVE_START, DEMO_LIVE_END)
    assert 21 <= (live.start_date - DEMO_TODAY).days <= 56
    assert (live.start_date.weekday(), (live.end_date - live.start_date).days) == (SOURCE_START.weekday(), 3)
    assert (live.status, live.slug) == (PUBLISHED, "wic2027")
    assert live.name_en == "2027 World Internet Conference Wuzhen Summit (demo edition)"
    assert live.name_zh_hans == "2027年世界互联网大会乌镇峰会（演示）"
    assert live.description_en.startswith("Demo data, not a real summit")
    assert live.description_zh_hans.startswith("演示数据，并非真实举办的峰会")
    assert "6 December 2026" in live.description_en and "2026年12月6日" in live.description_zh_hans
    assert live.theme_zh_hans == Summit.objects.get(year=2024).theme_zh_hans
    assert ("2027 World Internet Conference Wuzhen Summit (demo edition) (from 5 to 8 January 2027, upcoming): "
            "32 forums, 24 sub-forums, 163 sessions") in demo


def _programme(year: int, shift: datetime.timedelta = datetime.timedelta(0)) -> Counter:
    """Each session as (forum, kind, room, its type, title and times moved by ``shift``, its speakers' count)."""
    rows = Counter()
    sessions = Session.objects.filter(forum__summit__year=year).select_related("forum", "room")
    speakers = Counter(SessionSpeaker.objects.filter(session__forum__summit__year=year)
                       .values_list("session_id", flat=True))
    for session in sessions:
        rows[(session.forum.slug, session.forum.kind, session.room.slug if session.room else None, session.type,
              session.title_en.replace(str(year), "YEAR"), localtime(session.start) + shift,
              localtime(session.end) + shift, speakers[session.pk])] += 1
    return rows


def test_its_programme_is_2024s_shifted_by_whole_weeks_to_the_same_weekdays(demo):
    shift = DEMO_LIVE_START - SOURCE_START
    forums = {forum.slug: forum for forum in Forum.objects.filter(summit__year=DEMO_LIVE_YEAR)}

    assert shift.days % 7 == 0
    assert _programme(2024, shift) == _programme(DEMO_LIVE_YEAR)
    assert forums["youth-digital-future"].sessions.filter(title_en="Meet the 2027 Global Youth Leaders").exists()
    assert {forum.status for forum in forums.values()} == {PUBLISHED}
    assert {forum.is_demo for forum in forums.values()} == {True}
    assert forums["digital-economy"].description_en.startswith("A sub-forum of the 2027 Wuzhen Summit")
    assert len([forum for forum in forums.values() if forum.kind == ForumKind.SUB_FORUM]) == 24


def test_its_award_programmes_take_nominations_on_the_day_and_close_before_the_summit(demo, client, on_demo_today):
    programmes = AwardProgramme.objects.filter(summit__year=DEMO_LIVE_YEAR).select_related("ceremony_session__forum")
    competition = programmes.get(slug="straight-to-wuzhen")

    assert sorted(p.slug for p in programmes) == sorted(
        AwardProgramme.objects.filter(summit__year=2024).values_list("slug", flat=True))
    assert all(call_is_open(programme) for programme in programmes)
    assert {(p.status, p.laureates_announced_at, p.nominations.count()) for p in programmes} == {(PUBLISHED, None, 0)}
    assert all(p.nominations_close < p.ceremony_session.start and p.ceremony_session.forum.summit.year == 2027
               for p in programmes)
    assert localtime(competition.nominations_close) == datetime.datetime(2026, 12, 22, 18, 0, tzinfo=WUZHEN)
    assert sorted(competition.categories.values_list("slug", flat=True)) == ["ai-plus", "digital-economy"]
    assert not programmes.get(slug="outstanding-contribution-award").description_en.startswith("New in 2024")
    assert client.get(f"/en/summits/2027/awards/{competition.slug}/nominate/").status_code == 200


def test_its_expo_has_halls_booths_and_exhibitors_and_takes_applications_with_its_online_hall_open(
        demo, client, on_demo_today):
    expo = Expo.objects.get(summit__year=DEMO_LIVE_YEAR)
    exhibitors = Exhibitor.objects.filter(expo=expo)

    assert (expo.name_en, expo.status, expo.opens_on, expo.closes_on) == (
        "Light of the Internet Expo 2027", PUBLISHED, DEMO_LIVE_START, DEMO_LIVE_END)
    assert expo.online_hall_open_on(DEMO_TODAY)
    assert (expo.halls.count(), Booth.objects.filter(hall__expo=expo).count()) == (4, 24)
    assert exhibitors.filter(application_status=ExhibitorStatus.APPROVED, status=PUBLISHED,
                             booth__isnull=False).count() == 24
    assert sorted(exhibitors.exclude(application_status=ExhibitorStatus.APPROVED)
                  .values_list("application_status", "status")) == [("applied", "draft")] * 3
    assert Exhibit.objects.filter(exhibitor__expo=expo, shown_online=True).count() == 48
    online = client.get("/en/summits/2027/expo/online/")
    assert online.status_code == 200
    assert Exhibit.objects.filter(exhibitor__expo=expo).first().title_en in online.content.decode()
    assert client.get("/en/summits/2027/expo/apply/").context.get("form") is not None


def test_its_press_conferences_announce_it_weeks_before_and_close_it_on_its_last_day(demo):
    conferences = {c.kind: c for c in PressConference.objects.filter(summit__year=DEMO_LIVE_YEAR)}

    assert localtime(conferences["announcement"].held_at) == datetime.datetime(2026, 12, 10, 10, 0, tzinfo=WUZHEN)
    assert localtime(conferences["closing"].held_at).date() == DEMO_LIVE_END
    assert "1月5日至8日" in conferences["announcement"].summary_zh_hans
    assert "from 5 to 8 January" in conferences["announcement"].summary_en
    assert {c.status for c in conferences.values()} == {PUBLISHED}


def test_the_home_page_leads_with_it(demo, client, on_demo_today):
    for lang, name in (("en", "2027 World Internet Conference Wuzhen Summit (demo edition)"),
                       ("zh-hans", "2027年世界互联网大会乌镇峰会（演示）")):
        title = re.search(r"<title>(.*?)</title>", client.get(f"/{lang}/").content.decode(), re.S).group(1)
        assert name in title


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_guest_registers_for_it(demo, client, on_demo_today, lang):
    forum = Forum.objects.filter(summit__year=DEMO_LIVE_YEAR, kind=ForumKind.SUB_FORUM).order_by("start", "pk")[0]
    url = f"/{lang}/summits/2027/register/"

    assert (forum.title_zh_hans if lang == "zh-hans" else forum.title_en) in client.get(url).content.decode()
    response = client.post(url, {
        "email": f"guest-{lang}@example.org", "full_name": "Ada Lovelace", "native_name": "", "title": "Scientist",
        "organization_name": "Analytical Engines", "category": "research_institute", "country": "GB",
        "phone": "+44 20 7946 0000", "participation": "offline", "forums": [str(forum.pk)], "needs": "",
        "consent": "on", "website": "",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Registration.objects.filter(summit__year=DEMO_LIVE_YEAR, guest__email=f"guest-{lang}@example.org").exists()


@pytest.fixture
def rolled_back():
    """What the test writes goes, the module's demo stays."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def test_a_later_load_keeps_its_dates_and_one_after_it_ended_makes_the_next(demo, rolled_back):
    load_demo(today=DEMO_LIVE_END)  # its last day: it has not ended
    assert list(LiveEdition.objects.values_list("year", "start_date")) == [(2027, DEMO_LIVE_START)]

    output = load_demo(today=DEMO_LIVE_END + datetime.timedelta(days=1))

    live = {edition.year: edition for edition in LiveEdition.objects.all()}
    assert sorted(live) == [2027, 2028]
    assert (live[2027].start_date, live[2028].start_date) == (DEMO_LIVE_START, datetime.date(2028, 1, 4))
    assert Summit.objects.get(year=2028).name_en == "2028 World Internet Conference Wuzhen Summit (demo edition)"
    assert "(from 5 to 8 January 2027, ended)" in output and "(from 4 to 7 January 2028, upcoming)" in output
    assert Forum.objects.filter(summit__year=2028).count() == 32


def test_its_invitations_were_sent_reminded_and_answered_before_the_day_of_the_load(demo):
    from guests.models import Invitation

    start_of_load_day = datetime.datetime.combine(DEMO_TODAY, datetime.time.min, tzinfo=WUZHEN)
    invitations = list(Invitation.objects.filter(summit__year=DEMO_LIVE_YEAR))
    stamps = [stamp for invitation in invitations
              for stamp in (invitation.sent_at, invitation.reminded_at, invitation.answered_at) if stamp]
    assert invitations and stamps
    assert max(stamps) < start_of_load_day
