"""Webhook events: which programme changes send what, and how a delivery reaches a real HTTP endpoint.

A change only writes its deliveries; the worker sends them (here in-process: ``deliver_due``, beat's job, which
``manage.py run_beat_jobs`` runs too)."""

import datetime
import hashlib
import hmac
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core.enums import PublicationStatus
from forums.api.serializers import session_event_payload
from partners import services
from partners.enums import AttemptOutcome, DeliveryStatus
from partners.models import Webhook, WebhookAttempt, WebhookDelivery
from partners.signing import verify_signature
from partners.tasks import deliver_webhook
from tests.factories.forums import SessionFactory, SessionSpeakerFactory, SpeakerFactory
from tests.factories.partners import WebhookFactory
from tests.factories.summits import SummitFactory
from tests.partners.conftest import deliver_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(webhook_receiver):
    """A public session, and then a partner's webhook on the receiver (so the session's creation sent nothing)."""
    public_session = SessionFactory(title="AI Governance")
    WebhookFactory(partner="City Transit App", url=webhook_receiver.url)
    return public_session


@pytest.fixture
def webhook(session):
    return Webhook.objects.get(partner="City Transit App")


def expected_signature(secret: str, header: str, body: bytes) -> bool:
    """The check a partner writes, independently of partners.signing."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    digest = hmac.new(secret.encode(), fields["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, fields["v1"])


def make_overdue(delivery: WebhookDelivery) -> None:
    """What the passing of time does to a delivery waiting to retry."""
    overdue = timezone.now() - datetime.timedelta(minutes=5)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=overdue)


# --- What sends an event ---------------------------------------------------------------------------------------


def test_public_session_saved_sends_one_signed_session_updated(
    webhook, session, webhook_receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session.title = "AI Governance and Safety"
        session.save()
    assert webhook_receiver.received == []  # the save only wrote the delivery, even after its commit
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING

    assert deliver_due() == 1

    [hook] = webhook_receiver.received
    delivery = WebhookDelivery.objects.get()
    assert hook.path == "/wic-hooks"
    assert hook.headers["Content-Type"] == "application/json"
    assert hook.headers["User-Agent"] == "WIC-Summit-Webhooks/1"
    assert hook.headers["X-WIC-Event"] == "session.updated"
    assert hook.headers["X-WIC-Delivery"] == str(delivery.event_id) == hook.json["id"]
    assert expected_signature(webhook.secret, hook.headers["X-WIC-Signature"], hook.body)
    assert hook.json["type"] == "session.updated"
    assert datetime.datetime.fromisoformat(hook.json["created_at"]).utcoffset() == datetime.timedelta(hours=8)
    assert hook.json["data"] == session_event_payload(session)
    assert hook.json["data"]["guid"] == str(session.guid)
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
    assert delivery.delivered_at is not None and delivery.last_status_code == 200


def test_signature_verifies_only_with_the_secret_the_body_and_a_fresh_time(
    webhook, session, webhook_receiver, django_capture_on_commit_callbacks
):
    session.save()
    deliver_due()
    [hook] = webhook_receiver.received
    header = hook.headers["X-WIC-Signature"]
    sent_at = int(dict(part.split("=", 1) for part in header.split(","))["t"])

    assert verify_signature(secret=webhook.secret, body=hook.body, header=header)
    assert not verify_signature(secret="another secret", body=hook.body, header=header)
    assert not verify_signature(secret=webhook.secret, body=hook.body.replace(b"AI", b"XX"), header=header)
    assert not verify_signature(secret=webhook.secret, body=hook.body, header=header, now=sent_at + 301)


def test_draft_session_edited_sends_nothing(webhook, webhook_receiver):
    draft = SessionFactory(status=PublicationStatus.DRAFT)

    draft.title = "Still a draft"
    draft.save()
    deliver_due()

    assert webhook_receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_published_session_of_a_draft_forum_sends_nothing(webhook, webhook_receiver):
    hidden = SessionFactory(forum__status=PublicationStatus.DRAFT)

    hidden.save()
    deliver_due()

    assert webhook_receiver.received == []


def test_publishing_a_session_sends_session_updated(webhook, webhook_receiver):
    draft = SessionFactory(status=PublicationStatus.DRAFT)

    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    deliver_due()

    assert webhook_receiver.events() == ["session.updated"]


def test_unpublishing_a_public_session_sends_session_deleted_with_its_ids_only(session, webhook_receiver):
    session.status = PublicationStatus.DRAFT
    session.save()
    deliver_due()

    [hook] = webhook_receiver.received
    assert hook.json["type"] == "session.deleted"
    assert hook.json["data"] == {"id": session.pk, "guid": str(session.guid)}


def test_deleting_a_public_session_sends_session_deleted(session, webhook_receiver):
    session_id, guid = session.pk, str(session.guid)

    session.delete()
    deliver_due()

    [hook] = webhook_receiver.received
    assert hook.json["type"] == "session.deleted"
    assert hook.json["data"] == {"id": session_id, "guid": guid}


def test_deleting_a_forum_sends_session_deleted_for_each_public_session_only(webhook_receiver):
    first = SessionSpeakerFactory().session
    second = SessionFactory(forum=first.forum, start=first.end, end=first.end + datetime.timedelta(hours=1))
    SessionFactory(forum=first.forum, status=PublicationStatus.DRAFT, start=second.end,
                   end=second.end + datetime.timedelta(hours=1))
    WebhookFactory(url=webhook_receiver.url)

    first.forum.delete()
    deliver_due()

    assert webhook_receiver.events() == ["session.deleted", "session.deleted"]
    assert {hook.json["data"]["guid"] for hook in webhook_receiver.received} == {str(first.guid), str(second.guid)}


def test_unpublishing_then_republishing_a_forum_sends_events_for_its_published_sessions(webhook_receiver):
    shown = SessionFactory()
    SessionFactory(forum=shown.forum, status=PublicationStatus.DRAFT, start=shown.end,
                   end=shown.end + datetime.timedelta(hours=1))
    forum = shown.forum
    WebhookFactory(url=webhook_receiver.url)

    forum.status = PublicationStatus.DRAFT
    forum.save()
    deliver_due()
    forum.title = "Renamed while hidden"
    forum.save()
    deliver_due()
    forum.status = PublicationStatus.PUBLISHED
    forum.save()
    deliver_due()

    assert webhook_receiver.events() == ["session.deleted", "session.updated"]
    assert {hook.json["data"]["guid"] for hook in webhook_receiver.received} == {str(shown.guid)}
    assert webhook_receiver.received[1].json["data"]["forum"]["title"] == "Renamed while hidden"


def test_each_save_is_one_event(session, webhook_receiver):
    for title in ["First title", "Second title"]:
        session.title = title
        session.save()
        deliver_due()

    assert [hook.json["data"]["title"] for hook in webhook_receiver.received] == ["First title", "Second title"]
    assert len({hook.json["id"] for hook in webhook_receiver.received}) == 2


def test_saves_before_the_first_is_sent_are_one_event_with_the_latest_state(
    session, webhook_receiver, django_capture_on_commit_callbacks
):
    for title in ["First title", "Second title", "Third title"]:
        with django_capture_on_commit_callbacks(execute=True):  # each save its own transaction
            session.title = title
            session.save()
    deliver_due()

    [hook] = webhook_receiver.received
    assert hook.json["data"]["title"] == "Third title"


def test_update_after_a_pending_deletion_stays_after_it(session, webhook_receiver):
    session.save()  # updated
    session.status = PublicationStatus.DRAFT
    session.save()  # deleted
    session.status = PublicationStatus.PUBLISHED
    session.save()  # updated again: must not be folded into the first, before the deletion
    deliver_due()

    assert webhook_receiver.events() == ["session.updated", "session.deleted", "session.updated"]


def test_adding_a_speaker_to_a_public_session_sends_session_updated_with_them(session, webhook_receiver):
    speaker = SpeakerFactory(name="Ada Lovelace")

    session.speakers.add(speaker, through_defaults={"order": 1})
    deliver_due()

    [hook] = webhook_receiver.received
    assert [item["speaker"]["name"] for item in hook.json["data"]["speakers"]] == ["Ada Lovelace"]


def test_webhooks_hear_only_their_summit_and_only_while_active(session, webhook_receiver):
    WebhookFactory(url=webhook_receiver.url + "/other-summit", summit=SummitFactory(year=2023))
    WebhookFactory(url=webhook_receiver.url + "/this-summit", summit=session.forum.summit)
    WebhookFactory(url=webhook_receiver.url + "/inactive", is_active=False)

    session.save()
    deliver_due()

    assert sorted(hook.path for hook in webhook_receiver.received) == ["/wic-hooks", "/wic-hooks/this-summit"]


def test_event_rolled_back_with_its_change_is_never_sent(session, webhook_receiver,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        session.save()
        raise RuntimeError("the admin's save failed after the session row")
    deliver_due()

    assert webhook_receiver.received == []
    assert not WebhookDelivery.objects.exists()


# --- Delivery, retries, giving up ------------------------------------------------------------------------------


def test_failed_attempt_is_retried_on_its_schedule_and_delivered_once(session, webhook, webhook_receiver):
    webhook_receiver.answer(500)
    session.save()
    assert deliver_due() == 1

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.attempts == 1
    assert delivery.last_status_code == 500
    assert delivery.last_response_excerpt == "status 500 from the partner"
    wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert 25 < wait <= 37.5  # 30 s, plus up to a quarter of jitter
    assert deliver_due() == 0  # the retry is not sent before its time...
    assert deliver_webhook.delay(delivery_id=delivery.pk).get() == "not due"  # ...even by a task naming it
    assert len(webhook_receiver.received) == 1

    make_overdue(delivery)
    assert deliver_due() == 1
    assert deliver_webhook.delay(delivery_id=delivery.pk).get() == "already succeeded"  # a duplicate task
    assert deliver_due() == 0

    first, second = webhook_receiver.received
    assert first.headers["X-WIC-Delivery"] == second.headers["X-WIC-Delivery"]
    assert first.body == second.body
    assert expected_signature(webhook.secret, second.headers["X-WIC-Signature"], second.body)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2
    assert list(WebhookAttempt.objects.values_list("number", "status_code", "outcome")) == [
        (1, 500, AttemptOutcome.RETRY), (2, 200, AttemptOutcome.SUCCEEDED),
    ]


def test_waits_double_from_the_first_retry_setting(session, webhook_receiver, settings):
    settings.WEBHOOK_RETRY_FIRST_SECONDS = 1
    webhook_receiver.answer(503, 503)
    session.save()
    delivery = WebhookDelivery.objects.get()

    waits = []
    for _attempt in range(2):
        make_overdue(delivery)
        deliver_due()
        delivery.refresh_from_db()
        waits.append((delivery.next_attempt_at - timezone.now()).total_seconds())

    assert 0.5 < waits[0] <= 1.25 and 1.5 < waits[1] <= 2.5


def test_delivery_gives_up_after_the_last_attempt(session, webhook_receiver, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    webhook_receiver.answer(503, 503, 503, 503)
    session.save()
    delivery = WebhookDelivery.objects.get()

    for _attempt in range(3):
        make_overdue(delivery)
        deliver_due()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
    assert delivery.next_attempt_at is None
    assert len(webhook_receiver.received) == 3
    assert WebhookAttempt.objects.filter(delivery=delivery).last().outcome == AttemptOutcome.FAILED


@pytest.mark.parametrize(("status", "expected"), [
    (400, DeliveryStatus.FAILED), (404, DeliveryStatus.FAILED), (410, DeliveryStatus.FAILED),
    (301, DeliveryStatus.FAILED), (429, DeliveryStatus.RETRYING), (502, DeliveryStatus.RETRYING),
])
def test_client_errors_fail_at_once_and_server_errors_retry(session, webhook_receiver, status, expected):
    webhook_receiver.answer(status, headers={"Location": "https://elsewhere.example/"} if status == 301 else None)
    session.save()
    deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == expected
    make_overdue(delivery)
    deliver_due()

    delivery.refresh_from_db()
    if expected == DeliveryStatus.FAILED:
        assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 1
        assert len(webhook_receiver.received) == 1  # the requeue sent nothing more
        assert delivery.last_status_code == status
    else:
        assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2


def test_retry_after_from_the_partner_is_honoured(session, webhook_receiver):
    webhook_receiver.answer(429, headers={"Retry-After": "600"})
    session.save()
    deliver_due()

    wait = (WebhookDelivery.objects.get().next_attempt_at - timezone.now()).total_seconds()
    assert 590 < wait <= 600


def test_timeout_and_refused_connection_are_retried(session, webhook, webhook_receiver, settings):
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.3
    webhook_receiver.answer(200, delay=1.5)
    session.save()
    deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.last_status_code is None and "timed out" in delivery.last_error

    webhook_receiver.stop()  # nobody listens there any more
    make_overdue(delivery)
    deliver_due()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.attempts == 2
    assert "refused" in delivery.last_error.lower()


def test_where_tasks_run_in_process_a_delivery_waits_for_run_beat_jobs(session, webhook_receiver, capsys,
                                                                        django_capture_on_commit_callbacks):
    """runserver alone (tasks in-process, no worker, no beat): the change queued nothing, its delivery waits for
    beat's job, which `manage.py run_beat_jobs` runs, and which sends it at once."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        session.save()
    assert callbacks  # the commit hook ran, and sent nothing
    assert webhook_receiver.received == []

    call_command("run_beat_jobs")
    call_command("run_beat_jobs")

    assert webhook_receiver.events() == ["session.updated"]
    said = capsys.readouterr().out
    assert "requeue-webhook-deliveries: 1" in said and "requeue-webhook-deliveries: 0" in said


