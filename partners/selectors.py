"""Reads: the API key behind a request, which sessions partners may hear of, which webhooks hear it."""

import datetime
import uuid

from django.core.cache import cache
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from core.enums import PublicationStatus
from forums.models import Forum, Session
from forums.selectors import PUBLIC_SESSION

from .enums import OPEN_DELIVERY_STATUSES
from .keys import LOOKUP_CACHE_SECONDS, MAX_KEY_LENGTH, hash_api_key, lookup_cache_key
from .models import ApiKey, Webhook, WebhookDelivery

CACHED_FIELDS = ("id", "partner", "prefix")


def active_api_key(*, raw_key: str) -> ApiKey | None:
    """The unrevoked key, or None. Cached for a minute (the cache holds no secret: it is keyed by the hash).

    The cached key carries only its id, partner and prefix; other fields load on first access.
    """
    if not raw_key.startswith("wic_") or len(raw_key) > MAX_KEY_LENGTH:
        return None
    key_hash = hash_api_key(raw_key)
    cached = cache.get(lookup_cache_key(key_hash))
    if cached is not None:
        return ApiKey.from_db(ApiKey.objects.db, list(CACHED_FIELDS), list(cached))
    api_key = ApiKey.objects.filter(key_hash=key_hash, revoked_at__isnull=True).only(*CACHED_FIELDS).first()
    if api_key is not None:
        # Only keys that exist are cached: unknown keys cannot fill the cache.
        cache.set(lookup_cache_key(key_hash), tuple(getattr(api_key, name) for name in CACHED_FIELDS),
                  LOOKUP_CACHE_SECONDS)
    return api_key


ANY_WEBHOOK_CACHE_KEY = "partners:any-active-webhook"


def any_active_webhook() -> bool:
    """Whether any partner listens at all: without one, programme saves skip every webhook query.

    Cached until a webhook is saved or deleted (``forget_active_webhooks``).
    """
    known = cache.get(ANY_WEBHOOK_CACHE_KEY)
    if known is None:
        known = Webhook.objects.filter(is_active=True).exists()
        cache.set(ANY_WEBHOOK_CACHE_KEY, known, None)
    return known


def forget_active_webhooks(**kwargs) -> None:
    cache.delete(ANY_WEBHOOK_CACHE_KEY)


def public_session_summit_id(session_id: int) -> int | None:
    """The summit of the session if the public sees it now (it, its forum and its summit published), else None."""
    return (
        Session.objects.filter(
            pk=session_id,
            status=PublicationStatus.PUBLISHED,
            forum__status=PublicationStatus.PUBLISHED,
            forum__summit__status=PublicationStatus.PUBLISHED,
        )
        .values_list("forum__summit_id", flat=True)
        .first()
    )


def published_sessions_of_forum(forum_id: int) -> list[Session]:
    return list(Session.objects.filter(forum_id=forum_id, status=PublicationStatus.PUBLISHED).only("pk", "guid"))


# How a session reaches a row its expanded answer shows (forums/api/views.py, SessionViewSet.expand_change_fields),
# by the row's model label. A session without a room shows its forum's.
SESSIONS_SHOWING = {
    "summits.room": lambda ids: Q(room__in=ids) | Q(room__isnull=True, forum__room__in=ids),
    "summits.venue": lambda ids: Q(room__venue__in=ids) | Q(room__isnull=True, forum__room__venue__in=ids),
    "forums.speaker": lambda ids: Q(session_speakers__speaker__in=ids),
    "members.organization": lambda ids: (Q(session_speakers__speaker__organization__in=ids)
                                         | Q(forum__host__in=ids) | Q(forum__co_hosts__in=ids)),
    "forums.forum": lambda ids: Q(forum__in=ids),
    "forums.themegroup": lambda ids: Q(forum__theme_group__in=ids),
}


def public_sessions_showing(*, model: str, row_ids: list[int]) -> list[Session]:
    """The public sessions whose API answer shows one of these rows, each with ``public_summit_id``; none for a
    model whose rows no session shows."""
    showing = SESSIONS_SHOWING.get(model)
    if showing is None or not row_ids:
        return []
    # A subquery, so that a session reaching two of the rows (or one through two speakers) comes once.
    reached = Session.objects.filter(showing(row_ids)).values("pk")
    return list(
        Session.objects.filter(PUBLIC_SESSION, pk__in=reached)
        .annotate(public_summit_id=F("forum__summit_id")).only("pk", "guid").order_by("pk")
    )


def public_forum_summit_id(forum_id: int) -> int | None:
    """The forum's summit if the forum and summit are published (a public session's parents), else None."""
    return (
        Forum.objects.filter(
            pk=forum_id, status=PublicationStatus.PUBLISHED, summit__status=PublicationStatus.PUBLISHED
        )
        .values_list("summit_id", flat=True)
        .first()
    )


def webhooks_for_summit(summit_id: int, *, session_guid: uuid.UUID | None = None) -> list[Webhook]:
    """Active webhooks that hear this summit's events: those filtered on it and those with no filter.

    With ``session_guid``, each carries ``latest_delivery_id``: its most recent delivery about that session.
    """
    webhooks = Webhook.objects.filter(Q(summit__isnull=True) | Q(summit_id=summit_id), is_active=True)
    if session_guid is not None:
        latest = WebhookDelivery.objects.filter(webhook=OuterRef("pk"), session_guid=session_guid).order_by("-pk")
        webhooks = webhooks.annotate(latest_delivery_id=Subquery(latest.values("pk")[:1]))
    return list(webhooks.order_by("pk"))


def due_delivery_ids(*, grace_seconds: float, limit: int = 500) -> list[int]:
    """Open deliveries due for ``grace_seconds`` at least, oldest first: a retry whose time has come, a first attempt
    whose task was lost (broker restart), a delivery whose worker stopped while sending it (its time is up).

    Deliveries due for less than the grace are left to the task already on its way to them.
    """
    cutoff = timezone.now() - datetime.timedelta(seconds=grace_seconds)
    return list(
        WebhookDelivery.objects.filter(status__in=OPEN_DELIVERY_STATUSES, next_attempt_at__lte=cutoff)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
