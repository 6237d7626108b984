"""The public page a consulate opens from the letter's QR code."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories.visas import VisaLetterFactory
from visas.enums import LetterStatus
from visas.letters import verification_url

pytestmark = pytest.mark.django_db


def verify_path(letter_or_token, language="en"):
    token = getattr(letter_or_token, "verification_token", letter_or_token)
    with translation.override(language):
        return reverse("visas:verify", kwargs={"token": token})


@pytest.mark.parametrize(("language", "valid"), [("en", "This letter is valid."), ("zh-hans", "本函有效。")])
def test_a_valid_letter_shows_name_dates_and_reference_only(client, language, valid):
    letter = VisaLetterFactory(status=LetterStatus.APPROVED, decided_at=timezone.now())

    response = client.get(verify_path(letter, language))

    html = response.content.decode()
    assert response.status_code == 200
    assert valid in html and letter.reference in html and "ODHIAMBO, Amina Njeri" in html
    assert letter.passport_number not in html and "1980" not in html and "2029" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow" and '<meta name="robots" content="noindex' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize(("language", "revoked"), [("en", "REVOKED"), ("zh-hans", "本函已撤销")])
def test_a_revoked_letter_says_it_is_revoked(client, language, revoked):
    letter = VisaLetterFactory(status=LetterStatus.REVOKED, decided_at=timezone.now(), revoked_at=timezone.now(),
                               decision_reason="Fraudulent registration")

    response = client.get(verify_path(letter, language))

    html = response.content.decode()
    assert response.status_code == 200 and revoked in html and letter.reference in html
    assert "This letter is valid." not in html and "本函有效。" not in html
    assert "Fraudulent registration" not in html and letter.passport_number not in html


@pytest.mark.parametrize("status", [LetterStatus.REQUESTED, LetterStatus.REFUSED])
def test_a_letter_never_issued_is_not_found(client, status):
    letter = VisaLetterFactory(status=status)

    assert client.get(verify_path(letter)).status_code == 404


def test_an_unknown_token_is_not_found(client):
    VisaLetterFactory(status=LetterStatus.APPROVED)

    assert client.get(verify_path("x" * 32)).status_code == 404


def test_the_qr_code_points_at_the_verification_page(settings):
    letter = VisaLetterFactory.build(verification_token="abc")

    assert verification_url(letter) == f"{settings.SITE_URL}/zh-hans/visa-letters/verify/abc/"
