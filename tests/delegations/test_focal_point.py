"""The focal point's page, through HTTP: the delegation's status and quota, adding members within the quota,
substituting before the deadline, submitting; another delegation's rows are out of reach."""

import datetime
import re

import pytest
import time_machine
from django.urls import resolve, reverse
from django.utils import translation

from core.clock import WUZHEN
from core.models import AuditEntry, OutgoingEmail
from delegations import links
from delegations.enums import DelegationStatus, MemberStatus
from delegations.models import Delegation, DelegationMember
from guests.enums import RegistrationStatus
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.guests import RegistrationFactory

pytestmark = pytest.mark.django_db


def page(delegation, language="en"):
    with translation.override(language):
        return reverse("delegations:focal-point", kwargs={"year": delegation.summit.year,
                                                          "delegation_token": links.focal_point_token(delegation)})


def add(client, delegation, language="en", **fields):
    data = {"action": "add", "add-full_name": "Amina Diallo", "add-email": "amina@example.org",
            "add-title": "Minister", "add-language": language}
    data.update({f"add-{name}": value for name, value in fields.items()})
    return client.post(page(delegation, language), data)


@pytest.mark.parametrize(("language", "quota_text", "added_text"), [
    ("en", "1 of 5", "The member is added and receives their own link by email."),
    ("zh-hans", "1 / 5", "成员已添加，并将通过电子邮件收到本人专属链接。"),
])
def test_focal_point_adds_a_head_who_gets_her_own_link_in_her_language(client, language, quota_text, added_text):
    delegation = DelegationFactory(focal_language=language)

    response = add(client, delegation, language, is_head="on")
    page_after = client.get(response["Location"])

    assert response.status_code == 302
    member = DelegationMember.objects.get()
    assert (member.email, member.is_head, member.status, member.language) == (
        "amina@example.org", True, MemberStatus.INVITED, language)
    html = page_after.content.decode()
    assert quota_text in html and added_text in html and "Amina Diallo" in html
    email = OutgoingEmail.objects.get(to="amina@example.org")
    assert email.language == language
    path = re.search(r"https?://[^/]+(/\S+/delegation-member/\S+/)", email.body_text).group(1)
    assert path.startswith(f"/{language}/") and links.member_for_token(resolve(path).kwargs["member_token"]) == member
    assert page_after["Cache-Control"].startswith("max-age=0") or "no-cache" in page_after["Cache-Control"]


def test_an_addition_over_the_quota_is_refused_with_the_quota_named(client):
    delegation = DelegationFactory(quota=2)
    DelegationMemberFactory.create_batch(2, delegation=delegation)
    DelegationMemberFactory(delegation=delegation, status=MemberStatus.SUBSTITUTED)  # holds no place

    response = add(client, delegation)

    assert response.status_code == 200
    assert "This delegation&#x27;s quota of 2 members is reached." in response.content.decode()
    assert delegation.members.count() == 3


def test_the_quota_refusal_in_chinese(client):
    delegation = DelegationFactory(quota=1)
    DelegationMemberFactory(delegation=delegation)
    # The page hides the form once the quota is reached; a form opened before still posts.
    response = add(client, delegation, "zh-hans")

    assert "本代表团1人的名额已满。" in response.content.decode()


def test_a_second_head_and_a_member_twice_are_refused(client):
    delegation = DelegationFactory()
    DelegationMemberFactory(delegation=delegation, is_head=True, email="head@example.org")

    second_head = add(client, delegation, is_head="on")
    twice = add(client, delegation, email="HEAD@example.org")

    assert "This delegation already has a head." in second_head.content.decode()
    assert "This person is already a member of the delegation." in twice.content.decode()
    assert delegation.members.count() == 1


