"""Reads of the programme shared by the admin, the public site and the API."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.timezone import localtime

from core.enums import PublicationStatus
from summits.models import Room, Summit

from .enums import InterpretationLanguage, SpeakerInvitationStatus
from .models import Forum, InterpretationChannel, Session, SessionSpeaker, Speaker, ThemeGroup

PUBLISHED = PublicationStatus.PUBLISHED


def public_session_q(prefix: str = "") -> Q:
    """The rule that makes a session public: it, its forum and its edition are published. ``prefix`` reaches the
    session from another model (``"session__"`` from a placement, ``"release_session__"`` from a report)."""
    return Q(**{f"{prefix}status": PUBLISHED, f"{prefix}forum__status": PUBLISHED,
                f"{prefix}forum__summit__status": PUBLISHED})


PUBLIC_SESSION = public_session_q()
DECLINED = SpeakerInvitationStatus.DECLINED


def public_placement_q() -> Q:
    """A placement the public sees: in a public session and not declined (organizers still see it in the admin).
    Declining saves the placement, so the session's change time and the content clock move with it."""
    return public_session_q("session__") & ~Q(invitation_status=DECLINED)


def public_placements(*related: str) -> Prefetch:
    """A session's speakers as every public reader shows them (pages, feeds, API, webhooks): in order, declined
    ones left out, with ``related`` joined."""
    return Prefetch("session_speakers", queryset=SessionSpeaker.objects.exclude(invitation_status=DECLINED)
                    .select_related(*related).order_by("order", "pk"))


@dataclass
class AgendaItem:
    session: Session
    clashes: list[str] = field(default_factory=list)


@dataclass
class AgendaDay:
    day: datetime.date
    rooms: list = field(default_factory=list)  # [(room or None, [AgendaItem, ...]), ...]
    clash_count: int = 0


def summit_sessions(summit):
    """Every session of an edition with its forum, room and ordered speakers, in three queries."""
    return (
        Session.objects.filter(forum__summit=summit)
        .select_related("forum", "room")
        .prefetch_related(
            Prefetch("session_speakers", queryset=SessionSpeaker.objects.select_related("speaker").order_by("order"))
        )
        .order_by("start", "pk")
    )


def public_forum(summit: Summit, slug: str) -> Forum | None:
    return Forum.objects.filter(summit=summit, slug=slug, status=PUBLISHED).first()


def speaker_by_slug(slug: str) -> Speaker | None:
    return Speaker.objects.filter(slug=slug).first()


def public_sessions(summit: Summit) -> QuerySet[Session]:
    """The sessions the public may see in a published edition (the session and its forum published), with what
    the schedule feeds show: forum, room and venue, ordered speakers, interpretation channels. Three queries,
    however many sessions."""
    return (
        Session.objects.filter(forum__summit=summit, status=PUBLISHED, forum__status=PUBLISHED)
        .select_related("forum", "room", "forum__room__venue", "room__venue")
        .prefetch_related(public_placements("speaker"), CHANNELS)
        .order_by("start", "pk")
    )


# Streams, recordings and interpretation: what a session shows of them, one rule for the site, feeds and API.

CHANNELS = Prefetch("interpretation_channels", queryset=InterpretationChannel.objects.order_by("channel", "pk"))


@dataclass(frozen=True)
class SessionMedia:
    """What a session shows of its live stream, recording and interpretation channels, and for organizers whose
    consent a link set in the admin still waits for."""

    stream_url: str  # "" unless shown
    recording_url: str  # "" unless shown
    may_stream: bool  # every speaker (declined ones aside) consented to live streaming; true without speakers
    may_record: bool  # the same for recording
    waiting_for_streaming: tuple[str, ...]  # the speakers whose consent to streaming is missing, by name
    waiting_for_recording: tuple[str, ...]
    channels: tuple[InterpretationChannel, ...]

    @property
    def languages(self) -> list[str]:
        """The interpretation languages' codes, in channel order."""
        return [channel.language for channel in self.channels]


def session_media(session: Session) -> SessionMedia:
    """The stream link only when the session has one and every speaker of it (declined ones aside) consented to
    streaming; the recording link likewise with recording; a session without speakers shows its links.

    Reads the session's speakers (with ``speaker``) and ``interpretation_channels``: no query when they are
    prefetched (``public_sessions``, the API's ``session_queryset``). ``stream_shown_q`` is the same rule in SQL.
    """
    speaking = [placement for placement in session.session_speakers.all()
                if placement.invitation_status != SpeakerInvitationStatus.DECLINED]
    no_streaming = tuple(placement.speaker.name for placement in speaking if not placement.consent_streaming)
    no_recording = tuple(placement.speaker.name for placement in speaking if not placement.consent_recording)
    return SessionMedia(
        stream_url="" if no_streaming else session.stream_url,
        recording_url="" if no_recording else session.recording_url,
        may_stream=not no_streaming,
        may_record=not no_recording,
        waiting_for_streaming=no_streaming,
        waiting_for_recording=no_recording,
        channels=tuple(session.interpretation_channels.all()),
    )


