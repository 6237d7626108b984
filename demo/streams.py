"""Live streams, recordings and simultaneous interpretation of the upcoming (made-up) edition, so that every case
an organizer meets can be tried: the opening ceremony and the main forum streamed and interpreted into the UN
languages with every speaker's consent; of the sub-forums, some streamed with every consent, some waiting for one
speaker's consent to streaming (the stream hidden, the recording shown), some with no answer yet (both hidden),
some neither streamed nor interpreted. The seeds' editions (2022-2024) keep what the news reports say: nothing.

``load_programme`` asks ``session_links`` and ``speaker_consent`` for the values of the rows it writes (one write
per row, so a second load writes nothing); ``load_streams`` writes the channels. Links are at example.com.
"""

import datetime
import zlib

from forums.enums import ForumKind
from forums.enums import InterpretationLanguage as Language
from forums.models import InterpretationChannel

from .context import DemoContext, Edition, at
from .upsert import gone

STREAM_SITE = "https://live.example.com"
FLAGSHIPS = frozenset({ForumKind.OPENING_CEREMONY, ForumKind.MAIN_FORUM})
FLAGSHIP_CHANNELS = (Language.ENGLISH, Language.RUSSIAN, Language.FRENCH, Language.SPANISH, Language.ARABIC)
# A sub-forum's lot (its slug's checksum, the same on every machine) -> (streamed, consent, channels).
NOT_STREAMED, EVERY_CONSENT, ALL_BUT_LAST_TO_STREAMING, NO_ANSWER_YET = range(4)
SUB_FORUM_CHANNELS = {
    NOT_STREAMED: (),
    EVERY_CONSENT: (Language.ENGLISH,),
    ALL_BUT_LAST_TO_STREAMING: (Language.ENGLISH, Language.RUSSIAN),
    NO_ANSWER_YET: (Language.ENGLISH, Language.FRENCH, Language.ARABIC),
}


def _lot(kind: str, slug: str) -> int:
    if kind in FLAGSHIPS:
        return EVERY_CONSENT
    return zlib.crc32(slug.encode()) % len(SUB_FORUM_CHANNELS)


def is_streamed(kind: str, forum_slug: str) -> bool:
    """Whether the demo streams the forum's sessions; the speaker portal's demo answers are in the others (their
    consent is the portal's, demo/speakers.py)."""
    return _lot(kind, forum_slug) != NOT_STREAMED


def session_links(edition: Edition, *, kind: str, forum_slug: str, index: int) -> dict:
    """The stream and recording links of a session of the upcoming edition; none in the seeds' editions."""
    if not edition.live:
        return {}
    if _lot(kind, forum_slug) == NOT_STREAMED:
        return {"stream_url": "", "recording_url": ""}
    where = f"{STREAM_SITE}/wic{edition.year}/{forum_slug}"
    return {"stream_url": f"{where}/live/{index}", "recording_url": f"{where}/recording/{index}"}


def speaker_consent(edition: Edition, *, kind: str, forum_slug: str, position: int, speakers: int) -> dict:
    """A speaker's consent to streaming and recording in a session of the upcoming edition, given two days before
    the edition was made (never in the future); the seeds' speakers are left as they are."""
    if not edition.live or edition.made_on is None:
        return {}
    lot = _lot(kind, forum_slug)
    if lot == NOT_STREAMED:
        return {}  # the portal's demo answers these (demo/speakers.py)
    streaming = lot == EVERY_CONSENT or (lot == ALL_BUT_LAST_TO_STREAMING and position < speakers - 1)
    recording = lot in (EVERY_CONSENT, ALL_BUT_LAST_TO_STREAMING)
    given_at = at(edition.made_on - datetime.timedelta(days=2), "10:00") if streaming or recording else None
    return {"consent_streaming": streaming, "consent_recording": recording, "consent_given_at": given_at}


def load_streams(ctx: DemoContext) -> None:
    """The interpretation channels of the upcoming edition's sessions, numbered from 1 on the receivers."""
    for (year, forum_slug, _index), session in ctx.sessions.items():
        if not ctx.editions[year].live or gone(session):
            continue
        kind = ctx.forums[year, forum_slug].kind  # the loaded forum: no query per session
        languages = FLAGSHIP_CHANNELS if kind in FLAGSHIPS else SUB_FORUM_CHANNELS[_lot(kind, forum_slug)]
        for channel, language in enumerate(languages, start=1):
            ctx.upsert(InterpretationChannel, {"session": session, "language": language}, {"channel": channel})
