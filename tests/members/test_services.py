"""The membership workflow's steps and their refusals: apply, approve, reject, withdraw, end a body term."""

import datetime
from dataclasses import replace

import pytest
from django.core import mail
from django.utils import timezone

from core.models import AuditEntry, OutgoingEmail
from members import services
from members.enums import MembershipStatus, MembershipType, OrganizationKind
from members.models import BodyParticipant, Membership, Organization
from tests.factories.members import BodyParticipantFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

APPLICATION = services.MembershipApplication(
    name="Nairobi Digital Commons", name_zh_hans="内罗毕数字公地", country="KE", kind=OrganizationKind.NGO,
    type=MembershipType.ORGANISATION, website="https://commons.example.org/", contact_name="Wanjiru Kamau",
    contact_email="wanjiru@example.org", contact_phone="+254 20 123 4567",
    motivation="We connect rural schools in Kenya and wish to share what we learn with the WIC's members.",
    language="zh-hans",
)


@pytest.fixture
def wuzhen_after_midnight(monkeypatch):
    """19 Nov 2024, 17:30 UTC: already 20 Nov in Wuzhen."""
    moment = datetime.datetime(2024, 11, 19, 17, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_apply_records_the_organisation_the_application_and_one_confirmation_email(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.apply_for_membership(application=APPLICATION)

    membership.refresh_from_db()
    organization = membership.organization
    assert (organization.name_en, organization.name_zh_hans, organization.slug, organization.country.code,
            organization.kind, organization.website) == (
        "Nairobi Digital Commons", "内罗毕数字公地", "nairobi-digital-commons", "KE", "ngo",
        "https://commons.example.org/")
    assert (membership.status, membership.type, membership.since, membership.contact_name, membership.contact_email,
            membership.contact_phone, membership.language) == (
        MembershipStatus.APPLIED, "organisation", None, "Wanjiru Kamau", "wanjiru@example.org", "+254 20 123 4567",
        "zh-hans")
    assert membership.motivation == APPLICATION.motivation
    assert membership.applied_at is not None and membership.consented_at == membership.applied_at
    email = OutgoingEmail.objects.get()
    assert (email.key, email.to, email.language) == (f"membership:{membership.pk}:received", "wanjiru@example.org",
                                                     "zh-hans")
    assert "/zh-hans/members/application/" in email.body_text
    assert [message.to for message in mail.outbox] == [["wanjiru@example.org"]]


def test_apply_gives_a_taken_slug_a_number():
    OrganizationFactory(slug="nairobi-digital-commons", name="Something else")
    OrganizationFactory(slug="nairobi-digital-commons-2", name="Another one")

    membership = services.apply_for_membership(application=APPLICATION)

    assert membership.organization.slug == "nairobi-digital-commons-3"


def test_apply_slugs_a_chinese_only_name():
    membership = services.apply_for_membership(application=replace(APPLICATION, name="乌镇数字研究院"))

    assert membership.organization.slug == "organisation"
    assert membership.organization.name_en == "乌镇数字研究院"


def test_apply_is_refused_while_the_same_email_has_an_application_pending():
    MembershipFactory(application=True, contact_email="wanjiru@example.org")

    with pytest.raises(services.MembershipError) as refusal:
        services.apply_for_membership(application=replace(APPLICATION, contact_email="WANJIRU@example.org"))

    assert refusal.value.field == "contact_email"
    assert refusal.value.message.startswith("An application from this email address is already being reviewed.")
    assert Membership.objects.count() == 1 and Organization.objects.count() == 1
    assert not OutgoingEmail.objects.exists()


def test_apply_is_accepted_again_once_the_earlier_application_was_decided():
    MembershipFactory(application=True, contact_email="wanjiru@example.org", status=MembershipStatus.REJECTED)

    membership = services.apply_for_membership(application=APPLICATION)

    assert membership.status == MembershipStatus.APPLIED


@pytest.mark.parametrize("name", ["NAIROBI DIGITAL COMMONS", "nairobi digital commons"])
def test_apply_is_refused_for_the_name_of_a_member(name):
    MembershipFactory(organization=OrganizationFactory(name="Nairobi Digital Commons"))

    with pytest.raises(services.MembershipError) as refusal:
        services.apply_for_membership(application=replace(APPLICATION, name=name, name_zh_hans=""))

    assert refusal.value.field == "name"
    assert "already a member of the World Internet Conference" in refusal.value.message
    assert "contact the WIC secretariat" in refusal.value.message
    assert Membership.objects.count() == 1


def test_apply_is_refused_for_the_chinese_name_of_a_member():
    MembershipFactory(organization=OrganizationFactory(name="Nairobi Commons", name_zh_hans="内罗毕数字公地"))

    with pytest.raises(services.MembershipError) as refusal:
        services.apply_for_membership(application=APPLICATION)

    assert refusal.value.field == "name"


def test_apply_is_refused_for_an_organisation_already_applying():
    MembershipFactory(application=True, organization=OrganizationFactory(name="Nairobi Digital Commons"))

    with pytest.raises(services.MembershipError) as refusal:
        services.apply_for_membership(application=replace(APPLICATION, name_zh_hans=""))

    assert refusal.value.message.startswith("An application for an organisation of this name is already")


def test_apply_takes_the_name_of_a_former_or_rejected_organisation():
    MembershipFactory(organization=OrganizationFactory(name="Nairobi Digital Commons"), status=MembershipStatus.ENDED)

    membership = services.apply_for_membership(application=replace(APPLICATION, name_zh_hans=""))

    assert membership.organization.slug == "nairobi-digital-commons"


def test_apply_is_refused_for_an_individual_membership():
    with pytest.raises(services.MembershipError) as refusal:
        services.apply_for_membership(application=replace(APPLICATION, type=MembershipType.INDIVIDUAL))

    assert refusal.value.field == "type"
    assert not Organization.objects.exists()


def test_approve_makes_a_member_since_the_date_in_wuzhen_audited_with_one_welcome_email(
    wuzhen_after_midnight, organizer, django_capture_on_commit_callbacks,
):
    application = MembershipFactory(application=True, contact_email="ops@example.org", language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_membership(membership=application, actor=organizer)

    application.refresh_from_db()
    assert (application.status, application.since, application.decided_at) == (
        MembershipStatus.ACTIVE, datetime.date(2024, 11, 20), wuzhen_after_midnight)
    audit = AuditEntry.objects.get()
    assert (audit.actor, audit.note, audit.object_id) == (organizer, "approved", str(application.pk))
    assert audit.changes == {"status": ["applied", "active"], "since": [None, "2024-11-20"]}
    email = OutgoingEmail.objects.get()
    assert (email.key, email.to, email.language) == (f"membership:{application.pk}:welcome", "ops@example.org",
                                                     "zh-hans")
    assert "2024年11月20日" in email.body_text
    assert len(mail.outbox) == 1


def test_approve_twice_is_refused_naming_the_date_and_changes_and_sends_nothing(organizer, wuzhen_after_midnight):
    application = MembershipFactory(application=True)
    services.approve_membership(membership=application, actor=organizer)
    application.refresh_from_db()
    before = (application.since, application.decided_at, application.updated_at)

    with pytest.raises(services.MembershipError) as refusal:
        services.approve_membership(membership=application, actor=organizer)

    application.refresh_from_db()
    assert refusal.value.message == f"{application} is already a member since Nov. 20, 2024: nothing was changed."
    assert (application.since, application.decided_at, application.updated_at) == before
    assert OutgoingEmail.objects.count() == 1 and AuditEntry.objects.count() == 1


def test_approve_an_existing_member_is_refused_with_its_date(organizer):
    member = MembershipFactory(since=datetime.date(2022, 7, 12))

    with pytest.raises(services.MembershipError) as refusal:
        services.approve_membership(membership=member, actor=organizer)

    assert "already a member since July 12, 2022" in refusal.value.message
    member.refresh_from_db()
    assert member.since == datetime.date(2022, 7, 12)


def test_approve_a_rejected_application_reconsiders_it(organizer):
    application = MembershipFactory(application=True)
    services.reject_membership(membership=application, actor=organizer, reason="Not yet.")

    services.approve_membership(membership=application, actor=organizer)

    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE
    assert list(AuditEntry.objects.order_by("pk").values_list("note", flat=True)) == [
        "rejected", "approved after reconsideration"]
    assert sorted(key.rsplit(":", 1)[1] for key in OutgoingEmail.objects.values_list("key", flat=True)) == [
        "rejected", "welcome"]


@pytest.mark.parametrize("status", [MembershipStatus.ENDED, MembershipStatus.SUSPENDED, MembershipStatus.WITHDRAWN])
def test_approve_is_refused_for_what_is_not_an_application(organizer, status):
    membership = MembershipFactory(application=True, status=status)

    with pytest.raises(services.MembershipError) as refusal:
        services.approve_membership(membership=membership, actor=organizer)

    assert "is not an application" in refusal.value.message
    membership.refresh_from_db()
    assert (membership.status, membership.since) == (status, None)


def test_approve_without_a_contact_sends_nothing(organizer):
    membership = MembershipFactory(status=MembershipStatus.APPLIED, since=None)

    services.approve_membership(membership=membership, actor=organizer)

    assert not OutgoingEmail.objects.exists()


def test_reject_records_the_reason_and_sends_one_email_quoting_it(organizer, django_capture_on_commit_callbacks):
    application = MembershipFactory(application=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.reject_membership(membership=application, actor=organizer, reason="  Outside our scope.  ")

    application.refresh_from_db()
    assert (application.status, application.rejection_reason, application.since) == (
        MembershipStatus.REJECTED, "Outside our scope.", None)
    assert application.decided_at is not None
    email = OutgoingEmail.objects.get()
    assert email.key == f"membership:{application.pk}:rejected"
    assert "Outside our scope." in email.body_text
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.get().note == "rejected"


def test_reject_twice_is_refused_and_sends_nothing_more(organizer):
    application = MembershipFactory(application=True)
    services.reject_membership(membership=application, actor=organizer)

    with pytest.raises(services.MembershipError) as refusal:
        services.reject_membership(membership=application, actor=organizer, reason="Again")

    assert refusal.value.message == f"The application of {application} is already rejected: nothing was changed."
    application.refresh_from_db()
    assert application.rejection_reason == ""
    assert OutgoingEmail.objects.count() == 1


def test_reject_a_member_is_refused(organizer):
    member = MembershipFactory(since=datetime.date(2023, 3, 1))

    with pytest.raises(services.MembershipError) as refusal:
        services.reject_membership(membership=member, actor=organizer)

    assert "already a member since March 1, 2023" in refusal.value.message
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE


def test_withdraw_a_pending_application():
    application = MembershipFactory(application=True)

    services.withdraw_application(membership=application)

    application.refresh_from_db()
    assert application.status == MembershipStatus.WITHDRAWN
    assert AuditEntry.objects.get().note == "withdrawn by the applicant"


def test_withdraw_a_decided_application_is_refused(organizer):
    application = MembershipFactory(application=True)
    services.approve_membership(membership=application, actor=organizer)

    with pytest.raises(services.MembershipError):
        services.withdraw_application(membership=application)

    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE


def test_a_second_pending_application_from_one_address_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    MembershipFactory(application=True, contact_email="same@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(application=True, contact_email="Same@example.org")


def test_end_participation_sets_the_last_day_audited(organizer):
    participant = BodyParticipantFactory(term_start=datetime.date(2024, 11, 20))

    services.end_participation(participant=participant, on=datetime.date(2025, 6, 30), actor=organizer)

    participant.refresh_from_db()
    assert participant.term_end == datetime.date(2025, 6, 30)
    assert AuditEntry.objects.get().changes == {"term_end": [None, "2025-06-30"]}


def test_end_participation_on_its_first_day_is_allowed(organizer):
    participant = BodyParticipantFactory(term_start=datetime.date(2024, 11, 20))

    services.end_participation(participant=participant, on=datetime.date(2024, 11, 20), actor=organizer)

    assert BodyParticipant.objects.get().term_end == datetime.date(2024, 11, 20)


def test_end_participation_before_the_start_is_refused(organizer):
    participant = BodyParticipantFactory(person_name="Amara Okafor", term_start=datetime.date(2024, 11, 20))

    with pytest.raises(services.MembershipError) as refusal:
        services.end_participation(participant=participant, on=datetime.date(2024, 11, 19), actor=organizer)

    assert refusal.value.message == (
        "The term of Amara Okafor starts on Nov. 20, 2024: it cannot end before, on Nov. 19, 2024.")
    assert BodyParticipant.objects.get().term_end is None
    assert not AuditEntry.objects.exists()


def test_end_participation_of_a_term_already_over_is_refused(organizer):
    participant = BodyParticipantFactory(term_start=datetime.date(2023, 1, 1), term_end=datetime.date(2023, 12, 31))

    with pytest.raises(services.MembershipError) as refusal:
        services.end_participation(participant=participant, on=datetime.date(2024, 6, 30), actor=organizer)

    assert "already ends on Dec. 31, 2023" in refusal.value.message
    assert BodyParticipant.objects.get().term_end == datetime.date(2023, 12, 31)
