"""Two confirmations of "Start next year's edition" at the same moment, on PostgreSQL: one edition, no error.

The same organizer clicking twice, or two organizers confirming together: each request runs in its own thread
and database connection, released together. The source edition's row lock makes the second wait for the first and
then find its edition; the unique year stands behind it. Before, the second request met an IntegrityError (a 500)
or made another year.
"""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from expo.models import Hall
from forums.models import Forum
from summits.models import Summit
from tests.factories.expo import BoothFactory
from tests.factories.forums import ForumFactory
from tests.factories.summits import SummitFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 4


def test_simultaneous_confirmations_create_one_edition_and_refuse_the_others(on_postgres, organizer):
    source = SummitFactory(year=2024, start_date=datetime.date(2024, 11, 19), end_date=datetime.date(2024, 11, 22))
    ForumFactory.create_batch(20, summit=source)  # enough copying for the requests to overlap
    BoothFactory(hall__expo__summit=source)
    barrier = threading.Barrier(PARALLEL)

    def confirm(_number):
        client = Client()
        client.force_login(organizer)
        try:
            barrier.wait(timeout=30)
            response = client.post(reverse("admin:summits_summit_changelist"), {
                "action": "start_next_edition", "_selected_action": [source.pk], "post": "yes",
            })
            return response.status_code, response.url, [str(m) for m in get_messages(response.wsgi_request)]
        finally:
            connection.close()  # this thread's connection, or the test database cannot be flushed

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        answers = list(pool.map(confirm, range(PARALLEL)))

    new = Summit.objects.get(year=2025)
    assert {(status, url) for status, url, _messages in answers} == {
        (302, reverse("admin:summits_summit_change", args=[new.pk]))}
    outcomes = sorted(messages[-1].split(":")[0] for _status, _url, messages in answers)
    assert outcomes == ["The 2025 edition already exists"] * (PARALLEL - 1) + [
        "The 2025 edition was created as a draft, from Nov. 18, 2025 to Nov. 21, 2025, from the 2024 edition. Its "
        "copied rows are marked “to review”"]
    assert sorted(Summit.objects.values_list("year", flat=True)) == [2024, 2025]
    assert (Forum.objects.filter(summit=new).count(), Hall.objects.filter(expo__summit=new).count()) == (20, 1)
