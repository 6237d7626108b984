"""A speaker's photo is public only with their consent (``speaker_selectors.photo_may_be_public``).

The answer is kept on the speaker (``Speaker.photo_public``) so that pages, the API and the feeds read it with the
row, and it is saved, not updated, when it changes: the speaker's ``updated_at`` moves (partners' change lists date
a speaker and the sessions showing them by it), the content version follows (cached pages) and partners' webhooks
hear of every public session showing the speaker. Placements' receivers (forums/receivers.py) call it, because
every path that changes an answer must count: the portal, the admin, the demo loader, the shell.
"""

from collections.abc import Iterable

from django.db import transaction

from ..models import Speaker
from ..speaker_selectors import photo_may_be_public


@transaction.atomic
def refresh_photo_publication(*, speaker_ids: Iterable[int]) -> list[int]:
    """Bring each speaker's ``photo_public`` in line with their placements; the ids of those that changed."""
    changed = []
    for speaker in Speaker.objects.filter(pk__in=set(speaker_ids)).select_for_update().order_by("pk"):
        public = photo_may_be_public(speaker.pk)
        if public != speaker.photo_public:
            speaker.photo_public = public
            speaker.save(update_fields=["photo_public", "updated_at"])
            changed.append(speaker.pk)
    return changed
