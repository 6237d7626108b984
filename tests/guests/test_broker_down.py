"""Redis stopped while guests register: every registration is saved, and every email goes out once it is back.

The test process publishes to a private Redis, which is stopped before 20 guests register (each registration
commits for real). The verification emails wait in the outbox; once Redis is back, a real worker runs the beat
task ``flush_outbox`` and each guest receives their email exactly once.
"""

import time
import uuid

import pytest
from django.db import connection

from core.enums import EmailStatus
from core.models import OutgoingEmail
from core.services.delivery import QUEUED_GRACE_SECONDS
from core.tasks import flush_outbox
from guests.enums import GuestCategory, Participation, RegistrationStatus
from guests.models import Registration
from guests.services import RegistrationRequest, register_guest
from tests.factories.forums import ForumFactory
from tests.factories.summits import SummitFactory
from tests.infra import (
    SmtpSink,
    Worker,
    celery_broker,
    database_url,
    private_redis,
    skip_without_redis_server,
    wait_until,
)
from wic.celery import app as celery_app

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.smtp, pytest.mark.django_db(transaction=True)]

GUESTS = 20
FLUSH_GRACE = QUEUED_GRACE_SECONDS  # due_email_ids leaves younger queued rows to the task already queued for them
MEAN_SECONDS_PER_REGISTRATION = 1.0  # a guest must not wait on a broker that is down


def registration_request(number: int, forum_id: int) -> RegistrationRequest:
    return RegistrationRequest(
        email=f"delegate{number}@example.org", full_name=f"Delegate {number}", title="Director",
        organization_name="Ministry of Communications", category=GuestCategory.GOVERNMENT, country="KE",
        participation=Participation.OFFLINE, language="en", forum_ids=(forum_id,),
    )


def test_registrations_are_saved_while_redis_is_down_and_their_emails_go_out_once_it_is_back(on_postgres,
                                                                                             tmp_path):
    skip_without_redis_server()
    summit = SummitFactory(year=2024)
    forum = ForumFactory(summit=summit)
    queue = f"wic-outage-{uuid.uuid4().hex[:8]}"
    with private_redis(tmp_path / "redis") as redis, SmtpSink() as sink, \
            celery_broker(celery_app, broker_url=redis.url, queue=queue):
        redis.stop()

        durations = []
        for number in range(GUESTS):
            started = time.monotonic()
            # Committed for real; then on_commit tries the broker, fails, and leaves the email in the outbox.
            outcome = register_guest(summit=summit, request=registration_request(number, forum.pk))
            durations.append(time.monotonic() - started)
            assert outcome.created
        last_registration = time.monotonic()
        print(f"\nregistration with Redis down: mean {sum(durations) / GUESTS * 1000:.0f} ms, "
              f"max {max(durations) * 1000:.0f} ms")

        assert Registration.objects.filter(summit=summit, status=RegistrationStatus.SUBMITTED).count() == GUESTS
        emails = OutgoingEmail.objects.filter(key__endswith=":verification:1")
        assert sorted(emails.values_list("to", "status")) == sorted(
            (f"delegate{number}@example.org", EmailStatus.QUEUED) for number in range(GUESTS)
        )
        assert sum(durations) / GUESTS < MEAN_SECONDS_PER_REGISTRATION

        redis.start()  # empty: what was never published is only in the outbox
        worker = Worker(redis_url=redis.url, database_url=database_url(connection.settings_dict),
                        email_url=sink.url, queue=queue, log_path=tmp_path / "worker.log")
        try:
            worker.wait_ready(celery_app)
            time.sleep(1)
            assert len(sink) == 0  # nothing reaches the guests until the outbox is flushed

            time.sleep(max(0.0, last_registration + FLUSH_GRACE + 1 - time.monotonic()))
            flush_outbox.delay()  # what beat does every OUTBOX_FLUSH_SECONDS
            wait_until(lambda: emails.filter(status=EmailStatus.SENT).count() == GUESTS, timeout=60,
                       what="every verification email sent")
            flush_outbox.delay()  # a second flush finds nothing left
            time.sleep(2)
        finally:
            worker.stop()

    addresses = [f"delegate{number}@example.org" for number in range(GUESTS)]
    assert sorted(received.to for received in sink.received) == sorted(addresses)  # each exactly once
    assert {received.subject for received in sink.received} == {
        "Confirm your email address for the 2024 WIC Wuzhen Summit"
    }
