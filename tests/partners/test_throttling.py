"""Rate limits: anonymous clients per address, partners per key and higher; 429 with Retry-After past them."""

import pytest

from tests.factories.partners import issue_key

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

URL = "/api/v1/whoami/"


@pytest.fixture(autouse=True)
def low_rates(settings):
    """Three anonymous requests a minute, five per key: DRF's settings reload, and the throttles read them then."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anonymous": "3/minute", "partner": "5/minute"},
    }


def statuses(client, count: int, **headers) -> list[int]:
    return [client.get(URL, headers=headers).status_code for _ in range(count)]


def test_anonymous_client_is_throttled_at_the_anonymous_rate(client):
    assert statuses(client, 4) == [200, 200, 200, 429]

    response = client.get(URL)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["status"] == 429


def test_partner_key_has_its_own_higher_allowance(client):
    _api_key, raw_key = issue_key()
    assert statuses(client, 4) == [200, 200, 200, 429]  # the address has used up the anonymous allowance

    assert statuses(client, 6, x_api_key=raw_key) == [200] * 5 + [429]
    assert 1 <= int(client.get(URL, headers={"X-Api-Key": raw_key})["Retry-After"]) <= 60


def test_each_key_is_counted_apart(client):
    _first, first_key = issue_key(partner="Transit")
    _second, second_key = issue_key(partner="Hotels")

    assert statuses(client, 6, x_api_key=first_key)[-1] == 429
    assert statuses(client, 5, x_api_key=second_key) == [200] * 5


def test_anonymous_client_cannot_escape_the_limit_with_forwarded_for(client):
    codes = [
        client.get(URL, headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(4)
    ]

    assert codes == [200, 200, 200, 429]


def test_behind_a_declared_proxy_each_client_address_counts(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # one setting for the API's throttle and the forms' limits

    assert statuses(client, 4, x_forwarded_for="203.0.113.7") == [200, 200, 200, 429]
    assert statuses(client, 3, x_forwarded_for="198.51.100.9") == [200, 200, 200]
    # What the client writes before the proxy's entry buys no fresh allowance.
    assert statuses(client, 1, x_forwarded_for="192.0.2.1, 203.0.113.7") == [429]


def test_refused_key_is_refused_not_served_at_the_anonymous_rate(client):
    assert statuses(client, 2, x_api_key="wic_00000000_unknown") == [401, 401]
