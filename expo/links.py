"""The exhibitor's signed link: their contact keeps the exhibits up to date through it, without an admin account.

The token carries the exhibitor's id and the version of its link; sending a new link raises the version, so every
earlier link stops working. It has no expiry: the cloud hall shows the exhibits all year round.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .enums import ExhibitorStatus
from .models import Exhibitor

SALT = "wic.expo.exhibitor-manage"


def exhibitor_token(exhibitor: Exhibitor) -> str:
    return signing.dumps([exhibitor.pk, exhibitor.link_version], salt=SALT, compress=True)


def manage_url(exhibitor: Exhibitor, *, absolute: bool = True) -> str:
    """The exhibitor's page, in the contact's language; the link in the approval and new-link emails."""
    with translation.override(exhibitor.contact_language):
        path = reverse("expo:manage", kwargs={"exhibitor_token": exhibitor_token(exhibitor)})
    return f"{settings.SITE_URL}{path}" if absolute else path


def exhibitor_for_token(token: str) -> Exhibitor | None:
    """The approved exhibitor whose current link this is, with its expo, summit and organisation; else None
    (forged, tampered with, replaced by a newer link, or the exhibitor is not approved)."""
    try:
        pk, version = signing.loads(token, salt=SALT)
    except (signing.BadSignature, TypeError, ValueError):  # forged, or a signed value of another shape
        return None
    if not isinstance(pk, int) or not isinstance(version, int):
        return None
    return (
        Exhibitor.objects.filter(pk=pk, link_version=version, application_status=ExhibitorStatus.APPROVED)
        .select_related("expo__summit", "organization", "booth__hall")
        .first()
    )