def test_same_task_twice_sends_once(session, webhook_receiver):
    session.save()
    delivery = WebhookDelivery.objects.get()

    assert deliver_webhook.delay(delivery_id=delivery.pk).get() == DeliveryStatus.SUCCEEDED
    assert deliver_webhook.delay(delivery_id=delivery.pk).get() == "already succeeded"
    assert len(webhook_receiver.received) == 1


def being_sent_by_a_worker_that_stopped(delivery: WebhookDelivery, *, seconds_ago: float) -> None:
    """What a worker killed in the middle of a POST leaves: the delivery claimed (attempt 1 counted), its time
    running from ``seconds_ago``."""
    started = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, attempts=1,
        next_attempt_at=started + datetime.timedelta(seconds=65),  # WEBHOOK_TIMEOUT_SECONDS + the margin
    )


def test_delivery_being_sent_is_left_to_its_worker_then_sent_again_once_its_time_is_up(
    session, webhook_receiver
):
    session.save()
    delivery = WebhookDelivery.objects.get()
    being_sent_by_a_worker_that_stopped(delivery, seconds_ago=1)

    assert deliver_webhook.delay(delivery_id=delivery.pk).get() == "being sent"
    assert deliver_due() == 0
    assert webhook_receiver.received == []

    being_sent_by_a_worker_that_stopped(delivery, seconds_ago=120)
    assert deliver_due() == 1

    [hook] = webhook_receiver.received
    assert hook.headers["X-WIC-Delivery"] == str(delivery.event_id)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2
    lost, sent = WebhookAttempt.objects.filter(delivery=delivery)
    assert (lost.number, lost.status_code, lost.outcome) == (1, None, AttemptOutcome.RETRY)
    assert lost.error.startswith("No outcome recorded: the worker stopped during this attempt")
    assert (sent.number, sent.status_code, sent.outcome) == (2, 200, AttemptOutcome.SUCCEEDED)


