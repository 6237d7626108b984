"""Reads of the speaker portal: what a speaker sees of an edition, what "profile complete" means, what is still
missing for a reminder, and the organizers' status of every session's speakers.

"Profile complete" is one rule (``profile_checklist``), shown to the speaker as a checklist, counted on the
organizers' status page and asked by the reminders: the name, title and biography in English and Chinese, an
organisation and a photo. The name in the speaker's own script is optional: for most speakers it is one of the two.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from summits.models import Summit

from .enums import SpeakerInvitationStatus
from .models import Session, SessionSpeaker, Speaker, SpeakerTravel

Status = SpeakerInvitationStatus
IN_PORTAL = (Status.INVITED, Status.ACCEPTED, Status.DECLINED)  # what the speaker sees: placements asked about


@dataclass(frozen=True)
class ChecklistItem:
    label: Promise
    done: bool


def _filled(speaker: Speaker, name: str) -> bool:
    return bool((getattr(speaker, name) or "").strip())  # an empty translation may be stored as NULL


def profile_checklist(speaker: Speaker) -> list[ChecklistItem]:
    """What the organizers need of a speaker's profile, each ticked or not, in the order of the profile's form."""
    return [
        ChecklistItem(_("Name in English"), _filled(speaker, "name_en")),
        ChecklistItem(pgettext_lazy("a person's", "Name in Chinese"), _filled(speaker, "name_zh_hans")),
        ChecklistItem(_("Position in English"), _filled(speaker, "title_en")),
        ChecklistItem(_("Position in Chinese"), _filled(speaker, "title_zh_hans")),
        ChecklistItem(pgettext_lazy("where someone works", "Organisation"), speaker.organization_id is not None
                      or _filled(speaker, "affiliation_en") or _filled(speaker, "affiliation_zh_hans")),
        ChecklistItem(_("Biography in English"), _filled(speaker, "bio_en")),
        ChecklistItem(_("Biography in Chinese"), _filled(speaker, "bio_zh_hans")),
        ChecklistItem(_("Photo"), bool(speaker.photo)),
    ]


def profile_is_complete(speaker: Speaker) -> bool:
    return all(item.done for item in profile_checklist(speaker))


def travel_is_given(travel: SpeakerTravel | None) -> bool:
    """The protocol desk needs at least when the speaker arrives and leaves."""
    return travel is not None and travel.arrival_at is not None and travel.departure_at is not None


def consent_is_given(placement: SessionSpeaker) -> bool:
    """The speaker has answered the consent questions (allowing or not); withdrawing is an answer too."""
    return placement.consent_given_at is not None


def photo_may_be_public(speaker_id: int) -> bool:
    """Consent to photo publication is given per session, the photo is the speaker's: it may be shown when the
    speaker allowed it in at least one session they accepted. A speaker never asked through the portal (every
    placement of theirs made by the organizers, not invited) keeps the organizers' photo, as before the portal;
    once asked, only their answer counts, so an invited speaker's photo waits for it and a withdrawal holds in
    every edition. One query."""
    counts = SessionSpeaker.objects.filter(speaker_id=speaker_id).aggregate(
        asked=Count("pk", filter=Q(invitation_status__in=IN_PORTAL)),
        consenting=Count("pk", filter=Q(invitation_status=Status.ACCEPTED, consent_photo=True)),
    )
    return not counts["asked"] or bool(counts["consenting"])


def missing_for(placement: SessionSpeaker, *, profile_complete: bool, travel_given: bool) -> list[Promise]:
    """What a placement still waits for from its speaker: an answer, or, once accepted, a complete profile, the
    consent answers, the travel details. Nothing for a declined or not yet invited placement."""
    if placement.invitation_status == Status.INVITED:
        return [_("your answer")]
    if placement.invitation_status != Status.ACCEPTED:
        return []
    missing: list[Promise] = []
    if not profile_complete:
        missing.append(_("your profile"))
    if not consent_is_given(placement):
        missing.append(_("your consent answers"))
    if not travel_given:
        missing.append(_("your arrival and departure"))
    return missing


def travel_of(speaker: Speaker, summit: Summit) -> SpeakerTravel | None:
    return SpeakerTravel.objects.filter(speaker=speaker, summit=summit).first()


def portal_placements(speaker: Speaker, summit: Summit) -> list[SessionSpeaker]:
    """The speaker's sessions of the edition they were asked about, in the order of the agenda, with what the
    portal shows of each (forum, room)."""
    return list(
        SessionSpeaker.objects.filter(speaker=speaker, session__forum__summit=summit, invitation_status__in=IN_PORTAL)
        .select_related("session__forum", "session__room", "session__forum__room")
        .order_by("session__start", "session__pk")
    )


def portal_placement(speaker: Speaker, summit: Summit, pk: int) -> SessionSpeaker | None:
    """One of them; another speaker's placement, or one of another edition, is not found."""
    return next((placement for placement in portal_placements(speaker, summit) if placement.pk == pk), None)


