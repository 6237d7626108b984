"""The speaker portal's business rules: organizers invite a session's speakers and remind the missing ones; through
their signed link (forums/speaker_links.py) speakers accept or decline each session, complete their profile, give
their consent, upload slides and say when they arrive and leave.

Every change is audited: organizers' with their account, speakers' without an actor, noted as made through the
portal. Every email goes through the outbox in the speaker's language, once per key.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.clock import WUZHEN, wuzhen_today
from core.emails import queue_templated_email
from core.enums import AuditAction
from core.images import validate_image
from core.models import OutgoingEmail
from core.refusals import Refused
from core.services.audit import record_audit
from summits.models import Summit

from .. import speaker_links
from ..enums import SpeakerInvitationStatus
from ..models import SessionSpeaker, Speaker, SpeakerTravel
from ..speaker_selectors import (
    missing_for,
    profile_is_complete,
    speaker_editions,
    travel_given_ids,
)

Status = SpeakerInvitationStatus
TRAVEL_WINDOW_DAYS = 30  # arrivals and departures this far around the edition's days; beyond, a typing error
AUDITED_LENGTH = 200  # of each text changed, in the audit trail: a biography is long
ANSWERABLE = (Status.INVITED, Status.ACCEPTED, Status.DECLINED)
SUBJECTS = {
    "invitation": gettext_lazy("Invitation to speak at the %(summit)s"),
    "reminder": gettext_lazy("Reminder: the %(summit)s is waiting for a few details from you"),
    "accepted": gettext_lazy("Thank you for accepting: %(session)s"),
    "new_link": gettext_lazy("Your new speaker portal link for the %(summit)s"),
}


class SpeakerPortalRefused(Refused):
    """A rule of the speaker portal said no."""


@dataclass(frozen=True)
class Sending:
    """What an organizers' action sent, and what it left alone."""

    sent: int
    skipped: int


def _portal_note() -> str:
    return _("through the speaker portal")


def greeting_name(speaker: Speaker) -> str:
    """In Chinese, the speaker's Chinese name (or own script's) when known; else their English name."""
    if speaker.language == "zh-hans":
        for name in (speaker.native_name, speaker.name_zh_hans or ""):  # type: ignore[attr-defined]
            if name.strip():
                return name.strip()
    return speaker.name_en or speaker.name  # type: ignore[attr-defined]


def _email(speaker: Speaker, summit: Summit, kind: str, *, key: str, about, **context) -> OutgoingEmail:
    return queue_templated_email(
        key=key, to=speaker.email, language=speaker.language, subject=SUBJECTS[kind],
        text_template=f"forums/email/speaker_{kind}.txt", heading=summit.name, about=about,
        context={"speaker": speaker, "summit": summit, "greeting_name": greeting_name(speaker),
                 "portal_url": speaker_links.portal_url(speaker, summit), **context},
    )


def _locked(placements: Iterable[SessionSpeaker]) -> list[SessionSpeaker]:
    pks = [placement.pk for placement in placements]
    return list(
        SessionSpeaker.objects.filter(pk__in=pks).select_for_update(of=("self",))
        .select_related("speaker", "session__forum__summit", "session__room", "session__forum__room")
        .order_by("session__start", "pk")
    )


# --- Organizers -------------------------------------------------------------------------------------------------


