import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.enums import AuditAction
from core.models import AuditEntry
from guests.models import Guest
from tests.admin_forms import errors_of, management
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["admin:guests_guest_changelist", "admin:guests_guest_add", "admin:guests_registration_changelist",
                 "admin:guests_registration_add"],
)
def test_admin_page_opens_when_an_admin_asks(admin_client, url_name):
    ForumChoiceFactory()

    assert admin_client.get(reverse(url_name)).status_code == 200


def test_admin_change_pages_open_for_a_guest_and_a_registration(admin_client):
    choice = ForumChoiceFactory()

    assert admin_client.get(reverse("admin:guests_guest_change", args=[choice.registration.guest.pk])).status_code \
        == 200
    assert admin_client.get(reverse("admin:guests_registration_change", args=[choice.registration.pk])).status_code \
        == 200


def test_guest_admin_change_audits_field_names_without_personal_data(admin_client):
    guest = GuestFactory(full_name="Amina Njoroge", phone="")
    registration = RegistrationFactory(guest=guest)
    data = {
        "email": guest.email,
        "full_name": "Amina W. Njoroge",
        "native_name": "",
        "title": guest.title,
        "organization_name": guest.organization_name,
        "category": guest.category,
        "country": guest.country.code,
        "phone": "+254 700 000000",
        "language": "en",
        "concurrency_token": guest.updated_at.isoformat(),
        **management("registrations", total=1, initial=1),
        "registrations-0-id": str(registration.pk),
        "registrations-0-guest": str(guest.pk),
    }

    response = admin_client.post(reverse("admin:guests_guest_change", args=[guest.pk]), data)

    assert response.status_code == 302, errors_of(response)
    guest.refresh_from_db()
    assert (guest.full_name, guest.phone) == ("Amina W. Njoroge", "+254 700 000000")
    entry = AuditEntry.objects.get(content_type=ContentType.objects.get_for_model(Guest), object_id=str(guest.pk))
    assert entry.action == AuditAction.CHANGED
    assert entry.changes == {"full_name": None, "phone": None}


def test_guest_admin_opens_for_an_organizer(organizer_client):
    assert organizer_client.get(reverse("admin:guests_guest_changelist")).status_code == 200
    assert organizer_client.get(reverse("admin:guests_registration_add")).status_code == 200
