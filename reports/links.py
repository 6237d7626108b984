"""Signed links in the emails to report subscribers: confirming the address, and unsubscribing in one click.

A token carries the subscriber's id and address, so it names one subscription and no other. The confirmation link
also carries the moment the reader last unsubscribed ("" if never): unsubscribing makes every earlier confirmation
link stale, so an old email cannot subscribe again someone who left. It expires after CONFIRM_DAYS; the
unsubscribe link never expires (it is in every email, and a reader must always be able to leave).
"""

import datetime

from core.signed_links import LinkPurpose, link_url, make_token, row_for_token

from .models import ReportSubscriber

CONFIRM_SALT = "wic.reports.subscription-confirm"
UNSUBSCRIBE_SALT = "wic.reports.unsubscribe"
CONFIRM_DAYS = 7


def _unsubscribed_mark(subscriber: ReportSubscriber) -> str:
    return subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else ""


def _confirmation_is_current(subscriber: ReportSubscriber, claims: list) -> bool:
    """An active subscriber's own link stays good (a second click shows the same "confirmed" page); otherwise the
    link must be newer than the last unsubscription."""
    email, unsubscribed_mark = claims
    return email == subscriber.email and (subscriber.is_active or unsubscribed_mark == _unsubscribed_mark(subscriber))


CONFIRM = LinkPurpose(
    salt=CONFIRM_SALT, rows=ReportSubscriber.objects.all,
    claims=lambda subscriber: (subscriber.email, _unsubscribed_mark(subscriber)), claim_types=(str, str),
    max_age=lambda: datetime.timedelta(days=CONFIRM_DAYS), accepts=_confirmation_is_current,
)
UNSUBSCRIBE = LinkPurpose(
    salt=UNSUBSCRIBE_SALT, rows=ReportSubscriber.objects.all,
    claims=lambda subscriber: (subscriber.email,), claim_types=(str,),
)


def _url(subscriber: ReportSubscriber, name: str, token: str) -> str:
    return link_url(f"reports:{name}", language=subscriber.language, kwargs={"subscription_token": token})


def confirm_token(subscriber: ReportSubscriber) -> str:
    return make_token(CONFIRM, subscriber)


def unsubscribe_token(subscriber: ReportSubscriber) -> str:
    return make_token(UNSUBSCRIBE, subscriber)


def confirm_url(subscriber: ReportSubscriber) -> str:
    """The absolute confirmation link, in the subscriber's language: the link in the confirmation email."""
    return _url(subscriber, "confirm-subscription", confirm_token(subscriber))


def unsubscribe_url(subscriber: ReportSubscriber) -> str:
    """The absolute one-click unsubscribe link, in the subscriber's language: the link in every email."""
    return _url(subscriber, "unsubscribe", unsubscribe_token(subscriber))


def subscriber_for_confirm_token(token: str) -> ReportSubscriber | None:
    """The subscriber this confirmation link is for; None if forged, expired, or older than an unsubscription."""
    return row_for_token(CONFIRM, token)


def subscriber_for_unsubscribe_token(token: str) -> ReportSubscriber | None:
    return row_for_token(UNSUBSCRIBE, token)
