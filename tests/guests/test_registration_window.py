"""An edition's calendar decides whether guests can register, be approved and be checked in: the registration
window (``Summit.registration_opens`` / ``registration_closes``, by default until the summit's last day), in Wuzhen
time, through HTTP with the clock set to a fixed moment."""

import datetime
import re

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from core.clock import WUZHEN
from core.models import OutgoingEmail
from guests import links, services
from guests.enums import RegistrationStatus, SeatStatus
from guests.models import Guest, Registration
from tests.factories.forums import ForumFactory, at
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

REGISTER = "/{lang}/summits/2024/register/"


def wuzhen(*args) -> time_machine.travel:
    """The clock stopped at this moment in Wuzhen."""
    return time_machine.travel(datetime.datetime(*args, tzinfo=WUZHEN), tick=False)


@pytest.fixture
def summit():
    """The 2024 summit as it was held: 20 to 22 November, registration with no window of its own (and no forum to
    choose yet, which the form allows)."""
    return SummitFactory(year=2024, start_date=datetime.date(2024, 11, 20), end_date=datetime.date(2024, 11, 22))


def form_data(**overrides) -> dict:
    return {
        "email": "ada@example.org", "full_name": "Ada Lovelace", "native_name": "", "title": "Chief Scientist",
        "organization_name": "Analytical Engines", "category": "research_institute", "country": "GB",
        "phone": "+44 20 7946 0000", "participation": "online", "needs": "", "consent": "on", "website": "",
        **overrides,
    }


def assert_nothing_saved_or_sent():
    assert not Guest.objects.exists()
    assert not Registration.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert not mail.outbox


def assert_registered():
    assert Registration.objects.filter(summit__year=2024, guest__email="ada@example.org").count() == 1
    assert OutgoingEmail.objects.filter(to="ada@example.org").count() == 1  # the verification email


def signed_in(client, user):
    """Sign in on the clock's day: a session opened on the suite's day would have expired by a later one."""
    client.force_login(user)
    return client


def closed_reason(response) -> str:
    html = response.content.decode()
    return html.split('<p class="closed-reason">', 1)[1].split("</p>", 1)[0] if "closed-reason" in html else ""


# --- Opening ------------------------------------------------------------------------------------------------------

def test_before_the_window_opens_the_page_says_when_and_a_post_saves_nothing(client, summit):
    summit.registration_opens = datetime.date(2024, 9, 1)
    summit.save()

    with wuzhen(2024, 8, 31, 23, 50):
        page = client.get(REGISTER.format(lang="en"))
        chinese = client.get(REGISTER.format(lang="zh-hans"))
        refused = client.post(REGISTER.format(lang="en"), form_data())

    assert page.status_code == 200
    assert closed_reason(page) == "Registration for the 2024 WIC Wuzhen Summit opens on Sept. 1, 2024."
    assert closed_reason(chinese) == "2024年世界互联网大会乌镇峰会将于2024年9月1日开放报名。"
    assert 'name="email"' not in page.content.decode()
    assert refused.status_code == 403
    assert_nothing_saved_or_sent()


def test_registration_opens_at_midnight_in_wuzhen_on_its_first_day(client, summit):
    summit.registration_opens = datetime.date(2024, 9, 1)
    summit.save()

    with wuzhen(2024, 8, 31, 23, 50):  # 15:50 UTC
        still_closed = client.get(REGISTER.format(lang="en"))
    with wuzhen(2024, 9, 1, 0, 10):  # still 31 August in UTC
        page = client.get(REGISTER.format(lang="en"))
        sent = client.post(REGISTER.format(lang="en"), form_data())

    assert 'name="email"' not in still_closed.content.decode()
    assert 'name="email"' in page.content.decode()
    assert sent.status_code == 302
    assert_registered()


# --- Closing ------------------------------------------------------------------------------------------------------

def test_after_its_last_day_registration_is_closed_before_the_summit(client, summit):
    summit.registration_closes = datetime.date(2024, 11, 10)
    summit.save()

    with wuzhen(2024, 11, 10, 23, 30):
        last_day = client.get(REGISTER.format(lang="en"))
    with wuzhen(2024, 11, 11, 0, 10):
        page = client.get(REGISTER.format(lang="en"))
        chinese = client.get(REGISTER.format(lang="zh-hans"))
        refused = client.post(REGISTER.format(lang="en"), form_data())

    assert 'name="email"' in last_day.content.decode()
    assert closed_reason(page) == "Registration for the 2024 WIC Wuzhen Summit closed on Nov. 10, 2024."
    assert closed_reason(chinese) == "2024年世界互联网大会乌镇峰会已于2024年11月10日截止报名。"
    assert refused.status_code == 403
    assert_nothing_saved_or_sent()


