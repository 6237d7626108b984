"""Webhooks through Redis and a real Celery worker: the session's change reaches the partner, signed, once."""

import time

import pytest

from partners.enums import DeliveryStatus
from partners.models import WebhookDelivery
from partners.signing import verify_signature
from partners.tasks import deliver_webhook
from tests.conftest import wait_for
from tests.factories.forums import SessionFactory
from tests.factories.partners import WebhookFactory

pytestmark = pytest.mark.redis


def test_worker_delivers_a_session_event_once_even_when_the_task_is_sent_twice(celery_worker, webhook_receiver):
    session = SessionFactory(title="AI Governance")  # before the webhook: its creation sends nothing
    webhook = WebhookFactory(url=webhook_receiver.url)

    session.title = "AI Governance and Safety"
    session.save()  # autocommit: the on-commit enqueue runs at once, to Redis
    delivery = WebhookDelivery.objects.get()
    deliver_webhook.delay(delivery_id=delivery.pk)  # a duplicate of the same task

    assert wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SUCCEEDED)
    time.sleep(1.5)  # give the duplicate time to run: it must send nothing
    [hook] = webhook_receiver.received
    assert hook.json["data"]["title"] == "AI Governance and Safety"
    assert hook.headers["X-WIC-Delivery"] == str(delivery.event_id)
    assert verify_signature(secret=webhook.secret, body=hook.body, header=hook.headers["X-WIC-Signature"])
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 1
