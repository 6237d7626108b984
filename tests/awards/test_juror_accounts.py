"""Jurors' accounts given by the organizers: "Invite to sign in" in the admin, an email with a link to choose a
password, the juror signs in and lands on their jury page; and where the site's sign-in leads without ``next``."""

import datetime
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from awards.models import JuryMember
from core.models import AuditEntry, OutgoingEmail
from tests.factories.awards import JuryMemberFactory

pytestmark = pytest.mark.django_db

WUZHEN = ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=WUZHEN)
PASSWORD = "Lantern-river-1923"
LINK = re.compile(r"https?://\S+/accounts/password/\S+/")


def invite(client, *seats, follow=True):
    return client.post(reverse("admin:awards_jurymember_changelist"), {
        "action": "invite_to_sign_in", "_selected_action": [seat.pk for seat in seats],
    }, follow=follow)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def set_password_through(link: str, client: Client, password: str = PASSWORD):
    """Follow the emailed link as the juror's browser does and choose a password; returns the last answer."""
    opened = client.get(urlsplit(link).path)
    assert opened.status_code == 302  # Django moves the token out of the address before showing the form
    form_page = client.get(opened["Location"])
    assert form_page.status_code == 200
    return form_page, client.post(opened["Location"], {"new_password1": password, "new_password2": password})