def test_without_a_window_registration_is_open_until_the_summits_last_day_ends_in_wuzhen(client, summit):
    with wuzhen(2024, 11, 23, 0, 10):  # 22 November, 16:10 in UTC: the day after the summit's last, in Wuzhen
        page = client.get(REGISTER.format(lang="en"))
        refused = client.post(REGISTER.format(lang="en"), form_data())
    assert closed_reason(page) == "The 2024 WIC Wuzhen Summit ended on Nov. 22, 2024; its registration is closed."
    assert refused.status_code == 403
    assert_nothing_saved_or_sent()

    with wuzhen(2024, 11, 22, 23, 30):  # the last day, in Wuzhen (15:30 UTC)
        page = client.get(REGISTER.format(lang="en"))
        sent = client.post(REGISTER.format(lang="en"), form_data())
    assert 'name="email"' in page.content.decode()
    assert sent.status_code == 302
    assert_registered()


# --- An edition that has ended -----------------------------------------------------------------------------------

def test_an_ended_edition_says_why_links_the_next_one_and_a_post_saves_and_sends_nothing(client, summit):
    SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))

    with wuzhen(2026, 12, 6, 10, 0):
        page = client.get(REGISTER.format(lang="en"))
        chinese = client.get(REGISTER.format(lang="zh-hans"))
        refused = client.post(REGISTER.format(lang="en"), form_data())
        refused_in_chinese = client.post(REGISTER.format(lang="zh-hans"), form_data())

    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Registration is closed</h1>" in html
    assert closed_reason(page) == "The 2024 WIC Wuzhen Summit ended on Nov. 22, 2024; its registration is closed."
    assert 'href="/en/summits/2027/register/"' in html  # the next edition takes registrations
    assert closed_reason(chinese) == "2024年世界互联网大会乌镇峰会已于2024年11月22日闭幕，报名已截止。"
    assert 'href="/zh-hans/summits/2027/register/"' in chinese.content.decode()
    assert (refused.status_code, refused_in_chinese.status_code) == (403, 403)
    assert_nothing_saved_or_sent()


def test_an_ended_edition_with_no_next_one_links_no_registration(client, summit):
    with wuzhen(2026, 12, 6, 10, 0):
        page = client.get(REGISTER.format(lang="en"))

    assert closed_reason(page) == "The 2024 WIC Wuzhen Summit ended on Nov. 22, 2024; its registration is closed."
    assert "/register/" not in page.content.decode().split("<main", 1)[1]


def test_the_service_refuses_outside_the_window_whoever_calls_it(summit):
    request = services.RegistrationRequest(
        email="ada@example.org", full_name="Ada Lovelace", title="", organization_name="Analytical Engines",
        category="research_institute", country="GB", participation="online", language="en",
    )
    summit.registration_opens = datetime.date(2024, 9, 1)
    summit.save()

    with wuzhen(2024, 8, 31, 12, 0), pytest.raises(services.RegistrationError) as not_yet:
        services.register_guest(summit=summit, request=request)
    with wuzhen(2024, 11, 23, 0, 10), pytest.raises(services.RegistrationError) as ended:
        services.register_guest(summit=summit, request=request)

    assert (not_yet.value.code, ended.value.code) == ("registration_not_open", "summit_ended")
    assert_nothing_saved_or_sent()


def test_a_draft_edition_takes_no_registration_in_the_service(summit):
    summit.status = "draft"
    summit.save()
    request = services.RegistrationRequest(
        email="ada@example.org", full_name="Ada Lovelace", title="", organization_name="Analytical Engines",
        category="research_institute", country="GB", participation="online", language="en",
    )

    with pytest.raises(services.RegistrationError) as refused:
        services.register_guest(summit=summit, request=request)

    assert refused.value.code == "registration_closed"
    assert_nothing_saved_or_sent()


def test_an_upcoming_published_edition_with_no_window_takes_registrations(client):
    """What the demo's upcoming edition relies on: published, dates ahead, nothing else set. The home page leads
    with the nearest one, not the newest."""
    SummitFactory(year=2024)  # ended by then
    SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))
    SummitFactory(year=2028)  # announced already, in November 2028

    with wuzhen(2026, 12, 6, 10, 0):
        page = client.get("/zh-hans/summits/2027/register/")
        home = client.get("/en/").content.decode()

    assert 'name="email"' in page.content.decode()
    assert re.search(r"<h1[^>]*>2027 WIC Wuzhen Summit</h1>", home)
    assert '<li class="nav-cta"><a href="/en/summits/2027/register/">Register</a></li>' in home


