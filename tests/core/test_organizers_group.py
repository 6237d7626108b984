"""The Organizers group made by migration: everything to run an edition, nothing over accounts or the trail."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.models import AuditEntry
from forums.models import Forum
from tests.admin_forms import management, split
from tests.factories.forums import at
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"summits", "forums", "awards", "expo", "members", "guests", "reports", "press", "delegations", "teams"}


def test_group_holds_every_domain_permission_and_only_read_access_to_outbox_and_trail():
    from django.apps import apps

    permissions = set(
        Group.objects.get(name="Organizers").permissions.values_list("content_type__app_label", "codename")
    )

    expected = {
        (app, f"{action}_{model._meta.model_name}")
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        for action in ("add", "change", "delete", "view")
    } | {("core", "view_outgoingemail"), ("core", "change_outgoingemail"), ("core", "view_auditentry")} | {
        ("partners", "view_apikey"), ("partners", "add_apikey"), ("partners", "change_apikey"),
        ("partners", "view_webhook"), ("partners", "add_webhook"), ("partners", "change_webhook"),
        ("partners", "view_webhookdelivery"),
    } | {("awards", "invite_jurymember")} | {("axes", "view_accessattempt"), ("axes", "delete_accessattempt")}
    assert permissions == expected
    assert not {app for app, _codename in permissions} & {"auth", "contenttypes", "sessions", "admin"}


def test_organizer_builds_a_forum_in_the_admin(organizer_client, organizer):
    summit, room = SummitFactory(year=2024), RoomFactory()

    response = organizer_client.post(reverse("admin:forums_forum_add"), {
        "summit": summit.pk, "kind": "sub_forum", "title_en": "Youth and the Digital Future", "slug": "youth",
        **split("start", at(2024, 11, 21, 14)), **split("end", at(2024, 11, 21, 17)), "room": room.pk,
        "status": "draft", "order": "0", "registration_mode": "open", **management("sessions", 0),
    })

    assert response.status_code == 302
    forum = Forum.objects.get(slug="youth")
    assert AuditEntry.objects.get(object_id=str(forum.pk)).actor == organizer


@pytest.mark.parametrize(
    "url_name",
    ["admin:summits_summit_changelist", "admin:forums_session_add", "admin:awards_nomination_changelist",
     "admin:expo_exhibitor_changelist", "admin:members_organization_changelist", "admin:guests_guest_changelist",
     "admin:reports_reportedition_changelist", "admin:core_outgoingemail_changelist",
     "admin:core_auditentry_changelist"],
)
def test_organizer_opens_the_pages_of_their_work(organizer_client, url_name):
    assert organizer_client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_organizer_cannot_manage_accounts_or_groups(organizer_client, url_name):
    assert organizer_client.get(reverse(url_name)).status_code == 403


def test_organizer_cannot_change_or_delete_the_audit_trail(organizer_client, organizer):
    entry = AuditEntry.objects.create(action="action", content_type_id=1, object_id="1", object_repr="x")

    assert organizer_client.post(reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}
                                 ).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_permission_added_to_the_definition_reaches_an_existing_database_after_migrate(monkeypatch):
    from django.core.management import call_command

    from core import permissions

    group = Group.objects.get(name="Organizers")
    assert not group.permissions.filter(content_type__app_label="core", codename="delete_outgoingemail").exists()
    monkeypatch.setattr(permissions, "EXTRA_PERMISSIONS", (*permissions.EXTRA_PERMISSIONS,
                                                           ("core", "delete_outgoingemail")))

    call_command("migrate", verbosity=0)  # nothing to apply: only post_migrate runs

    assert group.permissions.filter(content_type__app_label="core", codename="delete_outgoingemail").exists()
