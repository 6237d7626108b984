"""Subscribing to new reports: double opt-in, one-click unsubscribe, and the email about each new edition."""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from core.models import OutgoingEmail
from reports import links
from reports.enums import EditionStatus
from reports.models import ReportSubscriber
from reports.services import subscriptions
from tests.factories.reports import ReportEditionFactory, ReportSubscriberFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/{lang}/reports/subscribe/"
THANKS = "/{lang}/reports/subscribe/thank-you/"
SITE = "http://testserver.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def subscribe_post(client, *, lang="en", email="ada@example.org", **extra):
    return client.post(SUBSCRIBE.format(lang=lang), {"email": email, "consent": "on", **extra})


def link_in(body: str, kind: str) -> str:
    found = re.search(rf"{re.escape(SITE)}(/[a-z-]+/reports/subscriptions/{kind}/[^/\s]+/)", body)
    assert found, body
    return found.group(1)


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


# --- Double opt-in -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_subscribe_then_confirm_when_address_is_new(client, django_capture_on_commit_callbacks, lang):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe_post(client, lang=lang)

    assert response.status_code == 302 and response["Location"] == THANKS.format(lang=lang)
    subscriber = ReportSubscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.confirmed_at, subscriber.is_active) == (
        "ada@example.org", lang, None, False)
    today = timezone.localdate()
    assert list(OutgoingEmail.objects.values_list("key", "to", "language")) == [
        (f"report-subscriber:{subscriber.pk}:confirm:{today:%Y%m%d}", "ada@example.org", lang)]
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    confirm = link_in(mail.outbox[0].body, "confirm")
    assert confirm.startswith(f"/{lang}/reports/subscriptions/confirm/")

    asked = client.get(confirm)  # the link opens a page with a button: opening it confirms nothing
    confirmed = client.post(confirm, follow=True)

    assert asked.status_code == 200 and confirmed.status_code == 200
    assert_private(asked)
    assert_private(confirmed)
    subscriber.refresh_from_db()
    assert subscriber.is_active and subscriber.unsubscribed_at is None


def test_confirmation_email_is_in_the_subscribers_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe_post(client, lang="zh-hans")

    assert mail.outbox[0].subject == OutgoingEmail.objects.get().subject
    assert "/zh-hans/reports/subscriptions/confirm/" in mail.outbox[0].body


def test_confirm_twice_keeps_the_first_confirmation(client):
    subscriber = ReportSubscriberFactory(confirmed_at=None)
    url = links.confirm_url(subscriber).removeprefix(SITE)
    assert client.post(url).status_code == 302
    subscriber.refresh_from_db()
    first = subscriber.confirmed_at
    assert first is not None

    again = client.post(url)

    assert again.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at == first


