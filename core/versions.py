"""The public content version: one token that changes whenever anything the public may see changes.

Feeds and API answers are rendered once per version and served from the cache until the next change, and their
ETag is derived from it, so a conditional GET is answered without touching the database. The version is bumped by
model signals (core/receivers.py) because it must follow every write path (admin forms and inlines, cascades,
services, the demo loader); it carries no business rule.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db import transaction

CACHE_KEY = "content-version"
# The apps whose rows the public site, the API and the feeds show; guest data never moves the version.
PUBLIC_APPS = frozenset({"summits", "forums", "awards", "expo", "members", "reports"})
# Rows of those apps that no public page, feed or API answer shows: the jury's work, private documents, report
# subscribers and publishing runs. Saving them (a juror's score, a subscription) must not empty every cache.
PRIVATE_MODELS = frozenset({
    "awards.review", "awards.reviewscore", "awards.conflictofinterest", "awards.reviewround",
    "awards.nominationdocument", "reports.reportsubscriber", "reports.publishingrun",
})


def is_public(model) -> bool:
    """Whether the public site, the API or the feeds show rows of ``model``."""
    return model._meta.app_label in PUBLIC_APPS and model._meta.label_lower not in PRIVATE_MODELS


@dataclass(frozen=True)
class ContentVersion:
    token: str
    changed_at: datetime  # whole seconds, UTC: what Last-Modified can say


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _cached() -> ContentVersion | None:
    stored = cache.get(CACHE_KEY)
    return None if stored is None else ContentVersion(*stored)


def content_version() -> ContentVersion:
    """The current version: the cache's copy, or the clock's row when the cache lost it (restart, eviction)."""
    cached = _cached()
    if cached is not None:
        return cached
    from .models import ContentClock

    row = ContentClock.objects.filter(pk=1).values_list("token", "changed_at").first()
    if row is None:  # a database just made or flushed
        return bump_content_version()
    version = ContentVersion(row[0], row[1].astimezone(UTC))
    cache.add(CACHE_KEY, (version.token, version.changed_at), timeout=None)
    return version


def bump_content_version() -> ContentVersion:
    """Move the clock: a new token, and a time at least one second after every version handed out before.

    Last-Modified has one-second resolution: a second edit within the second of the first must still move it, or
    a client asking If-Modified-Since the first edit's time would be told nothing changed.
    """
    from .models import ContentClock

    cached = _cached()
    with transaction.atomic():
        clock, _created = ContentClock.objects.select_for_update().get_or_create(
            pk=1, defaults={"token": "", "changed_at": datetime.fromtimestamp(0, UTC)})
        latest = max(clock.changed_at, cached.changed_at if cached else clock.changed_at)
        clock.token, clock.changed_at = secrets.token_hex(8), max(_now(), latest + timedelta(seconds=1))
        clock.save(update_fields=["token", "changed_at"])
    version = ContentVersion(clock.token, clock.changed_at.astimezone(UTC))
    cache.set(CACHE_KEY, (version.token, version.changed_at), timeout=None)
    return version


def _bump_for_this_transaction() -> None:
    """A new token for readers inside the writing transaction (and tests), in the cache only: the rows they read
    are not committed yet, and other readers still see the committed ones, so the time need not move."""
    current = content_version()
    cache.set(CACHE_KEY, (secrets.token_hex(8), max(_now(), current.changed_at)), timeout=None)


def content_changed() -> None:
    """A public row changed: a new version for readers in this transaction now, and the clock moved once after
    the commit, so that a reader who rendered the old rows in between cannot keep them under the new version."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_content_version()
        return
    _bump_for_this_transaction()
    # One move of the clock per transaction, however many rows it writes (an admin form and its inlines).
    if not any(callback is bump_content_version for _savepoints, callback, _robust in connection.run_on_commit):
        transaction.on_commit(bump_content_version, robust=True)
