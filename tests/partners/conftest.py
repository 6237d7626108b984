"""A real HTTP endpoint on loopback standing in for a partner's webhook receiver, and the worker's part."""

import pytest

from partners.tasks import requeue_webhook_deliveries
from tests.infra import WebhookReceiver


@pytest.fixture
def webhook_receiver():
    with WebhookReceiver() as receiver:
        yield receiver


def deliver_due() -> int:
    """What the worker does when beat asks (here in-process, as ``manage.py run_beat_jobs`` does): send every
    delivery that is due; how many. A change never sends its deliveries in its own process."""
    return requeue_webhook_deliveries.delay().get()
