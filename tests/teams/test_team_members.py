"""A forum's team, given by the organizers in the admin: members of the host or a co-host, invited by email in
their language with a link to choose a password, invited again, removed; every step audited."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry
from teams.models import ForumTeamMember
from tests.admin_forms import errors_of
from tests.factories.forums import ForumFactory
from tests.factories.members import OrganizationFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Lantern-river-1923"
LINK = re.compile(r"https?://\S+/accounts/password/\S+/")
ADD = reverse("admin:teams_forumteammember_add")


@pytest.fixture
def forum(db):
    forum = ForumFactory(title="Digital Economy Forum", title_zh_hans="数字经济论坛",
                         host=OrganizationFactory(name="Ministry of Commerce", name_zh_hans="商务部"))
    forum.co_hosts.add(OrganizationFactory(name="Zhejiang University", name_zh_hans="浙江大学"))
    return forum


def add_member(client, forum, organization, **fields):
    return client.post(ADD, {"forum": forum.pk, "organization": organization.pk, "name": "王芳",
                             "email": "wang.fang@zju.example", "language": "zh-hans", **fields}, follow=True)


def test_a_co_hosts_member_is_invited_in_chinese_chooses_a_password_and_lands_on_the_team_page(
        organizer_client, organizer, forum, mailoutbox, django_capture_on_commit_callbacks):
    co_host = forum.co_hosts.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = add_member(organizer_client, forum, co_host)

    assert "王芳: invitation sent to wang.fang@zju.example." in response.content.decode()
    member = ForumTeamMember.objects.get()
    [email] = mailoutbox
    assert email.subject == "数字经济论坛：您的论坛团队账户"
    assert "尊敬的王芳：" in email.body and "浙江大学" in email.body
    html = email.alternatives[0][0]
    assert "Digital Economy Forum" not in html and ">数字经济论坛</td>" in html  # the heading in her language too
    assert AuditEntry.objects.filter(object_id=str(member.pk), note="invited to sign in", actor=organizer).exists()
    [link] = LINK.findall(email.body)
    assert urlsplit(link).path.startswith("/zh-hans/accounts/password/")

    browser = Client()
    opened = browser.get(urlsplit(link).path)
    assert "进入评审页面或论坛团队页面" in browser.get(opened["Location"]).content.decode()  # not only a juror's
    done = browser.post(opened["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)
    assert "进入评审页面或论坛团队页面" in done.content.decode()
    signed_in = browser.post("/zh-hans/accounts/login/", {"username": "wang.fang@zju.example",
                                                          "password": PASSWORD}, follow=True)

    assert signed_in.redirect_chain[-1] == ("/zh-hans/team/", 302)
    assert "数字经济论坛" in signed_in.content.decode() and not member.user.is_staff


def test_an_organisation_neither_hosting_nor_co_hosting_is_refused(organizer_client, forum, mailoutbox):
    stranger = OrganizationFactory(name="Unrelated Company")

    response = add_member(organizer_client, forum, stranger)

    assert errors_of(response) == ["Unrelated Company neither hosts nor co-hosts Digital Economy Forum: a forum's "
                                   "team comes from its host and co-hosts."]
    assert ForumTeamMember.objects.count() == 0 and mailoutbox == []


def test_inviting_again_sends_a_new_email_and_removing_ends_the_access(
        organizer_client, forum, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add_member(organizer_client, forum, forum.host, language="en")
    member = ForumTeamMember.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(reverse("admin:teams_forumteammember_changelist"),
                              {"action": "invite_selected", "_selected_action": [member.pk]})
    assert [email.subject for email in mailoutbox] == ["Digital Economy Forum: your forum team account"] * 2

    team_member = Client()
    team_member.force_login(member.user)
    assert team_member.get(reverse("teams:forum", kwargs={"forum_id": forum.pk})).status_code == 200
    organizer_client.post(reverse("admin:teams_forumteammember_delete", args=[member.pk]), {"post": "yes"})

    assert team_member.get(reverse("teams:forum", kwargs={"forum_id": forum.pk})).status_code == 404
    assert AuditEntry.objects.filter(object_id=str(member.pk), action="deleted").exists()


def test_the_forum_admin_assigns_the_teams_rooms(organizer_client, forum):
    page = organizer_client.get(reverse("admin:forums_forum_change", args=[forum.pk])).content.decode()

    assert 'name="team_rooms"' in page and "rooms for the forum&#x27;s team" in page.lower()