@time_machine.travel(TODAY, tick=False)
def test_an_organizer_invites_a_juror_who_chooses_a_password_signs_in_and_lands_on_the_jury_page(
    organizer_client, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    seat = JuryMemberFactory(name="Ada Lovelace", email="Ada@Example.org", programme__name="Pioneer Award")
    assert not organizer.is_superuser

    with django_capture_on_commit_callbacks(execute=True):
        response = invite(organizer_client, seat)

    assert messages_of(response) == [
        "Ada Lovelace: invitation sent to Ada@Example.org. The link in it works until Dec. 13, 2026, 10 a.m.: they "
        "choose a password, then sign in and find their jury page."]
    [email] = mailoutbox
    assert email.to == ["Ada@Example.org"]
    assert email.subject == "Pioneer Award: your jury account"
    assert "Dear Ada Lovelace," in email.body and "sign in with your user name, ada@example.org," in email.body
    seat.refresh_from_db()
    juror = seat.user
    assert (juror.username, juror.email, juror.has_usable_password(), juror.is_staff) == (
        "ada@example.org", "Ada@Example.org", False, False)
    assert AuditEntry.objects.filter(object_id=str(seat.pk), note="invited to sign in", actor=organizer).exists()

    browser = Client()
    [link] = LINK.findall(email.body)
    assert urlsplit(link).path.startswith("/en/accounts/password/")
    form_page, done = set_password_through(link, browser)
    assert "Your user name is <strong>ada@example.org</strong>" in form_page.content.decode()
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    assert "Your password is set" in browser.get(done["Location"]).content.decode()

    signed_in = browser.post(reverse("login"), {"username": "ada@example.org", "password": PASSWORD}, follow=True)

    assert signed_in.redirect_chain[-1] == ("/en/jury/", 302)
    assert signed_in.status_code == 200 and "Your jury assignments" in signed_in.content.decode()
    # The link worked once: opened again, it says so.
    assert "This link no longer works" in Client().get(urlsplit(link).path, follow=True).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_inviting_twice_makes_one_account_and_sends_one_email(organizer_client, django_capture_on_commit_callbacks,
                                                              mailoutbox):
    seat = JuryMemberFactory(name="Ada Lovelace", email="ada@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        invite(organizer_client, seat)
        again = invite(organizer_client, seat)

    assert messages_of(again) == [
        "Ada Lovelace was invited on Dec. 6, 2026, 10 a.m. and the link works until Dec. 13, 2026, 10 a.m.: "
        "nothing sent again."]
    assert get_user_model().objects.filter(email__iexact="ada@example.org").count() == 1
    assert OutgoingEmail.objects.count() == len(mailoutbox) == 1


def test_once_the_link_has_expired_a_new_invitation_is_sent(organizer_client, django_capture_on_commit_callbacks,
                                                            mailoutbox):
    seat = JuryMemberFactory(email="ada@example.org")
    with time_machine.travel(TODAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        invite(organizer_client, seat)
    with time_machine.travel(TODAY + datetime.timedelta(days=8), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        invite(organizer_client, seat)

    first, second = mailoutbox
    assert get_user_model().objects.filter(email="ada@example.org").count() == 1
    with time_machine.travel(TODAY + datetime.timedelta(days=8), tick=False):
        assert "This link no longer works" in Client().get(
            urlsplit(LINK.findall(first.body)[0]).path, follow=True).content.decode()
        _form, done = set_password_through(LINK.findall(second.body)[0], Client())
    assert done.status_code == 302


def test_the_same_juror_on_two_juries_keeps_one_account(organizer_client, django_capture_on_commit_callbacks):
    first = JuryMemberFactory(email="ada@example.org")
    second = JuryMemberFactory(email="ADA@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        invite(organizer_client, first, second)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.user == second.user
    assert get_user_model().objects.filter(email__iexact="ada@example.org").count() == 1
    assert OutgoingEmail.objects.count() == 2  # one per seat: each says which jury


def test_an_account_with_a_password_is_linked_and_nothing_is_sent(organizer_client, django_user_model,
                                                                 django_capture_on_commit_callbacks):
    existing = django_user_model.objects.create_user("ada", email="ada@example.org", password=PASSWORD)
    seat = JuryMemberFactory(name="Ada Lovelace", email="ada@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = invite(organizer_client, seat)

    assert messages_of(response) == [
        "Ada Lovelace already has an account with a password (ada): they sign in with it. Nothing sent."]
    assert JuryMember.objects.get(pk=seat.pk).user == existing
    assert not OutgoingEmail.objects.exists()


def test_a_juror_without_an_address_is_refused_with_the_reason(organizer_client):
    seat = JuryMemberFactory(name="Ada Lovelace", email="")

    response = invite(organizer_client, seat)

    assert messages_of(response) == ["Ada Lovelace has no email address: add it on their page, then invite them."]
    assert not get_user_model().objects.exclude(username="organizer").exists()


@time_machine.travel(TODAY, tick=False)
def test_a_chinese_juror_gets_the_invitation_and_the_password_page_in_chinese(
    organizer_client, django_capture_on_commit_callbacks, mailoutbox
):
    seat = JuryMemberFactory(name="王芳", email="wang@example.cn", language="zh-hans",
                             programme__name_zh_hans="先锋奖")

    with django_capture_on_commit_callbacks(execute=True):
        invite(organizer_client, seat)

    [email] = mailoutbox
    assert email.subject == "先锋奖：您的评委账号"
    assert email.body.startswith("尊敬的王芳：")
    [link] = LINK.findall(email.body)
    assert urlsplit(link).path.startswith("/zh-hans/accounts/password/")
    browser = Client()
    form_page, done = set_password_through(link, browser)
    assert "设置密码" in form_page.content.decode()
    assert done["Location"] == "/zh-hans/accounts/password/done/"
    signed_in = sign_in(browser, "wang@example.cn", language="zh-hans")
    assert signed_in.redirect_chain[-1] == ("/zh-hans/jury/", 302)


def test_the_jurors_page_has_the_button_and_says_how_accounts_are_given(organizer_client,
                                                                       django_capture_on_commit_callbacks):
    seat = JuryMemberFactory(name="Ada Lovelace", email="ada@example.org")
    url = reverse("admin:awards_jurymember_change", args=[seat.pk])

    page = organizer_client.get(url).content.decode()
    listing = organizer_client.get(reverse("admin:awards_jurymember_changelist")).content.decode()

    assert "How jurors get their account" in page and "How jurors get their account" in listing
    assert reverse("admin:awards_jurymember_invite", args=[seat.pk]) in page
    assert "No account yet: invite them to sign in" in page
    assert 'name="user"' not in page  # organizers may not list accounts: no picker that could not search them
    programme_page = organizer_client.get(reverse("admin:awards_awardprogramme_change", args=[seat.programme.pk]))
    assert "jury_members-0-email" in programme_page.content.decode()
    assert "jury_members-0-user" not in programme_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(reverse("admin:awards_jurymember_invite", args=[seat.pk]), follow=True)
    assert response.redirect_chain[-1][0] == url
    assert messages_of(response)[0].startswith("Ada Lovelace: invitation sent to ada@example.org.")
    assert "Invited on " in response.content.decode()


def test_staff_without_the_right_to_invite_see_no_button_and_cannot_invite(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    clerk.user_permissions.add(*Group.objects.get(name="Organizers").permissions.exclude(
        codename="invite_jurymember"))
    client.force_login(clerk)
    seat = JuryMemberFactory(email="ada@example.org")

    page = client.get(reverse("admin:awards_jurymember_change", args=[seat.pk])).content.decode()
    refused = client.post(reverse("admin:awards_jurymember_invite", args=[seat.pk]))

    assert reverse("admin:awards_jurymember_invite", args=[seat.pk]) not in page
    assert refused.status_code == 403
    assert JuryMember.objects.get(pk=seat.pk).user is None


# --- Where the site's sign-in leads without `next` ---------------------------------------------------------------


def sign_in(client, username, *, language="en"):
    return client.post(f"/{language}/accounts/login/", {"username": username, "password": PASSWORD}, follow=True)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_juror_signing_in_without_next_lands_on_their_jury_page(client, django_user_model, language):
    juror = django_user_model.objects.create_user("ada", password=PASSWORD)
    JuryMemberFactory(user=juror)

    response = sign_in(client, "ada", language=language)

    assert response.redirect_chain == [(f"/{language}/accounts/signed-in/", 302), (f"/{language}/jury/", 302)]
    assert response.status_code == 200


def test_an_organizer_signing_in_on_the_site_lands_on_the_admin(client, django_user_model):
    organizer = django_user_model.objects.create_user("olga", password=PASSWORD, is_staff=True)
    organizer.groups.add(Group.objects.get(name="Organizers"))

    response = sign_in(client, "olga")

    assert response.redirect_chain[-1] == ("/admin/", 302) and response.status_code == 200


def test_another_account_signing_in_lands_on_the_home_page(client, django_user_model):
    django_user_model.objects.create_user("visitor", password=PASSWORD)

    response = sign_in(client, "visitor")

    assert response.redirect_chain[-1] == ("/en/", 302) and response.status_code == 200
