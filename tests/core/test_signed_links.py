"""The rules every signed link follows (core.signed_links), on a purpose of its own over user accounts."""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import signing

from core.signed_links import LinkPurpose, link_url, make_token, row_for_token

pytestmark = pytest.mark.django_db

User = get_user_model()
# A rename revokes the link: the username is its claim.
ACCOUNT = LinkPurpose(
    salt="tests.core.account", rows=User.objects.all, claims=lambda user: (user.username,), claim_types=(str,),
    max_age=lambda: datetime.timedelta(days=1),
)
OTHER = LinkPurpose(salt="tests.core.other", rows=User.objects.all, claims=ACCOUNT.claims, claim_types=(str,))
ID_ONLY = LinkPurpose(salt="tests.core.id-only", rows=User.objects.all)


@pytest.fixture
def user():
    return User.objects.create_user(username="ada", password="unused-password")


def test_token_opens_its_row(user):
    assert row_for_token(ACCOUNT, make_token(ACCOUNT, user)) == user


def test_token_carries_the_id_then_the_claims_signed_with_the_purpose_salt(user):
    assert signing.loads(make_token(ACCOUNT, user), salt="tests.core.account") == [user.pk, "ada"]
    assert signing.loads(make_token(ID_ONLY, user), salt="tests.core.id-only") == user.pk


def test_token_when_expired_opens_nothing(user, monkeypatch):
    real_time = time.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real_time() - 2 * 24 * 3600)
    token = make_token(ACCOUNT, user)
    monkeypatch.undo()

    assert row_for_token(ACCOUNT, token) is None


def test_token_when_tampered_with_opens_nothing(user):
    token = make_token(ACCOUNT, user)
    value, signature = token.rsplit(":", 1)
    forged = f"{value}:{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"

    assert row_for_token(ACCOUNT, forged) is None
    assert row_for_token(ACCOUNT, "not-a-token") is None


def test_token_of_another_purpose_opens_nothing(user):
    assert row_for_token(OTHER, make_token(ACCOUNT, user)) is None
    assert row_for_token(ACCOUNT, make_token(OTHER, user)) is None


def test_token_when_revoked_by_a_changed_claim_opens_nothing(user):
    token = make_token(ACCOUNT, user)
    User.objects.filter(pk=user.pk).update(username="lovelace")

    assert row_for_token(ACCOUNT, token) is None


def test_token_when_its_row_is_gone_or_refused_opens_nothing(user):
    token = make_token(ACCOUNT, user)
    active_only = LinkPurpose(salt=ACCOUNT.salt, rows=User.objects.filter(is_active=True).all,
                              claims=ACCOUNT.claims, claim_types=(str,))
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert row_for_token(active_only, token) is None

    user.delete()
    assert row_for_token(ACCOUNT, token) is None


def test_token_of_another_shape_opens_nothing(user):
    assert row_for_token(ACCOUNT, signing.dumps(user.pk, salt=ACCOUNT.salt, compress=True)) is None
    assert row_for_token(ACCOUNT, signing.dumps([user.pk, 7], salt=ACCOUNT.salt, compress=True)) is None
    assert row_for_token(ACCOUNT, signing.dumps([True, "ada"], salt=ACCOUNT.salt, compress=True)) is None
    assert row_for_token(ID_ONLY, signing.dumps([user.pk], salt=ID_ONLY.salt, compress=True)) is None


def test_link_url_is_in_the_recipients_language_and_absolute_on_site_url(settings):
    settings.SITE_URL = "https://www.example.org"

    assert link_url("login", language="zh-hans", kwargs={}) == "https://www.example.org/zh-hans/accounts/login/"
    assert link_url("login", language="en", kwargs={}, absolute=False) == "/en/accounts/login/"