def test_after_the_summit_a_guests_page_is_a_record_forums_and_registration_no_longer_change(client, summit):
    forum = ForumFactory(summit=summit, seat_quota=1, start=at(2024, 11, 20, 9), end=at(2024, 11, 20, 12))
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED)
    ForumChoiceFactory(registration=registration, forum=forum)
    waiting = ForumChoiceFactory(registration=RegistrationFactory(summit=summit), forum=forum,
                                 seat_status=SeatStatus.WAITLISTED, waitlisted_at=at(2024, 10, 1, 9))

    with wuzhen(2024, 11, 23, 0, 10):
        page = links.manage_url(registration, absolute=False)
        html = client.get(page).content.decode()
        forums_page = client.get(page + "forums/")
        changed = client.post(page + "forums/", {"forums": []})
        cancelled = client.post(page + "cancel/")
        with pytest.raises(services.RegistrationError) as refused:
            services.change_forums(registration=registration, forum_ids=[])

    assert "Change forums" not in html and "Cancel your registration" not in html
    assert (forums_page.status_code, changed.status_code, cancelled.status_code) == (302, 302, 302)
    assert refused.value.code == "summit_ended"
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED and registration.forum_choices.count() == 1
    assert waiting.seat_status == SeatStatus.WAITLISTED  # no seat given, and no email, for a forum that is over
    assert not OutgoingEmail.objects.exists()


# --- Organizers: approvals and the check-in desk -----------------------------------------------------------------

def test_approving_or_rejecting_registrations_of_an_ended_edition_is_refused_and_sends_nothing(client, admin_user,
                                                                                              summit):
    on_the_last_day, after = (RegistrationFactory(summit=summit, status=RegistrationStatus.VERIFIED)
                              for _ in range(2))
    changelist = reverse("admin:guests_registration_changelist")

    with wuzhen(2024, 11, 22, 23, 50):
        signed_in(client, admin_user).post(changelist, {"action": "approve_selected",
                                                        "_selected_action": [str(on_the_last_day.pk)]}, follow=True)
    with wuzhen(2026, 12, 6, 10, 0):
        admin_client = signed_in(client, admin_user)
        emails_before = OutgoingEmail.objects.count()
        approve = admin_client.post(changelist, {"action": "approve_selected",
                                                 "_selected_action": [str(after.pk)]}, follow=True)
        reject = admin_client.post(changelist, {"action": "reject_selected",
                                                "_selected_action": [str(after.pk)]}, follow=True)

    on_the_last_day.refresh_from_db()
    after.refresh_from_db()
    assert on_the_last_day.status == RegistrationStatus.APPROVED
    assert after.status == RegistrationStatus.VERIFIED
    assert OutgoingEmail.objects.count() == emails_before == 1  # the approval on the last day only
    refusals = [str(message) for response in (approve, reject) for message in get_messages(response.wsgi_request)]
    assert refusals == [
        "The 2024 WIC Wuzhen Summit ended on Nov. 22, 2024: its registrations can no longer be approved, and its "
        "guests are not emailed.",
        "The 2024 WIC Wuzhen Summit ended on Nov. 22, 2024: its registrations can no longer be rejected, and its "
        "guests are not emailed.",
    ]


def test_the_check_in_desk_of_an_ended_edition_is_closed_and_checks_no_one_in(client, admin_user, summit):
    accredited = RegistrationFactory(summit=summit, guest=GuestFactory(), status=RegistrationStatus.APPROVED)
    desk = "/en/summits/2024/check-in/"

    with wuzhen(2024, 11, 22, 23, 50):
        admin_client = signed_in(client, admin_user)
        last_day = admin_client.get(desk)
    with wuzhen(2024, 11, 23, 0, 10):
        page = admin_client.get(desk)
        scanned = admin_client.post(desk, {"token": accredited.badge_token})
        in_the_service = services.check_in(token=accredited.badge_token)

    assert 'name="token"' in last_day.content.decode()
    assert page.status_code == 200
    assert closed_reason(page) == ("The 2024 WIC Wuzhen Summit ended on Nov. 22, 2024; its check-in desk is closed "
                                   "and no badge can be checked in.")
    assert 'name="token"' not in page.content.decode()
    assert scanned.status_code == 403
    assert not in_the_service.checked_in_now and "check-in is closed" in in_the_service.error
    accredited.refresh_from_db()
    assert accredited.status == RegistrationStatus.APPROVED and accredited.checked_in_at is None
