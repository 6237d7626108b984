"""The website's application to join, and the applicant's own page: each sees only their own application."""

import re

import pytest
from django.core import mail

from core.models import OutgoingEmail
from members import links
from members.enums import MembershipStatus
from members.models import Membership, Organization
from tests.factories.members import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

APPLY = "/{lang}/members/apply/"
THANKS = "/{lang}/members/apply/thanks/"


def form_data(**changes) -> dict:
    return {
        "name": "Nairobi Digital Commons", "name_zh_hans": "", "country": "KE", "kind": "ngo",
        "type": "organisation", "website": "https://commons.example.org/", "contact_name": "Wanjiru Kamau",
        "contact_email": "Wanjiru@Example.org", "contact_phone": "+254 20 123 4567",
        "motivation": "We connect rural schools in Kenya to the internet and wish to share what we learn with the "
                      "organisation's members.",
        "consent": "on", "website_url": "", **changes,
    }


def html_of(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_apply_page_shows_the_form(client, lang):
    response = client.get(APPLY.format(lang=lang))

    html = html_of(response)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert html.count("<h1") == 1
    assert '<form method="post" class="site-form" novalidate>' in html
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'value="individual"' not in html and 'value="institution"' in html
    assert "style=" not in html
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_apply_records_the_application_and_queues_one_email(client, lang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY.format(lang=lang), form_data())

    assert response.status_code == 302
    assert response["Location"] == THANKS.format(lang=lang)
    membership = Membership.objects.select_related("organization").get()
    assert (membership.organization.name_en, membership.organization.country.code, membership.status,
            membership.contact_email, membership.language) == (
        "Nairobi Digital Commons", "KE", MembershipStatus.APPLIED, "wanjiru@example.org", lang)
    email = OutgoingEmail.objects.get()
    assert (email.key, email.to, email.language) == (f"membership:{membership.pk}:received", "wanjiru@example.org",
                                                     lang)
    assert len(mail.outbox) == 1


def test_thanks_page_shows_nothing_of_any_application(client):
    MembershipFactory(application=True, contact_name="Someone Else", contact_email="else@example.org",
                      organization=OrganizationFactory(name="Other Applicant"))

    response = client.get(THANKS.format(lang="en"))

    html = html_of(response)
    assert response.status_code == 200
    assert "Application received" in html
    for private in ("Someone Else", "else@example.org", "Other Applicant"):
        assert private not in html


def test_apply_shows_errors_in_chinese_and_saves_nothing(client):
    response = client.post(APPLY.format(lang="zh-hans"), form_data(name="", motivation="短", consent=""))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == ["该字段是必填项。"]
    assert set(errors) == {"name", "motivation", "consent"}
    assert '<div class="form-errors error-summary" role="alert"' in html_of(response)
    assert not Organization.objects.exists() and not Membership.objects.exists()


def test_apply_asks_for_a_few_sentences_of_motivation(client):
    response = client.post(APPLY.format(lang="en"), form_data(motivation="We want to join."))

    assert response.context["form"].errors["motivation"] == [
        "Please write a few sentences (at least 80 characters; you wrote 16)."]


@pytest.mark.parametrize("changes", [
    {"type": "individual"}, {"country": "XX"}, {"kind": "nope"}, {"contact_email": "not-an-email"},
    {"website": "javascript:alert(1)"}, {"contact_phone": "call me"}, {"name": "x" * 300},
    {"motivation": "x" * 5000}, {"name": "\x00"},
])
def test_apply_refuses_bad_input_without_an_error_page(client, changes):
    response = client.post(APPLY.format(lang="en"), form_data(**changes))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {next(iter(changes))}
    assert not Membership.objects.exists()


def test_apply_again_while_pending_is_refused_with_a_form_error(client):
    client.post(APPLY.format(lang="en"), form_data())

    response = client.post(APPLY.format(lang="en"),
                           form_data(name="Another Name", contact_email="wanjiru@example.org"))

    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"] == [
        "An application from this email address is already being reviewed. The secretariat will write to you with "
        "its decision."]
    assert Membership.objects.count() == 1 and OutgoingEmail.objects.count() == 1


