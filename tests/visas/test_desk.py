"""The visa desk reviews letters in the admin: approve (email, PDF), refuse and revoke with a reason, the CSV
export; organizers see none of it."""

import csv
import io
import json

import pypdfium2
import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.models import AuditEntry, OutgoingEmail
from guests import links
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.visas import VisaLetterFactory
from visas.enums import LetterStatus

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:visas_visaletter_changelist")


def run_action(client, action: str, letters, **extra):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [str(letter.pk) for letter in letters],
                                    **extra})


def letter_path(letter, name="visas:letter_pdf", language="en"):
    registration = letter.registration
    with translation.override(language):
        return reverse(name, kwargs={"year": registration.summit.year, "token": links.manage_token(registration)})


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        assert len(document) == 1  # a letter is one page
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def chinese_letter():
    guest = GuestFactory(full_name="Amina Njeri Odhiambo", language="zh-hans")
    return VisaLetterFactory(registration=RegistrationFactory(guest=guest))


def test_approving_emails_the_guest_in_their_language_and_the_pdf_carries_both_languages(
    visa_desk_client, visa_desk, chinese_letter, client, django_capture_on_commit_callbacks
):
    letter = chinese_letter
    with django_capture_on_commit_callbacks(execute=False):
        response = run_action(visa_desk_client, "approve_selected", [letter])

    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.decided_by) == (LetterStatus.APPROVED, visa_desk)
    email = OutgoingEmail.objects.get(key=f"visa-letter:{letter.pk}:approved:1")
    assert (email.to, email.language) == (letter.registration.guest.email, "zh-hans")
    assert "签证邀请函" in email.subject and letter.reference in email.body_text
    assert letter_path(letter, "visas:letter", "zh-hans") in email.body_text
    assert letter.passport_number not in email.body_text
    audit = AuditEntry.objects.get(object_id=str(letter.pk), note="approved")
    assert (audit.actor, audit.object_repr) == (visa_desk, f"visa invitation letter #{letter.pk}")

    download = client.get(letter_path(letter))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{letter.reference}.pdf"'
    text = pdf_text(download.content)
    for expected in (letter.reference, "Letter of Invitation", "邀请函", "ODHIAMBO, Amina Njeri",
                     letter.passport_number, "2024年世界互联网大会乌镇峰会", "2024 WIC Wuzhen Summit",
                     "中华人民共和国驻肯尼亚共和国大使馆", "Embassy of the People's Republic of China in the",
                     "Republic of Kenya", "肯尼亚", "Kenya", "/zh-hans/visa-letters/verify/"):
        assert expected in text, expected


def test_the_pdf_is_not_there_before_approval_nor_after_revocation(visa_desk_client, client):
    letter = VisaLetterFactory()
    assert client.get(letter_path(letter)).status_code == 404

    run_action(visa_desk_client, "approve_selected", [letter])
    assert client.get(letter_path(letter)).status_code == 200

    asked = run_action(visa_desk_client, "revoke_selected", [letter])
    assert asked.status_code == 200 and b"reason" in asked.content
    letter.refresh_from_db()
    assert letter.status == LetterStatus.APPROVED  # nothing done before the reason is given

    run_action(visa_desk_client, "revoke_selected", [letter], apply="1", reason="The guest's accreditation ended.")
    letter.refresh_from_db()
    assert (letter.status, letter.decision_reason) == (LetterStatus.REVOKED, "The guest's accreditation ended.")
    assert letter.revoked_at is not None
    assert client.get(letter_path(letter)).status_code == 404
    assert "The guest's accreditation ended." in OutgoingEmail.objects.get(
        key=f"visa-letter:{letter.pk}:revoked:1").body_text
    assert AuditEntry.objects.filter(object_id=str(letter.pk), note="revoked").count() == 1


def test_refusing_needs_a_reason_and_lets_the_guest_request_again(visa_desk_client, client):
    letter = VisaLetterFactory()

    response = run_action(visa_desk_client, "refuse_selected", [letter], apply="1", reason="")
    assert response.status_code == 200
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REQUESTED

    run_action(visa_desk_client, "refuse_selected", [letter], apply="1", reason="Passport scan unreadable.")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REFUSED
    page = client.get(letter_path(letter, "visas:letter"))
    assert "Passport scan unreadable." in page.content.decode() and page.context["form"] is not None


def test_approving_a_refused_letter_is_skipped_and_said(visa_desk_client):
    letter = VisaLetterFactory(status=LetterStatus.REFUSED)

    response = run_action(visa_desk_client, "approve_selected", [letter])

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == ["0 letters approved. 1 skipped: its status does not allow it."]
    assert not OutgoingEmail.objects.exists()


def test_the_visa_desk_sees_passport_numbers_and_organizers_get_403(visa_desk, organizer):
    letter = VisaLetterFactory()
    change = reverse("admin:visas_visaletter_change", args=[letter.pk])
    desk, organizers = Client(), Client()
    desk.force_login(visa_desk)
    organizers.force_login(organizer)

    assert letter.passport_number in desk.get(change).content.decode()
    for path in (CHANGELIST, change, reverse("admin:app_list", kwargs={"app_label": "visas"})):
        response = organizers.get(path)
        assert response.status_code in (403, 404), path
        assert letter.passport_number not in response.content.decode()
    assert organizers.get(CHANGELIST).status_code == 403
    assert organizers.get(change).status_code == 403


def test_the_visa_desk_cannot_touch_the_organizers_content(visa_desk_client):
    assert visa_desk_client.get(reverse("admin:summits_summit_changelist")).status_code == 403
    assert visa_desk_client.get(reverse("admin:guests_registration_changelist")).status_code == 200


def test_the_csv_export_leaves_passport_data_out(visa_desk_client, django_assert_max_num_queries):
    letters = VisaLetterFactory.create_batch(3)

    with django_assert_max_num_queries(12):
        response = run_action(visa_desk_client, "export_csv", letters)

    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["reference", "status", "surname"] and len(rows) == 4
    for letter in letters:
        assert letter.reference in body
        assert letter.passport_number not in body
        assert "1980-03-14" not in body and "2029-05-31" not in body


def test_the_list_takes_a_fixed_number_of_queries(visa_desk_client, django_assert_max_num_queries):
    VisaLetterFactory.create_batch(5)
    with django_assert_max_num_queries(14) as few:
        assert visa_desk_client.get(CHANGELIST).status_code == 200
    VisaLetterFactory.create_batch(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert visa_desk_client.get(CHANGELIST).status_code == 200


def test_the_desk_corrects_a_request_with_the_list_of_missions_and_the_trail_keeps_no_value(visa_desk_client):
    letter = VisaLetterFactory()
    change = reverse("admin:visas_visaletter_change", args=[letter.pk])
    page = visa_desk_client.get(change)
    assert ('<option value="ke-nairobi" selected>Embassy of the People&#x27;s Republic of China in the Republic of '
            'Kenya</option>') in page.content.decode()
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"passport_number": "AK7654321", "mission": "us-new-york", "passport_expiry": "2029-05-31",
                 "date_of_birth": "1980-03-14", "arrival_date": "2024-11-18", "departure_date": "2024-11-22"})

    response = visa_desk_client.post(change, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    letter.refresh_from_db()
    assert (letter.passport_number, letter.mission) == ("AK7654321", "us-new-york")
    entry = AuditEntry.objects.get(object_id=str(letter.pk))
    assert "AK7654321" not in json.dumps(entry.changes) + entry.object_repr
