"""API keys for partners, and the webhook events we send them.

Keys are issued (the raw key is returned once and never stored), revoked, and stamped with their last use.
An event is one ``WebhookDelivery`` row per webhook, written in the transaction of the change it reports, then
POSTed by the worker (its task queued after commit), retried with backoff, and queued again by beat if its task was
lost: a delivery is never lost, and the only duplicate a partner can see is a retry of the same event id. The POST
never runs in the process of the change (an organizer's save would wait for the partner), and no transaction or
row lock is held through it (the organizer's next save of the same session would wait for it, and on SQLite every
write of the site would).
"""

import datetime
import json
import logging
import random
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from core.enums import AuditAction
from core.services.audit import record_audit
from core.services.queue import enqueue
from forums.api.serializers import session_event_payload

from . import selectors
from .enums import OPEN_DELIVERY_STATUSES, AttemptOutcome, DeliveryStatus, WebhookEvent
from .keys import hash_api_key, last_use_guard_key, lookup_cache_key, new_raw_key
from .models import ApiKey, Webhook, WebhookAttempt, WebhookDelivery
from .signing import signature_header
from .transport import PostResult, post_json

logger = logging.getLogger(__name__)

LAST_USE_RESOLUTION_SECONDS = 60
# With a quarter of jitter on top, still well under the broker's visibility timeout (CELERY_VISIBILITY_TIMEOUT,
# 2 h), past which Redis would hand a retry waiting for its countdown to a second worker.
BACKOFF_MAX_SECONDS = 60 * 60
# A task may arrive a little before its countdown (clocks of two machines); earlier than this it is a duplicate.
DUE_TOLERANCE = datetime.timedelta(seconds=2)
# A delivery due for less than this is left to the task queued for it; later, beat queues it again (lost task).
QUEUED_GRACE_SECONDS = 10
# How long a worker holds a delivery it is POSTing, beyond the POST's own time limit (which bounds each network
# operation, not their sum): a delivery held longer is taken as lost with its worker and sent again.
SENDING_MARGIN_SECONDS = 60


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


# --- API keys -------------------------------------------------------------------------------------------------


@transaction.atomic
def issue_api_key(*, partner: str, contact_email: str, actor, note: str = "") -> tuple[ApiKey, str]:
    """Create a key and return it with the raw key, which is shown to the organizer once and kept nowhere."""
    prefix, raw_key = new_raw_key()
    api_key = ApiKey.objects.create(
        partner=partner, contact_email=contact_email, note=note, prefix=prefix, key_hash=hash_api_key(raw_key),
        created_by=_user(actor),
    )
    record_audit(actor=actor, action=AuditAction.CREATED, obj=api_key, note="issued",
                 changes={"partner": ["", partner], "contact_email": ["", contact_email]})
    return api_key, raw_key


@transaction.atomic
def revoke_api_key(*, api_key: ApiKey, actor) -> bool:
    """Revoke the key from its next request on; False if it was already revoked."""
    now = timezone.now()
    revoked = ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=_user(actor), updated_at=now
    )
    cache_key = lookup_cache_key(api_key.key_hash)
    # Now, and again after commit: a request that looked the key up in between found it still valid and may have
    # cached it again.
    cache.delete(cache_key)
    transaction.on_commit(lambda: cache.delete(cache_key))
    if revoked:
        api_key.revoked_at, api_key.revoked_by = now, _user(actor)
        record_audit(actor=actor, action=AuditAction.ACTION, obj=api_key, note="revoked")
    return bool(revoked)


def record_key_use(*, api_key: ApiKey) -> bool:
    """Stamp the key's last use, at most once a minute per key: one cache.add per request, one UPDATE a minute.

    A queryset update, so ``updated_at`` (the admin's guard against lost edits) does not move with traffic.
    """
    if not cache.add(last_use_guard_key(api_key.pk), True, LAST_USE_RESOLUTION_SECONDS):
        return False
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    return True


# --- Webhook events -------------------------------------------------------------------------------------------


def _payload(*, event_id: uuid.UUID, event_type: str, data: dict) -> dict:
    return {"id": str(event_id), "type": event_type, "created_at": timezone.localtime().isoformat(), "data": data}


def session_event_data(session) -> dict:
    """The session as the API shows it with every language and expansion (the API app renders it)."""
    return session_event_payload(session)