def test_subscribe_page_shows_the_form(client):
    response = client.get(SUBSCRIBE.format(lang="en"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert html.count("<h1>") == 1 and "Subscribe to new reports" in html
    assert 'name="email"' in html and 'name="consent"' in html and 'name="website_url"' in html
    assert "style=" not in html


def test_subscribed_page_asks_to_check_the_inbox(client):
    response = client.get(THANKS.format(lang="en"))

    assert response.status_code == 200
    assert "<h1>Check your inbox</h1>" in response.content.decode()


def test_subscribe_when_address_is_active_sends_nothing_and_answers_the_same(
    client, django_capture_on_commit_callbacks
):
    active = ReportSubscriberFactory(email="ada@example.org")
    confirmed_at = active.confirmed_at

    with django_capture_on_commit_callbacks(execute=True):
        known = subscribe_post(client, email="Ada@Example.org")
        unknown = subscribe_post(client, email="grace@example.org")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [message.to for message in mail.outbox] == [["grace@example.org"]]
    active.refresh_from_db()
    assert active.confirmed_at == confirmed_at and active.is_active
    assert ReportSubscriber.objects.filter(email__iexact="ada@example.org").count() == 1


def test_subscribe_twice_the_same_day_sends_one_confirmation(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe_post(client)
        subscribe_post(client, email="ADA@example.org")

    assert ReportSubscriber.objects.count() == 1
    assert len(mail.outbox) == 1


def test_subscribe_when_unsubscribed_asks_to_confirm_again(client, django_capture_on_commit_callbacks):
    subscriber = ReportSubscriberFactory(email="ada@example.org", unsubscribed_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        subscribe_post(client, lang="zh-hans")

    subscriber.refresh_from_db()
    assert not subscriber.is_active and subscriber.language == "zh-hans"
    assert len(mail.outbox) == 1
    assert client.post(link_in(mail.outbox[0].body, "confirm"), follow=True).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active and subscriber.unsubscribed_at is None


def test_confirm_with_a_link_from_before_unsubscribing_is_refused(client):
    subscriber = ReportSubscriberFactory(confirmed_at=None)
    old_link = links.confirm_url(subscriber).removeprefix(SITE)
    subscriptions.confirm_subscription(subscriber=subscriber)
    subscriptions.unsubscribe(subscriber=subscriber)

    response = client.get(old_link)

    assert response.status_code == 404
    subscriber.refresh_from_db()
    assert not subscriber.is_active


def test_confirm_with_a_forged_token_shows_the_invalid_link_page(client):
    subscriber = ReportSubscriberFactory(confirmed_at=None)
    forged = signing.dumps([subscriber.pk, subscriber.email, ""], salt="not-ours")

    response = client.get(f"/en/reports/subscriptions/confirm/{forged}/")

    assert response.status_code == 404
    assert_private(response)
    assert "<h1>This link does not work</h1>" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_confirm_with_an_unsubscribe_token_is_refused(client):
    subscriber = ReportSubscriberFactory(confirmed_at=None)

    response = client.get(f"/en/reports/subscriptions/confirm/{links.unsubscribe_token(subscriber)}/")

    assert response.status_code == 404


def test_confirm_with_an_expired_token_is_refused(client, monkeypatch):
    subscriber = ReportSubscriberFactory(confirmed_at=None)
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)  # the clock when the email was sent
    token = links.confirm_token(subscriber)
    monkeypatch.undo()

    response = client.get(f"/en/reports/subscriptions/confirm/{token}/")

    assert response.status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_confirm_with_a_token_of_a_deleted_subscriber_is_refused(client):
    subscriber = ReportSubscriberFactory(confirmed_at=None)
    token = links.confirm_token(subscriber)
    subscriber.delete()

    assert client.get(f"/en/reports/subscriptions/confirm/{token}/").status_code == 404


# --- Refusals of the form -------------------------------------------------------------------------------------------

def test_subscribe_without_consent_or_valid_address_shows_errors_in_chinese(client):
    response = client.post(SUBSCRIBE.format(lang="zh-hans"), {"email": "not-an-address"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：" in html
    assert "请输入合法的邮件地址。" in html
    assert 'name="consent"' in html and "field-invalid" in html
    assert not ReportSubscriber.objects.exists() and not OutgoingEmail.objects.exists()


def test_subscribe_without_consent_is_refused(client):
    response = client.post(SUBSCRIBE.format(lang="en"), {"email": "ada@example.org"})

    assert response.status_code == 200
    assert "Please agree so that we may keep your address." in response.content.decode()
    assert not ReportSubscriber.objects.exists()


def test_subscribe_when_the_honeypot_is_filled_pretends_success_and_saves_nothing(client):
    response = subscribe_post(client, website_url="http://spam.example")

    assert response.status_code == 302 and response["Location"] == THANKS.format(lang="en")
    assert not ReportSubscriber.objects.exists() and not OutgoingEmail.objects.exists()


def test_subscribe_past_the_rate_limit_answers_429(client):
    for number in range(10):
        assert subscribe_post(client, email=f"reader{number}@example.org").status_code == 302

    response = subscribe_post(client, email="one-too-many@example.org")

    assert response.status_code == 429
    assert "<h1>Too many attempts</h1>" in response.content.decode()
    assert ReportSubscriber.objects.count() == 10


def test_subscribe_from_the_cached_library_form_needs_no_csrf_token():
    response = subscribe_post(Client(enforce_csrf_checks=True))

    assert response.status_code == 302
    assert ReportSubscriber.objects.filter(email="ada@example.org").exists()


# --- Unsubscribing -------------------------------------------------------------------------------------------------

def test_unsubscribe_get_shows_one_button_and_changes_nothing(client):
    subscriber = ReportSubscriberFactory(email="ada@example.org")

    response = client.get(links.unsubscribe_url(subscriber).removeprefix(SITE))

    html = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    assert "Stop the emails about new reports to ada@example.org?" in html
    assert len(re.findall(r'<button type="submit"', html)) == 1
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_unsubscribe_post_unsubscribes(client):
    subscriber = ReportSubscriberFactory(email="ada@example.org")
    url = links.unsubscribe_url(subscriber).removeprefix(SITE)

    response = client.post(url)

    assert response.status_code == 200
    assert_private(response)
    assert "<h1>You are unsubscribed</h1>" in response.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_active and subscriber.unsubscribed_at is not None


def test_unsubscribe_one_click_post_from_a_mail_program(client):
    subscriber = ReportSubscriberFactory()
    mail_program = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token: RFC 8058

    response = mail_program.post(links.unsubscribe_url(subscriber).removeprefix(SITE), "List-Unsubscribe=One-Click",
                                 content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_unsubscribe_twice_keeps_the_first_time(client):
    subscriber = ReportSubscriberFactory()
    url = links.unsubscribe_url(subscriber).removeprefix(SITE)
    client.post(url)
    subscriber.refresh_from_db()
    first = subscriber.unsubscribed_at

    assert client.post(url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == first


def test_unsubscribe_link_never_expires(client, monkeypatch):
    subscriber = ReportSubscriberFactory()
    years_ago = time.time() - 5 * 365 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: years_ago)
    token = links.unsubscribe_token(subscriber)
    monkeypatch.undo()

    assert client.post(f"/en/reports/subscriptions/unsubscribe/{token}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


@pytest.mark.parametrize("method", ["get", "post"])
def test_unsubscribe_with_a_forged_token_is_refused(client, method):
    subscriber = ReportSubscriberFactory()
    forged = links.unsubscribe_token(subscriber)[:-2] + "xx"

    response = getattr(client, method)(f"/en/reports/subscriptions/unsubscribe/{forged}/")

    assert response.status_code == 404
    assert_private(response)
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_unsubscribe_with_a_confirm_token_is_refused(client):
    subscriber = ReportSubscriberFactory()

    response = client.post(f"/en/reports/subscriptions/unsubscribe/{links.confirm_token(subscriber)}/")

    assert response.status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.is_active


# --- Emails about a new edition -------------------------------------------------------------------------------------

@pytest.fixture
def edition():
    edition = ReportEditionFactory(title="World Internet Development Report 2024",
                                   title_zh_hans="世界互联网发展报告2024",
                                   summary="How the internet grew.", summary_zh_hans="互联网的发展。",
                                   status=EditionStatus.PUBLISHED, year=2024)
    edition.file_en.save("report-en.pdf", ContentFile(b"%PDF-1.4 en"), save=False)
    edition.file_zh_hans.save("report-zh.pdf", ContentFile(b"%PDF-1.4 zh"), save=False)
    edition.save()
    return edition


def test_queue_new_report_emails_emails_each_active_subscriber_once_in_their_language(
    edition, django_capture_on_commit_callbacks, still_signing_clock
):
    english = ReportSubscriberFactory(email="ada@example.org", language="en")
    chinese = ReportSubscriberFactory(email="mei@example.org", language="zh-hans")
    ReportSubscriberFactory(email="unconfirmed@example.org", confirmed_at=None)
    ReportSubscriberFactory(email="left@example.org", unsubscribed_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        first = subscriptions.queue_new_report_emails(edition=edition)
        second = subscriptions.queue_new_report_emails(edition=edition)

    assert (first, second) == (2, 2)
    assert sorted(OutgoingEmail.objects.values_list("key", flat=True)) == sorted([
        f"report:{edition.pk}:subscriber:{english.pk}", f"report:{edition.pk}:subscriber:{chinese.pk}"])
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["ada@example.org", "mei@example.org"] and len(mail.outbox) == 2
    to_ada, to_mei = by_address["ada@example.org"], by_address["mei@example.org"]
    assert to_ada.subject == "New report: World Internet Development Report 2024"
    assert "世界互联网发展报告2024" in to_mei.subject and "互联网的发展。" in to_mei.body
    assert "How the internet grew." in to_ada.body
    assert f"{SITE}{edition.file_en.url}" in to_ada.body and edition.file_zh_hans.url not in to_ada.body
    assert f"{SITE}{edition.file_zh_hans.url}" in to_mei.body and edition.file_en.url not in to_mei.body
    assert f"{SITE}/en/reports/#edition-{edition.pk}" in to_ada.body
    assert f"{SITE}/zh-hans/reports/#edition-{edition.pk}" in to_mei.body
    assert links.unsubscribe_url(english) in to_ada.body and links.unsubscribe_url(chinese) in to_mei.body


def test_new_report_email_unsubscribe_link_works(client, edition, django_capture_on_commit_callbacks):
    subscriber = ReportSubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.queue_new_report_emails(edition=edition)

    response = client.post(link_in(mail.outbox[0].body, "unsubscribe"))

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert not subscriber.is_active
    assert subscriptions.queue_new_report_emails(edition=ReportEditionFactory(status=EditionStatus.PUBLISHED)) == 0


def test_new_report_email_falls_back_to_the_other_language_file(django_capture_on_commit_callbacks):
    edition = ReportEditionFactory(title="English Only", status=EditionStatus.PUBLISHED)
    edition.file_en.save("english-only.pdf", ContentFile(b"%PDF-1.4 en"))
    ReportSubscriberFactory(language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        assert subscriptions.queue_new_report_emails(edition=edition) == 1

    assert f"{SITE}{edition.file_en.url}" in mail.outbox[0].body
    assert "（英文版）" in mail.outbox[0].body  # the note, in the subscriber's language


def test_new_report_email_without_a_file_links_the_library(django_capture_on_commit_callbacks):
    edition = ReportEditionFactory(title="Paper Only", status=EditionStatus.PUBLISHED)
    ReportSubscriberFactory()

    with django_capture_on_commit_callbacks(execute=True):
        assert subscriptions.queue_new_report_emails(edition=edition) == 1

    assert "Download the PDF" not in mail.outbox[0].body
    assert f"{SITE}/en/reports/#edition-{edition.pk}" in mail.outbox[0].body


@pytest.mark.parametrize("status", [EditionStatus.DRAFT, EditionStatus.SCHEDULED])
def test_queue_new_report_emails_when_edition_is_not_published_emails_nobody(status):
    edition = ReportEditionFactory(status=status, release_at=timezone.now() + timedelta(days=1))
    ReportSubscriberFactory()

    assert subscriptions.queue_new_report_emails(edition=edition) == 0
    assert not OutgoingEmail.objects.exists()


def test_new_report_email_carries_the_one_click_unsubscribe_headers(client, django_capture_on_commit_callbacks):
    """RFC 8058: the mail program shows "unsubscribe" and POSTs to the header's link, which unsubscribes."""
    edition = ReportEditionFactory(title="World Internet Development Report 2024", status=EditionStatus.PUBLISHED)
    subscriber = ReportSubscriberFactory()

    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.queue_new_report_emails(edition=edition)
    headers = mail.outbox[0].extra_headers
    link = headers["List-Unsubscribe"].strip("<>")
    response = Client(enforce_csrf_checks=True).post(link.removeprefix(SITE), "List-Unsubscribe=One-Click",
                                                     content_type="application/x-www-form-urlencoded")

    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The subscriber's own unsubscribe link (its signature carries the second it was made: compared by what it opens).
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert link.removesuffix(f"{token}/") == links.unsubscribe_url(subscriber).rsplit("/", 2)[0] + "/"
    assert links.subscriber_for_unsubscribe_token(token) == subscriber
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    assert "Message-ID" in mail.outbox[0].extra_headers  # the outbox's own header is kept
