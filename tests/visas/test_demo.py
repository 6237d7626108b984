"""The demo's upcoming edition has visa letters to try: approved, awaiting the desk, revoked; each verifies as it
should and the approved one downloads from its guest's page."""

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from guests import links
from tests.demo.test_live_edition import ON_DEMO_TODAY
from tests.demo_data import DEMO_LIVE_YEAR
from visas.enums import LetterStatus
from visas.models import VisaLetter


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, demo_loader):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_loader()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo, db):
    with time_machine.travel(ON_DEMO_TODAY, tick=False):
        yield _demo


def test_the_upcoming_edition_has_approved_requested_and_revoked_letters(demo, client):
    letters = {letter.reference: letter for letter in
               VisaLetter.objects.filter(registration__summit__year=DEMO_LIVE_YEAR).select_related("registration")}

    assert sorted(letter.status for letter in letters.values()) == sorted(
        [LetterStatus.APPROVED, LetterStatus.APPROVED, LetterStatus.REQUESTED, LetterStatus.REVOKED])
    with translation.override("en"):
        for letter in letters.values():
            verify = client.get(reverse("visas:verify", kwargs={"token": letter.verification_token}))
            assert verify.status_code == (404 if letter.status == LetterStatus.REQUESTED else 200)
        approved = next(letter for letter in letters.values() if letter.status == LetterStatus.APPROVED)
        kwargs = {"year": DEMO_LIVE_YEAR, "token": links.manage_token(approved.registration)}
        assert client.get(reverse("visas:letter_pdf", kwargs=kwargs)).status_code == 200