@transaction.atomic(savepoint=False)  # inside the save it reports: one transaction, and no savepoint to pay for
def queue_session_event(*, session, event_type: WebhookEvent, summit_id: int) -> list[WebhookDelivery]:
    """Write the event for every active webhook of the summit; the deliveries are enqueued after commit.

    For ``session.updated``, a webhook whose latest delivery about this session is an update not yet attempted
    gets the new state in that delivery (with a new event id) instead of a second one: a session saved with its
    speakers inline is one event, and a partner whose endpoint is down is not sent every intermediate state.
    """
    webhooks = selectors.webhooks_for_summit(summit_id, session_guid=session.guid)
    if not webhooks:
        return []
    if event_type == WebhookEvent.SESSION_DELETED:
        data = {"id": session.pk, "guid": str(session.guid)}
    else:
        data = session_event_data(session)
    new_deliveries, updated_ids = [], []
    for webhook in webhooks:
        event_id = uuid.uuid4()
        payload = _payload(event_id=event_id, event_type=event_type, data=data)
        # latest_delivery_id: annotated by selectors.webhooks_for_summit.
        if event_type == WebhookEvent.SESSION_UPDATED and webhook.latest_delivery_id and (  # type: ignore[attr-defined]
            WebhookDelivery.objects.filter(
                pk=webhook.latest_delivery_id,  # type: ignore[attr-defined]
                event_type=event_type, status=DeliveryStatus.PENDING, attempts=0,
            ).update(event_id=event_id, payload=payload, next_attempt_at=timezone.now())
        ):
            # A new id: a worker that died after POSTing the old state unrecorded may have shown the partner it.
            updated_ids.append(webhook.latest_delivery_id)  # type: ignore[attr-defined]
            continue
        new_deliveries.append(WebhookDelivery(
            webhook=webhook, event_id=event_id, event_type=event_type, session_guid=session.guid, payload=payload,
        ))
    created = WebhookDelivery.objects.bulk_create(new_deliveries)
    # Updated deliveries are enqueued again too: their first task may be lost, and a second one sends nothing.
    delivery_ids = [*updated_ids, *(delivery.pk for delivery in created)]
    transaction.on_commit(lambda: enqueue_deliveries(delivery_ids=delivery_ids))
    return created


def fan_out_session_events_on_commit(*, model: str, row_ids: list[int]) -> None:
    """Rows of ``model`` (its label) that sessions' events show changed: once the change commits, send
    ``session.updated`` for every public session showing them (``fan_out_session_events``).

    Only ids cross the commit: finding the sessions and rendering each (a venue renamed may show in hundreds) is
    the worker's. Where tasks run in-process (runserver without a worker, the shell, the tests) it runs here after
    the commit, and its deliveries wait for beat like the others'; where the broker refuses the task, it runs here
    too: a partner would otherwise never hear of the change (beat finds deliveries, not changes).
    """
    if not row_ids or not selectors.any_active_webhook():
        return
    row_ids = sorted(set(row_ids))
    transaction.on_commit(lambda: _send_fan_out(model, row_ids), robust=True)


def _send_fan_out(model: str, row_ids: list[int]) -> None:
    from .tasks import fan_out_session_events as task  # at call time, as in _send_tasks

    try:
        task.apply_async(kwargs={"model": model, "row_ids": row_ids})
    except Exception as error:  # noqa: BLE001 - the broker's own types, or (in-process) the task's failure
        if tasks_run_in_process():
            logger.exception("Session events for %s %s not written", model, row_ids)
            return
        logger.warning("%s not queued (%s); fanned out in this process", task.name, type(error).__name__)
        fan_out_session_events(model=model, row_ids=row_ids)


def fan_out_session_events(*, model: str, row_ids: list[int]) -> int:
    """``session.updated`` for each public session that shows one of the rows now; how many sessions.

    Each session's event is its own transaction (no write lock held through hundreds of renders) and is merged
    into its webhook's update not yet attempted (``queue_session_event``): a second run, or a burst of renames
    before the worker sends, adds no delivery.
    """
    if not selectors.any_active_webhook():
        return 0
    sessions = selectors.public_sessions_showing(model=model, row_ids=row_ids)
    for session in sessions:
        # public_summit_id: annotated by selectors.public_sessions_showing.
        queue_session_event(session=session, event_type=WebhookEvent.SESSION_UPDATED,
                            summit_id=session.public_summit_id)  # type: ignore[attr-defined]
    return len(sessions)


@transaction.atomic
def send_test_event(*, webhook: Webhook, actor) -> WebhookDelivery:
    """A ``ping`` event, so an organizer and the partner can check the address and the signature."""
    event_id = uuid.uuid4()
    data = {"webhook": webhook.pk, "partner": webhook.partner, "message": "Test event from the WIC Summit."}
    delivery = WebhookDelivery.objects.create(
        webhook=webhook, event_id=event_id, event_type=WebhookEvent.PING,
        payload=_payload(event_id=event_id, event_type=WebhookEvent.PING, data=data),
    )
    record_audit(actor=actor, action=AuditAction.ACTION, obj=webhook, note="test event sent")
    transaction.on_commit(lambda: enqueue_deliveries(delivery_ids=[delivery.pk]))
    return delivery


