"""Speakers of the upcoming (made-up) edition as the speaker portal leaves them: with email addresses (at
example.org) and, session by session, a mix of answers an organizer meets: accepted with consent, a complete
profile and travel; accepted with consent but no travel; accepted with nothing else yet; invited and reminded;
invited; declined with a reason; not invited yet. The photos of the complete profiles are generated portraits.
The answers are dated before the day the demo made the edition, and kept: a later load writes nothing."""

import datetime
import io
import zlib

from django.core.files.base import ContentFile
from PIL import Image

from forums.enums import SpeakerInvitationStatus as Status
from forums.models import SessionSpeaker, Speaker, SpeakerTravel

from .context import DemoContext, at
from .streams import is_streamed
from .upsert import gone

# (status, consent to recording, streaming, photos or None for no answer, profile with photo, travel given,
#  reminders sent, reason for declining)
STATES = (
    (Status.ACCEPTED, (True, True, True), True, True, 0, ""),
    (Status.ACCEPTED, (True, False, True), True, False, 0, ""),
    (Status.INVITED, None, False, False, 1, ""),
    (Status.DECLINED, None, False, False, 0, "Another commitment abroad that week; our deputy director could come."),
    (Status.ACCEPTED, None, False, False, 0, ""),
    (Status.INVITED, None, False, False, 0, ""),
    (Status.NOT_INVITED, None, False, False, 0, ""),
)
LANGUAGES = {"CN": "zh-hans"}  # the speakers' language by country; others read English


def load_speakers(ctx: DemoContext) -> None:
    for year, edition in ctx.editions.items():
        summit = ctx.summits.get(year)
        if not edition.live or summit is None or gone(summit):
            continue
        invited_at = at(edition.made_on - datetime.timedelta(days=10), "10:00")
        placements = (SessionSpeaker.objects.filter(session__forum__summit=summit)
                      .select_related("speaker", "session__forum").order_by("session__start", "session__pk", "order"))
        seen: set[int] = set()
        for placement in placements:
            forum = placement.session.forum
            if placement.speaker_id in seen or is_streamed(forum.kind, forum.slug):  # streams' consent is theirs
                continue
            seen.add(placement.speaker_id)
            _speaker_in(ctx, placement, STATES[(len(seen) - 1) % len(STATES)], summit, edition, invited_at)
            if len(seen) == 2 * len(STATES):
                break


def _speaker_in(ctx, placement, state, summit, edition, invited_at) -> None:
    status, consent, profile, travel, reminders, reason = state
    speaker, _ = ctx.upsert(Speaker, {"slug": placement.speaker.slug}, {
        "email": f"{placement.speaker.slug}@example.org", "language": LANGUAGES.get(placement.speaker.country, "en"),
    })
    if gone(speaker):
        return
    answered_at = invited_at + datetime.timedelta(days=2) if status in (Status.ACCEPTED, Status.DECLINED) else None
    recording, streaming, photo = consent or (False, False, False)
    ctx.upsert(SessionSpeaker, {"session": placement.session, "order": placement.order}, {
        "invitation_status": status, "invited_at": invited_at if status != Status.NOT_INVITED else None,
        "answered_at": answered_at, "decline_reason": reason, "reminders_sent": reminders,
        "last_reminded_at": invited_at + datetime.timedelta(days=7) if reminders else None,
        "consent_recording": recording, "consent_streaming": streaming, "consent_photo": photo,
        "consent_given_at": answered_at if consent else None,
    }, clean=False)
    if profile and ctx.upserter.is_ours(speaker) and not speaker.photo:
        speaker.photo.save(f"{speaker.slug}.png", ContentFile(_portrait(speaker.slug)), save=False)
        speaker.save(update_fields=["photo", "updated_at"])
        ctx.upserter.touched(speaker)
    if travel:
        ctx.upsert(SpeakerTravel, {"speaker": speaker, "summit": summit}, {
            "arrival_at": at(edition.start - datetime.timedelta(days=1), "15:40"),
            "arrival_place": "Hangzhou Xiaoshan (HGH)", "arrival_flight": "CA1702",
            "departure_at": at(edition.end, "19:30"), "departure_place": "Shanghai Hongqiao (SHA)",
            "departure_flight": "MU5138", "needs": "",
        })


def _portrait(seed: str) -> bytes:
    """A plain square in a colour of the speaker's own, standing for their photo."""
    hue = zlib.crc32(seed.encode())
    buffer = io.BytesIO()
    Image.new("RGB", (240, 240), (hue % 200, (hue >> 8) % 200, (hue >> 16) % 200)).save(buffer, format="PNG")
    return buffer.getvalue()
