"""A guest requests a visa invitation letter from their own page, in English or Chinese."""

import pytest
from django.urls import reverse
from django.utils import translation

from guests import links
from guests.enums import Participation, RegistrationStatus
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory
from visas.enums import LetterStatus
from visas.models import VisaLetter

pytestmark = pytest.mark.django_db

FORM = {
    "surname": "Müller-Lüdenscheidt", "given_names": "José  Álvaro", "nationality": "DE", "sex": "M",
    "date_of_birth": "1975-06-02", "passport_number": "c01x 00t47", "passport_expiry": "2030-01-31",
    "mission": "de-berlin", "mission_other": "", "arrival_date": "2024-11-17", "departure_date": "2024-11-23",
}


@pytest.fixture
def registration():
    guest = GuestFactory(full_name="jose alvaro muller ludenscheidt", country="DE")
    return RegistrationFactory(summit=SummitFactory(year=2024), guest=guest, status=RegistrationStatus.APPROVED)


def page(registration, language="en", name="visas:letter"):
    with translation.override(language):
        return reverse(name, kwargs={"year": registration.summit.year, "token": links.manage_token(registration)})


def test_the_guest_page_links_to_the_visa_letter_page_for_on_site_guests_only(client, registration):
    online = RegistrationFactory(summit=registration.summit, participation=Participation.ONLINE)

    assert page(registration).encode() in client.get(links.manage_url(registration, absolute=False)).content
    assert b"visa-letter/" not in client.get(links.manage_url(online, absolute=False)).content


def test_a_request_with_the_registered_name_in_another_order_and_spelling_is_recorded(client, registration):
    response = client.post(page(registration), FORM)

    assert response.status_code == 302 and response["Location"] == page(registration)
    letter = VisaLetter.objects.get(registration=registration)
    assert (letter.status, letter.surname, letter.given_names, letter.passport_number) == (
        LetterStatus.REQUESTED, "Müller-Lüdenscheidt", "José  Álvaro", "C01X00T47")
    assert letter.reference == f"WIC2024-VL-{letter.pk:06d}"
    shown = client.get(page(registration))
    assert shown.status_code == 200 and letter.reference in shown.content.decode()
    assert shown["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in shown["Cache-Control"]


def test_a_second_request_is_not_taken(client, registration):
    client.post(page(registration), FORM)
    response = client.post(page(registration), {**FORM, "passport_number": "X9999999"})

    assert response.status_code == 302
    assert VisaLetter.objects.filter(registration=registration).count() == 1


@pytest.mark.parametrize(("language", "message"), [
    ("en", "is not the name you registered with"),
    ("zh-hans", "与您报名时填写的姓名"),
])
def test_a_name_that_is_not_the_registered_one_is_refused_in_the_guests_language(client, registration, language,
                                                                                  message):
    response = client.post(page(registration, language), {**FORM, "surname": "Miller"})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VisaLetter.objects.exists()


@pytest.mark.parametrize(("changes", "field"), [
    ({"arrival_date": "2024-10-01"}, "arrival_date"),  # more than 30 days before the first day
    ({"arrival_date": "2024-11-22", "departure_date": "2024-11-25"}, "arrival_date"),  # after the last day
    ({"departure_date": "2025-01-10"}, "departure_date"),
    ({"arrival_date": "2024-11-20", "departure_date": "2024-11-19"}, "departure_date"),
    ({"passport_expiry": "2025-05-22"}, "passport_expiry"),  # six months after 23 November is 23 May
    ({"mission": "other"}, "mission_other"),
    ({"passport_number": "AB-12"}, "passport_number"),
])
def test_bad_dates_and_passports_are_refused_on_their_field(client, registration, changes, field):
    response = client.post(page(registration), {**FORM, **changes})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not VisaLetter.objects.exists()


def test_chinese_page_says_why_the_passport_is_refused_in_chinese(client, registration):
    response = client.post(page(registration, "zh-hans"), {**FORM, "passport_expiry": "2025-01-01"})

    assert "您的护照有效期须在离境之日起至少六个月" in response.content.decode()


def test_a_guest_registered_under_a_chinese_name_requests_with_the_pinyin_of_their_passport(client):
    guest = GuestFactory(full_name="Zhang Wei", native_name="张伟", country="CN")
    registration = RegistrationFactory(summit=SummitFactory(year=2024), guest=guest)

    response = client.post(page(registration, "zh-hans"), {**FORM, "surname": "ZHANG", "given_names": "WEI",
                                                            "nationality": "CN"})

    assert response.status_code == 302
    assert VisaLetter.objects.get().passport_name == "ZHANG, WEI"


@pytest.mark.parametrize("status", [RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED])
def test_a_rejected_or_cancelled_registration_cannot_request(client, registration, status):
    registration.status = status
    registration.save()

    response = client.post(page(registration), FORM)

    assert response.status_code == 302
    assert not VisaLetter.objects.exists()
    assert client.get(page(registration)).context["form"] is None


def test_a_forged_token_opens_nothing(client, registration):
    path = reverse("visas:letter", kwargs={"year": 2024, "token": links.manage_token(registration)[:-2] + "xx"})

    assert client.get(path).status_code == 404
    assert client.post(path, FORM).status_code == 404
    assert not VisaLetter.objects.exists()