def speaker_editions(placements: QuerySet[SessionSpeaker]) -> dict[tuple[int, int], list[SessionSpeaker]]:
    """Placements grouped by (speaker id, edition id), with what their emails and reminders need, in one query."""
    grouped: dict[tuple[int, int], list[SessionSpeaker]] = defaultdict(list)
    for placement in placements.select_related("speaker", "session__forum__summit", "session__room").order_by(
            "speaker_id", "session__start", "pk"):
        grouped[(placement.speaker_id, placement.session.forum.summit_id)].append(placement)
    return grouped


def travel_given_ids(summit_ids: set[int], speaker_ids: set[int]) -> set[tuple[int, int]]:
    """(speaker id, edition id) of the speakers whose arrival and departure are given, in one query."""
    return set(
        SpeakerTravel.objects.filter(summit__in=summit_ids, speaker__in=speaker_ids, arrival_at__isnull=False,
                                     departure_at__isnull=False).values_list("speaker_id", "summit_id")
    )


# --- The organizers' view ---------------------------------------------------------------------------------------


def _placements_counted(**conditions) -> Coalesce:
    """A session's placements matching ``conditions``, counted in a subquery: a join that a search or a filter
    adds to the list (a speaker's name) cannot multiply it."""
    placements = (SessionSpeaker.objects.filter(session=OuterRef("pk"), **conditions).order_by()
                  .values("session").annotate(count=Count("pk")).values("count"))
    return Coalesce(Subquery(placements, output_field=IntegerField()), 0)


def with_speaker_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with their speakers counted by answer, for a list of sessions: no query per row."""
    return sessions.annotate(
        speaker_count=_placements_counted(),
        accepted_count=_placements_counted(invitation_status=Status.ACCEPTED),
        declined_count=_placements_counted(invitation_status=Status.DECLINED),
        consent_count=_placements_counted(invitation_status=Status.ACCEPTED, consent_given_at__isnull=False),
    )


@dataclass
class SessionSpeakersStatus:
    """One row of the edition's "Speakers' status" page."""

    session: Session
    speakers: int = 0
    invited: int = 0  # asked, whatever the answer
    waiting: int = 0  # asked, no answer yet
    accepted: int = 0
    declined: int = 0
    profile_complete: int = 0  # of those who accepted
    consent_given: int = 0
    travel_given: int = 0
    not_invited: list[str] = field(default_factory=list)
    with_slides: list[SessionSpeaker] = field(default_factory=list)  # each links to its slides' download

    @property
    def missing(self) -> bool:
        """Something organizers can chase: a speaker not invited, an answer, or an accepted speaker's data."""
        return bool(self.not_invited or self.waiting or self.accepted > min(
            self.profile_complete, self.consent_given, self.travel_given))


def speakers_status(summit: Summit, *, forum_id: int | None = None, missing_only: bool = False
                    ) -> list[SessionSpeakersStatus]:
    """Every session of the edition (of one forum) with its speakers' answers and data counted, in three queries
    whatever the number of sessions and speakers."""
    sessions = Session.objects.filter(forum__summit=summit).select_related("forum").prefetch_related(
        Prefetch("session_speakers", queryset=SessionSpeaker.objects.select_related("speaker").order_by("order"))
    ).order_by("start", "forum__order", "pk")
    if forum_id is not None:
        sessions = sessions.filter(forum_id=forum_id)
    sessions_list = list(sessions)
    speaker_ids = {placement.speaker_id for session in sessions_list for placement in session.session_speakers.all()}
    with_travel = {speaker_id for speaker_id, _summit in travel_given_ids({summit.pk}, speaker_ids)}
    rows = []
    for session in sessions_list:
        row = SessionSpeakersStatus(session=session)
        for placement in session.session_speakers.all():
            row.speakers += 1
            if placement.slides:
                row.with_slides.append(placement)
            status = placement.invitation_status
            if status == Status.NOT_INVITED:
                row.not_invited.append(placement.speaker.name)
                continue
            row.invited += 1
            row.waiting += status == Status.INVITED
            row.declined += status == Status.DECLINED
            if status == Status.ACCEPTED:
                row.accepted += 1
                row.profile_complete += profile_is_complete(placement.speaker)
                row.consent_given += consent_is_given(placement)
                row.travel_given += placement.speaker_id in with_travel
        if row.speakers and (row.missing or not missing_only):
            rows.append(row)
    return rows