@transaction.atomic
def retry_webhook_delivery(*, delivery: WebhookDelivery, actor) -> bool:
    """Attempt a failed (or waiting) delivery again now; one more failure after the last attempt fails it again."""
    queued = WebhookDelivery.objects.filter(
        pk=delivery.pk, status__in=[DeliveryStatus.FAILED, DeliveryStatus.RETRYING]
    ).update(status=DeliveryStatus.RETRYING, next_attempt_at=timezone.now())
    if not queued:
        return False
    record_audit(actor=actor, action=AuditAction.ACTION, obj=delivery, note="retry")
    transaction.on_commit(lambda: enqueue_deliveries(delivery_ids=[delivery.pk]))
    return True


def tasks_run_in_process() -> bool:
    """Whether a queued task would run here and now (CELERY_TASK_ALWAYS_EAGER): runserver without `make run`'s
    worker, the shell, load_wic_demo, the tests."""
    from .tasks import deliver_webhook  # at call time, as below

    return bool(deliver_webhook.app.conf.task_always_eager)


def enqueue_deliveries(*, delivery_ids: list[int], countdown: float | None = None) -> None:
    """Hand deliveries to the worker; a broker failure is logged, never raised: beat queues the rows again later.

    Where tasks run in-process, nothing is queued: the task would POST inside the organizer's request (a slow
    partner holding the save for its whole time limit, then its retries never coming). The deliveries wait, due,
    for beat's ``requeue_due_deliveries``: `make run`'s worker and beat, or ``manage.py run_beat_jobs``.
    """
    if tasks_run_in_process():
        logger.info("Webhook deliveries %s wait for the worker (tasks run in-process here)", delivery_ids)
        return
    _send_tasks(delivery_ids, countdown=countdown)


def _send_tasks(delivery_ids: list[int], *, countdown: float | None = None) -> None:
    # At call time: partners.tasks imports this module, so importing it at module level would be circular.
    from .tasks import deliver_webhook

    for delivery_id in delivery_ids:
        enqueue(deliver_webhook, countdown=countdown, delivery_id=delivery_id)


def requeue_due_deliveries() -> int:
    """Beat: queue the open deliveries that are due: retries whose time has come, first attempts whose task was
    lost (a broker restart), and attempts whose worker stopped in the middle. Run in-process (``run_beat_jobs``,
    the tests), it sends them itself, and every due one at once: no task was queued for them."""
    in_process = tasks_run_in_process()
    delivery_ids = selectors.due_delivery_ids(grace_seconds=0 if in_process else QUEUED_GRACE_SECONDS)
    _send_tasks(delivery_ids)
    return len(delivery_ids)


# --- Delivery -------------------------------------------------------------------------------------------------


def backoff_seconds(attempt: int, *, retry_after: int | None = None) -> float:
    """WEBHOOK_RETRY_FIRST_SECONDS (30 s), then doubling after each attempt, capped at an hour, plus up to a quarter
    of jitter so that the deliveries failed by one outage do not all come back at once; longer if the partner asked
    (Retry-After)."""
    delay = min(settings.WEBHOOK_RETRY_FIRST_SECONDS * 2 ** (attempt - 1), BACKOFF_MAX_SECONDS)
    delay += random.uniform(0, delay / 4)
    if retry_after:
        delay = max(delay, min(retry_after, BACKOFF_MAX_SECONDS))
    return delay


def _outcome(result: PostResult, *, attempt: int) -> AttemptOutcome:
    code = result.status_code
    if code is not None and 200 <= code < 300:
        return AttemptOutcome.SUCCEEDED
    transient = not result.permanent and (code is None or code == 429 or code >= 500)
    if transient and attempt < settings.WEBHOOK_MAX_ATTEMPTS:
        return AttemptOutcome.RETRY
    return AttemptOutcome.FAILED  # a redirect or another 4xx: the same request will get the same answer


def encode_payload(payload: dict) -> bytes:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class DeliveryResult:
    """What ``deliver_webhook`` did: the delivery's status or why nothing was sent, and when to try again."""

    status: str
    retry_in: float | None = None


def deliver_webhook(*, delivery_id: int) -> DeliveryResult:
    """POST one delivery if it is open and due, and record the attempt.

    Three steps, each short where it writes: the row is claimed (locked, checked, marked *being sent* with the
    attempt counted) and committed; the POST runs with no transaction open; its outcome is recorded. A second task
    for the same delivery (a duplicate, a requeue racing the countdown) finds it being sent, done or not yet due,
    and sends nothing. Never call it inside a transaction: the claim must be committed before the POST.
    """
    claimed = _claim(delivery_id)
    if isinstance(claimed, DeliveryResult):
        return claimed
    delivery, started_at = claimed
    webhook = delivery.webhook
    if not webhook.is_active and delivery.event_type != WebhookEvent.PING:
        result = PostResult(None, "The webhook was deactivated; nothing was sent.", "", 0, permanent=True)
    else:
        body = encode_payload(delivery.payload)
        result = post_json(
            url=webhook.url, body=body, timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            headers={
                "X-WIC-Event": delivery.event_type,
                "X-WIC-Delivery": str(delivery.event_id),
                "X-WIC-Signature": signature_header(secret=webhook.secret, body=body),
            },
        )
    return _record_attempt(delivery_id, attempt=delivery.attempts, result=result, started_at=started_at)


