"""The signed link in an applicant's emails: their own application's page, no account or password needed."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Membership

APPLICATION_SALT = "wic.members.application"


def application_token(membership: Membership) -> str:
    return signing.dumps(membership.pk, salt=APPLICATION_SALT, compress=True)


def application_url(membership: Membership, *, absolute: bool = True) -> str:
    """The applicant's page, in the language they applied in."""
    with translation.override(membership.language or settings.LANGUAGE_CODE):
        path = reverse("members:application", kwargs={"application_token": application_token(membership)})
    return f"{settings.SITE_URL}{path}" if absolute else path


def membership_for_token(token: str) -> Membership | None:
    """The application the token was made for, or None for a forged, altered or foreign token."""
    try:
        pk = signing.loads(token, salt=APPLICATION_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Membership.objects.select_related("organization").filter(pk=pk).first()
