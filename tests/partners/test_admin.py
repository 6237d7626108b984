"""The partners' admin: keys issued once and revoked, webhooks with their secret and deliveries, retries."""

import re
import time

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse
from lxml import html

from core.enums import PublicationStatus
from core.models import AuditEntry
from partners.enums import DeliveryStatus
from partners.keys import hash_api_key
from partners.models import ApiKey, WebhookDelivery
from partners.signing import verify_signature
from tests.admin_forms import management, split
from tests.factories.forums import SessionFactory, SpeakerFactory
from tests.factories.partners import ApiKeyFactory, WebhookFactory, issue_key
from tests.partners.conftest import deliver_due

pytestmark = pytest.mark.django_db

RAW_KEY = re.compile(r"wic_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def tables_containing(text: str) -> list[str]:
    """Every table of the database with a row holding ``text`` in any column."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            if any(text in str(value) for row in cursor.fetchall() for value in row):
                found.append(table)
    return found


def test_admin_issues_a_key_shows_it_once_and_stores_only_its_hash(admin_client, admin_user):
    response = admin_client.post(reverse("admin:partners_apikey_add"), {
        "partner": "Wuzhen Hotels", "contact_email": "it@hotels.example", "note": "Room booking app",
    }, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    [raw_key] = RAW_KEY.findall(page)
    assert "will not be shown again" in page
    api_key = ApiKey.objects.get()
    assert (api_key.partner, api_key.created_by, api_key.note) == ("Wuzhen Hotels", admin_user, "Room booking app")
    assert api_key.key_hash == hash_api_key(raw_key)
    assert raw_key.startswith(f"wic_{api_key.prefix}_")
    secret = raw_key[len("wic_12345678_"):][-20:]  # the secret may hold "_" itself: cut at the prefix, not at "_"
    assert tables_containing(secret) == []
    assert AuditEntry.objects.filter(object_id=str(api_key.pk), note="issued", actor=admin_user).exists()

    again = admin_client.get(reverse("admin:partners_apikey_changelist")).content.decode()
    assert RAW_KEY.findall(again) == []
    assert f"wic_{api_key.prefix}_…" in again


def test_key_page_never_shows_the_hash(admin_client):
    api_key, _raw_key = issue_key()

    page = admin_client.get(reverse("admin:partners_apikey_change", args=[api_key.pk])).content.decode()

    assert api_key.prefix in page
    assert api_key.key_hash not in page


def test_editing_a_key_keeps_its_hash(admin_client):
    api_key, raw_key = issue_key()

    response = admin_client.post(reverse("admin:partners_apikey_change", args=[api_key.pk]), {
        "partner": "Renamed partner", "contact_email": "new@partner.example", "note": "",
        "concurrency_token": api_key.updated_at.isoformat(),
    })

    assert response.status_code == 302
    api_key.refresh_from_db()
    assert api_key.partner == "Renamed partner" and api_key.key_hash == hash_api_key(raw_key)


@pytest.mark.urls("wic.urls")
def test_revoke_action_refuses_the_key_from_the_next_request(admin_client, client):
    api_key, raw_key = issue_key()
    other = ApiKeyFactory()
    assert client.get("/api/v1/sessions/", headers={"X-Api-Key": raw_key}).status_code == 200

    response = admin_client.post(reverse("admin:partners_apikey_changelist"), {
        "action": "revoke_selected", "_selected_action": [api_key.pk],
    }, follow=True)

    assert "1 key revoked." in response.content.decode()
    assert client.get("/api/v1/sessions/", headers={"X-Api-Key": raw_key}).status_code == 401
    assert ApiKey.objects.get(pk=other.pk).is_active


def test_keys_list_filters_active_and_revoked(admin_client):
    ApiKeyFactory(partner="Still reading")
    revoked, _raw = issue_key(partner="Contract ended")
    from partners.services import revoke_api_key

    revoke_api_key(api_key=revoked, actor=None)
    url = reverse("admin:partners_apikey_changelist")

    assert "Contract ended" not in admin_client.get(url, {"state": "active"}).content.decode()
    assert "Still reading" not in admin_client.get(url, {"state": "revoked"}).content.decode()


def test_keys_are_revoked_not_deleted(admin_client):
    api_key = ApiKeyFactory()

    assert admin_client.get(reverse("admin:partners_apikey_delete", args=[api_key.pk])).status_code == 403


def test_webhook_secret_is_shown_to_those_who_may_change_webhooks_only(admin_client, client, django_user_model):
    webhook = WebhookFactory()
    url = reverse("admin:partners_webhook_change", args=[webhook.pk])
    assert webhook.secret in admin_client.get(url).content.decode()

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_webhook"))
    client.force_login(viewer)
    response = client.get(url)
    assert response.status_code == 200
    assert webhook.secret not in response.content.decode()


def test_webhook_admin_refuses_an_address_that_is_not_http(admin_client):
    response = admin_client.post(reverse("admin:partners_webhook_add"), {
        "partner": "Transit", "url": "ftp://files.transit.example/", "is_active": "on",
    })

    assert response.status_code == 200
    assert "A webhook address must start with http or https." in response.content.decode()


def test_test_event_action_sends_a_ping_and_the_admin_lists_the_delivery(
    admin_client, webhook_receiver, django_capture_on_commit_callbacks
):
    webhook = WebhookFactory(partner="City Transit App", url=webhook_receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:partners_webhook_changelist"), {
            "action": "send_test_event", "_selected_action": [webhook.pk],
        })
    deliver_due()

    assert webhook_receiver.events() == ["ping"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    webhook_page = admin_client.get(reverse("admin:partners_webhook_change", args=[webhook.pk])).content.decode()
    assert reverse("admin:partners_webhookdelivery_change", args=[delivery.pk]) in webhook_page


def test_delivery_list_shows_each_delivery_and_its_outcome_and_retries_the_failed(
    admin_client, webhook_receiver, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    WebhookFactory(partner="City Transit App", url=webhook_receiver.url)
    webhook_receiver.answer(404)
    session.save()
    deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED

    listing = admin_client.get(reverse("admin:partners_webhookdelivery_changelist")).content.decode()
    assert "session.updated" in listing and "Failed" in listing and "HTTP 404 Not Found" in listing
    assert session.title in listing  # which session each delivery is about
    page = admin_client.get(reverse("admin:partners_webhookdelivery_change", args=[delivery.pk])).content.decode()
    assert "status 404 from the partner" in page  # the attempt's answer, in the attempts inline
    assert str(session.guid) in page
    found = admin_client.get(reverse("admin:partners_webhookdelivery_changelist"), {"q": str(delivery.event_id)})
    assert found.context["cl"].result_count == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:partners_webhookdelivery_changelist"), {
            "action": "retry_selected", "_selected_action": [delivery.pk],
        }, follow=True)

    assert "1 delivery queued again." in response.content.decode()
    deliver_due()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2


def next_attempt_cells(response) -> dict[str, str]:
    """The "next attempt" column of the deliveries' list, by status."""
    page = html.fromstring(response.content.decode())
    return {row.xpath("string(./td[@class='field-status'])").strip():
            row.xpath("string(./td[contains(@class, 'field-next_attempt_at')])").strip()
            for row in page.xpath("//table[@id='result_list']/tbody/tr")}


def test_a_delivery_that_will_not_be_retried_shows_no_next_attempt(organizer_client, webhook_receiver):
    given_up, delivered, waiting = (SessionFactory() for _ in range(3))
    WebhookFactory(partner="City Transit App", url=webhook_receiver.url, summit=given_up.forum.summit)
    WebhookFactory(partner="Metro Guide", url=webhook_receiver.url, summit=delivered.forum.summit)
    WebhookFactory(partner="Hotel Desk", url=webhook_receiver.url, summit=waiting.forum.summit)
    for session, answer in ((given_up, 404), (delivered, 200), (waiting, 503)):
        webhook_receiver.answer(answer)
        session.save()
        deliver_due()

    assert {delivery.status: delivery.next_attempt_at is None for delivery in WebhookDelivery.objects.all()} == {
        DeliveryStatus.FAILED: True, DeliveryStatus.SUCCEEDED: True, DeliveryStatus.RETRYING: False}
    cells = next_attempt_cells(organizer_client.get(reverse("admin:partners_webhookdelivery_changelist")))
    assert cells["Failed"] == cells["Delivered"] == "-"
    assert cells["Waiting to retry"] not in {"", "-"}
    failed = WebhookDelivery.objects.get(status=DeliveryStatus.FAILED)
    page = html.fromstring(organizer_client.get(
        reverse("admin:partners_webhookdelivery_change", args=[failed.pk])).content.decode())
    assert page.xpath("string(//div[contains(@class, 'field-next_attempt_at')]//div[@class='readonly'])") == "-"


def test_session_saved_in_the_admin_with_a_new_speaker_is_one_event_with_that_speaker(
    admin_client, webhook_receiver, django_capture_on_commit_callbacks
):
    session = SessionFactory(title="Data", status=PublicationStatus.PUBLISHED)
    speaker = SpeakerFactory(name="Ada Lovelace")
    WebhookFactory(url=webhook_receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:forums_session_change", args=[session.pk]), {
            "forum": session.forum.pk, "type": "panel", "title_en": "Data governance", "title_zh_hans": "数据",
            **split("start", session.start), **split("end", session.end), "room": session.room.pk,
            "language": "bilingual", "status": "published", "concurrency_token": session.updated_at.isoformat(),
            **management("session_speakers", 1), **management("interpretation_channels", 0),
            "session_speakers-0-speaker": speaker.pk, "session_speakers-0-role": "speaker",
            "session_speakers-0-order": "0",
        })

    assert response.status_code == 302
    deliver_due()
    [hook] = webhook_receiver.received
    assert hook.json["data"]["title"] == "Data governance"
    assert [item["speaker"]["name"] for item in hook.json["data"]["speakers"]] == ["Ada Lovelace"]