def _sending_lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + SENDING_MARGIN_SECONDS)


@transaction.atomic
def _claim(delivery_id: int) -> tuple[WebhookDelivery, datetime.datetime] | DeliveryResult:
    """The delivery, marked *being sent* by this worker until the POST's time is up, with its attempt counted; or
    why it is not to be sent now."""
    delivery = (
        WebhookDelivery.objects.select_for_update(of=("self",)).select_related("webhook")
        .filter(pk=delivery_id).first()
    )
    if delivery is None:
        return DeliveryResult("gone")
    if delivery.status not in OPEN_DELIVERY_STATUSES:
        return DeliveryResult(f"already {delivery.status}")
    now = timezone.now()
    # An open delivery always has its next attempt (only a closed one has none); None would mean "due now".
    if delivery.next_attempt_at is not None and delivery.next_attempt_at > now + DUE_TOLERANCE:
        return DeliveryResult("being sent" if delivery.status == DeliveryStatus.SENDING else "not due")
    if delivery.status == DeliveryStatus.SENDING and not _record_lost_attempt(delivery, now=now):
        return DeliveryResult(delivery.status)
    delivery.status, delivery.attempts = DeliveryStatus.SENDING, delivery.attempts + 1
    delivery.next_attempt_at = now + _sending_lease()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    return delivery, now


LOST_ATTEMPT = ("No outcome recorded: the worker stopped during this attempt (the partner may have received it; "
                "a retry carries the same delivery id).")


def _record_lost_attempt(delivery: WebhookDelivery, *, now: datetime.datetime) -> bool:
    """A delivery still *being sent* after its time: its worker died mid-POST. The attempt goes in the log with no
    outcome, and counts; True if another attempt is allowed (else the delivery is failed here)."""
    retry = delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS
    started_at = (delivery.next_attempt_at or now) - _sending_lease()
    WebhookAttempt.objects.get_or_create(delivery=delivery, number=delivery.attempts, defaults={
        "at": started_at, "duration_ms": 0, "outcome": AttemptOutcome.RETRY if retry else AttemptOutcome.FAILED,
        "error": LOST_ATTEMPT,
    })
    if not retry:
        delivery.last_status_code, delivery.last_error, delivery.last_response_excerpt = None, LOST_ATTEMPT, ""
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        delivery.save(update_fields=["status", "next_attempt_at", "last_status_code", "last_error",
                                     "last_response_excerpt"])
        logger.warning("Webhook delivery %s failed: its worker stopped during the last attempt", delivery.pk)
    return retry


@transaction.atomic
def _record_attempt(delivery_id: int, *, attempt: int, result: PostResult, started_at) -> DeliveryResult:
    delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None:  # deleted with its webhook while it was being sent
        return DeliveryResult("gone")
    outcome = _outcome(result, attempt=attempt)
    # Or update: a POST that outlived its claim finds its attempt logged as lost by the worker that took over.
    WebhookAttempt.objects.update_or_create(delivery=delivery, number=attempt, defaults={
        "at": started_at, "duration_ms": result.duration_ms, "status_code": result.status_code, "outcome": outcome,
        "error": result.error, "response_excerpt": result.response_excerpt,
    })
    if delivery.status != DeliveryStatus.SENDING or delivery.attempts != attempt:
        # This POST outlived its claim and another worker has the delivery now: the log keeps this attempt, the
        # delivery follows the newer one.
        return DeliveryResult(f"superseded by attempt {delivery.attempts}")
    delivery.last_status_code = result.status_code
    delivery.last_error = result.error
    delivery.last_response_excerpt = result.response_excerpt
    retry_in = None
    if outcome == AttemptOutcome.SUCCEEDED:
        delivery.status, delivery.delivered_at = DeliveryStatus.SUCCEEDED, timezone.now()
        delivery.next_attempt_at = None
    elif outcome == AttemptOutcome.RETRY:
        retry_in = backoff_seconds(attempt, retry_after=result.retry_after)
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=retry_in)
    else:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None  # not retried: no next attempt
        logger.warning("Webhook delivery %s failed after %s attempts: %s", delivery.pk, attempt, result.error)
    delivery.save(update_fields=["status", "delivered_at", "next_attempt_at", "last_status_code", "last_error",
                                 "last_response_excerpt"])
    return DeliveryResult(delivery.status, retry_in)