def test_substitution_before_the_deadline_withdraws_the_old_member_and_cancels_their_registration(client):
    delegation = DelegationFactory(quota=2)
    registration = RegistrationFactory(summit=delegation.summit, status=RegistrationStatus.VERIFIED)
    old = DelegationMemberFactory(delegation=delegation, is_head=True, status=MemberStatus.COMPLETED,
                                  registration=registration, protocol_level="minister")
    old_link = links.member_url(old, absolute=False)
    DelegationMemberFactory(delegation=delegation)

    response = client.post(page(delegation), {
        "action": "substitute", "substitute-member": old.pk, "substitute-full_name": "Omar Haddad",
        "substitute-email": "omar@example.org", "substitute-title": "Deputy Minister", "substitute-language": "en",
    })

    assert response.status_code == 302
    old.refresh_from_db()
    registration.refresh_from_db()
    new = DelegationMember.objects.get(email="omar@example.org")
    assert old.status == MemberStatus.SUBSTITUTED and registration.status == RegistrationStatus.CANCELLED
    assert (new.substitutes, new.is_head, new.protocol_level, new.status) == (
        old, True, "minister", MemberStatus.INVITED)
    assert client.get(old_link).status_code == 404  # the old member's link is revoked
    assert "2 of 2" in client.get(page(delegation)).content.decode()  # the quota is unchanged
    assert OutgoingEmail.objects.filter(to="omar@example.org").count() == 1


def test_substitution_after_the_deadline_is_refused(client):
    delegation = DelegationFactory(substitution_deadline=datetime.date(2024, 11, 10))
    member = DelegationMemberFactory(delegation=delegation)
    data = {"action": "substitute", "substitute-member": member.pk, "substitute-full_name": "Omar Haddad",
            "substitute-email": "omar@example.org", "substitute-language": "en"}

    with time_machine.travel(datetime.datetime(2024, 11, 11, 9, tzinfo=WUZHEN)):
        shown = client.get(page(delegation)).content.decode()
        response = client.post(page(delegation), data)

    assert "Substitutions closed on" in shown and 'value="substitute"' not in shown
    assert "Substitutions closed on Nov. 10, 2024." in response.content.decode()
    member.refresh_from_db()
    assert member.status == MemberStatus.INVITED and delegation.members.count() == 1


def test_a_focal_point_cannot_substitute_or_see_another_delegations_member(client):
    mine, theirs = DelegationFactory(), DelegationFactory()
    own = DelegationMemberFactory(delegation=mine, full_name="Own Member")
    stranger = DelegationMemberFactory(delegation=theirs, full_name="Their Member")

    shown = client.get(page(mine)).content.decode()
    response = client.post(page(mine), {
        "action": "substitute", "substitute-member": stranger.pk, "substitute-full_name": "Intruder",
        "substitute-email": "intruder@example.org", "substitute-language": "en",
    })

    assert "Own Member" in shown and "Their Member" not in shown
    assert response.status_code == 200  # the choice is refused by the form: not a member of this delegation
    stranger.refresh_from_db()
    assert stranger.status == MemberStatus.INVITED
    assert not DelegationMember.objects.filter(email="intruder@example.org").exists()
    assert own.delegation == mine


def test_a_link_for_another_delegation_or_edition_forged_or_revoked_is_a_404(client):
    delegation = DelegationFactory()
    token = links.focal_point_token(delegation)
    other_year = reverse("delegations:focal-point", kwargs={"year": 2023, "delegation_token": token})
    delegation.link_version += 1  # organizers sent a new link
    delegation.save()

    assert client.get(other_year).status_code == 404
    assert client.get(reverse("delegations:focal-point", kwargs={
        "year": 2024, "delegation_token": token})).status_code == 404
    assert client.get(reverse("delegations:focal-point", kwargs={
        "year": 2024, "delegation_token": "forged"})).status_code == 404
    assert client.get(page(delegation)).status_code == 200
    # A member's token opens nothing on the focal point's page (another salt).
    member_token = links.member_token(DelegationMemberFactory(delegation=delegation))
    assert client.get(reverse("delegations:focal-point", kwargs={
        "year": 2024, "delegation_token": member_token})).status_code == 404


def test_submitting_the_delegation(client):
    delegation = DelegationFactory()
    empty = client.post(page(delegation), {"action": "submit"}, follow=True)
    DelegationMemberFactory(delegation=delegation)

    client.post(page(delegation), {"action": "submit"})

    assert "Add at least one member before submitting the delegation." in empty.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.SUBMITTED


