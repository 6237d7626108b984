"""Sign-in throttling (django-axes) for the admin's sign-in and the site's: five wrong passwords for one username from
one client address lock that pair out for the cool-off, with a page in the visitor's language.

Before, /admin/login/ and /<lang>/accounts/login/ accepted unlimited guesses. The client address is
core.client_address's: behind the proxy (TRUSTED_PROXY_COUNT=1) each client counts on its own and a forged
X-Forwarded-For starts no fresh count.
"""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
PROXY = "10.0.0.2"  # nginx, as gunicorn sees every request
GUEST = "203.0.113.5"
SITE_LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert settings.AXES_FAILURE_LIMIT == 5  # the default


@pytest.fixture
def juror(django_user_model):
    return django_user_model.objects.create_user("ada@example.org", password=PASSWORD)


def sign_in(client, url, username, password, forwarded_for=GUEST):
    return client.post(url, {"username": username, "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def fail(client, url, username, times, forwarded_for=GUEST) -> list[int]:
    return [sign_in(client, url, username, "wrong", forwarded_for).status_code for _ in range(times)]


@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN])
def test_five_wrong_passwords_lock_out_even_the_right_one(client, juror, organizer, url):
    username = organizer.username if url == ADMIN_LOGIN else juror.username

    # The form again with its error four times; the fifth wrong password locks out.
    assert fail(client, url, username, 5) == [200, 200, 200, 200, 429]
    refused = sign_in(client, url, username, PASSWORD)

    assert refused.status_code == 429
    assert "Try again in 15 minutes." in refused.text
    assert refused["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_speaks_chinese(client, juror):
    fail(client, "/zh-hans/accounts/login/", juror.username, 5)

    refused = sign_in(client, "/zh-hans/accounts/login/", juror.username, PASSWORD)

    assert refused.status_code == 429
    assert "登录已锁定" in refused.text
    assert "请 15 分钟后再试。" in refused.text
    assert juror.username not in refused.text


def test_another_client_behind_the_proxy_is_not_locked_out(client, juror):
    fail(client, SITE_LOGIN, juror.username, 5)

    signed_in = sign_in(client, SITE_LOGIN, juror.username, PASSWORD, forwarded_for="198.51.100.7")

    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(juror.pk)


def test_a_forged_forwarded_for_does_not_unlock(client, juror):
    fail(client, SITE_LOGIN, juror.username, 5)

    # nginx appends what it saw to what the client wrote: only the last entry is read.
    refused = sign_in(client, SITE_LOGIN, juror.username, PASSWORD, forwarded_for=f"192.0.2.1, {GUEST}")

    assert refused.status_code == 429


def test_another_username_from_the_same_address_is_not_locked_out(client, juror, organizer):
    """A delegation behind one NAT: one member's typos do not lock out the others."""
    fail(client, SITE_LOGIN, juror.username, 5)

    assert sign_in(client, SITE_LOGIN, organizer.username, PASSWORD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, juror):
    fail(client, SITE_LOGIN, juror.username, 5)

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=14), tick=False):
        assert sign_in(client, SITE_LOGIN, juror.username, PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16), tick=False):
        assert sign_in(client, SITE_LOGIN, juror.username, PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_count(client, juror):
    fail(client, SITE_LOGIN, juror.username, 4)
    assert sign_in(client, SITE_LOGIN, juror.username, PASSWORD).status_code == 302
    client.logout()

    assert fail(client, SITE_LOGIN, juror.username, 4) == [200] * 4
    assert sign_in(client, SITE_LOGIN, juror.username, PASSWORD).status_code == 302


def test_an_organizer_unlocks_a_juror_in_the_admin(juror, organizer_client):
    client = Client()  # the juror's browser (organizer_client is signed in)
    fail(client, SITE_LOGIN, juror.username, 5)
    attempt = AccessAttempt.objects.get(username=juror.username)

    listing = organizer_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert juror.username in listing.text
    deleted = organizer_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302

    assert sign_in(client, SITE_LOGIN, juror.username, PASSWORD).status_code == 302


def test_organizers_do_not_read_the_log_of_every_sign_in(organizer_client):
    assert Group.objects.filter(name="Organizers").exists()
    assert organizer_client.get("/admin/axes/accesslog/").status_code == 403
