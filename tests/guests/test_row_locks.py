"""Guests' own flows lock their registration only, on PostgreSQL.

Verifying, cancelling and changing forums read the registration with its guest and edition. A plain FOR UPDATE
over that join also locked the edition's row, so every guest flow of a summit queued behind any other holding it,
and behind an organizer starting next year's edition from it (which locks it while it copies), and deadlocked
with registrations. Here another transaction holds the edition's row: the guest's cancellation must not wait.
"""

import datetime
import threading

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client

from guests import links
from guests.enums import RegistrationStatus, SeatStatus
from guests.models import ForumChoice, Registration
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, RegistrationFactory
from tests.factories.summits import SummitFactory
from tests.infra import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_guest_cancels_while_another_transaction_holds_the_editions_row(on_postgres):
    summit = SummitFactory(year=2024, start_date=datetime.date(2024, 11, 19), end_date=datetime.date(2024, 11, 21))
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.VERIFIED)
    ForumChoiceFactory(registration=registration, forum=ForumFactory(summit=summit))
    held, done = threading.Event(), threading.Event()

    def hold_the_edition():
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("SELECT id FROM summits_summit WHERE id = %s FOR UPDATE", [summit.pk])
                held.set()
                done.wait(timeout=30)
                cursor.execute("ROLLBACK")
        finally:
            other.close()

    holder = threading.Thread(target=hold_the_edition)
    holder.start()
    try:
        assert held.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # a wait for the edition's row fails instead of hanging
        response = Client().post(links.manage_url(registration, absolute=False) + "cancel/")
    finally:
        done.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")

    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED


class HeldForum:
    """Another transaction holding a forum's row, as a flow giving its seats does, until ``release()``."""

    def __init__(self, forum):
        self.forum, self.held, self.done = forum, threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("SELECT id FROM forums_forum WHERE id = %s FOR UPDATE", [self.forum.pk])
                self.held.set()
                self.done.wait(timeout=30)
                cursor.execute("ROLLBACK")
        finally:
            other.close()

    def __enter__(self):
        self.thread.start()
        assert self.held.wait(timeout=10)
        return self

    def __exit__(self, *exc_info):
        self.done.set()
        self.thread.join(timeout=30)


def waiting_for_the_forum(probe) -> bool:
    with probe.cursor() as cursor:
        # Lists the whole server's sessions (its text cut at 1 kB): this database's, and a read of forums.
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND wait_event_type = 'Lock' AND query LIKE %s", ['SELECT "forums_forum".%'])
        return cursor.fetchone()[0] == 1


def choices_free(probe, registration) -> bool:
    """Whether another transaction could write the registration's choices now (NOWAIT: no queueing)."""
    with probe.cursor() as cursor:
        cursor.execute("BEGIN")
        try:
            cursor.execute("SELECT id FROM guests_forumchoice WHERE registration_id = %s FOR UPDATE NOWAIT",
                           [registration.pk])
            return True
        except OperationalError:
            return False
        finally:
            cursor.execute("ROLLBACK")


@pytest.mark.parametrize("action", ["cancel", "forums"])
def test_a_guest_queueing_for_a_forum_holds_none_of_their_choices(on_postgres, action):
    """Whoever holds a forum seats its next guest waiting, writing that guest's choice: had the guest's own
    cancellation (or change of forums) written it before queueing for the forum, each would wait on the other."""
    summit = SummitFactory(year=2024, start_date=datetime.date(2024, 11, 19), end_date=datetime.date(2024, 11, 21))
    full, other_forum = ForumFactory(summit=summit, seat_quota=1), ForumFactory(summit=summit)
    ForumChoiceFactory(forum=full, registration=RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED))
    waiting = RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED)
    ForumChoiceFactory(forum=full, registration=waiting, seat_status=SeatStatus.WAITLISTED,
                       waitlisted_at=datetime.datetime(2024, 10, 1, tzinfo=datetime.UTC))
    path = links.manage_url(waiting, absolute=False) + f"{action}/"
    data = {"forums": [other_forum.pk]} if action == "forums" else {}
    answers = []
    probe = connections.create_connection("default")
    try:
        with HeldForum(full):
            guest = threading.Thread(target=lambda: answers.append(Client().post(path, data)))
            guest.start()
            wait_until(lambda: waiting_for_the_forum(probe), timeout=10, what="the guest's request queueing")
            free = choices_free(probe, waiting)
        guest.join(timeout=30)
    finally:
        probe.close()

    assert free
    assert [answer.status_code for answer in answers] == [302]
    assert ForumChoice.objects.filter(registration=waiting, seat_status=SeatStatus.WAITLISTED).count() == 0
