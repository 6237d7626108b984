"""The public content version: one token that changes whenever anything the public may see changes.

Feeds and API answers are rendered once per version and served from the cache until the next change, and their
ETag is derived from it, so a conditional GET is answered without touching the database. The version is bumped by
model signals (core/receivers.py) because it must follow every write path (admin forms and inlines, cascades,
services, the demo loader); it carries no business rule.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

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


def _new_version() -> ContentVersion:
    return ContentVersion(token=secrets.token_hex(8), changed_at=datetime.now(UTC).replace(microsecond=0))


def content_version() -> ContentVersion:
    """The current version; when the cache lost it (restart, eviction), a new one, which is always safe."""
    stored = cache.get(CACHE_KEY)
    if stored is None:
        fresh = _new_version()
        # add(): among processes that found it missing at once, the first one's token wins.
        cache.add(CACHE_KEY, (fresh.token, fresh.changed_at), timeout=None)
        stored = cache.get(CACHE_KEY) or (fresh.token, fresh.changed_at)
    return ContentVersion(*stored)


def bump_content_version() -> None:
    fresh = _new_version()
    cache.set(CACHE_KEY, (fresh.token, fresh.changed_at), timeout=None)


def content_changed() -> None:
    """A public row changed: bump the version now, for readers in this transaction (and tests), and again after
    commit, so that a reader who rendered the old rows in between cannot keep them under the new version."""
    bump_content_version()
    transaction.on_commit(bump_content_version, robust=True)
