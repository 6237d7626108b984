"""What the visa desk checks before approving: the letter's PDF previewed from the admin (a draft while requested),
another mission named officially by the desk, never as the guest typed it; and how the letter and the messages
write dates, missions and the verification address."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from core.models import OutgoingEmail
from guests.enums import RegistrationStatus
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory
from tests.factories.visas import VisaLetterFactory
from tests.visas.test_desk import pdf_text, run_action
from tests.visas.test_request import FORM, page
from visas.enums import LetterStatus
from visas.models import VisaLetter

pytestmark = pytest.mark.django_db

GUEST_TEXT = "<b>Chinese consulate</b> Manchester UK"


def preview(letter) -> str:
    return reverse("admin:visas_visaletter_letter", kwargs={"object_id": letter.pk})


def test_the_desk_previews_a_draft_from_the_change_page_then_the_approved_letter(visa_desk_client):
    letter = VisaLetterFactory()
    change = visa_desk_client.get(reverse("admin:visas_visaletter_change", args=[letter.pk])).content.decode()
    assert preview(letter) in change

    draft = visa_desk_client.get(preview(letter))
    assert draft.status_code == 200 and draft["Content-Type"] == "application/pdf"
    assert draft["Content-Disposition"].startswith("inline;")
    text = pdf_text(draft.content)
    assert "DRAFT" in text and "草稿" in text and letter.reference in text

    run_action(visa_desk_client, "approve_selected", [letter])
    final = pdf_text(visa_desk_client.get(preview(letter)).content)
    assert "DRAFT" not in final and "中华人民共和国驻肯尼亚共和国大使馆" in final


@pytest.mark.parametrize("status", [LetterStatus.REFUSED, LetterStatus.REVOKED])
def test_no_preview_of_a_refused_or_revoked_letter(visa_desk_client, status):
    assert visa_desk_client.get(preview(VisaLetterFactory(status=status))).status_code == 404


def test_organizers_cannot_open_a_letter(organizer_client):
    letter = VisaLetterFactory()
    assert organizer_client.get(preview(letter)).status_code == 403


def test_another_mission_is_approved_only_under_the_official_names_the_desk_writes(visa_desk_client):
    letter = VisaLetterFactory(mission="other", mission_other=GUEST_TEXT)
    change = reverse("admin:visas_visaletter_change", args=[letter.pk])
    page_text = visa_desk_client.get(change).content.decode()
    assert 'name="mission_other"' in page_text and 'name="mission_name_zh"' in page_text

    response = run_action(visa_desk_client, "approve_selected", [letter])
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REQUESTED
    assert any("official names" in str(message) for message in get_messages(response.wsgi_request))
    assert GUEST_TEXT not in pdf_text(visa_desk_client.get(preview(letter)).content)

    form = visa_desk_client.get(change).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"mission_name_en": "Consulate-General of the People's Republic of China in Manchester",
                 "mission_name_zh": "中华人民共和国驻曼彻斯特总领事馆", "passport_expiry": "2029-05-31",
                 "date_of_birth": "1980-03-14", "arrival_date": "2024-11-18", "departure_date": "2024-11-22"})
    assert visa_desk_client.post(change, data).status_code == 302
    run_action(visa_desk_client, "approve_selected", [letter])
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED
    text = pdf_text(visa_desk_client.get(preview(letter)).content)
    assert "中华人民共和国驻曼彻斯特总领事馆" in text
    assert "Consulate-General of the People's Republic of China in" in text
    assert "Chinese consulate" not in text


def test_the_letter_writes_each_language_its_dates_and_points_to_the_chinese_verification_page(visa_desk_client):
    letter = VisaLetterFactory(status=LetterStatus.APPROVED)
    text = pdf_text(visa_desk_client.get(preview(letter)).content)
    for expected in ("2029年5月31日", "31 May 2029", "1980年3月14日", "14 March 1980",
                     "2024年11月18日至2024年11月22日",
                     "18 November 2024 – 22 November 2024", "/zh-hans/visa-letters/verify/"):
        assert expected in text, expected
    assert "2029-05-31" not in text and "/en/visa-letters/" not in text


def test_official_mission_names_in_full(client):
    registration = RegistrationFactory(summit=SummitFactory(year=2024),
                                       guest=GuestFactory(full_name="jose alvaro muller ludenscheidt"))
    english = client.get(page(registration)).content.decode()
    chinese = client.get(page(registration, "zh-hans")).content.decode()
    assert "Embassy of the People&#x27;s Republic of China in the Republic of Singapore" in english
    assert "Consulate-General of the People&#x27;s Republic of China in Sydney" in english
    assert "中华人民共和国驻德意志联邦共和国大使馆" in chinese and "中华人民共和国驻悉尼总领事馆" in chinese
    assert "驻德国大使馆" not in chinese


@pytest.mark.parametrize(("language", "expected"), [("en", "May 23, 2025"), ("zh-hans", "2025年5月23日")])
def test_refusals_write_dates_as_the_pages_do(client, language, expected):
    registration = RegistrationFactory(summit=SummitFactory(year=2024), status=RegistrationStatus.APPROVED,
                                       guest=GuestFactory(full_name="jose alvaro muller ludenscheidt"))
    response = client.post(page(registration, language), {**FORM, "passport_expiry": "2025-05-22"})

    text = response.content.decode()
    assert expected in text and "2025-05-23" not in text
    assert not VisaLetter.objects.exists()


def test_the_approval_email_says_the_letter_is_on_the_page_not_attached(visa_desk_client):
    letter = VisaLetterFactory()
    run_action(visa_desk_client, "approve_selected", [letter])

    email = OutgoingEmail.objects.get(key=f"visa-letter:{letter.pk}:approved:1")
    assert "not attached to this email" in email.body_text


def test_a_passport_valid_six_months_after_the_departure_day_is_enough(client):
    registration = RegistrationFactory(summit=SummitFactory(year=2024), status=RegistrationStatus.APPROVED,
                                       guest=GuestFactory(full_name="jose alvaro muller ludenscheidt"))
    # Departure on 23 November 2024: valid until 23 May 2025 is enough (it used to ask for the 28th).
    response = client.post(page(registration), {**FORM, "passport_expiry": "2025-05-23"})

    assert response.status_code == 302
    assert VisaLetter.objects.get().passport_expiry.isoformat() == "2025-05-23"
