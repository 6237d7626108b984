"""The signed link in an applicant's emails: their own application's page, no account or password needed."""

from django.conf import settings

from core.signed_links import LinkPurpose, link_url, make_token, row_for_token

from .models import Membership

APPLICATION_SALT = "wic.members.application"

APPLICATION = LinkPurpose(salt=APPLICATION_SALT, rows=lambda: Membership.objects.select_related("organization"))


def application_token(membership: Membership) -> str:
    return make_token(APPLICATION, membership)


def application_url(membership: Membership, *, absolute: bool = True) -> str:
    """The applicant's page, in the language they applied in."""
    return link_url("members:application", language=membership.language or settings.LANGUAGE_CODE,
                    kwargs={"application_token": application_token(membership)}, absolute=absolute)


def membership_for_token(token: str) -> Membership | None:
    """The application the token was made for, or None for a forged, altered or foreign token."""
    return row_for_token(APPLICATION, token)