@transaction.atomic
def invite_speakers(*, placements: Iterable[SessionSpeaker], actor) -> Sending:
    """Invite the speakers of ``placements`` not invited yet: each placement becomes invited and its speaker is
    emailed the session and their portal link, once per placement whoever asks again.

    Placements already invited or answered, and those of an edition that has ended, are skipped. A speaker without
    an email address refuses the whole action (``no_email``), naming them, before anything changes. The rows are
    locked; the statuses, the audit lines and the emails commit together.
    """
    rows = _locked(placements)
    to_invite = [placement for placement in rows if placement.invitation_status == Status.NOT_INVITED
                 and not placement.session.forum.summit.has_ended]
    without_email = sorted({placement.speaker.name for placement in to_invite if not placement.speaker.email})
    if without_email:
        raise SpeakerPortalRefused(
            _("No invitation was sent: %(names)s have no email address. Add it on the speaker's page, then invite "
              "again.") % {"names": ", ".join(without_email)}, code="no_email",
        )
    now = timezone.now()
    for placement in to_invite:
        placement.invitation_status, placement.invited_at = Status.INVITED, now
        placement.save(update_fields=["invitation_status", "invited_at", "updated_at"])
        record_audit(actor=actor, action=AuditAction.ACTION, obj=placement,
                     changes={"invitation_status": [Status.NOT_INVITED.value, Status.INVITED.value]},
                     note=_("speaker invited"))
        _email(placement.speaker, placement.session.forum.summit, "invitation", about=placement,
               key=f"forums:speaker-placement:{placement.pk}:invitation", placement=placement,
               session=placement.session)
    return Sending(sent=len(to_invite), skipped=len(rows) - len(to_invite))


@transaction.atomic
def remind_speakers(*, placements: Iterable[SessionSpeaker], actor) -> Sending:
    """Remind the speakers of ``placements`` who still owe something: an answer, or, having accepted, their
    profile, their consent answers or their travel. One email per speaker and edition, listing what is missing in
    each of their sessions, at most once a day; counted by speaker.

    Skipped: speakers with nothing missing, without an email address, already reminded today, or of an edition
    that has ended. The reminded placements count the reminder; all commit together, audited.
    """
    rows = _locked(placements)
    groups = speaker_editions(SessionSpeaker.objects.filter(pk__in=[row.pk for row in rows]))
    with_travel = travel_given_ids({summit_id for _speaker, summit_id in groups},
                                   {speaker_id for speaker_id, _summit in groups})
    now, today = timezone.now(), wuzhen_today()
    sent = skipped = 0
    for (speaker_id, summit_id), group in groups.items():
        speaker, summit = group[0].speaker, group[0].session.forum.summit
        complete = profile_is_complete(speaker)
        missing = [(placement, items) for placement in group if (items := missing_for(
            placement, profile_complete=complete, travel_given=(speaker_id, summit_id) in with_travel))]
        key = f"forums:speaker:{speaker_id}:summit:{summit_id}:reminder:{today.isoformat()}"
        if (not missing or not speaker.email or summit.has_ended
                or OutgoingEmail.objects.filter(key=key).exists()):
            skipped += 1
            continue
        for placement, _items in missing:
            SessionSpeaker.objects.filter(pk=placement.pk).update(
                reminders_sent=F("reminders_sent") + 1, last_reminded_at=now, updated_at=now)
            record_audit(actor=actor, action=AuditAction.ACTION, obj=placement,
                         changes={"last_reminded_at": now.isoformat()}, note=_("speaker reminded"))
        _email(speaker, summit, "reminder", key=key, about=speaker, missing=missing)
        sent += 1
    return Sending(sent=sent, skipped=skipped)


@transaction.atomic
def send_new_portal_links(*, speakers: Iterable[Speaker], actor) -> Sending:
    """Give each speaker a new portal link, ending every earlier one (a forwarded or lost email), and email it for
    each edition not ended where they were invited. Speakers never invited, or without an email address, are
    skipped. Audited; all commit together."""
    sent = skipped = 0
    for speaker in Speaker.objects.filter(pk__in=[speaker.pk for speaker in speakers]).select_for_update():
        summits = list(Summit.objects.filter(
            forums__sessions__session_speakers__speaker=speaker,
            forums__sessions__session_speakers__invitation_status__in=ANSWERABLE,
        ).distinct().order_by("start_date"))
        summits = [summit for summit in summits if not summit.has_ended]
        if not summits or not speaker.email:
            skipped += 1
            continue
        Speaker.objects.filter(pk=speaker.pk).update(link_version=F("link_version") + 1, updated_at=timezone.now())
        speaker.refresh_from_db(fields=["link_version", "updated_at"])
        record_audit(actor=actor, action=AuditAction.ACTION, obj=speaker,
                     changes={"link_version": [speaker.link_version - 1, speaker.link_version]},
                     note=_("new speaker portal link sent"))
        for summit in summits:
            _email(speaker, summit, "new_link", about=speaker,
                   key=f"forums:speaker:{speaker.pk}:summit:{summit.pk}:link:{speaker.link_version}")
        sent += 1
    return Sending(sent=sent, skipped=skipped)