def test_the_page_lists_members_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    delegation = DelegationFactory(quota=30)
    DelegationMemberFactory.create_batch(25, delegation=delegation)
    url = page(delegation)

    with django_assert_max_num_queries(3):  # the delegation with its edition, its members, the session
        response = client.get(url)

    assert response.content.decode().count('class="member member-invited"') == 25


def test_withdrawing_a_member_cancels_their_registration_and_frees_their_place(client):
    delegation = DelegationFactory(quota=1)
    registration = RegistrationFactory(summit=delegation.summit, status=RegistrationStatus.APPROVED)
    member = DelegationMemberFactory(delegation=delegation, status=MemberStatus.APPROVED, registration=registration)
    link = links.member_url(member, absolute=False)

    response = client.post(page(delegation, "zh-hans"), {"action": "withdraw", "withdraw-member": member.pk},
                           follow=True)

    html = response.content.decode()
    assert "该成员已退出代表团，其报名已取消。" in html and "已退出" in html and "0 / 1" in html
    member.refresh_from_db()
    registration.refresh_from_db()
    assert (member.status, registration.status) == (MemberStatus.WITHDRAWN, RegistrationStatus.CANCELLED)
    assert client.get(link).status_code == 404
    assert add(client, delegation).status_code == 302  # the place is free again


def test_a_change_to_an_approved_delegation_sends_it_back_for_review_and_only_live_members_are_head(
        client, organizer_client):
    delegation = DelegationFactory(status=DelegationStatus.APPROVED, quota=3)
    registration = RegistrationFactory(summit=delegation.summit, status=RegistrationStatus.APPROVED)
    head = DelegationMemberFactory(delegation=delegation, is_head=True, status=MemberStatus.APPROVED,
                                   registration=registration, full_name="Head Person")
    other = DelegationMemberFactory(delegation=delegation, status=MemberStatus.APPROVED, full_name="Other Person")
    # The focal point is warned before changing anything, not only told afterwards.
    assert "sends it back to them for review" in client.get(page(delegation)).content.decode()
    assert "主办方已批准本代表团" in client.get(page(delegation, "zh-hans")).content.decode()

    client.post(page(delegation), {"action": "withdraw", "withdraw-member": head.pk})

    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.SUBMITTED
    assert AuditEntry.objects.filter(content_type__model="delegation", object_id=str(delegation.pk),
                                     note__contains="after approval (member withdrawn)").count() == 1
    shown = client.get(page(delegation)).content.decode()
    assert "Submitted for review" in shown and "Head of delegation" not in shown  # the withdrawn head
    assert "The delegation was approved: the organizers will review it again." in shown
    assert "sends it back to them for review" not in shown  # no longer approved
    listing = organizer_client.get(reverse("admin:delegations_delegation_changelist")).content.decode()
    assert "Submitted for review" in listing

    Delegation.objects.filter(pk=delegation.pk).update(status=DelegationStatus.APPROVED)
    client.post(page(delegation), {
        "action": "substitute", "substitute-member": other.pk, "substitute-full_name": "Omar Haddad",
        "substitute-email": "omar@example.org", "substitute-title": "", "substitute-language": "en",
    })
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.SUBMITTED

    Delegation.objects.filter(pk=delegation.pk).update(status=DelegationStatus.APPROVED)
    add(client, delegation)
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.SUBMITTED


def test_an_empty_delegation_before_its_deadline_does_not_say_substitutions_are_closed(client):
    delegation = DelegationFactory()

    shown = client.get(page(delegation)).content.decode()

    assert "Substitutions closed" not in shown and "No member yet." in shown


def test_the_chinese_page_does_not_write_the_delegation_twice(client):
    delegation = DelegationFactory(native_name="QA甲代表团")

    shown = client.get(page(delegation, "zh-hans")).content.decode()

    assert "QA甲代表团" in shown and "代表团代表团" not in shown


def test_bidirectional_controls_typed_by_the_focal_point_are_removed(client):
    delegation = DelegationFactory()

    add(client, delegation, **{"full_name": "Amina \u202eDiallo", "title": "Min\u2067ister\u2069"})

    member = DelegationMember.objects.get(email="amina@example.org")
    assert (member.full_name, member.title) == ("Amina Diallo", "Minister")
