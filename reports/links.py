"""Signed links in the emails to report subscribers: confirming the address, and unsubscribing in one click.

A token carries the subscriber's id and address, so it names one subscription and no other. The confirmation link
also carries the moment the reader last unsubscribed ("" if never): unsubscribing makes every earlier confirmation
link stale, so an old email cannot subscribe again someone who left. It expires after REPORT_CONFIRM_DAYS; the
unsubscribe link never expires (it is in every email, and a reader must always be able to leave).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import ReportSubscriber

CONFIRM_SALT = "wic.reports.subscription-confirm"
UNSUBSCRIBE_SALT = "wic.reports.unsubscribe"
CONFIRM_DAYS = 7


def _unsubscribed_mark(subscriber: ReportSubscriber) -> str:
    return subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else ""


def _url(subscriber: ReportSubscriber, name: str, token: str) -> str:
    with translation.override(subscriber.language):
        path = reverse(f"reports:{name}", kwargs={"subscription_token": token})
    return f"{settings.SITE_URL}{path}"


def confirm_token(subscriber: ReportSubscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.email, _unsubscribed_mark(subscriber)], salt=CONFIRM_SALT,
                         compress=True)


def unsubscribe_token(subscriber: ReportSubscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.email], salt=UNSUBSCRIBE_SALT, compress=True)


def confirm_url(subscriber: ReportSubscriber) -> str:
    """The absolute confirmation link, in the subscriber's language: the link in the confirmation email."""
    return _url(subscriber, "confirm-subscription", confirm_token(subscriber))


def unsubscribe_url(subscriber: ReportSubscriber) -> str:
    """The absolute one-click unsubscribe link, in the subscriber's language: the link in every email."""
    return _url(subscriber, "unsubscribe", unsubscribe_token(subscriber))


def _loads(token: str, *, salt: str, max_age=None) -> list | None:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # forged, tampered with, or expired (SignatureExpired)
        return None
    return value if isinstance(value, list) else None


def _subscriber(pk, email) -> ReportSubscriber | None:
    if not isinstance(pk, int) or not isinstance(email, str):
        return None
    return ReportSubscriber.objects.filter(pk=pk, email=email).first()


def subscriber_for_confirm_token(token: str) -> ReportSubscriber | None:
    """The subscriber this confirmation link is for; None if forged, expired, or older than an unsubscription
    (an active subscriber's own link stays good, so a second click shows the same "confirmed" page)."""
    value = _loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 24 * 3600)
    if value is None or len(value) != 3:
        return None
    subscriber = _subscriber(value[0], value[1])
    if subscriber is None or not (subscriber.is_active or value[2] == _unsubscribed_mark(subscriber)):
        return None
    return subscriber


def subscriber_for_unsubscribe_token(token: str) -> ReportSubscriber | None:
    value = _loads(token, salt=UNSUBSCRIBE_SALT)
    if value is None or len(value) != 2:
        return None
    return _subscriber(value[0], value[1])
