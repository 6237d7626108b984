"""The organizers' review of applications: approve (with the exhibits link), reject, a new link, booths twice."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.enums import AuditAction
from core.models import AuditEntry, OutgoingEmail
from expo import links, services
from expo.enums import ExhibitorStatus
from expo.models import Exhibitor
from tests.factories.expo import BoothFactory, ExhibitorFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:expo_exhibitor_changelist"


def _statuses(*exhibitors) -> list[str]:
    return [Exhibitor.objects.get(pk=exhibitor.pk).application_status for exhibitor in exhibitors]


def test_approve_exhibitors_emails_the_contact_their_exhibits_link_once(
    admin_user, client, django_capture_on_commit_callbacks, still_signing_clock
):
    applicant = ExhibitorFactory(applicant=True, contact_email="mei.tan@example.org", contact_name="Mei Tan")

    with django_capture_on_commit_callbacks(execute=True):
        first = services.approve_exhibitors(exhibitors=[applicant], actor=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.approve_exhibitors(exhibitors=[applicant], actor=admin_user)

    applicant.refresh_from_db()
    assert (first, again) == (1, 0)
    assert applicant.application_status == ExhibitorStatus.APPROVED
    assert applicant.decided_at is not None
    assert [message.to for message in mail.outbox] == [["mei.tan@example.org"]]
    assert links.manage_url(applicant) in mail.outbox[0].body
    assert mail.outbox[0].body.startswith("Dear Mei Tan,")
    assert AuditEntry.objects.filter(object_id=str(applicant.pk), note="approved").count() == 1
    path = links.manage_url(applicant, absolute=False)
    assert client.get(path).status_code == 200


def test_approve_exhibitors_when_already_approved_changes_nothing_and_sends_nothing(admin_user):
    approved = ExhibitorFactory(application_status=ExhibitorStatus.APPROVED)
    stamp = Exhibitor.objects.get(pk=approved.pk).updated_at

    assert services.approve_exhibitors(exhibitors=[approved], actor=admin_user) == 0

    assert Exhibitor.objects.get(pk=approved.pk).updated_at == stamp
    assert not OutgoingEmail.objects.exists()
    assert not AuditEntry.objects.exists()


def test_reject_exhibitors_rejects_pending_applications_only_and_emails_once(
    admin_user, django_capture_on_commit_callbacks
):
    applicant = ExhibitorFactory(applicant=True, contact_email="applicant@example.org")
    approved = ExhibitorFactory(application_status=ExhibitorStatus.APPROVED)
    withdrawn = ExhibitorFactory(application_status=ExhibitorStatus.WITHDRAWN)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.reject_exhibitors(exhibitors=[applicant, approved, withdrawn], actor=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.reject_exhibitors(exhibitors=[applicant], actor=admin_user)

    assert (first, again) == (1, 0)
    assert _statuses(applicant, approved, withdrawn) == [
        ExhibitorStatus.REJECTED, ExhibitorStatus.APPROVED, ExhibitorStatus.WITHDRAWN,
    ]
    assert [message.to for message in mail.outbox] == [["applicant@example.org"]]
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == [f"expo:exhibitor:{applicant.pk}:rejected"]
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.changes) == (
        admin_user, AuditAction.ACTION, {"application_status": ["applied", "rejected"]},
    )


def test_reject_exhibitors_when_a_booth_was_given_frees_it_for_another_exhibitor(admin_user):
    applicant = ExhibitorFactory(applicant=True)
    booth = BoothFactory(hall__expo=applicant.expo, code="B-7", hall__name="Hall 2")
    services.assign_booth(exhibitor=applicant, booth=booth, actor=admin_user)
    other = ExhibitorFactory(expo=applicant.expo)

    services.reject_exhibitors(exhibitors=[applicant], actor=admin_user)
    services.assign_booth(exhibitor=other, booth=booth, actor=admin_user)

    assert Exhibitor.objects.get(pk=applicant.pk).booth is None
    assert Exhibitor.objects.get(pk=other.pk).booth == booth
    assert AuditEntry.objects.get(note="rejected").changes == {
        "application_status": ["applied", "rejected"], "booth": ["B-7 (Hall 2)", ""],
    }


def test_rejected_exhibitor_has_no_working_link(admin_user, client):
    exhibitor = ExhibitorFactory(applicant=True)
    services.approve_exhibitors(exhibitors=[exhibitor], actor=admin_user)
    path = links.manage_url(Exhibitor.objects.get(pk=exhibitor.pk), absolute=False)
    Exhibitor.objects.filter(pk=exhibitor.pk).update(application_status=ExhibitorStatus.WITHDRAWN)

    assert client.get(path).status_code == 404


def test_send_new_exhibits_links_bumps_the_version_so_the_old_link_stops_working(
    admin_user, client, django_capture_on_commit_callbacks
):
    exhibitor = ExhibitorFactory(contact_email="contact@example.org")
    old_path = links.manage_url(exhibitor, absolute=False)
    applicant = ExhibitorFactory(applicant=True)

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_new_exhibits_links(exhibitors=[exhibitor, applicant], actor=admin_user)

    exhibitor.refresh_from_db()
    new_path = links.manage_url(exhibitor, absolute=False)
    assert (sent, exhibitor.link_version, Exhibitor.objects.get(pk=applicant.pk).link_version) == (1, 2, 1)
    assert client.get(old_path).status_code == 404
    assert client.get(new_path).status_code == 200
    assert [message.to for message in mail.outbox] == [["contact@example.org"]]
    assert new_path in mail.outbox[0].body
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == [f"expo:exhibitor:{exhibitor.pk}:link:2"]
    assert AuditEntry.objects.get().changes == {"link_version": [1, 2]}


def test_approve_action_when_posted_reports_and_queues_one_email_per_approval(admin_client):
    applicants = ExhibitorFactory.create_batch(2, applicant=True)

    response = admin_client.post(reverse(CHANGELIST), {
        "action": "approve_selected", "_selected_action": [applicant.pk for applicant in applicants],
    })

    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["2 exhibitors approved."]
    assert sorted(OutgoingEmail.objects.values_list("key", flat=True)) == sorted(
        f"expo:exhibitor:{applicant.pk}:approved" for applicant in applicants
    )


def test_reject_action_when_posted_rejects_and_says_what_it_left(admin_client):
    applicant = ExhibitorFactory(applicant=True)
    approved = ExhibitorFactory()

    response = admin_client.post(reverse(CHANGELIST), {
        "action": "reject_selected", "_selected_action": [applicant.pk, approved.pk],
    })

    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "1 application rejected.", "1 exhibitor was not waiting for a decision and is unchanged.",
    ]
    assert _statuses(applicant, approved) == [ExhibitorStatus.REJECTED, ExhibitorStatus.APPROVED]


def test_new_link_action_when_posted_sends_links_to_approved_exhibitors_only(admin_client):
    approved = ExhibitorFactory()
    applicant = ExhibitorFactory(applicant=True)

    response = admin_client.post(reverse(CHANGELIST), {
        "action": "send_new_link", "_selected_action": [approved.pk, applicant.pk],
    })

    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "1 new exhibits link sent.", "1 exhibitor is not approved and has no exhibits link.",
    ]
    assert list(Exhibitor.objects.order_by("pk").values_list("link_version", flat=True)) == [2, 1]


def test_review_actions_when_user_may_only_view_are_refused(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_exhibitor"))
    client.force_login(viewer)
    applicant = ExhibitorFactory(applicant=True)

    for action in ("approve_selected", "reject_selected", "send_new_link"):
        client.post(reverse(CHANGELIST), {"action": action, "_selected_action": [applicant.pk]})

    assert _statuses(applicant) == [ExhibitorStatus.APPLIED]
    assert not OutgoingEmail.objects.exists()


def test_exhibitor_changelist_shows_the_wanted_area(admin_client):
    ExhibitorFactory(applicant=True)

    response = admin_client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert '<td class="field-wanted_area_sqm">54.00</td>' in response.content.decode()


def test_exhibitor_change_page_shows_the_application(admin_client):
    applicant = ExhibitorFactory(applicant=True)

    html = admin_client.get(reverse("admin:expo_exhibitor_change", args=[applicant.pk])).content.decode()

    assert "A humanoid robot for elderly care" in html
    assert "Artificial intelligence, Digital health" in html


def test_booth_given_twice_by_a_raw_update_is_refused_by_the_database():
    booth = BoothFactory()
    holder = ExhibitorFactory(booth=booth)
    other = ExhibitorFactory(expo=holder.expo)

    with pytest.raises(IntegrityError), transaction.atomic():
        Exhibitor.objects.filter(pk=other.pk).update(booth=booth)

    assert Exhibitor.objects.get(pk=other.pk).booth is None


def test_booth_given_twice_by_a_raw_save_is_refused_by_the_database():
    booth = BoothFactory()
    holder = ExhibitorFactory(booth=booth)
    other = ExhibitorFactory(expo=holder.expo)
    other.booth = booth

    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()

    assert Exhibitor.objects.get(pk=other.pk).booth is None


def _change_form(exhibitor, **overrides) -> dict:
    data = {
        "expo": exhibitor.expo.pk, "organization": exhibitor.organization.pk,
        "application_status": exhibitor.application_status, "booth": "", "products": "Robots",
        "wanted_area_sqm": "", "description_en": "", "description_zh_hans": "", "website": "",
        "contact_name": exhibitor.contact_name, "contact_email": exhibitor.contact_email, "contact_phone": "",
        "contact_language": "en", "status": exhibitor.status, "concurrency_token": exhibitor.updated_at.isoformat(),
        "exhibits-TOTAL_FORMS": 0, "exhibits-INITIAL_FORMS": 0, "exhibits-MIN_NUM_FORMS": 0,
        "exhibits-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data


def test_exhibitor_change_form_when_a_free_booth_is_picked_gives_it_through_the_service(admin_client, admin_user):
    exhibitor = ExhibitorFactory()
    booth = BoothFactory(hall__expo=exhibitor.expo, code="G-1", hall__name="Hall 7")

    response = admin_client.post(reverse("admin:expo_exhibitor_change", args=[exhibitor.pk]),
                                 _change_form(exhibitor, booth=booth.pk))

    assert response.status_code == 302
    assert Exhibitor.objects.get(pk=exhibitor.pk).booth == booth
    entry = AuditEntry.objects.get(note="booth assigned")
    assert (entry.actor, entry.changes) == (admin_user, {"booth": ["", "G-1 (Hall 7)"]})


def test_exhibitor_change_form_when_exhibitor_is_rejected_keeps_it_without_booth_and_says_why(admin_client):
    exhibitor = ExhibitorFactory(application_status=ExhibitorStatus.REJECTED, organization__name="Example Robotics")
    booth = BoothFactory(hall__expo=exhibitor.expo)

    response = admin_client.post(reverse("admin:expo_exhibitor_change", args=[exhibitor.pk]),
                                 _change_form(exhibitor, booth=booth.pk), follow=True)

    assert "Example Robotics is rejected and cannot be given a booth." in [
        str(message) for message in response.context["messages"]
    ]
    assert Exhibitor.objects.get(pk=exhibitor.pk).booth is None


def test_exhibitor_change_form_when_status_set_to_approved_on_an_application_leaves_it_to_the_action(admin_client):
    applicant = ExhibitorFactory(applicant=True)

    response = admin_client.post(reverse("admin:expo_exhibitor_change", args=[applicant.pk]),
                                 _change_form(applicant, application_status=ExhibitorStatus.APPROVED))

    assert response.status_code == 302
    assert Exhibitor.objects.get(pk=applicant.pk).application_status == ExhibitorStatus.APPLIED
    assert not OutgoingEmail.objects.exists()
