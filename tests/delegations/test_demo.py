"""The demo's upcoming edition has two delegations: one whose focal point added members (a head, two who completed
their data and are registered through the delegation, two still invited), one whose focal point was just invited;
their focal points' pages open in both languages."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from delegations import links
from delegations.enums import DelegationStatus, MemberStatus
from delegations.models import Delegation
from guests.enums import RegistrationSource
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


def test_the_upcoming_edition_has_two_delegations_one_with_members(demo):
    delegations = list(Delegation.objects.filter(summit__year=DEMO_LIVE_YEAR).order_by("pk"))
    with_members, just_invited = delegations

    assert [delegation.status for delegation in delegations] == [DelegationStatus.OPEN, DelegationStatus.OPEN]
    assert not just_invited.members.exists()
    members = list(with_members.members.order_by("pk"))
    assert [(member.status, member.is_head) for member in members] == [
        (MemberStatus.COMPLETED, True), (MemberStatus.COMPLETED, False), (MemberStatus.INVITED, False),
        (MemberStatus.INVITED, False)]
    assert {member.registration.source for member in members[:2]} == {RegistrationSource.DELEGATION}
    assert with_members.organization.membership.status == "active"


@pytest.mark.parametrize(("language", "quota"), [("en", "4 of 5"), ("zh-hans", "4 / 5")])
def test_the_focal_points_page_of_the_demo_opens(demo, client, language, quota):
    delegation = Delegation.objects.filter(summit__year=DEMO_LIVE_YEAR).order_by("pk").first()
    delegation.focal_language = language

    with time_machine.travel(ON_DEMO_TODAY, tick=False):
        response = client.get(links.focal_point_url(delegation, absolute=False))

    assert response.status_code == 200
    html = response.content.decode()
    assert quota in html and "DIALLO Amina" in html
