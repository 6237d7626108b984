"""Two organizers editing the same object: the second save from a stale form is refused, nothing overwritten."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from core.enums import AuditAction
from core.models import AuditEntry
from forums.models import Forum, Session
from summits.models import Room
from tests.admin_forms import errors_of, form_on_page, management, split
from tests.factories.forums import ForumFactory, SessionFactory
from tests.factories.summits import RoomFactory

pytestmark = pytest.mark.django_db


def forum_post(forum, *, title, token):
    return {
        "summit": forum.summit.pk, "kind": forum.kind, "title_en": title, "title_zh_hans": forum.title_zh_hans,
        "slug": forum.slug,
        **split("start", forum.start), **split("end", forum.end), "room": forum.room.pk, "status": forum.status,
        "order": "0", "registration_mode": "open", "concurrency_token": token, **management("sessions", 0),
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


# --- Inline rows: each row carries its own token -------------------------------------------------------------------

NOTHING_SAVED = "Nothing was saved, so their changes are kept: open the page again and re-apply yours."


@pytest.fixture
def second_organizer(django_user_model):
    """Another organizer, in their own browser."""
    user = django_user_model.objects.create_user("bob", password="another horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Organizers"))
    browser = Client()
    browser.force_login(user)
    return browser


def forum_with_sessions():
    forum = ForumFactory(title="Data forum")
    first = SessionFactory(forum=forum, title="Opening")
    second = SessionFactory(forum=forum, title="Panel", start=first.end, end=first.end + datetime.timedelta(hours=1))
    return forum, first, second


def row_of(page: dict, prefix: str, session) -> str:
    """The prefix of ``session``'s row in the captured page (``sessions-0``...)."""
    [name] = [name for name, values in page.items() if name.startswith(prefix) and name.endswith("-id")
              and values == [str(session.pk)]]
    return name.removesuffix("-id")


def bob_renames(browser, session, title):
    """Bob saves the session on its own page, as an organizer does."""
    url = reverse("admin:forums_session_change", args=[session.pk])
    page = form_on_page(browser.get(url), "session_form")
    page["title_en"] = [title]
    response = browser.post(url, page)
    assert response.status_code == 302, errors_of(response)


def test_a_session_changed_since_the_forum_page_was_opened_is_refused_on_its_row(organizer_client,
                                                                                 second_organizer):
    forum, first, _second = forum_with_sessions()
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(organizer_client.get(url), "forum_form")  # the organizer opens the forum
    bob_renames(second_organizer, first, "Opening (Bob)")  # meanwhile Bob edits its first session

    row = row_of(page, "sessions-", first)
    page[f"{row}-title_en"] = ["Opening ceremony"]
    page["title_en"] = ["Data Governance Forum"]
    response = organizer_client.post(url, page)

    assert response.status_code == 200
    assert len(errors_of(response)) == 1  # the forum itself was not changed by Bob: only his session is named
    [formset] = [inline.formset for inline in response.context["inline_admin_formsets"]
                 if inline.formset.prefix == "sessions"]
    [refused] = [form for form in formset.forms if form.instance.pk == first.pk]
    [error] = refused.non_field_errors().as_data()
    assert error.code == "stale"
    assert refused.non_field_errors()[0].startswith("bob changed this session at ")
    assert refused.non_field_errors()[0].endswith(NOTHING_SAVED)
    assert "row-form-errors" in response.content.decode()  # shown on the session's row
    assert [str(message) for message in response.context["messages"]] == [  # and why, at the top of the page
        "Nothing was saved: rows of this page were changed by someone else after you opened it. Each is marked "
        "below with who changed it and when; open the page again and re-apply your changes."]
    # All or nothing: neither the session nor the forum was written.
    assert Session.objects.get(pk=first.pk).title == "Opening (Bob)"
    assert Forum.objects.get(pk=forum.pk).title == "Data forum"


def test_the_refusal_is_in_the_organizers_language(organizer_client, second_organizer):
    forum, first, _second = forum_with_sessions()
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    organizer_client.cookies["django_language"] = "zh-hans"
    page = form_on_page(organizer_client.get(url), "forum_form")
    bob_renames(second_organizer, first, "Opening (Bob)")

    page[f"{row_of(page, 'sessions-', first)}-title_en"] = ["Opening ceremony"]
    response = organizer_client.post(url, page)

    assert response.status_code == 200
    assert "bob 在您打开本页面之后" in response.content.decode() and "您的修改未保存" in response.content.decode()


def test_a_session_changed_by_someone_else_but_left_alone_does_not_block_the_forum(organizer_client,
                                                                                    second_organizer):
    forum, first, _second = forum_with_sessions()
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(organizer_client.get(url), "forum_form")
    # Bob changes a field the forum page does not show: the row as shown is still the row as it is now.
    Session.objects.filter(pk=first.pk).update(description_en="Bob's notes", updated_at=first.updated_at
                                               + datetime.timedelta(minutes=5))

    page["title_en"] = ["Data Governance Forum"]
    response = organizer_client.post(url, page)

    assert response.status_code == 302, errors_of(response)
    assert Forum.objects.get(pk=forum.pk).title == "Data Governance Forum"
    assert Session.objects.get(pk=first.pk).description_en == "Bob's notes"


