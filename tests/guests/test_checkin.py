"""The check-in desk: staff scan a badge's QR code (the scanner types the token and Enter)."""

import logging
import zoneinfo

import pytest
from django.contrib.auth.models import Permission

from guests.enums import RegistrationStatus
from tests.factories.forums import at
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

URL = "/en/summits/2024/check-in/"


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def desk_client(client, django_user_model):
    """Check-in staff: may change registrations, nothing else."""
    user = django_user_model.objects.create_user("desk", password="correct horse battery", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_registration", content_type__app_label="guests"))
    client.force_login(user)
    return client


@pytest.fixture
def accredited(summit):
    guest = GuestFactory(full_name="Ada Lovelace", organization_name="Analytical Engines")
    return RegistrationFactory(summit=summit, guest=guest, status=RegistrationStatus.APPROVED)


def test_check_in_page_has_one_focused_field_for_the_scanner(desk_client, summit):
    response = desk_client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert '<label for="id_token">Badge code:</label>' in content
    assert 'name="token"' in content and "autofocus" in content
    assert "no-store" in response["Cache-Control"]


def test_check_in_first_scan_checks_the_guest_in(desk_client, accredited):
    response = desk_client.post(URL, {"token": accredited.badge_token + "\n"})

    assert response.status_code == 200
    assert "Checked in: Ada Lovelace, Analytical Engines" in response.content.decode()
    accredited.refresh_from_db()
    assert accredited.status == RegistrationStatus.CHECKED_IN
    assert accredited.checked_in_at is not None
    assert response.context["form"]["token"].value() is None  # the box is empty again for the next badge


def test_check_in_second_scan_says_when_the_guest_was_checked_in(desk_client, accredited):
    desk_client.post(URL, {"token": accredited.badge_token})
    accredited.refresh_from_db()
    first_at = accredited.checked_in_at

    response = desk_client.post(URL, {"token": accredited.badge_token})

    local = first_at.astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert f"Already checked in at {local:%H:%M}" in response.content.decode()
    accredited.refresh_from_db()
    assert accredited.checked_in_at == first_at


def test_check_in_shows_the_time_in_wuzhen(desk_client, accredited):
    accredited.status, accredited.checked_in_at = RegistrationStatus.CHECKED_IN, at(2024, 11, 19, 8, 45)
    accredited.save()

    response = desk_client.post(URL, {"token": accredited.badge_token})

    assert "Already checked in at 08:45" in response.content.decode()


def test_check_in_unknown_badge(desk_client, summit):
    response = desk_client.post(URL, {"token": "not-a-badge"})

    assert response.status_code == 200
    assert '<p class="checkin-headline">Unknown badge.</p>' in response.content.decode()


@pytest.mark.parametrize("status", [RegistrationStatus.SUBMITTED, RegistrationStatus.REJECTED,
                                    RegistrationStatus.CANCELLED])
def test_check_in_refuses_a_guest_who_is_not_accredited(desk_client, accredited, status):
    accredited.status = status
    accredited.save()

    response = desk_client.post(URL, {"token": accredited.badge_token})

    content = response.content.decode()
    assert f"This guest is not accredited ({accredited.get_status_display()})." in content
    assert "Ada Lovelace, Analytical Engines" in content
    accredited.refresh_from_db()
    assert accredited.status == status


def test_check_in_warns_when_the_badge_is_for_another_edition(desk_client, summit):
    other = RegistrationFactory(summit=SummitFactory(year=2023), status=RegistrationStatus.APPROVED)

    response = desk_client.post(URL, {"token": other.badge_token})

    assert "This badge is for the 2023 WIC Wuzhen Summit." in response.content.decode()


def test_check_in_with_an_empty_scan_shows_the_field_error(desk_client, summit):
    response = desk_client.post(URL, {"token": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["token"] == ["This field is required."]


def test_check_in_keeps_the_token_out_of_the_logs(desk_client, accredited, caplog):
    with caplog.at_level(logging.DEBUG):
        desk_client.post(URL, {"token": accredited.badge_token})
        desk_client.post(URL, {"token": "unknown-" + accredited.badge_token[:8]})

    assert accredited.badge_token not in caplog.text
    assert accredited.badge_token[:8] not in caplog.text


def test_check_in_sends_anonymous_users_to_the_login(client, summit):
    response = client.post(URL, {"token": "whatever"})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={URL}"


def test_check_in_is_forbidden_without_the_permission(client, django_user_model, accredited):
    client.force_login(django_user_model.objects.create_user("visitor", is_staff=True))

    response = client.post(URL, {"token": accredited.badge_token})

    assert response.status_code == 403
    accredited.refresh_from_db()
    assert accredited.status == RegistrationStatus.APPROVED


def test_check_in_is_open_to_organizers(organizer_client, accredited):
    response = organizer_client.post(URL, {"token": accredited.badge_token})

    assert "Checked in: Ada Lovelace, Analytical Engines" in response.content.decode()


def test_check_in_for_an_unknown_year_is_404(desk_client):
    response = desk_client.get("/en/summits/2031/check-in/")

    assert response.status_code == 404
