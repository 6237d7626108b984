"""API keys on requests: issued once and stored hashed, refused when unknown or revoked, their use recorded."""

import hashlib
import types

import pytest
from django.core.cache.backends import locmem

from core.models import AuditEntry
from partners import services
from partners.models import ApiKey
from tests.factories.partners import issue_key

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

URL = "/api/v1/whoami/"


def test_issued_key_is_stored_as_its_sha256_only():
    api_key, raw_key = issue_key(partner="Wuzhen Hotels")

    prefix, secret = raw_key.removeprefix("wic_").split("_", 1)
    stored = ApiKey.objects.values().get(pk=api_key.pk)
    assert stored["prefix"] == prefix and len(prefix) == 8
    assert stored["key_hash"] == hashlib.sha256(raw_key.encode()).hexdigest()
    assert len(secret) >= 43  # 256 random bits, base64url
    assert not [name for name, value in stored.items() if secret in str(value)]
    assert AuditEntry.objects.get(object_id=str(api_key.pk)).note == "issued"


def test_two_keys_never_share_a_secret():
    assert issue_key()[1] != issue_key()[1]


@pytest.mark.parametrize("header", ["X-Api-Key", "Authorization"])
def test_request_with_a_valid_key_is_the_partners(client, header):
    _api_key, raw_key = issue_key(partner="Wuzhen Hotels")
    value = raw_key if header == "X-Api-Key" else f"Api-Key {raw_key}"

    response = client.get(URL, headers={header: value})

    assert response.status_code == 200
    assert response.json() == {"partner": "Wuzhen Hotels"}


def test_request_without_a_key_is_anonymous(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"partner": None}


def test_other_authorization_schemes_are_left_alone(client):
    assert client.get(URL, headers={"Authorization": "Bearer something"}).json() == {"partner": None}


@pytest.mark.parametrize(
    "value", ["wic_00000000_not-a-key-we-issued", "guessing", "", "Api-Key", "Api-Key a b"],
    ids=["unknown", "malformed", "empty", "scheme-only", "two-parts"],
)
def test_unknown_key_is_refused_with_401(client, value):
    headers = {"Authorization": value} if value.startswith("Api-Key") else {"X-Api-Key": value}

    response = client.get(URL, headers=headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == "Unknown or revoked API key."


def test_revoked_key_is_refused_from_the_next_request_although_its_lookup_was_cached(client):
    api_key, raw_key = issue_key()
    assert client.get(URL, headers={"X-Api-Key": raw_key}).status_code == 200  # now in the lookup cache

    assert services.revoke_api_key(api_key=api_key, actor=None) is True

    response = client.get(URL, headers={"X-Api-Key": raw_key})
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert ApiKey.objects.get(pk=api_key.pk).revoked_at is not None


def test_revoking_twice_revokes_once():
    api_key, _raw_key = issue_key()

    assert services.revoke_api_key(api_key=api_key, actor=None) is True
    assert services.revoke_api_key(api_key=api_key, actor=None) is False
    assert AuditEntry.objects.filter(object_id=str(api_key.pk), note="revoked").count() == 1


@pytest.mark.urls("wic.urls")
def test_revoked_key_is_refused_by_the_real_api(client):
    """The project's API endpoints authenticate with the settings' classes too; the schema is public."""
    api_key, raw_key = issue_key()
    services.revoke_api_key(api_key=api_key, actor=None)

    response = client.get("/api/v1/sessions/", headers={"X-Api-Key": raw_key})

    assert client.get("/api/v1/schema/", headers={"X-Api-Key": raw_key}).status_code == 200
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert response.json()["detail"] == "Unknown or revoked API key."


def test_steady_use_of_a_key_costs_no_query(client, django_assert_num_queries):
    _api_key, raw_key = issue_key()
    client.get(URL, headers={"X-Api-Key": raw_key})

    with django_assert_num_queries(0):
        assert client.get(URL, headers={"X-Api-Key": raw_key}).status_code == 200


def test_last_use_is_recorded_at_most_once_a_minute(client, settings, monkeypatch, django_assert_num_queries):
    # The local-memory cache, whose clock this test can move (Redis keeps its own).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}}
    api_key, raw_key = issue_key()
    assert api_key.last_used_at is None

    client.get(URL, headers={"X-Api-Key": raw_key})
    first_use = ApiKey.objects.get(pk=api_key.pk).last_used_at
    assert first_use is not None
    with django_assert_num_queries(0):
        client.get(URL, headers={"X-Api-Key": raw_key})
    assert ApiKey.objects.get(pk=api_key.pk).last_used_at == first_use

    real_time = locmem.time.time
    monkeypatch.setattr(locmem, "time", types.SimpleNamespace(time=lambda: real_time() + 61))
    client.get(URL, headers={"X-Api-Key": raw_key})
    assert ApiKey.objects.get(pk=api_key.pk).last_used_at > first_use


def test_recording_use_does_not_move_the_admins_edit_guard():
    api_key, _raw_key = issue_key()

    assert services.record_key_use(api_key=api_key) is True
    assert services.record_key_use(api_key=api_key) is False
    refreshed = ApiKey.objects.get(pk=api_key.pk)
    assert refreshed.last_used_at is not None
    assert refreshed.updated_at == api_key.updated_at
