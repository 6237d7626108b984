"""Guests' flows at once through gunicorn with 4 sync workers on PostgreSQL: no answer is an error page.

Cancellations, changes of forums, registrations, verifications and check-ins of the same few full forums, all sent
together, are what a summit's busiest hour looks like. Each flow locks rows; taken in different orders they
deadlocked, and PostgreSQL's answer (abort one transaction) reached the guest as a 500. Afterwards the seats must
add up: no forum overbooked, no free seat while someone waits, and the waiting lists served in order.

The server is production-like (DEBUG off, persistent connections, Celery tasks queued on a private Redis, no worker)
and reads the test database, whose rows this test commits.
"""

import datetime
import http.client
import os
import random
import secrets
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from itertools import count
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client

from bench._harness import Gunicorn
from guests import links
from guests.enums import CLOSED_REGISTRATION_STATUSES, Participation, RegistrationStatus, SeatStatus
from guests.models import ForumChoice
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, RegistrationFactory
from tests.factories.summits import SummitFactory
from tests.infra import PrivateRedis, database_url, skip_without_redis_server

pytestmark = [pytest.mark.postgres, pytest.mark.real_clock, pytest.mark.django_db(transaction=True)]

WORKERS, CLIENTS, SEATS = 4, 16, 6
CSRF = secrets.token_hex(16)  # 32 characters: Django takes the unmasked secret as the form's token too


@pytest.fixture
def server(on_postgres, tmp_path):
    """gunicorn, as bench/registration.py runs it, on the test database. One per test: its workers cache content
    types' ids, which the flush after a test renumbers."""
    skip_without_redis_server()
    redis = PrivateRedis(tmp_path / "redis").start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wic.settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": redis.url, "CELERY_BROKER_URL": redis.url, "CELERY_RESULT_BACKEND": redis.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DEBUG": "false", "CONN_MAX_AGE": "60", "LOG_LEVEL": "WARNING",
        "REGISTRATION_RATE_LIMIT": "100000",  # every request here comes from 127.0.0.1
    }
    gunicorn = Gunicorn(env, workers=WORKERS, log_path=tmp_path / "gunicorn.log").start()
    yield gunicorn
    gunicorn.stop()
    redis.stop()


@pytest.fixture
def summit():
    """Next year's edition (the server runs on the real clock), open for registration."""
    return SummitFactory(year=datetime.date.today().year + 1)


@pytest.fixture
def forums(summit):
    return [ForumFactory(summit=summit, seat_quota=SEATS) for _ in range(3)]


@pytest.fixture
def desk_session(summit) -> str:
    """The session cookie of an organizer signed in at the check-in desk (sessions live in the database)."""
    client = Client()
    organizer = RegistrationFactory(summit=summit).guest  # any unique name; the account is what matters
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=organizer.email, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_registration"))
    client.force_login(user)
    return client.cookies["sessionid"].value


_moments = count()


def registration_in(summit, forums, *, status=RegistrationStatus.APPROVED):
    """A registration with a choice in each forum, seated while seats last and waiting after, as it would be."""
    registration = RegistrationFactory(summit=summit, status=status)
    for forum in forums:
        seated = ForumChoice.objects.filter(forum=forum, seat_status=SeatStatus.SEATED).count()
        full = seated >= SEATS
        moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(seconds=next(_moments))
        ForumChoiceFactory(registration=registration, forum=forum,
                           seat_status=SeatStatus.WAITLISTED if full else SeatStatus.SEATED,
                           waitlisted_at=moment if full else None)
    return registration


