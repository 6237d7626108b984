"""Organizers' review of applications in the admin, the membership figures, and ending body terms."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.formats import date_format

from core.models import OutgoingEmail
from members.enums import MembershipStatus, MembershipType
from members.models import Membership
from members.services import wuzhen_today
from tests.factories.members import BodyParticipantFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:members_membership_changelist"
FIGURES = "admin:members_membership_figures"


def run_action(client, action: str, objects, *, url=CHANGELIST, **extra):
    return client.post(reverse(url), {"action": action, "_selected_action": [str(obj.pk) for obj in objects],
                                      **extra})


def messages_of(response) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def test_approve_action_admits_the_applications(organizer_client):
    applications = MembershipFactory.create_batch(2, application=True)

    response = run_action(organizer_client, "approve_selected", applications)

    assert response.status_code == 302
    assert messages_of(response) == [("success", "2 applications approved: welcome emails are on their way.")]
    assert set(Membership.objects.values_list("status", "since")) == {(MembershipStatus.ACTIVE, wuzhen_today())}
    assert OutgoingEmail.objects.filter(key__endswith=":welcome").count() == 2


def test_approve_action_reports_each_refusal_and_changes_nothing_of_it(organizer_client):
    member = MembershipFactory(organization=OrganizationFactory(name="Old Member"), since=datetime.date(2022, 7, 12))
    application = MembershipFactory(application=True)

    response = run_action(organizer_client, "approve_selected", [member, application])

    assert messages_of(response) == [
        ("error", "Old Member is already a member since July 12, 2022: nothing was changed."),
        ("success", "1 application approved: a welcome email is on its way."),
    ]
    member.refresh_from_db()
    assert member.since == datetime.date(2022, 7, 12)
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == [f"membership:{application.pk}:welcome"]


def test_approve_action_twice_is_refused_the_second_time(organizer_client):
    application = MembershipFactory(application=True, organization=OrganizationFactory(name="Lagos Lab"))
    first = run_action(organizer_client, "approve_selected", [application])
    assert [level for level, _text in messages_of(first)] == ["success"]
    organizer_client.get(first["Location"])  # the changelist shows (and so clears) the first message

    response = run_action(organizer_client, "approve_selected", [application])

    assert messages_of(response) == [
        ("error", f"Lagos Lab is already a member since {date_format(wuzhen_today(), 'DATE_FORMAT')}: nothing was "
                  "changed.")]
    assert OutgoingEmail.objects.count() == 1


def test_reject_action_asks_for_a_reason_first(organizer_client):
    application = MembershipFactory(application=True, organization=OrganizationFactory(name="Lagos Lab"))

    response = run_action(organizer_client, "reject_selected", [application])

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lagos Lab" in html and 'name="reason"' in html and 'name="apply"' in html
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLIED and not OutgoingEmail.objects.exists()


def test_reject_action_with_a_reason_rejects_and_writes_once(organizer_client):
    application = MembershipFactory(application=True)

    response = run_action(organizer_client, "reject_selected", [application], apply="1", reason="Outside our scope.")

    assert response.status_code == 302
    assert messages_of(response) == [("success", "1 application rejected.")]
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == (MembershipStatus.REJECTED, "Outside our scope.")
    assert OutgoingEmail.objects.get().key == f"membership:{application.pk}:rejected"


def test_reject_action_on_a_member_is_refused(organizer_client):
    member = MembershipFactory(organization=OrganizationFactory(name="Old Member"), since=datetime.date(2022, 7, 12))

    response = run_action(organizer_client, "reject_selected", [member], apply="1", reason="")

    assert messages_of(response) == [
        ("error", "Old Member is already a member since July 12, 2022: nothing was changed.")]
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE


def test_change_page_shows_the_motivation_and_contact_read_only(organizer_client):
    application = MembershipFactory(application=True, contact_name="Wanjiru Kamau", contact_email="w@example.org",
                                    motivation="We connect rural schools.")

    response = organizer_client.get(reverse("admin:members_membership_change", args=[application.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for shown in ("Wanjiru Kamau", "w@example.org", "We connect rural schools.", "+86 571 1234 5678"):
        assert shown in html
    assert 'name="contact_email"' not in html and 'name="motivation"' not in html
    assert 'name="status"' not in html  # decided with the actions only


def test_changelist_filters_by_status(organizer_client):
    application = MembershipFactory(application=True)
    MembershipFactory()

    response = organizer_client.get(reverse(CHANGELIST), {"status__exact": "applied"})

    assert [membership.pk for membership in response.context["cl"].result_list] == [application.pk]


def test_figures_view_counts_members_by_continent_country_type_and_pending(organizer_client,
                                                                          django_assert_max_num_queries):
    MembershipFactory(organization=OrganizationFactory(country="CN"), type=MembershipType.INSTITUTION)
    MembershipFactory(organization=OrganizationFactory(country="CN"))
    MembershipFactory(organization=OrganizationFactory(country="KE"))
    MembershipFactory.create_batch(2, application=True)

    with django_assert_max_num_queries(8):
        response = organizer_client.get(reverse(FIGURES))

    figures = response.context["figures"]
    assert response.status_code == 200
    assert [(code, count) for code, _label, count in figures.by_continent] == [("AS", 2), ("AF", 1)]
    assert [(code, count) for code, _label, count in figures.by_country] == [("CN", 2), ("KE", 1)]
    assert [(code, count) for code, _label, count in figures.by_type] == [("enterprise", 2), ("institution", 1)]
    assert response.context["pending"] == 2
    html = response.content.decode()
    assert '<a href="/admin/members/membership/?status__exact=applied">2</a>' in html
    assert "Members by membership type" in html


def test_figures_view_is_linked_from_the_changelist(organizer_client):
    response = organizer_client.get(reverse(CHANGELIST))

    assert f'href="{reverse(FIGURES)}"' in response.content.decode()


def test_figures_view_needs_the_view_permission(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)

    assert client.get(reverse(FIGURES)).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_membership"))
    assert client.get(reverse(FIGURES)).status_code == 200


def test_figures_view_sends_anonymous_visitors_to_the_login(client):
    response = client.get(reverse(FIGURES))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_end_today_action_ends_terms_and_reports_refusals(organizer_client):
    today = wuzhen_today()
    running = BodyParticipantFactory(person_name="Running", term_start=today - datetime.timedelta(days=30))
    future = BodyParticipantFactory(person_name="Future", term_start=today + datetime.timedelta(days=3))

    response = run_action(organizer_client, "end_today", [running, future],
                          url="admin:members_bodyparticipant_changelist")

    running.refresh_from_db()
    future.refresh_from_db()
    assert (running.term_end, future.term_end) == (today, None)
    levels = [level for level, _text in messages_of(response)]
    assert levels == ["error", "success"]
    assert messages_of(response)[1][1] == "1 term ended today."