# --- Speakers, through their link -------------------------------------------------------------------------------


def _own_placement(placement: SessionSpeaker, *, statuses=ANSWERABLE) -> SessionSpeaker:
    """The placement locked, refused once its edition has ended or when its state does not allow the change."""
    locked = _locked([placement])[0]
    if locked.session.forum.summit.has_ended:
        raise SpeakerPortalRefused(_("The %(summit)s has ended: nothing can be changed any more.")
                                   % {"summit": locked.session.forum.summit.name}, code="edition_ended")
    if locked.invitation_status not in statuses:
        raise SpeakerPortalRefused(_("Accept the session first."), code="not_accepted")
    return locked


def _answer(placement: SessionSpeaker, status: Status, reason: str = "") -> bool:
    previous = placement.invitation_status
    if previous == status and placement.decline_reason == reason:
        return False
    placement.invitation_status, placement.answered_at, placement.decline_reason = status, timezone.now(), reason
    placement.save(update_fields=["invitation_status", "answered_at", "decline_reason", "updated_at"])
    record_audit(actor=None, action=AuditAction.CHANGED, obj=placement,
                 changes={"invitation_status": [previous, status.value]}, note=_portal_note())
    return True


@transaction.atomic
def accept_session(*, placement: SessionSpeaker) -> SessionSpeaker:
    """The speaker accepts to speak in the session (also after declining, while the edition runs) and is emailed
    a confirmation with what the portal still needs. Accepting twice changes and sends nothing."""
    locked = _own_placement(placement)
    if _answer(locked, Status.ACCEPTED):
        summit = locked.session.forum.summit
        _email(locked.speaker, summit, "accepted", about=locked, placement=locked, session=locked.session,
               key=f"forums:speaker-placement:{locked.pk}:accepted:{locked.updated_at.isoformat()}")
    return locked


@transaction.atomic
def decline_session(*, placement: SessionSpeaker, reason: str = "") -> SessionSpeaker:
    """The speaker declines the session, with an optional reason the organizers read in the admin; nobody is
    emailed. A speaker who had accepted may still decline."""
    locked = _own_placement(placement)
    _answer(locked, Status.DECLINED, reason.strip())
    return locked


@dataclass(frozen=True)
class SpeakerProfile:
    """What a speaker writes about themselves, in both languages."""

    name_en: str
    name_zh_hans: str = ""
    native_name: str = ""
    title_en: str = ""
    title_zh_hans: str = ""
    affiliation_en: str = ""
    affiliation_zh_hans: str = ""
    bio_en: str = ""
    bio_zh_hans: str = ""


@transaction.atomic
def update_profile(*, speaker: Speaker, profile: SpeakerProfile, photo: UploadedFile | None = None) -> Speaker:
    """Save the speaker's profile and, when given, a new photo (checked by Pillow, stored re-encoded). Refused
    without a name in English. Audited with the fields changed; nothing changed, nothing written."""
    if not profile.name_en.strip():
        raise SpeakerPortalRefused(_("Enter your name in English."), code="name_required", field="name_en")
    if photo is not None:
        validate_image(photo)
    locked = Speaker.objects.select_for_update().get(pk=speaker.pk)
    changes = {}
    for name, value in vars(profile).items():
        old, new = getattr(locked, name) or "", value.strip()
        if old != new:
            changes[name] = [old[:AUDITED_LENGTH], new[:AUDITED_LENGTH]]
            setattr(locked, name, new)
    if photo is not None:
        previous = locked.photo.name or ""
        locked.photo.save(photo.name, photo, save=False)
        changes["photo"] = [previous, locked.photo.name]
    if changes:
        locked.save()  # the whole row: modeltranslation keeps the untranslated columns in step
        record_audit(actor=None, action=AuditAction.CHANGED, obj=locked, changes=changes, note=_portal_note())
    return locked


