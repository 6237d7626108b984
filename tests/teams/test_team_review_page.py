"""A team's change reviewed on its own admin page: the diff with two buttons, "Publish" and "Send back with a
comment" (the comment's page of core/admin_reasons.py), besides the list's actions; once published, the page links
to the forum's public page."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.enums import PublicationStatus
from teams.enums import ChangeState
from teams.models import ForumChange
from tests.factories.forums import SessionFactory, at
from tests.teams.test_team_review import messages_of, prepare_and_submit

pytestmark = pytest.mark.django_db


def page_url(change, name="change"):
    return reverse(f"admin:teams_forumchange_{name}", args=[change.pk])


def test_the_change_page_shows_the_diff_with_its_two_buttons(team, organizer_client):
    change = prepare_and_submit(team)

    page = organizer_client.get(page_url(change)).content.decode()
    with translation.override("zh-hans"):
        chinese = organizer_client.get(page_url(change), headers={"accept-language": "zh-hans"}).content.decode()

    assert "Session added: Data governance panel" in page
    assert f'action="{page_url(change, "publish")}"' in page and ">Publish<" in page
    assert f'href="{page_url(change, "send_back")}"' in page and "Send back with a comment" in page
    assert ">发布<" in chinese and "退回并附意见" in chinese


def test_publish_on_the_page_publishes_and_links_to_the_forums_public_page(
        team, organizer_client, django_capture_on_commit_callbacks):
    change = prepare_and_submit(team)

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(page_url(change, "publish"), follow=True)

    forum_page = reverse("forums:forum", kwargs={"year": team.forum.summit.year, "slug": team.forum.slug})
    assert response.redirect_chain[-1][0] == page_url(change)
    assert messages_of(response) == [
        "1 change published; its team is told by email.",
        f'It is on the site now: <a href="{forum_page}">the forum&#x27;s public page</a>']
    text = response.content.decode()
    assert f'<a href="{forum_page}">The forum\'s public page</a>' in text and ">Publish<" not in text
    assert ForumChange.objects.get().state == ChangeState.PUBLISHED
    assert "Data governance panel" in organizer_client.get(forum_page).content.decode()


def test_a_refused_publish_says_why_and_an_unpublished_forum_gets_no_link(team, organizer_client):
    change = prepare_and_submit(team)
    rival = SessionFactory(forum__summit=team.forum.summit, forum__status=PublicationStatus.DRAFT,
                           title="Secret round table", room=team.side_room, start=at(2024, 11, 19, 14),
                           end=at(2024, 11, 19, 15))

    refused = organizer_client.post(page_url(change, "publish"), follow=True)
    rival.delete()
    type(team.forum).objects.filter(pk=team.forum.pk).update(status=PublicationStatus.DRAFT)
    published = organizer_client.post(page_url(change, "publish"), follow=True)

    [message] = messages_of(refused)
    assert "Hall 9 is already taken by “Secret round table”" in message and ">Publish<" in refused.content.decode()
    assert messages_of(published) == ["1 change published; its team is told by email."]
    assert "public page" not in published.content.decode()


def test_send_back_on_the_page_asks_for_the_comment_then_returns_to_the_change(
        team, organizer_client, mailoutbox, django_capture_on_commit_callbacks):
    change = prepare_and_submit(team)

    asked = organizer_client.get(page_url(change, "send_back"))
    empty = organizer_client.post(page_url(change, "send_back"), {"apply": "1", "comment": ""})
    with django_capture_on_commit_callbacks(execute=True):
        sent = organizer_client.post(page_url(change, "send_back"),
                                     {"apply": "1", "comment": "Add the panel's Chinese description."}, follow=True)

    text = asked.content.decode()
    assert "This change goes back to its team" in text and f'href="{page_url(change)}"' in text  # Cancel
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    assert sent.redirect_chain[-1][0] == page_url(change)
    assert messages_of(sent) == ["1 change sent back; its team is told by email."]
    change.refresh_from_db()
    assert (change.state, change.comment) == (ChangeState.SENT_BACK, "Add the panel's Chinese description.")
    assert len(mailoutbox) == 1


def test_a_change_not_waiting_for_review_has_no_buttons_and_is_not_decided_from_its_page(team, organizer_client):
    change = prepare_and_submit(team)
    organizer_client.post(page_url(change, "publish"), follow=True)

    again = organizer_client.get(page_url(change, "send_back"), follow=True)
    published_again = organizer_client.post(page_url(change, "publish"), follow=True)

    assert "is not waiting for review: nothing was done." in messages_of(again)[0]
    assert "is not waiting for review: nothing was done." in messages_of(published_again)[-1]
    assert organizer_client.get(page_url(change, "publish")).status_code == 405
    assert ForumChange.objects.get().state == ChangeState.PUBLISHED


def test_only_organizers_who_may_change_decide_from_the_page(team, client, django_user_model):
    change = prepare_and_submit(team)
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)

    assert client.post(page_url(change, "publish")).status_code == 403
    assert client.get(page_url(change, "send_back")).status_code == 403
    assert team.client.post(page_url(change, "publish")).status_code == 302  # the admin's sign-in
    assert ForumChange.objects.get().state == ChangeState.SUBMITTED