def stream_shown_q(*, recording: bool = False) -> Q:
    """``session_media``'s rule as a filter of sessions: those whose stream (or with ``recording``, recording)
    link is shown. For lists that cannot be filtered in memory (the API's pages, the admin's list)."""
    url, consent = ("recording_url", "consent_recording") if recording else ("stream_url", "consent_streaming")
    missing = SessionSpeaker.objects.filter(session=OuterRef("pk"), **{consent: False}).exclude(
        invitation_status=SpeakerInvitationStatus.DECLINED)
    return ~Q(**{url: ""}) & ~Q(Exists(missing))


def with_media(sessions: list[Session]) -> list[Session]:
    """Give each session ``media``, its ``SessionMedia``, for the templates. No query when prefetched."""
    for session in sessions:
        session.media = session_media(session)  # type: ignore[attr-defined]  # for the templates
    return sessions


def _overlaps(first: Session, second: Session) -> bool:
    return first.start < second.end and second.start < first.end


def agenda_by_day_and_room(summit) -> list[AgendaDay]:
    """The edition's sessions by day and room, each flagged with the sessions it clashes with.

    A clash is two sessions in one room at once, or one speaker in two sessions at once: the rules the admin
    enforces on save, shown here for data that bypassed it (imports, the database shell).
    """
    sessions = list(summit_sessions(summit))
    items = {session.pk: AgendaItem(session) for session in sessions}
    by_room = defaultdict(list)
    by_speaker = defaultdict(list)
    for session in sessions:
        if session.room_id:
            by_room[session.room_id].append(session)
        for placement in session.session_speakers.all():
            by_speaker[placement.speaker].append(session)
    for room_sessions in by_room.values():
        for index, session in enumerate(room_sessions):
            for other in room_sessions[index + 1:]:
                if other.start >= session.end:
                    break
                items[session.pk].clashes.append(f"{session.room.name}: {other.title}")
                items[other.pk].clashes.append(f"{session.room.name}: {session.title}")
    for speaker, speaker_sessions in by_speaker.items():
        for index, session in enumerate(speaker_sessions):
            for other in speaker_sessions[index + 1:]:
                if _overlaps(session, other):
                    items[session.pk].clashes.append(f"{speaker.name}: {other.title}")
                    items[other.pk].clashes.append(f"{speaker.name}: {session.title}")
    days: dict[datetime.date, dict] = {day: {} for day in summit.days}
    for session in sessions:
        day = localtime(session.start).date()
        days.setdefault(day, {}).setdefault(session.room, []).append(items[session.pk])
    agenda = []
    for day in sorted(days):
        rooms = sorted(days[day].items(), key=lambda pair: (pair[0] is None, pair[0] and (pair[0].order, pair[0].pk)))
        clash_count = sum(1 for _room, room_items in rooms for item in room_items if item.clashes)
        agenda.append(AgendaDay(day=day, rooms=rooms, clash_count=clash_count))
    return agenda


# The public programme pages: the agenda and its print view, a forum, a session, a speaker.


@dataclass(frozen=True)
class AgendaFilters:
    """What a visitor narrowed the agenda to; an empty value means no narrowing on that criterion."""

    theme: str = ""
    forum: str = ""
    room: int | None = None
    language: str = ""
    interpretation: str = ""  # a language code: sessions interpreted into it
    streamed: bool = False  # only sessions whose live stream is shown


@dataclass
class AgendaOptions:
    """The theme groups, forums, rooms and interpretation languages that a public session of the edition has, and
    whether any is streamed: what one can filter on."""

    themes: list[ThemeGroup]
    forums: list[Forum]
    rooms: list[Room]
    interpretation_languages: list[str] = field(default_factory=list)  # codes, in InterpretationLanguage's order
    any_streamed: bool = False


def _with_place(sessions: list[Session]) -> list[Session]:
    """Give each session ``place``, the room it happens in: its own, or else its forum's (the model's rule)."""
    for session in sessions:
        session.place = session.room or session.forum.room  # type: ignore[attr-defined]  # for the templates
    return sessions


def _for_pages(sessions: QuerySet[Session]) -> list[Session]:
    """The public pages' sessions with ``place`` and ``media``: speakers with their organisations, channels."""
    placements = public_placements("speaker__organization")
    found = list(sessions.prefetch_related(None).prefetch_related(placements, CHANNELS))
    return with_media(_with_place(found))


def agenda_sessions(summit: Summit) -> list[Session]:
    """The public sessions of an edition in time order, with forum, theme group, room and speakers (with their
    organisations) and interpretation channels, each with ``place`` and ``media``. Three queries, however many
    sessions: the agenda filters this list in memory so that its filter options and its query count never depend
    on what is chosen."""
    return _for_pages(public_sessions(summit).select_related("forum__theme_group"))


