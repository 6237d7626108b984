"""A delegation member's personal data go with the guest's: exported with them, erased with them (PIPL)."""

import json

import pytest
from django.urls import reverse

from delegations import links
from delegations.enums import MemberStatus
from delegations.models import DelegationMember
from guests.models import Guest
from tests.delegations.test_member import details, page
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.guests.test_privacy import rows_mentioning

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(client):
    """Zhang Wei completed his data through his link: a guest, a registration, and the focal point was told."""
    member = DelegationMemberFactory(delegation=DelegationFactory(), email="zhang.wei@example.cn",
                                     full_name="ZHANG Wei", language="zh-hans")
    client.post(page(member, "zh-hans"), details(full_name="ZHANG Wei", native_name="张伟", title="司长"))
    member.refresh_from_db()
    assert member.status == MemberStatus.COMPLETED
    return member


def test_the_guests_export_includes_their_delegation_membership(admin_client, completed):
    guest = Guest.objects.get(email="zhang.wei@example.cn")

    response = admin_client.post(reverse("admin:guests_guest_changelist"), {
        "action": "export_personal_data", "_selected_action": [str(guest.pk)]})

    exported = json.loads(response.content)["delegation_members"]
    assert [(row["id"], row["full_name"], row["native_name"], row["is_head"]) for row in exported] == [
        (completed.pk, "ZHANG Wei", "张伟", False)]


def test_erasing_the_guest_erases_the_member_and_revokes_their_link(admin_client, client, completed):
    guest = Guest.objects.get(email="zhang.wei@example.cn")
    link = links.member_url(completed, absolute=False)

    admin_client.post(reverse("admin:guests_guest_changelist"), {
        "action": "erase_personal_data", "_selected_action": [str(guest.pk)], "post": "yes"})

    for needle in ("zhang.wei@example.cn", "ZHANG Wei", "张伟", "司长"):
        assert rows_mentioning(needle) == [], needle
    member = DelegationMember.objects.get()
    assert (member.full_name, member.status) == ("Erased guest", MemberStatus.COMPLETED)  # still counted
    assert client.get(link).status_code == 404
