"""Signed links in guests' emails: their own page and the email verification, no password needed."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Registration

MANAGE_SALT = "wic.guests.manage"
VERIFY_SALT = "wic.guests.verify"


def _url(registration: Registration, name: str, token: str, *, absolute: bool) -> str:
    with translation.override(registration.guest.language):
        path = reverse(f"guests:{name}", kwargs={"year": registration.summit.year, "token": token})
    return f"{settings.SITE_URL}{path}" if absolute else path


def manage_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=MANAGE_SALT, compress=True)


def manage_url(registration: Registration, *, absolute: bool = True) -> str:
    """The guest's own page, in the guest's language; the link in every email."""
    return _url(registration, "manage", manage_token(registration), absolute=absolute)


def verify_url(registration: Registration, *, absolute: bool = True) -> str:
    token = signing.dumps(registration.pk, salt=VERIFY_SALT, compress=True)
    return _url(registration, "verify", token, absolute=absolute)


def _registration(token: str, *, salt: str, max_age=None) -> Registration | None:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return Registration.objects.select_related("guest", "summit").filter(pk=pk).first()


def registration_for_manage_token(token: str) -> Registration | None:
    return _registration(token, salt=MANAGE_SALT)


def registration_for_verify_token(token: str) -> Registration | None:
    return _registration(token, salt=VERIFY_SALT, max_age=settings.REGISTRATION_VERIFY_DAYS * 24 * 3600)
