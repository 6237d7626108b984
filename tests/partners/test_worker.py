"""Webhooks through Redis and a real Celery worker: an organizer's save never waits for the partner, the change
reaches the partner signed, and a failed delivery is retried on its row's schedule and sent once."""

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
    """The organizer saves the session's form with a new title; how long the request took."""
    session.refresh_from_db()
    started = time.monotonic()
    response = client.post(reverse("admin:forums_session_change", args=[session.pk]), {
        "forum": session.forum.pk, "type": "panel", "title_en": title, "title_zh_hans": "数据治理",
        **split("start", session.start), **split("end", session.end), "room": session.room.pk,
        "language": "bilingual", "status": "published", "concurrency_token": session.updated_at.isoformat(),
        **management("session_speakers", 0),
    })
    assert response.status_code == 302
    return time.monotonic() - started


def test_admin_saves_never_wait_for_the_partner_even_while_the_worker_posts_the_previous_one(
    celery_worker, admin_client, webhook_receiver
):
    session = SessionFactory(title="Data", status=PublicationStatus.PUBLISHED)
    webhook = WebhookFactory(url=webhook_receiver.url)
    webhook_receiver.answer(200, delay=PARTNER_DELAY)

    first_save = save_in_admin(admin_client, session, "Data governance")
    assert wait_for(lambda: webhook_receiver.received, timeout=10)  # the worker is POSTing it, the partner slow
    second_save = save_in_admin(admin_client, session, "Data governance and safety")  # a typo fixed at once

    # Before, the second save waited for the worker's row lock, held through the POST: the partner's 3 s.
    assert first_save < 1.5 and second_save < 1.5
    assert wait_for(lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).count() == 2)
    assert [hook.json["data"]["title"] for hook in webhook_receiver.received] == [
        "Data governance", "Data governance and safety"]
    for hook in webhook_receiver.received:
        assert verify_signature(secret=webhook.secret, body=hook.body, header=hook.headers["X-WIC-Signature"])
    assert [(str(event_id), attempts) for event_id, attempts in
            WebhookDelivery.objects.order_by("pk").values_list("event_id", "attempts")] == [
        (hook.json["id"], 1) for hook in webhook_receiver.received]


def test_worker_retries_a_failed_delivery_on_its_schedule_and_sends_it_once_even_when_the_task_is_sent_twice(
    celery_worker, webhook_receiver
):
    session = SessionFactory(title="AI Governance")  # before the webhook: its creation sends nothing
    webhook = WebhookFactory(url=webhook_receiver.url)
    webhook_receiver.answer(500)

    session.title = "AI Governance and Safety"
    session.save()  # autocommit: the on-commit enqueue runs at once, to Redis
    delivery = WebhookDelivery.objects.get()
    assert wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.RETRYING)
    delivery.refresh_from_db()
    assert 25 < (delivery.next_attempt_at - timezone.now()).total_seconds() <= 37.5  # 30 s and its jitter

    # Its time comes (sooner here): beat's job sends it, and a duplicate task sends nothing more.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert services.requeue_due_deliveries() == 0  # due only just now: left to the task on its way
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=services.QUEUED_GRACE_SECONDS + 1))
    assert services.requeue_due_deliveries() == 1
    deliver_webhook.delay(delivery_id=delivery.pk)

    assert wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SUCCEEDED)
    time.sleep(1.5)  # give the duplicate time to run: it must send nothing
    first, second = webhook_receiver.received
    assert second.json["data"]["title"] == "AI Governance and Safety"
    assert first.headers["X-WIC-Delivery"] == second.headers["X-WIC-Delivery"] == str(delivery.event_id)
    assert verify_signature(secret=webhook.secret, body=second.body, header=second.headers["X-WIC-Signature"])
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 2

    lost = WebhookDeliveryFactory(webhook=webhook)  # written, its task lost with the broker
    WebhookDelivery.objects.filter(pk=lost.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=services.QUEUED_GRACE_SECONDS + 1))
    assert services.requeue_due_deliveries() == 1
    assert wait_for(lambda: WebhookDelivery.objects.get(pk=lost.pk).status == DeliveryStatus.SUCCEEDED)
    assert webhook_receiver.events() == ["session.updated", "session.updated", "ping"]
