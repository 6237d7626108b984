"""Guests' own flows lock their registration only, on PostgreSQL.

Verifying, cancelling and changing forums read the registration with its guest and edition. A plain FOR UPDATE
over that join also locked the edition's row, so every guest flow of a summit queued behind any other holding it,
and behind an organizer starting next year's edition from it (which locks it while it copies), and deadlocked
with registrations. Here another transaction holds the edition's row: the guest's cancellation must not wait.
"""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from guests import links
from guests.enums import RegistrationStatus
from guests.models import Registration
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

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