PARTNER_DELAY = 1.0  # seconds the partner's endpoint takes to answer


def test_admin_save_does_not_wait_for_a_slow_partner_and_the_worker_delivers_it_signed(
    admin_client, webhook_receiver, django_capture_on_commit_callbacks
):
    session = SessionFactory(title="Data", status=PublicationStatus.PUBLISHED)
    webhook = WebhookFactory(url=webhook_receiver.url)
    webhook_receiver.answer(200, delay=PARTNER_DELAY)
    assert admin_client.get(reverse("admin:forums_session_change", args=[session.pk])).status_code == 200

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):  # what follows the commit runs too
        response = admin_client.post(reverse("admin:forums_session_change", args=[session.pk]), {
            "forum": session.forum.pk, "type": "panel", "title_en": "Data governance", "title_zh_hans": "数据",
            **split("start", session.start), **split("end", session.end), "room": session.room.pk,
            "language": "bilingual", "status": "published", "concurrency_token": session.updated_at.isoformat(),
            **management("session_speakers", 0), **management("interpretation_channels", 0),
        })
    saved_in = time.monotonic() - started

    assert response.status_code == 302
    assert webhook_receiver.received == []  # the request sent nothing: the partner's time is not the organizer's
    assert saved_in < PARTNER_DELAY
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)

    assert deliver_due() == 1

    [hook] = webhook_receiver.received
    assert hook.json["data"]["title"] == "Data governance"
    assert verify_signature(secret=webhook.secret, body=hook.body, header=hook.headers["X-WIC-Signature"])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 1)


def test_organizers_issue_keys_and_manage_webhooks_and_see_deliveries(organizer_client):
    delivery = WebhookDelivery.objects.create(webhook=WebhookFactory(), event_type="ping", payload={})

    for name in ["admin:partners_apikey_add", "admin:partners_apikey_changelist", "admin:partners_webhook_add",
                 "admin:partners_webhookdelivery_changelist"]:
        assert organizer_client.get(reverse(name)).status_code == 200, name
    page = organizer_client.get(reverse("admin:partners_webhookdelivery_change", args=[delivery.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # deliveries are read-only
