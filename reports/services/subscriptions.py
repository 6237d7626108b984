"""Readers subscribed to new reports: double opt-in, one-click unsubscribe, and the email about each new edition.

Every email goes through the outbox once per key, so a second request or a second run of the publishing task sends
nothing new.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.emails import queue_templated_email

from .. import links
from ..enums import EditionStatus
from ..models import ReportEdition, ReportSubscriber
from ..selectors import edition_download


def _normalized(email: str) -> str:
    # Addresses are compared without regard to case: "Ada@Example.org" is the reader who subscribed as ada@...
    return email.strip().lower()


def _queue_confirmation(subscriber: ReportSubscriber) -> None:
    today = timezone.localdate()
    queue_templated_email(
        # Once a day at most: asking again the same day sends nothing, so the form cannot flood an inbox.
        key=f"report-subscriber:{subscriber.pk}:confirm:{today:%Y%m%d}",
        to=subscriber.email, language=subscriber.language,
        subject=_("Confirm your subscription to the reports of the World Internet Conference"),
        text_template="reports/email/confirm_subscription.txt",
        context={"confirm_url": links.confirm_url(subscriber), "confirm_days": links.CONFIRM_DAYS},
        about=subscriber,
    )


@transaction.atomic
def subscribe(*, email: str, language: str) -> ReportSubscriber:
    """Ask for new reports at ``email``: a new, unconfirmed or unsubscribed address is sent a confirmation link
    (once a day at most) and counts only once confirmed; an active subscription is left as it is and nothing is
    sent, so that the answer is the same whoever is already subscribed. The subscriber row and its email commit
    together."""
    email = _normalized(email)
    subscriber = ReportSubscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = ReportSubscriber.objects.create(email=email, language=language)
        except IntegrityError:  # the same address subscribed at the same moment: use that row
            subscriber = ReportSubscriber.objects.select_for_update().get(email=email)
    if subscriber.is_active:
        return subscriber
    if subscriber.language != language:
        subscriber.language = language
        subscriber.save(update_fields=["language", "updated_at"])
    _queue_confirmation(subscriber)
    return subscriber


def confirm_subscription(*, subscriber: ReportSubscriber) -> ReportSubscriber:
    """The reader opened the confirmation link: from now on they are emailed about new reports. Confirming an
    active subscription again changes nothing."""
    if subscriber.is_active:
        return subscriber
    subscriber.confirmed_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["confirmed_at", "unsubscribed_at", "updated_at"])
    return subscriber


def unsubscribe(*, subscriber: ReportSubscriber) -> ReportSubscriber:
    """The reader left: no more emails until they subscribe and confirm again. Leaving twice changes nothing."""
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at", "updated_at"])
    return subscriber


def active_subscribers():
    return ReportSubscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True).order_by("pk")


def _absolute(url: str) -> str:
    return url if "://" in url else f"{settings.SITE_URL}{url}"


def _queue_new_report_email(edition: ReportEdition, subscriber: ReportSubscriber) -> None:
    with translation.override(subscriber.language):
        download = edition_download(edition, subscriber.language)
        library_url = f"{settings.SITE_URL}{reverse('reports:library')}#edition-{edition.pk}"
        context = {
            "title": edition.title, "summary": edition.summary, "year": edition.year, "version": edition.version,
            "download_url": _absolute(download.url) if download else "", "download": download,
            "library_url": library_url, "unsubscribe_url": links.unsubscribe_url(subscriber),
        }
    queue_templated_email(
        key=f"report:{edition.pk}:subscriber:{subscriber.pk}", to=subscriber.email, language=subscriber.language,
        subject=_("New report: %(title)s"), text_template="reports/email/new_report.txt", context=context,
        about=edition,
        # RFC 8058: mail programs offer "unsubscribe" and POST "List-Unsubscribe=One-Click" to the link themselves.
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def queue_new_report_emails(*, edition: ReportEdition) -> int:
    """Queue one email about the published ``edition`` to every active subscriber, in their language, with the
    download of their language's file (else the other one), the library and the unsubscribe link. Returns how many
    subscribers are emailed; calling again queues nothing new (one outbox key per edition and subscriber). An
    edition that is not published is announced to nobody."""
    if edition.status != EditionStatus.PUBLISHED:
        return 0
    count = 0
    for subscriber in active_subscribers().iterator(chunk_size=500):
        _queue_new_report_email(edition, subscriber)
        count += 1
    return count
