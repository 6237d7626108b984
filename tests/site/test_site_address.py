"""Links are right wherever `make run` serves: in the embedded mode the site's address (SITE_URL) follows its HOST
and PORT, in the guests' emails, the organizer account's message, canonical URLs and the feeds; production still
requires SITE_URL.

The settings are read in a subprocess with the environment the Makefile gives `run`'s commands; the address they
make is then used in this process, down the same code paths the served site takes."""

import datetime
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from core.models import OutgoingEmail
from tests.factories.forums import ForumFactory
from tests.factories.summits import RoomFactory, SummitFactory
from tests.test_settings import run_manage

WUZHEN = ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=WUZHEN)


def site_url(**env: str) -> str:
    result = run_manage("shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SITE_URL)",
                        **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def served_on_8123() -> str:
    """SITE_URL as `make run PORT=8123` makes it (the Makefile passes HOST and PORT to each command)."""
    return site_url(HOST="127.0.0.1", PORT="8123")


def test_the_embedded_address_follows_host_and_port_unless_site_url_is_set(served_on_8123):
    assert served_on_8123 == "http://127.0.0.1:8123"
    assert site_url() == "http://127.0.0.1:8000"
    assert site_url(HOST="192.168.1.20", PORT="9000", SITE_URL="https://summit.example.org/") == (
        "https://summit.example.org"
    )


def test_production_still_requires_site_url_whatever_the_port():
    result = run_manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="summit.example.org",
                        SECRET_KEY="x7" * 30 + "production-like-secret", HOST="127.0.0.1", PORT="8123")

    assert result.returncode != 0
    assert "Set the SITE_URL environment variable" in result.stderr


@pytest.mark.django_db
def test_the_organizer_account_message_names_the_served_address(settings, served_on_8123):
    settings.SITE_URL = served_on_8123
    output = StringIO()

    call_command("create_organizer", stdout=output)
    call_command("create_organizer", stdout=output)  # again: the account exists

    assert "Organizer account for http://127.0.0.1:8123/admin/ — username: organizer" in output.getvalue()
    assert "(sign in at http://127.0.0.1:8123/admin/)" in output.getvalue()


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_verification_email_canonical_urls_and_feeds_name_the_served_address(client, settings, served_on_8123):
    settings.SITE_URL = served_on_8123
    summit = SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))
    start = datetime.datetime(2027, 1, 20, 9, 0, tzinfo=WUZHEN)
    forum = ForumFactory(summit=summit, start=start, end=start + datetime.timedelta(hours=3),
                         room=RoomFactory(capacity=100))

    response = client.post("/en/summits/2027/register/", {
        "email": "ada@example.org", "full_name": "Ada Lovelace", "native_name": "", "title": "Scientist",
        "organization_name": "Analytical Engines", "category": "research_institute", "country": "GB",
        "phone": "+44 20 7946 0000", "participation": "offline", "forums": [str(forum.pk)], "needs": "",
        "consent": "on", "website": "",
    })
    page = client.get("/en/summits/2027/").content.decode()
    feed = client.get("/summits/2027/schedule.json").json()

    assert response.status_code == 302
    links = re.findall(r"https?://[^\s\"'<>]+", OutgoingEmail.objects.get().body_text)
    assert links and all(link.startswith("http://127.0.0.1:8123/") for link in links)
    assert any("/en/summits/2027/registration/" in link for link in links)
    assert '<link rel="canonical" href="http://127.0.0.1:8123/en/summits/2027/">' in page
    assert feed["schedule"]["url"].startswith("http://127.0.0.1:8123/summits/2027/schedule.json")
