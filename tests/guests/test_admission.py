"""Guests the organizers chose (invitations, delegations) or the press office reviews are registered whatever the
public form's window, but never for an edition that has ended, and never twice."""

import datetime

import pytest

from core.refusals import Refused
from guests import links
from guests.enums import InvitationStatus, ProtocolLevel, RegistrationSource, RegistrationStatus
from guests.models import Invitation, Registration
from guests.services import Admission, RegistrationRequest, admit_guest, register_guest
from summits.enums import RegistrationMode
from tests.factories.forums import ForumFactory
from tests.factories.guests import InvitationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def request_for(email="amina@example.org", **fields):
    details = {"full_name": "Amina Diallo", "title": "Minister", "organization_name": "Ministry",
               "category": "government", "country": "SN", "participation": "offline", "language": "en"}
    return RegistrationRequest(email=email, **{**details, **fields})


def closed_summit():
    # Registration closed yesterday (the suite runs on 2024-11-01), the summit itself still to come.
    return SummitFactory(year=2024, registration_opens=datetime.date(2024, 9, 1),
                         registration_closes=datetime.date(2024, 10, 31))


def test_an_invited_minister_is_registered_after_the_form_has_closed_with_her_address_proven(mailoutbox):
    summit = closed_summit()
    forum = ForumFactory(summit=summit)
    with pytest.raises(Refused):
        register_guest(summit=summit, request=request_for("walk-in@example.org"))

    outcome = admit_guest(summit=summit, request=request_for(forum_ids=(forum.pk,)),
                          admission=Admission(protocol_level=ProtocolLevel.MINISTER))

    registration = Registration.objects.get()
    assert outcome.created and registration == outcome.registration
    assert (registration.status, registration.source, registration.protocol_level) == (
        RegistrationStatus.VERIFIED, RegistrationSource.INVITATION, ProtocolLevel.MINISTER)
    assert list(registration.forums.all()) == [forum]


def test_a_journalist_applying_still_confirms_the_address_and_a_second_admission_changes_nothing():
    summit = closed_summit()
    admission = Admission(source=RegistrationSource.PRESS, address_proven=False)
    first = admit_guest(summit=summit, request=request_for(), admission=admission)
    again = admit_guest(summit=summit, request=request_for(title="Editor"), admission=admission)

    assert first.created and not again.created and again.registration == first.registration
    first.registration.refresh_from_db()
    assert first.registration.status == RegistrationStatus.SUBMITTED
    assert first.registration.guest.title == "Minister"


def test_an_edition_that_has_ended_admits_nobody():
    summit = SummitFactory(year=2023)
    with pytest.raises(Refused) as refusal:
        admit_guest(summit=summit, request=request_for(), admission=Admission())
    assert refusal.value.code == "summit_ended"
    assert not Registration.objects.exists()


@pytest.mark.parametrize("source", RegistrationSource.values)
def test_a_closed_edition_admits_nobody_whatever_the_path(source):
    summit = SummitFactory(year=2024, registration_mode=RegistrationMode.CLOSED)

    with pytest.raises(Refused) as refusal:
        admit_guest(summit=summit, request=request_for(), admission=Admission(source=source))

    assert refusal.value.code == "registration_closed"
    assert not Registration.objects.exists()


@pytest.mark.parametrize(("language", "message"), [
    ("en", "The organizers have closed registration for the 2024 WIC Wuzhen Summit."),
    ("zh-hans", "组织方已关闭"),
])
def test_an_invitee_accepting_after_the_organizers_closed_registration_is_told_so_and_not_registered(
    client, language, message
):
    summit = SummitFactory(year=2024)
    invitation = InvitationFactory(summit=summit)
    path = links.invitation_url(invitation, absolute=False).replace("/en/", f"/{language}/")
    summit.registration_mode = RegistrationMode.CLOSED
    summit.save()

    response = client.post(path, {
        "full_name": invitation.full_name, "title": "Minister", "organization_name": "Ministry",
        "category": "government", "country": "SN", "phone": "+221 33 889 0000", "participation": "offline",
        "consent": "on",
    })

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING
