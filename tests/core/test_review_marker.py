"""Rows copied from last year wear a "to review" mark in the admin until an organizer saves them (core/review.py)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from core.enums import AuditAction
from core.models import AuditEntry
from expo.models import Hall
from forums.models import Forum
from tests.admin_forms import form_on_page, management, split
from tests.factories.expo import HallFactory
from tests.factories.forums import ForumFactory

pytestmark = pytest.mark.django_db

FORUMS = reverse("admin:forums_forum_changelist")


def forum_post(forum, **changes):
    return {
        "summit": forum.summit.pk, "kind": forum.kind, "title_en": forum.title, "title_zh_hans": forum.title_zh_hans,
        "slug": forum.slug, **split("start", forum.start), **split("end", forum.end), "room": forum.room.pk,
        "status": forum.status, "order": "0", "registration_mode": forum.registration_mode,
        "concurrency_token": forum.updated_at.isoformat(),
        "description_en": forum.description, **management("sessions", 0), **changes,
    }


@pytest.fixture
def copied():
    return ForumFactory(title="AI Governance (copied)", status="draft", needs_review=True,
                        description="New this year: the AI forum.")


@pytest.fixture
def checked():
    return ForumFactory(title="Data Forum (checked)", status="draft")


def test_the_list_marks_rows_to_review_and_filters_on_them(organizer_client, copied, checked):
    page = organizer_client.get(FORUMS).content.decode()
    only_copied = organizer_client.get(FORUMS, {"needs_review": "yes"})

    assert page.count('class="wic-to-review"') == 1
    assert [forum.title for forum in only_copied.context["cl"].result_list] == ["AI Governance (copied)"]


def test_the_change_form_warns_and_saving_it_clears_the_mark(organizer_client, copied):
    url = reverse("admin:forums_forum_change", args=[copied.pk])

    warning = [str(message) for message in get_messages(organizer_client.get(url).wsgi_request)]
    response = organizer_client.post(url, forum_post(copied, description_en="The AI forum."))

    assert warning == ["This forum was copied from the previous edition and is still to review: its texts may speak "
                       "of last year (dates, “new this year”, people). Correct them, then save: saving clears the "
                       "mark."]
    assert response.status_code == 302
    copied.refresh_from_db()
    assert (copied.needs_review, copied.description) == (False, "The AI forum.")


def test_publishing_leaves_rows_to_review_unpublished_and_says_so(organizer_client, copied, checked):
    response = organizer_client.post(FORUMS, {"action": "publish_selected",
                                              "_selected_action": [copied.pk, checked.pk]})

    assert dict(Forum.objects.values_list("title", "status")) == {
        "AI Governance (copied)": "draft", "Data Forum (checked)": "published"}
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "1 item is still to review and was not published: check its texts and save it first.",
        "1 item published.",
    ]


def test_mark_as_reviewed_clears_the_mark_and_is_audited(organizer_client, organizer, copied, checked):
    organizer_client.post(FORUMS, {"action": "mark_reviewed", "_selected_action": [copied.pk, checked.pk]})

    assert not Forum.objects.filter(needs_review=True).exists()
    entry = AuditEntry.objects.get(action=AuditAction.ACTION, note="reviewed")
    assert (entry.actor, entry.object_id, entry.changes) == (organizer, str(copied.pk),
                                                            {"needs_review": [True, False]})


def test_an_inline_row_saved_with_a_change_is_reviewed_and_the_others_stay_marked(organizer_client):
    first = HallFactory(name="Digital Life Hall", needs_review=True)
    HallFactory(expo=first.expo, name="Talent Fair", needs_review=True)
    expo = first.expo

    page = organizer_client.get(reverse("admin:expo_expo_change", args=[expo.pk]))
    form = form_on_page(page, "expo_form")
    form["halls-0-name_en"] = ["Digital Life Hall (2025)"]  # the one row changed; the other sent as it was

    response = organizer_client.post(reverse("admin:expo_expo_change", args=[expo.pk]), form)

    assert response.status_code == 302
    assert dict(Hall.objects.values_list("name", "needs_review")) == {
        "Digital Life Hall (2025)": False, "Talent Fair": True}


def test_without_copies_to_review_the_list_has_no_such_column_or_filter(organizer_client, checked):
    response = organizer_client.get(FORUMS)

    assert "review_marker" not in response.context["cl"].list_display
    assert "to review" not in [str(spec.title) for spec in response.context["cl"].filter_specs]