def test_delivery_whose_worker_stopped_during_its_last_attempt_is_failed(session, webhook_receiver, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    session.save()
    delivery = WebhookDelivery.objects.get()
    being_sent_by_a_worker_that_stopped(delivery, seconds_ago=120)

    assert deliver_due() == 1

    assert webhook_receiver.received == []
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.next_attempt_at is None
    assert delivery.last_error.startswith("No outcome recorded")


def test_delivery_of_a_deactivated_webhook_is_not_sent(session, webhook, webhook_receiver):
    session.save()
    Webhook.objects.filter(pk=webhook.pk).update(is_active=False)

    deliver_webhook.delay(delivery_id=WebhookDelivery.objects.get().pk)

    assert webhook_receiver.received == []
    assert WebhookDelivery.objects.get().status == DeliveryStatus.FAILED


def test_task_for_a_delivery_gone_does_nothing():
    assert deliver_webhook.delay(delivery_id=999_999).get() == "gone"


def test_manual_retry_of_a_failed_delivery_sends_it_again(session, webhook_receiver):
    webhook_receiver.answer(404)
    session.save()
    deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED

    assert services.retry_webhook_delivery(delivery=delivery, actor=None) is True
    deliver_due()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2
    assert services.retry_webhook_delivery(delivery=delivery, actor=None) is False


def test_test_event_is_a_signed_ping(webhook, webhook_receiver):
    services.send_test_event(webhook=webhook, actor=None)
    deliver_due()

    [hook] = webhook_receiver.received
    assert hook.headers["X-WIC-Event"] == "ping"
    assert hook.json["data"]["webhook"] == webhook.pk
    assert uuid.UUID(hook.json["id"])
    assert expected_signature(webhook.secret, hook.headers["X-WIC-Signature"], hook.body)


# --- Addresses -------------------------------------------------------------------------------------------------


def test_webhook_address_is_http_or_https():
    with pytest.raises(ValidationError) as error:
        WebhookFactory.build(url="ftp://files.partner.example/hooks").full_clean()
    assert "url" in error.value.message_dict
    WebhookFactory.build(url="http://hooks.partner.example/").full_clean()


def test_production_accepts_https_only(settings):
    settings.PRODUCTION = True

    with pytest.raises(ValidationError, match="https"):
        WebhookFactory.build(url="http://hooks.partner.example/").full_clean()
    WebhookFactory.build(url="https://hooks.partner.example/").full_clean()


def test_internal_addresses_are_refused_where_not_allowed(session, webhook_receiver, settings):
    settings.WEBHOOK_ALLOW_INTERNAL_ADDRESSES = False

    session.title = "Moved"
    session.save()
    deliver_due()

    assert webhook_receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert "127.0.0.1 is not a public internet address" in delivery.last_error
