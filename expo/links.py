"""The exhibitor's signed link: their contact keeps the exhibits up to date through it, without an admin account.

The token carries the exhibitor's id and the version of its link; sending a new link raises the version, so every
earlier link stops working. It has no expiry: the cloud hall shows the exhibits all year round.
"""

from core.signed_links import LinkPurpose, link_url, make_token, row_for_token

from .enums import ExhibitorStatus
from .models import Exhibitor

SALT = "wic.expo.exhibitor-manage"

MANAGE = LinkPurpose(
    salt=SALT,
    # Only an approved exhibitor's link opens, with its expo, summit and organisation.
    rows=lambda: Exhibitor.objects.filter(application_status=ExhibitorStatus.APPROVED).select_related(
        "expo__summit", "organization", "booth__hall"
    ),
    claims=lambda exhibitor: (exhibitor.link_version,),
    claim_types=(int,),
)


def exhibitor_token(exhibitor: Exhibitor) -> str:
    return make_token(MANAGE, exhibitor)


def manage_url(exhibitor: Exhibitor, *, absolute: bool = True) -> str:
    """The exhibitor's page, in the contact's language; the link in the approval and new-link emails."""
    return link_url("expo:manage", language=exhibitor.contact_language,
                    kwargs={"exhibitor_token": exhibitor_token(exhibitor)}, absolute=absolute)


def exhibitor_for_token(token: str) -> Exhibitor | None:
    """The approved exhibitor whose current link this is, with its expo, summit and organisation; else None
    (forged, tampered with, replaced by a newer link, or the exhibitor is not approved)."""
    return row_for_token(MANAGE, token)
