"""The demo's upcoming edition has press accreditations to try: accredited journalists, applications waiting for
the press office and one rejected, each with its letter of assignment, and a press conference they may attend."""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from core.enums import PublicationStatus
from forums.enums import ForumKind
from forums.models import Forum
from guests import links
from guests.enums import RegistrationSource
from press.models import PressAccreditation
from tests.demo_data import DEMO_LIVE_YEAR

ON_DEMO_TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, demo_loader):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_loader()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo, db):
    return _demo


def test_the_upcoming_edition_has_press_accreditations_in_every_state(demo):
    accreditations = PressAccreditation.objects.filter(registration__summit__year=DEMO_LIVE_YEAR)

    assert Counter(accreditations.values_list("status", flat=True)) == {"accredited": 3, "applied": 2, "rejected": 1}
    assert set(accreditations.values_list("registration__source", flat=True)) == {RegistrationSource.PRESS}
    for accreditation in accreditations:
        with accreditation.letter_of_assignment.open("rb") as letter:
            assert letter.read(5) == b"%PDF-"
    assert Forum.objects.filter(summit__year=DEMO_LIVE_YEAR, kind=ForumKind.PRESS_CONFERENCE,
                                status=PublicationStatus.PUBLISHED).exists()


def test_an_accredited_demo_journalist_sees_the_press_conferences_on_their_page(demo, client):
    accredited = PressAccreditation.objects.filter(registration__summit__year=DEMO_LIVE_YEAR,
                                                   status="accredited", registration__guest__language="zh-hans").get()

    with time_machine.travel(ON_DEMO_TODAY, tick=False):
        page = client.get(links.manage_url(accredited.registration, absolute=False))
        form = client.get(f"/en/summits/{DEMO_LIVE_YEAR}/press/accreditation/")

    assert "您可出席的新闻发布会" in page.content.decode()
    assert form.status_code == 200 and 'name="letter_of_assignment"' in form.content.decode()
