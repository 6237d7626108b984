"""A journalist's press accreditation and letter of assignment go with their guest data: exported, and erased
(PIPL) when organizers erase the guest in guests' admin."""

import json

import pytest
from django.db import transaction
from django.urls import reverse

from core.models import AuditEntry, OutgoingEmail
from guests.enums import RegistrationStatus
from guests.services import privacy
from press import services
from press.enums import AccreditationStatus, PressRole
from press.models import PressAccreditation
from tests.factories.press import PressAccreditationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

GUESTS = reverse("admin:guests_guest_changelist")


@pytest.fixture
def accreditation(django_capture_on_commit_callbacks, admin_user):
    accreditation = PressAccreditationFactory(
        registration__summit=SummitFactory(year=2024), registration__status=RegistrationStatus.VERIFIED,
        registration__guest__email="li.na@example.cn", role=PressRole.CAMERA_CREW, outlet_country="CN",
        equipment="A drone", media_outlet="Xinhua News Agency",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(accreditations=PressAccreditation.objects.all(), actor=admin_user,
                        reason="Your press card number is not in the registry.")
    accreditation.refresh_from_db()
    return accreditation


def test_export_includes_the_press_accreditation(admin_client, accreditation):
    guest = accreditation.registration.guest

    response = admin_client.post(GUESTS, {"action": "export_personal_data", "_selected_action": [guest.pk]})

    data = json.loads(response.content)
    [press] = data["press_accreditations"]
    assert press["media_outlet"] == "Xinhua News Agency"
    assert press["press_card_number"] == "B11000123"
    assert press["rejection_reason"] == "Your press card number is not in the registry."
    assert press["letter_of_assignment"].endswith(".pdf")
    assert press["role"] == "camera_crew" and press["status"] == "rejected"


def test_erasure_blanks_the_accreditation_and_deletes_the_letter(admin_client, accreditation,
                                                                 django_capture_on_commit_callbacks):
    guest = accreditation.registration.guest
    letter = accreditation.letter_of_assignment
    storage, name = letter.storage, letter.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(GUESTS, {"action": "erase_personal_data", "_selected_action": [guest.pk],
                                              "post": "yes"})

    assert response.status_code == 302
    accreditation.refresh_from_db()
    assert (accreditation.media_outlet, accreditation.outlet_website, accreditation.press_card_number,
            accreditation.press_card_authority, accreditation.equipment, accreditation.rejection_reason,
            accreditation.letter_of_assignment.name) == ("", "", "", "", "", "", "")
    assert not storage.exists(name)
    # What the figures count stays, naming no one.
    assert (accreditation.role, accreditation.outlet_country.code, accreditation.status) == (
        PressRole.CAMERA_CREW, "CN", AccreditationStatus.REJECTED)
    # The press office's emails are erased with the guest's others.
    for email in OutgoingEmail.objects.all():
        assert "li.na@example.cn" not in email.to and "registry" not in email.body_text
    assert set(AuditEntry.objects.filter(object_id=str(accreditation.pk), content_type__model="pressaccreditation")
               .values_list("object_repr", flat=True)) == {f"press accreditation #{accreditation.pk}"}


def test_a_failed_erasure_keeps_the_letter(accreditation, admin_user):
    """The letter is deleted only once the erasure commits: an erasure undone keeps the file its row names."""
    letter = accreditation.letter_of_assignment
    with pytest.raises(RuntimeError), transaction.atomic():
        privacy.erase_guest(guest=accreditation.registration.guest, actor=admin_user)
        raise RuntimeError("the erasure is undone")

    accreditation.refresh_from_db()
    assert accreditation.letter_of_assignment.name == letter.name
    assert letter.storage.exists(letter.name)
