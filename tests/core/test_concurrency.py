"""Two organizers editing the same object: the second save from a stale form is refused, nothing overwritten."""

import pytest
from django.urls import reverse

from core.enums import AuditAction
from core.models import AuditEntry
from forums.models import Forum
from tests.admin_forms import errors_of, management, split
from tests.factories.forums import ForumFactory

pytestmark = pytest.mark.django_db


def forum_post(forum, *, title, token):
    return {
        "summit": forum.summit.pk, "kind": forum.kind, "title_en": title, "title_zh_hans": forum.title_zh_hans,
        "slug": forum.slug,
        **split("start", forum.start), **split("end", forum.end), "room": forum.room.pk, "status": forum.status,
        "order": "0", "concurrency_token": token, **management("sessions", 0),
    }


def test_second_save_from_a_stale_form_is_refused_and_names_who_changed_it(client, django_user_model):
    forum = ForumFactory(title="Data forum")
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    alice = django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")
    bob = django_user_model.objects.create_superuser("bob", "bob@example.org", "pw")
    client.force_login(alice)
    token_seen_by_both = client.get(url).context["adminform"].form["concurrency_token"].value()

    assert client.post(url, forum_post(forum, title="Data forum (Alice)", token=token_seen_by_both)).status_code == 302
    client.force_login(bob)
    response = client.post(url, forum_post(forum, title="Data forum (Bob)", token=token_seen_by_both))

    assert response.status_code == 200
    [message] = errors_of(response)
    assert message.startswith("alice changed this forum at ")
    assert message.endswith("Nothing was saved, so their changes are kept: open the page again and re-apply yours.")
    assert Forum.objects.get(pk=forum.pk).title == "Data forum (Alice)"


def test_save_from_a_fresh_form_goes_through_and_is_audited_with_before_and_after(admin_client, admin_user):
    forum = ForumFactory(title="Data forum")
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    token = admin_client.get(url).context["adminform"].form["concurrency_token"].value()

    response = admin_client.post(url, forum_post(forum, title="Data Governance Forum", token=token))

    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_id=str(forum.pk), content_type__model="forum")
    assert (entry.actor, entry.action, entry.changes) == (
        admin_user, AuditAction.CHANGED, {"title_en": ["Data forum", "Data Governance Forum"]}
    )


def test_admin_publish_action_is_audited(admin_client, admin_user):
    forum = ForumFactory(status="draft")

    admin_client.post(reverse("admin:forums_forum_changelist"), {
        "action": "publish_selected", "_selected_action": [forum.pk],
    })

    forum.refresh_from_db()
    assert forum.status == "published" and forum.published_at is not None
    assert AuditEntry.objects.filter(object_id=str(forum.pk), action=AuditAction.ACTION, actor=admin_user,
                                     note="published").count() == 1


def test_history_button_opens_the_objects_audit_trail(admin_client):
    forum = ForumFactory(title="Data forum")
    other = ForumFactory(title="Other forum")
    for target in (forum, other):
        admin_client.post(reverse("admin:forums_forum_change", args=[target.pk]),
                          forum_post(target, title=f"{target.title}!", token=target.updated_at.isoformat()))

    response = admin_client.get(reverse("admin:forums_forum_history", args=[forum.pk]), follow=True)

    assert [entry.object_repr for entry in response.context["cl"].result_list] == ["Data forum!"]