def agenda_options(sessions: list[Session]) -> AgendaOptions:
    """The filter options of an agenda, taken from its sessions so that none leads to an empty list."""
    themes = {s.forum.theme_group.pk: s.forum.theme_group for s in sessions if s.forum.theme_group}
    forums = {s.forum.pk: s.forum for s in sessions}
    rooms = {s.place.pk: s.place for s in sessions if s.place}  # type: ignore[attr-defined]  # set by _with_place
    interpreted = {language for s in sessions for language in s.media.languages}  # type: ignore[attr-defined]
    return AgendaOptions(
        themes=sorted(themes.values(), key=lambda theme: (theme.order, theme.name)),
        forums=sorted(forums.values(), key=lambda forum: (forum.start, forum.order, forum.pk)),
        rooms=sorted(rooms.values(), key=lambda room: (room.order, room.name)),
        interpretation_languages=[code for code in InterpretationLanguage.values if code in interpreted],
        any_streamed=any(s.media.stream_url for s in sessions),  # type: ignore[attr-defined]  # set by with_media
    )


def filter_agenda(sessions: list[Session], filters: AgendaFilters) -> list[Session]:
    """The sessions matching every filter that is set."""
    return [
        session for session in sessions
        if (not filters.theme or (session.forum.theme_group and session.forum.theme_group.slug == filters.theme))
        and (not filters.forum or session.forum.slug == filters.forum)
        # place: set by _with_place.
        and (filters.room is None or (session.place and session.place.pk == filters.room))  # type: ignore[attr-defined]
        and (not filters.language or session.language == filters.language)
        # media: set by with_media.
        and (not filters.interpretation or filters.interpretation in session.media.languages)  # type: ignore[attr-defined]
        and (not filters.streamed or bool(session.media.stream_url))  # type: ignore[attr-defined]
    ]


def agenda_days(sessions: list[Session]) -> list[tuple[datetime.date, list[Session]]]:
    """Sessions grouped by their day in Wuzhen, days and sessions in time order."""
    days: dict[datetime.date, list[Session]] = defaultdict(list)
    for session in sorted(sessions, key=lambda session: (session.start, session.pk)):
        days[localtime(session.start).date()].append(session)
    return sorted(days.items())


def forum_page(summit: Summit, slug: str) -> Forum | None:
    """A published forum of a published edition with what its page shows: theme group, host and co-hosts,
    room and venue. Two queries."""
    return (
        Forum.objects.filter(summit=summit, slug=slug, status=PUBLISHED)
        .select_related("theme_group", "host", "room__venue")
        .prefetch_related("co_hosts")
        .first()
    )


def forum_sessions(summit: Summit, forum: Forum) -> list[Session]:
    """A published forum's public sessions in order, with speakers and their organisations, channels and
    ``media``. Three queries."""
    return _for_pages(public_sessions(summit).filter(forum=forum))


def speakers_of(sessions: list[Session]) -> list[Speaker]:
    """The speakers of these sessions, each once, in the order they first appear. No query."""
    speakers: dict[int, Speaker] = {}
    for session in sessions:
        for placement in session.session_speakers.all():
            speakers.setdefault(placement.speaker_id, placement.speaker)
    return list(speakers.values())


def session_page(summit: Summit, pk: int) -> Session | None:
    """A public session of this edition (a session of another edition is not found here), with its forum,
    room, speakers, channels and ``media``. Three queries."""
    found = _for_pages(public_sessions(summit).filter(pk=pk))
    return found[0] if found else None


@dataclass
class SpeakerEdition:
    summit: Summit
    placements: list[SessionSpeaker]
    feeds: list[tuple[str, str]] = field(default_factory=list)  # the speaker's schedule feeds in this edition


def public_speaker(slug: str) -> tuple[Speaker, list[SpeakerEdition]] | None:
    """A speaker with their public sessions grouped by edition, newest edition first; None when they have no
    public session (a speaker is public only through one). Two queries."""
    speaker = Speaker.objects.select_related("organization").filter(slug=slug).first()
    if speaker is None:
        return None
    placements = (
        SessionSpeaker.objects.filter(public_placement_q(), speaker=speaker)
        .select_related("session__forum__summit", "session__room", "session__forum__room")
        .order_by("-session__forum__summit__year", "session__start", "session__pk")
    )
    editions: dict[int, SpeakerEdition] = {}
    for placement in placements:
        placement.speaker = speaker
        summit = placement.session.forum.summit
        editions.setdefault(summit.pk, SpeakerEdition(summit=summit, placements=[])).placements.append(placement)
        _with_place([placement.session])
    if not editions:
        return None
    return speaker, list(editions.values())


def sitemap_forums() -> list[Forum]:
    """Every public forum with the edition its address needs. One query."""
    return list(Forum.objects.filter(status=PUBLISHED, summit__status=PUBLISHED).select_related("summit")
                .order_by("-summit__year", "start", "order", "pk"))


def sitemap_sessions() -> list[Session]:
    """Every public session with the edition its address needs. One query."""
    return list(Session.objects.filter(PUBLIC_SESSION).select_related("forum__summit")
                .order_by("-forum__summit__year", "start", "pk"))


def sitemap_speakers() -> list[Speaker]:
    """Every speaker with a public session. One query."""
    public_placement = SessionSpeaker.objects.filter(public_placement_q(), speaker=OuterRef("pk"))
    return list(Speaker.objects.filter(Exists(public_placement)).order_by("slug"))