def test_a_row_shown_before_someone_else_changed_it_is_refused_even_if_untouched(organizer_client,
                                                                                  second_organizer):
    """Saving the row as it was shown would put back what Bob changed: refused too."""
    forum, first, _second = forum_with_sessions()
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(organizer_client.get(url), "forum_form")
    bob_renames(second_organizer, first, "Opening (Bob)")

    page["title_en"] = ["Data Governance Forum"]
    response = organizer_client.post(url, page)

    assert response.status_code == 200
    assert any(message.startswith("bob changed this session") for message in errors_of(response))
    assert Session.objects.get(pk=first.pk).title == "Opening (Bob)"


def test_an_edited_session_from_a_fresh_page_is_saved_and_audited(organizer_client, organizer):
    forum, first, second = forum_with_sessions()
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(organizer_client.get(url), "forum_form")

    page[f"{row_of(page, 'sessions-', second)}-title_en"] = ["Closing panel"]
    response = organizer_client.post(url, page)

    assert response.status_code == 302, errors_of(response)
    assert Session.objects.get(pk=second.pk).title == "Closing panel"
    assert Session.objects.get(pk=first.pk).updated_at == first.updated_at  # the untouched row is not written
    # Nor is the forum, left as it was: a page someone else has open on it is still good to save.
    assert Forum.objects.get(pk=forum.pk).updated_at == forum.updated_at
    assert not AuditEntry.objects.filter(content_type__model="forum").exists()
    entry = AuditEntry.objects.get(content_type__model="session", object_id=str(second.pk))
    assert (entry.actor, entry.changes) == (organizer, {"title_en": ["Panel", "Closing panel"]})


def test_a_new_session_row_has_no_token_to_check_and_is_added(organizer_client):
    forum, first, second = forum_with_sessions()
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(organizer_client.get(url), "forum_form")
    start = second.end
    page.update({
        "sessions-TOTAL_FORMS": ["3"], "sessions-2-forum": [str(forum.pk)], "sessions-2-id": [""],
        "sessions-2-title_en": ["Closing"], "sessions-2-title_zh_hans": ["闭幕"], "sessions-2-type": ["keynote"],
        **{key: [value] for key, value in split("sessions-2-start", start).items()},
        **{key: [value] for key, value in split("sessions-2-end", start + datetime.timedelta(hours=1)).items()},
        "sessions-2-room": [""], "sessions-2-language": ["bilingual"], "sessions-2-status": ["draft"],
        "sessions-2-concurrency_token": [""],
    })

    response = organizer_client.post(url, page)

    assert response.status_code == 302, errors_of(response)
    assert list(forum.sessions.order_by("start").values_list("title_en", flat=True)) == [
        "Opening", "Panel", "Closing"]


def test_a_form_sent_without_its_token_is_refused(organizer_client):
    forum, first, _second = forum_with_sessions()
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(organizer_client.get(url), "forum_form")
    page["title_en"] = ["Data Governance Forum"]
    del page["concurrency_token"]

    response = organizer_client.post(url, page)

    assert response.status_code == 200
    assert [error.code for error in response.context["adminform"].form.non_field_errors().as_data()] == ["no_token"]
    assert Forum.objects.get(pk=forum.pk).title == "Data forum"


def test_an_inline_row_sent_without_its_token_is_refused(organizer_client):
    forum, first, _second = forum_with_sessions()
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(organizer_client.get(url), "forum_form")
    row = row_of(page, "sessions-", first)
    page[f"{row}-title_en"] = ["Opening ceremony"]
    del page[f"{row}-concurrency_token"]

    response = organizer_client.post(url, page)

    assert response.status_code == 200
    assert any(message.startswith("This form was sent without the time it was opened")
               for message in errors_of(response))
    assert Session.objects.get(pk=first.pk).title == "Opening"


def test_a_room_changed_since_the_venue_page_was_opened_is_refused(organizer_client, second_organizer):
    """Every inline of the admin carries the check, not only the forum's sessions."""
    room = RoomFactory(name="Hall A", capacity=300)
    url = reverse("admin:summits_venue_change", args=[room.venue.pk])
    page = form_on_page(organizer_client.get(url), "venue_form")
    Room.objects.filter(pk=room.pk).update(capacity=250, updated_at=room.updated_at + datetime.timedelta(minutes=1))

    row = row_of(page, "rooms-", room)
    page[f"{row}-capacity"] = ["350"]
    response = organizer_client.post(url, page)

    assert response.status_code == 200
    assert any(message.startswith("another organizer changed this room") for message in errors_of(response))
    assert Room.objects.get(pk=room.pk).capacity == 250
