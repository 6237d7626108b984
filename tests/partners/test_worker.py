"""Webhooks through Redis and a real Celery worker, with a partner whose endpoint is slow and then fails: the
organizer's saves never wait for it, each change reaches it signed, and the failed one is retried on its row's
schedule and sent once, whatever tasks name it; a room renamed reaches it through the worker too. (One worker for
the whole story: starting one costs seconds.)"""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from core.enums import PublicationStatus
from partners import services
from partners.enums import DeliveryStatus
from partners.models import WebhookDelivery
from partners.signing import verify_signature
from partners.tasks import deliver_webhook
from tests.admin_forms import management, split
from tests.conftest import wait_for
from tests.factories.forums import SessionFactory
from tests.factories.partners import WebhookDeliveryFactory, WebhookFactory

pytestmark = pytest.mark.redis

PARTNER_DELAY = 3.0  # seconds the partner's endpoint takes to answer the first POST


def save_in_admin(client, session, title: str) -> float:
    """The organizer opens the session's form and saves it with a new title; how long the save took."""
    session.refresh_from_db()
    assert client.get(reverse("admin:forums_session_change", args=[session.pk])).status_code == 200
    started = time.monotonic()
    response = client.post(reverse("admin:forums_session_change", args=[session.pk]), {
        "forum": session.forum.pk, "type": "panel", "title_en": title, "title_zh_hans": "数据治理",
        **split("start", session.start), **split("end", session.end), "room": session.room.pk,
        "language": "bilingual", "status": "published", "concurrency_token": session.updated_at.isoformat(),
        **management("session_speakers", 0), **management("interpretation_channels", 0),
    })
    assert response.status_code == 302
    return time.monotonic() - started


def status_of(delivery: WebhookDelivery) -> str:
    return WebhookDelivery.objects.get(pk=delivery.pk).status


def test_saves_never_wait_for_a_slow_partner_and_its_failure_is_retried_on_schedule_and_sent_once(
    celery_worker, admin_client, webhook_receiver
):
    session = SessionFactory(title="Data", status=PublicationStatus.PUBLISHED)
    webhook = WebhookFactory(url=webhook_receiver.url)
    webhook_receiver.answer(500, delay=PARTNER_DELAY)

    first_save = save_in_admin(admin_client, session, "Data governance")
    assert wait_for(lambda: webhook_receiver.received, timeout=10)  # the worker is POSTing it, the partner slow
    second_save = save_in_admin(admin_client, session, "Data governance and safety")  # a typo fixed at once

    # Before, the second save waited for the worker's row lock, held through the POST: the partner's 3 s.
    assert first_save < 1.5 and second_save < 1.5
    failed, fixed = WebhookDelivery.objects.order_by("pk")
    assert wait_for(lambda: status_of(failed) == DeliveryStatus.RETRYING and status_of(fixed) == "succeeded")
    failed.refresh_from_db()
    assert failed.attempts == 1 and failed.last_status_code == 500
    assert 25 < (failed.next_attempt_at - timezone.now()).total_seconds() <= 37.5  # 30 s and its jitter

    # Its time comes (sooner here): beat's job sends it; a duplicate task sends nothing more.
    WebhookDelivery.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now())
    assert services.requeue_due_deliveries() == 0  # due only just now: left to the task on its way
    WebhookDelivery.objects.filter(pk=failed.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=services.QUEUED_GRACE_SECONDS + 1))
    assert services.requeue_due_deliveries() == 1
    deliver_webhook.delay(delivery_id=failed.pk)
    assert wait_for(lambda: status_of(failed) == DeliveryStatus.SUCCEEDED)
    # Written, its task lost with the broker: beat's job sends it too (after the duplicate: one worker, in order).
    lost = WebhookDeliveryFactory(webhook=webhook)
    WebhookDelivery.objects.filter(pk=lost.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=services.QUEUED_GRACE_SECONDS + 1))
    assert services.requeue_due_deliveries() == 1

    assert wait_for(lambda: status_of(lost) == DeliveryStatus.SUCCEEDED)
    assert webhook_receiver.events() == ["session.updated", "session.updated", "session.updated", "ping"]
    first_try, fixed_hook, retry, _ping = webhook_receiver.received
    assert [hook.json["data"]["title"] for hook in (first_try, fixed_hook, retry)] == [
        "Data governance", "Data governance and safety", "Data governance"]
    assert first_try.headers["X-WIC-Delivery"] == retry.headers["X-WIC-Delivery"] == str(failed.event_id)
    for hook in webhook_receiver.received:
        assert verify_signature(secret=webhook.secret, body=hook.body, header=hook.headers["X-WIC-Signature"])
    assert list(WebhookDelivery.objects.order_by("pk").values_list("status", "attempts")) == [
        (DeliveryStatus.SUCCEEDED, 2), (DeliveryStatus.SUCCEEDED, 1), (DeliveryStatus.SUCCEEDED, 1)]

    # The session's room renamed: the worker finds the sessions showing it and writes their events, then sends them.
    room = session.room
    room.name = "Hall of Light"
    room.save()
    assert wait_for(lambda: len(webhook_receiver.received) == 5)
    assert webhook_receiver.received[4].json["data"]["room"]["name"] == "Hall of Light"
