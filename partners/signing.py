"""Webhook signatures, Stripe-style: ``X-WIC-Signature: t=<unix time>,v1=<hex HMAC-SHA256>``.

The HMAC key is the webhook's secret and the message is ``f"{t}.{body}"``, the raw bytes of the request body
behind the timestamp. A partner verifies it so (Python, standard library only):

    import hashlib, hmac, time

    def verify(secret: str, body: bytes, header: str, tolerance: int = 300) -> bool:
        fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
        timestamp, signature = fields.get("t", ""), fields.get("v1", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance:
            return False  # too old (or from the future): a replay
        expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)

Sign and check the body exactly as received, before any JSON parsing. Each attempt is signed afresh (new ``t``),
and a retry carries the same ``X-WIC-Delivery`` event id: a partner that has processed that id ignores it.
"""

import hashlib
import hmac
import time

SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE_SECONDS = 300


def signature_header(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},{SIGNATURE_VERSION}={digest}"


def verify_signature(
    *, secret: str, body: bytes, header: str, tolerance: int = DEFAULT_TOLERANCE_SECONDS, now: float | None = None
) -> bool:
    """What a partner's receiver does; the docstring of this module has the same code to copy."""
    fields = dict(part.strip().split("=", 1) for part in header.split(",") if "=" in part)
    timestamp, signature = fields.get("t", ""), fields.get(SIGNATURE_VERSION, "")
    if not timestamp.isdigit() or abs((time.time() if now is None else now) - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
