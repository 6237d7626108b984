"""Passport data: erased with the guest, exported to them, never in the logs."""

import io
import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone, translation

from core.log_scrubbing import scrub_personal_data
from core.models import AuditEntry
from guests import links
from guests.services.privacy import erase_guest, export_guest
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.visas import VisaLetterFactory
from visas.enums import LetterStatus
from visas.models import VisaLetter

pytestmark = pytest.mark.django_db

PASSPORT = "P4X7Q9Z2K"


def test_erasing_the_guest_erases_their_letters_passport_data_and_stops_verification(admin_user, client):
    letter = VisaLetterFactory(status=LetterStatus.APPROVED, decided_at=timezone.now(), passport_number=PASSPORT)
    other = VisaLetterFactory(status=LetterStatus.APPROVED, decided_at=timezone.now())
    with translation.override("en"):
        verify = reverse("visas:verify", kwargs={"token": letter.verification_token})
    assert client.get(verify).status_code == 200

    erase_guest(guest=letter.registration.guest, actor=admin_user)

    letter.refresh_from_db()
    assert (letter.surname, letter.given_names, letter.passport_number, letter.passport_expiry,
            letter.date_of_birth, letter.sex) == ("[erased]", "", "", None, None, "")
    assert letter.erased_at is not None and letter.nationality.code == "KE"  # still counted by nationality
    assert not VisaLetter.objects.filter(passport_number=PASSPORT).exists()
    assert client.get(verify).status_code == 404
    other.refresh_from_db()
    assert other.passport_number and other.surname == "ODHIAMBO"


def test_the_guests_export_holds_their_letters_but_not_the_passport_data_organizers_may_not_see(organizer_client):
    letter = VisaLetterFactory(passport_number=PASSPORT)
    VisaLetterFactory()  # someone else's

    export = export_guest(guest=letter.registration.guest)

    assert [row["reference"] for row in export["visa_letters"]] == [letter.reference]
    assert export["visa_letters"][0]["surname"] == "ODHIAMBO"
    assert "held by the visa desk" in export["visa_letters"][0]["passport_data"]
    response = organizer_client.post(reverse("admin:guests_guest_changelist"), {
        "action": "export_personal_data", "_selected_action": [letter.registration.guest_id]})
    downloaded = response.content.decode()
    assert letter.reference in downloaded
    assert PASSPORT not in downloaded and "1980-03-14" not in downloaded and "2029-05-31" not in downloaded
    json.dumps(export, cls=DjangoJSONEncoder)


@pytest.fixture
def every_log_line():
    """The project's LOGGING at DEBUG for every logger, its console handler (and filter) writing to a string."""
    logging.config.dictConfig(settings.LOGGING)
    stream = io.StringIO()
    console = next(handler for handler in logging.getLogger().handlers if handler.get_name() == "console")
    console.setStream(stream)
    console.setLevel(logging.DEBUG)
    root = logging.getLogger()
    previous = root.level
    root.setLevel(logging.DEBUG)
    yield stream
    root.setLevel(previous)
    logging.config.dictConfig(settings.LOGGING)


def test_no_log_line_holds_the_passport_number_through_request_approval_and_download(every_log_line, client,
                                                                                     visa_desk):
    guest = GuestFactory(full_name="Amina Njeri Odhiambo")
    registration = RegistrationFactory(guest=guest)
    kwargs = {"year": 2024, "token": links.manage_token(registration)}
    form = {"surname": "Odhiambo", "given_names": "Amina Njeri", "nationality": "KE", "sex": "F",
            "date_of_birth": "1980-03-14", "passport_number": PASSPORT, "passport_expiry": "2030-01-31",
            "mission": "ke-nairobi", "arrival_date": "2024-11-18", "departure_date": "2024-11-22"}
    with translation.override("en"):
        page, pdf = reverse("visas:letter", kwargs=kwargs), reverse("visas:letter_pdf", kwargs=kwargs)
    client.post(page, {**form, "passport_expiry": "2024-12-01"})  # refused: the form comes back
    assert client.post(page, form).status_code == 302
    letter = VisaLetter.objects.get()
    client.force_login(visa_desk)
    client.post(reverse("admin:visas_visaletter_changelist"),
                {"action": "approve_selected", "_selected_action": [letter.pk]})
    client.get(reverse("admin:visas_visaletter_change", args=[letter.pk]))
    assert client.get(pdf).status_code == 200
    logging.getLogger("django.request").error("Bad request", extra={"request": None})

    logged = every_log_line.getvalue()
    assert PASSPORT not in logged and "1980-03-14" not in logged
    assert all(PASSPORT not in json.dumps(entry.changes) + entry.object_repr + entry.note
               for entry in AuditEntry.objects.all())


def test_database_errors_quoting_a_row_lose_its_values_in_the_logs():
    detail = ('new row for relation "visas_visaletter" violates check constraint "visa_letter_departs_after_arrival"'
              f"\nDETAIL:  Failing row contains (7, ODHIAMBO, Amina, KE, {PASSPORT}, 2030-01-31, 1980-03-14)."
              f"\nDETAIL:  Key (passport_number)=({PASSPORT}) already exists.")

    scrubbed = scrub_personal_data(detail)

    assert PASSPORT not in scrubbed and "1980-03-14" not in scrubbed
    assert "Failing row contains ([row])" in scrubbed and "Key (passport_number)=([row]) already exists" in scrubbed
