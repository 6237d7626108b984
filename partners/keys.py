"""The shape of an API key and how it is stored: ``wic_<prefix>_<secret>``, kept as a SHA-256 only."""

import hashlib
import secrets

KEY_PREFIX_LENGTH = 8
# How long a key's lookup is cached; revoking deletes the entry, so this only bounds a revoke made while the
# cache was unreachable.
LOOKUP_CACHE_SECONDS = 60
MAX_KEY_LENGTH = 100


def new_raw_key() -> tuple[str, str]:
    """(prefix, raw key): 32 random bits shown in lists, and 256 random bits of secret."""
    prefix = secrets.token_hex(KEY_PREFIX_LENGTH // 2)
    return prefix, f"wic_{prefix}_{secrets.token_urlsafe(32)}"


def hash_api_key(raw_key: str) -> str:
    # A plain SHA-256, not a password hasher: a key is 256 random bits, so there is no dictionary to try and no
    # salt is needed, and a lookup costs microseconds per request instead of a slow hash on every API call. The
    # hash is looked up by index, so no comparison of secrets runs in Python (nothing to time).
    return hashlib.sha256(raw_key.encode()).hexdigest()


def lookup_cache_key(key_hash: str) -> str:
    return f"partners:api-key:{key_hash}"


def last_use_guard_key(api_key_id: int) -> str:
    return f"partners:api-key-used:{api_key_id}"
