"""Organizers in the admin: invite the focal point, approve a delegation as a whole or member by member, reject;
the delegations' figures on the guests' dashboard."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import AuditEntry, OutgoingEmail
from delegations import links
from delegations.enums import DelegationStatus, MemberStatus
from delegations.models import Delegation
from guests.enums import RegistrationStatus
from tests.admin_forms import errors_of, form_on_page, management
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.guests import RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:delegations_delegation_changelist"
MEMBERS = "admin:delegations_delegationmember_changelist"


def act(client, url_name, action, rows):
    return client.post(reverse(url_name), {"action": action, "_selected_action": [str(row.pk) for row in rows]},
                       follow=True)


def completed_member(delegation, status=RegistrationStatus.VERIFIED, **fields):
    registration = RegistrationFactory(summit=delegation.summit, status=status)
    return DelegationMemberFactory(delegation=delegation, status=MemberStatus.COMPLETED,
                                   registration=registration, email=registration.guest.email, **fields)


def test_inviting_the_focal_point_opens_the_delegation_and_emails_the_link_in_their_language(organizer_client,
                                                                                                 client):
    delegation = DelegationFactory(status=DelegationStatus.DRAFT, focal_language="zh-hans",
                                   native_name="肯尼亚信息通信部")

    response = act(organizer_client, CHANGELIST, "invite_focal_point", [delegation])

    assert "1 focal point emailed." in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.OPEN
    email = OutgoingEmail.objects.get(to=delegation.focal_email)
    assert email.language == "zh-hans" and "肯尼亚信息通信部" in email.body_text
    path = re.search(r"https?://[^/]+(/zh-hans/summits/2024/delegation/\S+/)", email.body_text).group(1)
    assert "肯尼亚信息通信部代表团" in client.get(path).content.decode()


def test_a_new_focal_point_link_revokes_the_old_one(organizer_client, client):
    delegation = DelegationFactory()
    old = links.focal_point_url(delegation, absolute=False)

    act(organizer_client, CHANGELIST, "renew_focal_point_link", [delegation])

    delegation.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(links.focal_point_url(delegation, absolute=False)).status_code == 200


def test_approving_a_delegation_as_a_whole_accredits_every_completed_member(organizer_client):
    delegation = DelegationFactory(status=DelegationStatus.SUBMITTED)
    head = completed_member(delegation, is_head=True)
    other = completed_member(delegation)
    DelegationMemberFactory(delegation=delegation, status=MemberStatus.WITHDRAWN)  # not live: no obstacle

    response = act(organizer_client, CHANGELIST, "approve_delegations", [delegation])

    assert "1 delegation approved." in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.APPROVED
    for member in (head, other):
        member.refresh_from_db()
        member.registration.refresh_from_db()
        assert (member.status, member.registration.status) == (MemberStatus.APPROVED, RegistrationStatus.APPROVED)
    assert OutgoingEmail.objects.filter(to=delegation.focal_email, key__contains="delegation_approved").count() == 1
    assert OutgoingEmail.objects.filter(key__contains=":approved:").count() == 2  # each member's accreditation
    assert AuditEntry.objects.filter(content_type__model="delegation", object_id=str(delegation.pk),
                                     note="approved").count() == 1


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "2 members have not completed their data yet: Ana Ruiz, Li Lei."),
    ("zh-hans", "尚有2名成员未填写个人信息：Ana Ruiz, Li Lei。"),
])
def test_a_delegation_with_members_who_have_not_completed_their_data_is_not_approved_as_a_whole(
        organizer_client, language, expected):
    delegation = DelegationFactory(status=DelegationStatus.SUBMITTED)
    done = completed_member(delegation)
    DelegationMemberFactory(delegation=delegation, full_name="Ana Ruiz")
    DelegationMemberFactory(delegation=delegation, full_name="Li Lei")

    with translation.override(language):
        response = organizer_client.post(
            reverse(CHANGELIST), {"action": "approve_delegations", "_selected_action": [str(delegation.pk)]},
            follow=True, headers={"accept-language": language})

    assert expected in response.content.decode()
    delegation.refresh_from_db()
    done.refresh_from_db()
    assert (delegation.status, done.status) == (DelegationStatus.SUBMITTED, MemberStatus.COMPLETED)
    assert not OutgoingEmail.objects.filter(key__contains="delegation_approved").exists()


def test_rejecting_a_delegation_rejects_its_members_and_revokes_their_links(organizer_client, client):
    delegation = DelegationFactory(status=DelegationStatus.SUBMITTED)
    member = completed_member(delegation)
    link = links.member_url(member, absolute=False)

    act(organizer_client, CHANGELIST, "reject_delegations", [delegation])

    delegation.refresh_from_db()
    member.refresh_from_db()
    member.registration.refresh_from_db()
    assert delegation.status == DelegationStatus.REJECTED
    assert (member.status, member.registration.status) == (MemberStatus.REJECTED, RegistrationStatus.REJECTED)
    assert client.get(link).status_code == 404


def test_members_are_approved_and_rejected_one_by_one(organizer_client):
    delegation = DelegationFactory(status=DelegationStatus.APPROVED)
    late, unwanted = completed_member(delegation), completed_member(delegation)

    approved = act(organizer_client, MEMBERS, "approve_selected", [late])
    act(organizer_client, MEMBERS, "reject_selected", [unwanted])

    assert "1 member approved." in approved.content.decode()
    late.refresh_from_db()
    unwanted.refresh_from_db()
    assert (late.status, late.registration.status) == (MemberStatus.APPROVED, RegistrationStatus.APPROVED)
    unwanted.registration.refresh_from_db()
    assert (unwanted.status, unwanted.registration.status) == (MemberStatus.REJECTED, RegistrationStatus.REJECTED)


def test_the_admin_in_chinese_shows_the_members_inline_with_their_registration(organizer_client):
    delegation = DelegationFactory()
    member = completed_member(delegation, is_head=True)

    with translation.override("zh-hans"):
        response = organizer_client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk]),
                                        headers={"accept-language": "zh-hans"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "代表团成员" in html and "整体批准代表团" not in html  # actions are on the list, not the form
    assert reverse("admin:guests_registration_change", args=[member.registration_id]) in html
    changelist = organizer_client.get(reverse(CHANGELIST), headers={"accept-language": "zh-hans"})
    assert "整体批准代表团" in changelist.content.decode()


def test_the_lists_read_a_fixed_number_of_queries(organizer_client, django_assert_max_num_queries):
    for _number in range(15):
        completed_member(DelegationFactory())

    with django_assert_max_num_queries(9):
        assert organizer_client.get(reverse(CHANGELIST)).status_code == 200
    with django_assert_max_num_queries(8):
        assert organizer_client.get(reverse(MEMBERS)).status_code == 200


def test_the_dashboard_counts_delegations_by_status_and_members_by_country(organizer_client):
    kenya = DelegationFactory(country="KE", status=DelegationStatus.SUBMITTED)
    DelegationMemberFactory.create_batch(2, delegation=kenya)
    DelegationMemberFactory(delegation=kenya, status=MemberStatus.SUBSTITUTED)  # not counted
    DelegationMemberFactory(delegation=DelegationFactory(country="FR"))

    response = organizer_client.get(reverse("admin:guests_registration_dashboard"),
                                    {"summit": kenya.summit.pk})

    sections = {section.caption: section for section in response.context["dashboard"].sections}
    by_status = {bar.key: bar.count for bar in sections["Delegations by status"].bars}
    by_country = [(bar.key, bar.count) for bar in sections["Delegation members by country or region"].bars]
    assert by_status == {"draft": 0, "open": 1, "submitted": 1, "approved": 0, "rejected": 0}
    assert by_country == [("KE", 2), ("FR", 1)]


def test_an_organizer_sets_a_members_protocol_level_on_the_delegations_page(organizer_client):
    delegation = DelegationFactory()
    member = DelegationMemberFactory(delegation=delegation, is_head=True)
    url = reverse("admin:delegations_delegation_change", args=[delegation.pk])
    data = form_on_page(organizer_client.get(url), "delegation_form")
    data["members-0-protocol_level"] = ["minister"]

    response = organizer_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    member.refresh_from_db()
    assert member.protocol_level == "minister" and member.is_head


def test_an_organizer_adds_a_delegation_in_draft(organizer_client, organizer):
    summit = DelegationFactory().summit
    response = organizer_client.post(reverse("admin:delegations_delegation_add"), {
        "summit": summit.pk, "name": "Ministry of ICT", "native_name": "", "kind": "government",
        "country": "GH", "quota": "4", "substitution_deadline": "2024-11-15", "note": "",
        "focal_name": "Kwame Mensah", "focal_email": "kwame@example.gov", "focal_language": "en",
        "focal_phone": "", **management("members", 0),
    })

    assert response.status_code == 302, errors_of(response)
    delegation = Delegation.objects.get(name="Ministry of ICT")
    assert (delegation.status, delegation.created_by) == (DelegationStatus.DRAFT, organizer)


def delegation_form(summit, **fields):
    return {"summit": summit.pk, "name": "Ministry of ICT", "native_name": "", "kind": "government",
            "country": "GH", "quota": "4", "substitution_deadline": "2024-11-15", "note": "",
            "focal_name": "Kwame Mensah", "focal_email": "kwame@example.gov", "focal_language": "en",
            "focal_phone": "", **management("members", 0), **fields}


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "The substitution deadline cannot be after the summit"),
    ("zh-hans", "更换成员截止日期不得晚于大会最后一天"),
])
def test_a_substitution_deadline_after_the_summits_last_day_is_refused(organizer_client, language, expected):
    summit = DelegationFactory().summit
    late = summit.end_date + datetime.timedelta(days=1)

    with translation.override(language):
        response = organizer_client.post(reverse("admin:delegations_delegation_add"),
                                         delegation_form(summit, substitution_deadline=late.isoformat()),
                                         headers={"accept-language": language})

    assert response.status_code == 200
    assert expected in str(errors_of(response))
    assert not Delegation.objects.filter(name="Ministry of ICT").exists()


def test_bidirectional_controls_typed_in_the_admin_are_removed(organizer_client):
    summit = DelegationFactory().summit

    response = organizer_client.post(reverse("admin:delegations_delegation_add"), delegation_form(
        summit, name="Ministry \u202eof ICT", native_name="信息\u2067通信部\u2069", focal_name="Kwame\u200f Mensah",
        note="Call \u202dfirst"))

    assert response.status_code == 302, errors_of(response)
    delegation = Delegation.objects.get(focal_email="kwame@example.gov")
    assert (delegation.name, delegation.native_name, delegation.focal_name, delegation.note) == (
        "Ministry of ICT", "信息通信部", "Kwame Mensah", "Call first")


def test_the_focal_points_chinese_email_names_the_delegation_once(organizer_client):
    delegation = DelegationFactory(status=DelegationStatus.DRAFT, focal_language="zh-hans", native_name="QA乙代表团")

    act(organizer_client, CHANGELIST, "invite_focal_point", [delegation])

    body = OutgoingEmail.objects.get(to=delegation.focal_email).body_text
    assert "您已被指定为QA乙代表团联络人" in body and "代表团出席" not in body and "代表团代表团" not in body


def test_a_delegation_changed_after_approval_is_approved_again_and_the_focal_point_told_again(organizer_client,
                                                                                                  client):
    delegation = DelegationFactory(status=DelegationStatus.SUBMITTED, quota=3)
    member = completed_member(delegation)
    act(organizer_client, CHANGELIST, "approve_delegations", [delegation])
    focal_page = links.focal_point_url(delegation, absolute=False)

    client.post(focal_page, {"action": "withdraw", "withdraw-member": member.pk})
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.SUBMITTED
    act(organizer_client, CHANGELIST, "approve_delegations", [delegation])

    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.APPROVED
    assert OutgoingEmail.objects.filter(to=delegation.focal_email, key__contains="delegation_approved").count() == 2