@transaction.atomic
def give_consent(*, placement: SessionSpeaker, recording: bool, streaming: bool, photo: bool) -> SessionSpeaker:
    """Record the speaker's answers on recording, live streaming and photo publication for an accepted session;
    answering again changes them (consent can be withdrawn until the edition ends). Audited."""
    locked = _own_placement(placement, statuses=(Status.ACCEPTED,))
    values = {"consent_recording": recording, "consent_streaming": streaming, "consent_photo": photo}
    changes = {name: [getattr(locked, name), value] for name, value in values.items()
               if getattr(locked, name) != value}
    for name, value in values.items():
        setattr(locked, name, value)
    first_answer = locked.consent_given_at is None
    locked.consent_given_at = timezone.now()
    locked.save(update_fields=[*values, "consent_given_at", "updated_at"])
    if changes or first_answer:
        record_audit(actor=None, action=AuditAction.CHANGED, obj=locked, changes=changes, note=_portal_note())
    return locked


@transaction.atomic
def upload_slides(*, placement: SessionSpeaker, slides: UploadedFile) -> SessionSpeaker:
    """Store the slides of an accepted session (a PDF, checked by its content: pdfium must open it) in private
    storage, replacing earlier ones. Audited."""
    locked = _own_placement(placement, statuses=(Status.ACCEPTED,))
    for validate in SessionSpeaker._meta.get_field("slides").validators:
        validate(slides)
    previous = locked.slides.name or ""
    locked.slides.save(slides.name, slides, save=False)
    locked.save(update_fields=["slides", "updated_at"])
    record_audit(actor=None, action=AuditAction.CHANGED, obj=locked,
                 changes={"slides": [previous, locked.slides.name]}, note=_portal_note())
    return locked


@dataclass(frozen=True)
class TravelDetails:
    arrival_at: datetime.datetime | None = None
    arrival_place: str = ""
    arrival_flight: str = ""
    departure_at: datetime.datetime | None = None
    departure_place: str = ""
    departure_flight: str = ""
    needs: str = ""


@transaction.atomic
def update_travel(*, speaker: Speaker, summit: Summit, travel: TravelDetails) -> SpeakerTravel:
    """Save when and how the speaker arrives and leaves, for the protocol desk. Refused when they would leave
    before arriving (``departure_before_arrival``), far from the edition's days (``far_from_summit``), and once the
    edition has ended. Audited by the names of the fields changed only: travel plans are personal data."""
    if summit.has_ended:
        raise SpeakerPortalRefused(_("The %(summit)s has ended: nothing can be changed any more.")
                                   % {"summit": summit.name}, code="edition_ended")
    earliest = summit.start_date - datetime.timedelta(days=TRAVEL_WINDOW_DAYS)
    latest = summit.end_date + datetime.timedelta(days=TRAVEL_WINDOW_DAYS)
    for name in ("arrival_at", "departure_at"):
        moment = getattr(travel, name)
        if moment is not None and not earliest <= timezone.localtime(moment, WUZHEN).date() <= latest:
            raise SpeakerPortalRefused(
                _("Give a date between %(earliest)s and %(latest)s, around the summit's days.")
                % {"earliest": date_format(earliest), "latest": date_format(latest)},
                code="far_from_summit", field=name)
    if travel.arrival_at and travel.departure_at and travel.departure_at <= travel.arrival_at:
        raise SpeakerPortalRefused(_("The departure must be after the arrival."), code="departure_before_arrival",
                                   field="departure_at")
    found, _created = SpeakerTravel.objects.select_for_update().get_or_create(speaker=speaker, summit=summit)
    changed = []
    for name, value in vars(travel).items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(found, name) != value:
            changed.append(name)
            setattr(found, name, value)
    if changed:
        found.save()
        record_audit(actor=None, action=AuditAction.CHANGED, obj=found, changes={"changed": changed},
                     note=_portal_note(), personal=True)
    return found
