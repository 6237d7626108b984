"""200 guests registering at once for a forum with 50 seats, through the real HTTP stack on PostgreSQL.

With the row locks on, exactly 50 are seated and 150 waitlisted, with no error. The negative control turns the
locks off (a test-only setting) and must see overbooking: otherwise the test would prove nothing.
"""

import http.cookiejar
import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from guests.enums import SeatStatus
from guests.models import ForumChoice, Registration
from tests.factories.forums import ForumFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

GUESTS, SEATS, PARALLEL = 200, 50, 32


def register_over_http(base_url: str, forum_id: int, number: int) -> int:
    """One guest's browser: open the form (for the CSRF cookie and token), then submit it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base_url}/en/summits/2024/register/"
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({
        "csrfmiddlewaretoken": token, "email": f"guest{number}@example.org", "full_name": f"Guest {number}",
        "title": "Minister", "organization_name": "Ministry", "category": "government", "country": "KE",
        "phone": "+254 20 123 4567", "participation": "offline", "forums": forum_id, "consent": "on",
    }).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": url})
    return opener.open(request, timeout=60).status


def register_all_at_once(live_server, forum) -> list[int]:
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(lambda n: register_over_http(live_server.url, forum.pk, n), range(GUESTS)))


@pytest.fixture
def contested_forum(on_postgres, settings):
    settings.REGISTRATION_RATE_LIMIT = GUESTS * 10  # every request comes from 127.0.0.1, in up to three rounds
    return ForumFactory(summit=SummitFactory(year=2024), room=RoomFactory(capacity=1000), seat_quota=SEATS)


def seat_counts(forum) -> dict[str, int]:
    choices = ForumChoice.objects.filter(forum=forum)
    return {status: choices.filter(seat_status=status).count() for status in SeatStatus.values}


def test_200_simultaneous_registrations_seat_exactly_50(live_server, contested_forum):
    statuses = register_all_at_once(live_server, contested_forum)

    assert statuses == [200] * GUESTS  # each browser followed the redirect to the "check your email" page
    assert seat_counts(contested_forum) == {SeatStatus.SEATED: SEATS, SeatStatus.WAITLISTED: GUESTS - SEATS,
                                            SeatStatus.RELEASED: 0}


def test_negative_control_without_the_lock_overbooks(live_server, contested_forum, settings):
    """A race shows only when requests interleave; on a busy machine one round may not, so up to three are run."""
    settings.GUESTS_LOCK_SEATS = False
    seated_per_round = []

    for round_number in range(3):
        forum = contested_forum if round_number == 0 else ForumFactory(
            summit=contested_forum.summit, room=contested_forum.room, seat_quota=SEATS,
            start=contested_forum.start, end=contested_forum.end,
        )
        ForumChoice.objects.all().delete()
        Registration.objects.all().delete()
        register_all_at_once(live_server, forum)
        counts = seat_counts(forum)
        assert counts[SeatStatus.SEATED] + counts[SeatStatus.WAITLISTED] == GUESTS
        seated_per_round.append(counts[SeatStatus.SEATED])
        if counts[SeatStatus.SEATED] > SEATS:
            break

    assert max(seated_per_round) > SEATS, f"no overbooking without the lock ({seated_per_round}): no race seen"
