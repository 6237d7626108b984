"""A member's own page: they complete their data and are registered (guests' admit_guest), see only their own
data, and their link stops working once they are substituted or rejected."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import OutgoingEmail
from delegations import links
from delegations.enums import DelegationStatus, MemberStatus
from guests.enums import ProtocolLevel, RegistrationSource, RegistrationStatus, SeatStatus
from guests.models import Registration
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.forums import ForumFactory

pytestmark = pytest.mark.django_db


def page(member, language="en"):
    with translation.override(language):
        return reverse("delegations:member", kwargs={"year": member.delegation.summit.year,
                                                     "member_token": links.member_token(member)})


def details(**fields):
    return {"full_name": "DIALLO Amina", "native_name": "", "title": "Minister", "organization_name": "Ministry",
            "country": "SN", "phone": "+221 33 123 4567", "needs": "", "consent": "on", **fields}


@pytest.mark.parametrize(("language", "done"), [
    ("en", "Thank you: your registration is complete."),
    ("zh-hans", "感谢您，报名已完成。"),
])
def test_a_member_completes_their_data_and_is_registered_through_the_delegation(client, language, done):
    delegation = DelegationFactory(name="Ministry of ICT", native_name="信息通信部", focal_language="en")
    member = DelegationMemberFactory(delegation=delegation, email="amina@example.org", is_head=True,
                                     protocol_level=ProtocolLevel.MINISTER, language=language)
    forum = ForumFactory(summit=delegation.summit)

    form_page = client.get(page(member, language)).content.decode()
    response = client.post(page(member, language), details(forums=forum.pk))

    organisation = "信息通信部" if language == "zh-hans" else "Ministry of ICT"
    assert f'value="{organisation}"' in form_page  # the organisation is prefilled from the delegation
    assert response.status_code == 302
    member.refresh_from_db()
    registration = Registration.objects.get()
    assert member.registration == registration and member.status == MemberStatus.COMPLETED
    assert (registration.source, registration.protocol_level, registration.status) == (
        RegistrationSource.DELEGATION, ProtocolLevel.MINISTER, RegistrationStatus.VERIFIED)
    assert (registration.guest.email, registration.guest.full_name, registration.guest.language) == (
        "amina@example.org", "DIALLO Amina", language)
    assert list(registration.forum_choices.values_list("forum_id", "seat_status")) == [(forum.pk, SeatStatus.SEATED)]
    after = client.get(response["Location"]).content.decode()
    assert done in after and "DIALLO Amina" in after and 'name="consent"' not in after
    to_focal_point = OutgoingEmail.objects.get(to=delegation.focal_email, key__contains="member_completed")
    assert to_focal_point.language == "en" and "DIALLO Amina" in to_focal_point.subject


def test_a_member_sees_only_their_own_data(client):
    delegation = DelegationFactory()
    member = DelegationMemberFactory(delegation=delegation, full_name="Own Name", email="own@example.org")
    DelegationMemberFactory(delegation=delegation, full_name="Colleague Name", email="colleague@example.org")

    html = client.get(page(member)).content.decode()

    assert "Own Name" in html and "Colleague Name" not in html and "colleague@example.org" not in html


def test_consent_is_required_and_nothing_is_registered_without_it(client):
    member = DelegationMemberFactory()

    response = client.post(page(member), details(consent=""))

    assert response.status_code == 200
    assert "You can register only if you accept the privacy notice." in response.content.decode()
    assert not Registration.objects.exists()


def test_the_link_of_a_substituted_or_rejected_member_or_of_another_edition_is_a_404(client):
    member = DelegationMemberFactory()
    url = page(member)
    assert client.get(url).status_code == 200
    other_year = reverse("delegations:member", kwargs={"year": 2023, "member_token": links.member_token(member)})

    member.status = MemberStatus.SUBSTITUTED
    member.save()

    assert client.get(url).status_code == 404
    assert client.get(other_year).status_code == 404
    assert client.get(reverse("delegations:member", kwargs={"year": 2024, "member_token": "x"})).status_code == 404


def test_a_member_of_a_rejected_delegation_cannot_register(client):
    member = DelegationMemberFactory(delegation=DelegationFactory(status=DelegationStatus.REJECTED))

    response = client.post(page(member), details())

    assert response.status_code == 200 and 'name="consent"' not in response.content.decode()
    assert not Registration.objects.exists()


def test_a_completed_member_reads_that_their_registration_awaits_the_organizers_approval(client):
    delegation = DelegationFactory(native_name="QA甲代表团")
    member = DelegationMemberFactory(delegation=delegation, language="zh-hans")
    client.post(page(member, "zh-hans"), details())

    shown = client.get(page(member, "zh-hans")).content.decode()

    assert "参会资格" in shown and "待主办方审核" in shown and "邮箱已验证" not in shown
    assert "代表团代表团" not in shown