def test_apply_with_a_members_name_is_refused_with_a_form_error(client):
    MembershipFactory(organization=OrganizationFactory(name="Nairobi Digital Commons"))

    response = client.post(APPLY.format(lang="en"), form_data(name="NAIROBI digital commons"))

    assert "contact the WIC secretariat" in response.context["form"].errors["name"][0]
    assert Membership.objects.count() == 1


def test_apply_pretends_success_to_a_bot_and_saves_nothing(client):
    response = client.post(APPLY.format(lang="en"), form_data(website_url="http://spam.example/"))

    assert response.status_code == 302 and response["Location"] == THANKS.format(lang="en")
    assert not Membership.objects.exists() and not OutgoingEmail.objects.exists()


@pytest.mark.parametrize(("lang", "message"), [("en", "Too many attempts"), ("zh-hans", "尝试次数过多")])
def test_apply_answers_429_past_the_rate_limit(client, settings, lang, message):
    settings.MEMBERSHIP_APPLICATION_RATE_LIMIT = 2
    url = APPLY.format(lang=lang)
    statuses = [client.post(url, form_data(name=f"Org {n}", contact_email=f"a{n}@example.org")).status_code
                for n in range(2)]

    refused = client.post(url, form_data(name="Org 3", contact_email="a3@example.org"))
    elsewhere = client.post(url, form_data(name="Org 4", contact_email="a4@example.org"), REMOTE_ADDR="192.0.2.7")

    assert statuses == [302, 302]
    assert refused.status_code == 429
    assert message in html_of(refused)
    assert elsewhere.status_code == 302
    assert sorted(Membership.objects.values_list("contact_email", flat=True)) == [
        "a0@example.org", "a1@example.org", "a4@example.org"]


def test_applicant_page_shows_their_own_application_only(client):
    mine = MembershipFactory(application=True, contact_name="Wanjiru Kamau",
                             organization=OrganizationFactory(name="Nairobi Digital Commons"))
    MembershipFactory(application=True, contact_name="Someone Else",
                      organization=OrganizationFactory(name="Other Applicant"))

    response = client.get(links.application_url(mine, absolute=False))

    html = html_of(response)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert "The application of Nairobi Digital Commons" in html and "Wanjiru Kamau" in html
    assert "The secretariat is reviewing the application." in html
    assert "Someone Else" not in html and "Other Applicant" not in html
    assert mine.contact_email not in html and mine.contact_phone not in html


@pytest.mark.parametrize("token", ["nonsense", "1", "MQ:1tXXXX:abcdef"])
def test_applicant_page_with_a_bad_token_is_not_found(client, token):
    MembershipFactory(application=True)

    response = client.get(f"/en/members/application/{token}/")

    assert response.status_code == 404
    assert "This link does not work" in html_of(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_applicant_page_refuses_a_token_signed_for_something_else(client):
    from django.core import signing

    membership = MembershipFactory(application=True)
    guests_token = signing.dumps(membership.pk, salt="wic.guests.manage", compress=True)

    assert client.get(f"/en/members/application/{guests_token}/").status_code == 404


def test_applicant_withdraws_their_pending_application(client):
    mine = MembershipFactory(application=True)
    other = MembershipFactory(application=True)
    url = links.application_url(mine, absolute=False)

    response = client.post(url)

    assert response.status_code == 302 and response["Location"] == url
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, other.status) == (MembershipStatus.WITHDRAWN, MembershipStatus.APPLIED)
    assert "You withdrew the application." in html_of(client.get(url))


def test_applicant_cannot_withdraw_once_decided(client, organizer):
    from members.services import approve_membership

    mine = MembershipFactory(application=True)
    approve_membership(membership=mine, actor=organizer)

    response = client.post(links.application_url(mine, absolute=False))

    html = html_of(response)
    assert response.status_code == 200
    assert "This application has already been decided" in html
    assert re.search(r"Admitted: a member since \w+\.? \d+, \d{4}\.", html)
    assert "Withdraw the application" not in html
    mine.refresh_from_db()
    assert mine.status == MembershipStatus.ACTIVE
