"""A transaction PostgreSQL aborts for a deadlock is run again, and given up after its attempts.

A real deadlock: the transaction under test locks guest A then guest B, while another connection locks B then A.
The other connection waits 10 s before checking for a deadlock and ours 50 ms, so ours is the one PostgreSQL aborts.
"""

import threading

import pytest
from django.db import OperationalError, connection, connections

from core.transactions import atomic_with_retry
from guests.models import Guest
from tests.factories.guests import GuestFactory
from tests.infra import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class CrossingTransactions:
    """Another connection that, for each of the first ``rounds`` attempts of ours, locks B and then waits for A."""

    def __init__(self, first: Guest, second: Guest, *, rounds: int):
        self.first, self.second, self.rounds = first, second, rounds
        self.go, self.finished = threading.Event(), threading.Event()
        self.pid: int | None = None
        self.thread = threading.Thread(target=self._run)

    def _run(self):
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SET deadlock_timeout = '10s'")
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]
                for _ in range(self.rounds):
                    self.go.wait(timeout=30)
                    self.go.clear()
                    cursor.execute("BEGIN")
                    cursor.execute("SELECT id FROM guests_guest WHERE id = %s FOR UPDATE", [self.second.pk])
                    cursor.execute("SELECT id FROM guests_guest WHERE id = %s FOR UPDATE", [self.first.pk])
                    cursor.execute("COMMIT")
        finally:
            other.close()
            self.finished.set()

    def cross(self):
        """Called by our transaction holding A: let the other take B and queue for A, then return."""
        self.go.set()

        probe = connections.create_connection("default")  # outside our transaction, which sees no new state

        def waiting_for_a_lock() -> bool:
            with probe.cursor() as cursor:
                cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [self.pid])
                row = cursor.fetchone()
            return bool(row) and row[0] == "Lock"

        try:
            wait_until(waiting_for_a_lock, timeout=10, interval=0.02, what="the other transaction waiting for A")
        finally:
            probe.close()


@pytest.fixture
def two_guests(on_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SET deadlock_timeout = '50ms'")
    yield GuestFactory(), GuestFactory()
    with connection.cursor() as cursor:
        cursor.execute("RESET deadlock_timeout")


def lock_a_then_b(first: Guest, second: Guest, other: CrossingTransactions, attempts: list[int]):
    attempts.append(len(attempts) + 1)
    Guest.objects.select_for_update().get(pk=first.pk)
    if len(attempts) <= other.rounds:
        other.cross()
    Guest.objects.select_for_update().get(pk=second.pk)
    Guest.objects.filter(pk__in=[first.pk, second.pk]).update(title="Locked by the retried transaction")


def test_a_transaction_aborted_for_a_deadlock_is_run_again(two_guests):
    first, second = two_guests
    other = CrossingTransactions(first, second, rounds=1)
    other.thread.start()
    attempts: list[int] = []

    atomic_with_retry(lock_a_then_b, attempts=3)(first, second, other, attempts)
    other.thread.join(timeout=30)

    assert attempts == [1, 2]
    assert set(Guest.objects.values_list("title", flat=True)) == {"Locked by the retried transaction"}


def test_after_its_attempts_the_deadlock_is_raised_as_it_is(two_guests):
    first, second = two_guests
    other = CrossingTransactions(first, second, rounds=3)
    other.thread.start()
    attempts: list[int] = []

    with pytest.raises(OperationalError) as raised:
        atomic_with_retry(lock_a_then_b, attempts=3)(first, second, other, attempts)
    other.thread.join(timeout=30)

    assert attempts == [1, 2, 3]
    assert raised.value.__cause__.pgcode == "40P01"
    assert "Locked by the retried transaction" not in set(Guest.objects.values_list("title", flat=True))