def post(base_url: str, path: str, data: dict, *, session: str = "") -> int:
    cookie = f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": CSRF, **data}, doseq=True)
    parts = urllib.parse.urlsplit(base_url)
    connection_ = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection_.request("POST", path, body=body, headers={
            "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        return connection_.getresponse().status
    finally:
        connection_.close()


def register(summit, forum_ids: list[int], number: int) -> tuple[str, dict]:
    return f"/en/summits/{summit.year}/register/", {
        "email": f"newcomer{number}@example.org", "full_name": f"Newcomer {number}", "title": "Director",
        "organization_name": "Ministry", "category": "government", "country": "KE", "phone": "+254 20 123 4567",
        "participation": Participation.OFFLINE, "forums": forum_ids, "consent": "on",
    }


def guest_path(registration, action: str) -> str:
    return links.manage_url(registration, absolute=False) + f"{action}/"


def send_all_at_once(server, requests: list[tuple[str, dict, str]]) -> list[int]:
    random.Random(15).shuffle(requests)
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(lambda request: post(server.base_url, *request[:2], session=request[2]), requests))


def assert_no_error_page(server, statuses: list[int]) -> None:
    errors = [status for status in statuses if status >= 500]
    assert not errors, (f"{len(errors)} of {len(statuses)} answers were {sorted(set(errors))}; the server's log "
                        f"ends:\n{Path(server.log_path).read_text()[-2000:]}")


def waiting_lists(forums) -> dict[int, list[int]]:
    """Each forum's waiting choices, first come first."""
    return {forum.pk: list(ForumChoice.objects.filter(forum=forum, seat_status=SeatStatus.WAITLISTED)
                           .order_by("waitlisted_at", "pk").values_list("pk", flat=True)) for forum in forums}


def seat_problems(forums, waiting_before: dict[int, list[int]]) -> list[str]:
    """What does not add up: a forum overbooked, a seat free while a guest waits, a later guest seated first."""
    problems = []
    for forum in forums:
        live = (ForumChoice.objects.filter(forum=forum, registration__participation=Participation.OFFLINE)
                .exclude(registration__status__in=CLOSED_REGISTRATION_STATUSES))
        seated = live.filter(seat_status=SeatStatus.SEATED).count()
        waiting = live.filter(seat_status=SeatStatus.WAITLISTED).count()
        if seated > SEATS:
            problems.append(f"forum {forum.pk}: {seated} seated of {SEATS}")
        if waiting and seated < SEATS:
            problems.append(f"forum {forum.pk}: {SEATS - seated} seats free while {waiting} wait")
        statuses = dict(live.filter(pk__in=waiting_before[forum.pk]).values_list("pk", "seat_status"))
        served = [statuses[pk] for pk in waiting_before[forum.pk] if pk in statuses]
        if served != sorted(served, key=lambda status: status != SeatStatus.SEATED):
            problems.append(f"forum {forum.pk}: waiting list served out of order {served}")
    return problems


def test_cancellations_registrations_verifications_and_check_ins_at_once(server, summit, forums, desk_session):
    pairs = [[forums[n % 3], forums[(n + 1) % 3]] for n in range(3)]
    leaving = [registration_in(summit, pairs[n % 3]) for n in range(40)]
    arriving_at_desk = [registration_in(summit, pairs[n % 3]) for n in range(10)]
    confirming = [registration_in(summit, pairs[n % 3], status=RegistrationStatus.SUBMITTED) for n in range(10)]
    waiting_before = waiting_lists(forums)
    requests = (
        [(guest_path(registration, "cancel"), {}, "") for registration in leaving]
        + [(*register(summit, [forum.pk for forum in pairs[n % 3]], n), "") for n in range(40)]
        + [(links.verify_url(registration, absolute=False), {}, "") for registration in confirming]
        + [(f"/en/summits/{summit.year}/check-in/", {"token": registration.badge_token}, desk_session)
           for registration in arriving_at_desk]
    )

    statuses = send_all_at_once(server, requests)

    assert_no_error_page(server, statuses)
    assert sorted(set(statuses)) == [200, 302]  # the desk answers on its page; every other form redirects
    assert seat_problems(forums, waiting_before) == []
    for group, status in ((leaving, RegistrationStatus.CANCELLED), (arriving_at_desk, RegistrationStatus.CHECKED_IN),
                          (confirming, RegistrationStatus.VERIFIED)):
        assert {type(r).objects.get(pk=r.pk).status for r in group} == {status}
    assert ForumChoice.objects.filter(registration__guest__email__startswith="newcomer").count() == 80


def test_forum_changes_and_registrations_at_once(server, summit, forums, desk_session):
    # Each guest leaves one of their forums for the third: the seats freed go to the guests waiting there, who
    # are themselves leaving a forum.
    pairs = [[forums[n % 3], forums[(n + 1) % 3]] for n in range(3)]
    moving = [registration_in(summit, pairs[n % 3]) for n in range(30)]
    arriving_at_desk = [registration_in(summit, pairs[n % 3]) for n in range(5)]
    confirming = [registration_in(summit, pairs[n % 3], status=RegistrationStatus.SUBMITTED) for n in range(5)]
    waiting_before = waiting_lists(forums)
    wanted = {registration.pk: [forums[(n + 1) % 3].pk, forums[(n + 2) % 3].pk]
              for n, registration in enumerate(moving)}
    requests = (
        [(guest_path(registration, "forums"), {"forums": wanted[registration.pk]}, "") for registration in moving]
        + [(*register(summit, [forum.pk for forum in pairs[n % 3]], n), "") for n in range(30)]
        + [(links.verify_url(registration, absolute=False), {}, "") for registration in confirming]
        + [(f"/en/summits/{summit.year}/check-in/", {"token": registration.badge_token}, desk_session)
           for registration in arriving_at_desk]
    )

    statuses = send_all_at_once(server, requests)

    assert_no_error_page(server, statuses)
    assert sorted(set(statuses)) == [200, 302]
    assert seat_problems(forums, waiting_before) == []
    for registration in moving:
        assert sorted(registration.forum_choices.values_list("forum_id", flat=True)) == sorted(
            wanted[registration.pk])
