"""One client address for every rate limit, behind the proxy the README documents (nginx, TRUSTED_PROXY_COUNT=1).

The forms counted REMOTE_ADDR, which behind nginx is nginx's: after REGISTRATION_RATE_LIMIT registrations in an
hour the whole summit was answered 429. The guests' registration form stands for every form limit here (they share
``core.forms.within_rate_limit``).
"""

import pytest
from django.core.cache import cache

from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

REGISTER = "/en/summits/2024/register/"
PROXY = "10.0.0.2"  # nginx, as gunicorn sees every request


@pytest.fixture(autouse=True)
def two_registrations_an_hour(settings):
    SummitFactory(year=2024)  # open on the suite's day
    settings.REGISTRATION_RATE_LIMIT = 2
    cache.clear()


def posts(client, count: int, forwarded_for: str) -> list[int]:
    """An empty form each time: the limit counts attempts, before the form is read."""
    return [client.post(REGISTER, {}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for).status_code
            for _ in range(count)]


def test_behind_the_proxy_each_guest_has_their_own_allowance(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert posts(client, 3, "203.0.113.5") == [200, 200, 429]
    assert posts(client, 2, "198.51.100.7") == [200, 200]  # another guest behind the same proxy


def test_a_forged_forwarded_for_buys_no_fresh_allowance(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    posts(client, 2, "203.0.113.5")

    # nginx appends what it saw to what the client wrote: only the last entry is read.
    assert posts(client, 2, "192.0.2.1, 203.0.113.5") == [429, 429]
    assert posts(client, 1, "192.0.2.2,192.0.2.3 , 203.0.113.5") == [429]


def test_without_a_declared_proxy_the_header_is_not_read(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0  # the embedded mode, a bare gunicorn

    assert posts(client, 2, "203.0.113.5") == [200, 200]
    assert posts(client, 1, "198.51.100.7") == [429]  # one client, whatever it writes
