"""The speaker's signed link to the speaker portal: one per speaker and edition, no account needed.

The token carries the speaker's id, the edition's id and the speaker's link version. It opens the portal only under
its own edition's address and until that edition has ended; sending a new link raises the version, so every earlier
link of that speaker stops working.
"""

import dataclasses

from core.signed_links import LinkPurpose, link_url, make_token, row_for_token
from summits.models import Summit

from .models import Speaker

SALT = "wic.forums.speaker-portal"

PORTAL = LinkPurpose(
    salt=SALT,
    rows=lambda: Speaker.objects.select_related("organization"),
    claim_types=(int, int),
)


def speaker_token(speaker: Speaker, summit: Summit) -> str:
    purpose = dataclasses.replace(PORTAL, claims=lambda row: (summit.pk, row.link_version))
    return make_token(purpose, speaker)


def portal_url(speaker: Speaker, summit: Summit, *, absolute: bool = True) -> str:
    """The speaker's portal for the edition, in the speaker's language: the link in every portal email."""
    return link_url("forums:speaker-portal", language=speaker.language, absolute=absolute,
                    kwargs={"year": summit.year, "speaker_token": speaker_token(speaker, summit)})


def speaker_for_token(token: str, *, summit: Summit) -> Speaker | None:
    """The speaker whose current link to ``summit``'s portal this is; None if forged, made for another edition,
    replaced by a newer link, or once the edition has ended."""
    purpose = dataclasses.replace(
        PORTAL, accepts=lambda speaker, claims: claims == [summit.pk, speaker.link_version] and not summit.has_ended,
    )
    return row_for_token(purpose, token)
