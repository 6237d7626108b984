"""Seats held for invitees under concurrency, on PostgreSQL: 20 guests registering at once and 3 invitees accepting
at the same moment, for a forum of 5 seats 3 of which are held. The holds are counted under the forum's lock, so
exactly 2 walk-ins are seated, the 3 invitees get their held seats, and nobody is overbooked."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from guests.enums import RegistrationSource, SeatStatus
from guests.models import ForumChoice, Invitation
from guests.services import RegistrationRequest, accept_invitation, register_guest
from tests.factories.forums import ForumFactory
from tests.factories.guests import InvitationFactory
from tests.factories.summits import SummitFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WALK_INS, SEATS, HELD = 20, 5, 3


def walk_in(summit, forum_id: int, number: int) -> None:
    try:
        register_guest(summit=summit, request=RegistrationRequest(
            email=f"walkin{number}@example.org", full_name=f"Walk-in {number}", title="CTO", organization_name="Acme",
            category="enterprise", country="FR", participation="offline", language="en", forum_ids=(forum_id,)))
    finally:
        connection.close()


def accept(invitation_id: int) -> None:
    try:
        accept_invitation(invitation=Invitation.objects.get(pk=invitation_id), answer=RegistrationRequest(
            email="ignored@example.org", full_name="Invitee", title="Minister", organization_name="Ministry",
            category="government", country="SN", participation="offline", language="en"))
    finally:
        connection.close()


def test_walk_ins_and_invitees_at_once_never_take_the_held_seats(on_postgres):
    summit = SummitFactory(year=2024)
    forum = ForumFactory(summit=summit, seat_quota=SEATS)
    invitations = [InvitationFactory(summit=summit, reserved_forums=[forum]) for _ in range(HELD)]

    with ThreadPoolExecutor(max_workers=WALK_INS + HELD) as pool:
        jobs = [pool.submit(walk_in, summit, forum.pk, number) for number in range(WALK_INS)]
        jobs += [pool.submit(accept, invitation.pk) for invitation in invitations]
        for job in jobs:
            job.result()

    seated = ForumChoice.objects.filter(forum=forum, seat_status=SeatStatus.SEATED)
    assert seated.count() == SEATS
    assert seated.filter(registration__source=RegistrationSource.INVITATION).count() == HELD
    assert ForumChoice.objects.filter(forum=forum, seat_status=SeatStatus.WAITLISTED).count() == WALK_INS - (
        SEATS - HELD)
