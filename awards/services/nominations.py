"""The public call for nominations: a nomination (or a competition entry with its team) comes in through the
website while the programme's call is open, with its supporting documents, and the nominator gets a receipt."""

import datetime
import hashlib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails import queue_templated_email
from core.models import OutgoingEmail
from core.refusals import Refused

from ..enums import ProgrammeKind
from ..models import AwardCategory, AwardProgramme, Nomination, NominationDocument, TeamMember
from ..selectors import last_day_of_call

MAX_DOCUMENTS = 5
MAX_TEAM_MEMBERS = 10
SUBJECTS = {
    "nomination": gettext_lazy("We have received your nomination for the %(programme)s"),
    "entry": gettext_lazy("We have received your entry to the %(programme)s"),
}


class NominationRefused(Refused):
    """A submission the call does not take; ``code`` says which rule."""


@dataclass(frozen=True)
class TeamMemberEntry:
    """One member of a competition team as submitted."""

    name: str
    role: str = ""
    email: str = ""
    country: str = ""
    is_leader: bool = False


@dataclass(frozen=True)
class NominationSubmission:
    """The cleaned values of the public form: for a competition, nominee_name is the team's name, title the
    project and citation its description, and the nominator is the team leader."""

    nominee_kind: str
    nominee_name: str
    title: str
    citation: str
    nominated_by_name: str
    nominated_by_email: str
    language: str
    category: AwardCategory | None = None
    country: str = ""
    nominated_by_organization: str = ""
    nominated_by_phone: str = ""
    team_members: tuple[TeamMemberEntry, ...] = ()
    documents: tuple[UploadedFile, ...] = field(default=(), repr=False)


class CallState(StrEnum):
    """Where a programme's call for nominations (or entries) stands at a given moment."""

    NONE = "none"  # no public call: neither an opening nor a closing time
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"  # its closing time has passed
    ANNOUNCED = "announced"  # the laureates are announced: the call is over, whatever its dates say


def call_state(programme: AwardProgramme, now: datetime.datetime | None = None) -> CallState:
    """The call at ``now``, to the minute of its opening and closing times (Wuzhen time on every page): open from
    ``nominations_open`` through ``nominations_close`` itself, and never once the laureates are announced."""
    if programme.nominations_open is None and programme.nominations_close is None:
        return CallState.NONE
    now = now or timezone.now()
    if programme.laureates_announced_at is not None and programme.laureates_announced_at <= now:
        return CallState.ANNOUNCED
    if programme.nominations_open is not None and now < programme.nominations_open:
        return CallState.UPCOMING
    if programme.nominations_close is not None and now > programme.nominations_close:
        return CallState.CLOSED
    return CallState.OPEN


def call_is_open(programme: AwardProgramme, now: datetime.datetime | None = None) -> bool:
    """Whether the programme takes nominations at ``now`` (``call_state``)."""
    return call_state(programme, now) == CallState.OPEN


def _check_call(programme: AwardProgramme, now: datetime.datetime | None) -> None:
    if not (programme.is_published and programme.summit.is_published) or not call_is_open(programme, now):
        raise NominationRefused(
            _("The call for nominations of the %(programme)s is not open.") % {"programme": programme},
            code="call_not_open",
        )


def _check_category(programme: AwardProgramme, category: AwardCategory | None) -> None:
    if category is not None and category.programme_id != programme.pk:
        raise NominationRefused(
            _("This category belongs to another programme: %(programme)s.") % {"programme": category.programme},
            code="wrong_category",
        )
    if category is None and programme.categories.exists():
        raise NominationRefused(
            _("Choose a track.") if programme.kind == ProgrammeKind.COMPETITION else _("Choose a category."),
            code="category_required",
        )


def normalised(value: str) -> str:
    """A name or address compared as a person reads it: compatibility forms folded (full-width letters), case
    folded, runs of spaces made one."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def submission_key(*, category_id: int | None, nominee: str, email: str) -> str:
    """The nominee, the category and the nominator's email, normalised and hashed: two submissions with the same
    key are the same nominee from the same nominator. Empty without a nominee or an email (nothing to compare)."""
    nominee, email = normalised(nominee), normalised(email)
    if not (nominee and email):
        return ""
    return hashlib.sha256("\n".join([str(category_id or ""), nominee, email]).encode()).hexdigest()


def _duplicate(programme: AwardProgramme, submission: NominationSubmission) -> NominationRefused:
    values = {"nominee": submission.nominee_name, "programme": programme, "category": submission.category}
    if programme.kind == ProgrammeKind.COMPETITION:
        message = _("Your team %(nominee)s has already entered the %(category)s track of the %(programme)s from "
                    "this email address. We have the entry: there is no need to send it again.") if \
            submission.category else _("Your team %(nominee)s has already entered the %(programme)s from this email "
                                       "address. We have the entry: there is no need to send it again.")
    else:
        message = _("You have already nominated %(nominee)s in the %(category)s category of the %(programme)s. We "
                    "have the nomination: there is no need to send it again.") if submission.category else \
            _("You have already nominated %(nominee)s for the %(programme)s. We have the nomination: there is no "
              "need to send it again.")
    return NominationRefused(message % values, code="duplicate_nomination", field="nominee_name")


def _refuse_duplicate(programme: AwardProgramme, submission: NominationSubmission, key: str) -> None:
    """Refuse the same nominee (by name, in any language, case and spaces aside) in the same category from the same
    nominator's email; one query."""
    if not key:
        return
    earlier = Nomination.objects.filter(
        programme=programme, category=submission.category,
        nominated_by_email__iexact=submission.nominated_by_email.strip(),
    ).values_list("submission_key", "nominee_name_en", "nominee_name_zh_hans")  # the name in each language
    nominee = normalised(submission.nominee_name)
    for earlier_key, *names in earlier:
        if earlier_key == key or nominee in {normalised(name or "") for name in names}:
            raise _duplicate(programme, submission)


def _team(programme: AwardProgramme, members: tuple[TeamMemberEntry, ...]) -> list[TeamMemberEntry]:
    """The team as it is saved: competitions need one to ten members, one of them the leader (the first one
    when none is marked); other programmes have no team."""
    if programme.kind != ProgrammeKind.COMPETITION:
        return []
    if not 1 <= len(members) <= MAX_TEAM_MEMBERS:
        raise NominationRefused(
            _("A team has from 1 to %(max)d members.") % {"max": MAX_TEAM_MEMBERS}, code="team_size"
        )
    leaders = sum(member.is_leader for member in members)
    if leaders > 1:
        raise NominationRefused(_("A team has one leader."), code="one_leader")
    if leaders == 0:
        members = (TeamMemberEntry(**{**members[0].__dict__, "is_leader": True}), *members[1:])
    return list(members)


def _documents(files: tuple[UploadedFile, ...]) -> list[NominationDocument]:
    """Unsaved documents, each checked by the model's validators (file type and size)."""
    if len(files) > MAX_DOCUMENTS:
        raise NominationRefused(
            _("Attach at most %(max)d documents.") % {"max": MAX_DOCUMENTS}, code="too_many_documents"
        )
    documents = []
    for upload in files:
        # An uploaded file always has a name and a size (UploadedFile types them optional).
        document = NominationDocument(file=upload, title=upload.name[:200], size=upload.size)  # type: ignore[index, misc]
        document.full_clean(exclude=["nomination"])
        documents.append(document)
    return documents


def _translated(language: str, **values: str) -> dict[str, str]:
    """The text fields of the submitter's language (nominee_name_zh_hans...), as modeltranslation names them."""
    suffix = language.replace("-", "_")
    return {f"{name}_{suffix}": value for name, value in values.items()}


@transaction.atomic
def submit_nomination(
    *, programme: AwardProgramme, submission: NominationSubmission, now: datetime.datetime | None = None
) -> Nomination:
    """Save a nomination from the public call, with its team and documents, and queue the nominator's receipt.

    Refused (``NominationRefused``, a ValidationError) outside the call's dates or once the laureates are
    announced, for a programme or edition not published, for a category of another programme, or for a nominee the
    same nominator (by email) already put forward in the same category (``duplicate_nomination``, on the nominee's
    field: checked here, and by the database's constraint for two sent at once). The nomination, its team members,
    its documents and the outbox row commit together; the files are written to private storage as the rows are
    saved, and the email leaves after the commit.
    """
    _check_call(programme, now)
    _check_category(programme, submission.category)
    language = submission.language if submission.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    team = _team(programme, submission.team_members)
    documents = _documents(submission.documents)
    key = submission_key(category_id=submission.category.pk if submission.category else None,
                         nominee=submission.nominee_name, email=submission.nominated_by_email)
    _refuse_duplicate(programme, submission, key)
    nomination = Nomination(
        programme=programme, category=submission.category, nominee_kind=submission.nominee_kind,
        country=submission.country, nominated_by_name=submission.nominated_by_name,
        nominated_by_email=submission.nominated_by_email,
        nominated_by_organization=submission.nominated_by_organization,
        nominated_by_phone=submission.nominated_by_phone, language=language,
        submitted_at=now or timezone.now(), submission_key=key,
        **_translated(language, nominee_name=submission.nominee_name, title=submission.title,
                      citation=submission.citation),
    )
    try:
        with transaction.atomic():  # a savepoint: the same submission sent twice at once meets the constraint
            nomination.save()
    except IntegrityError:
        if not key:  # not the constraint on the key
            raise
        raise _duplicate(programme, submission) from None
    TeamMember.objects.bulk_create(
        TeamMember(nomination=nomination, name=member.name, role=member.role, email=member.email,
                   country=member.country, is_leader=member.is_leader, order=order)
        for order, member in enumerate(team)
    )
    for document in documents:
        document.nomination = nomination
        document.save()
    queue_receipt(nomination=nomination, documents=documents)
    return nomination


def queue_receipt(*, nomination: Nomination, documents: list[NominationDocument]) -> OutgoingEmail | None:
    """Queue the email telling the nominator what was received (once per nomination), in their language."""
    if not nomination.nominated_by_email:
        return None
    programme = nomination.programme
    kind = "entry" if programme.kind == ProgrammeKind.COMPETITION else "nomination"
    close = programme.nominations_close
    with translation.override(nomination.language):  # names of the programme and category in that language
        context: dict[str, Any] = {
            "programme": programme.name,
            "category": nomination.category.name if nomination.category else "",
            "nominator": nomination.nominated_by_name,
            "nominee": nomination.nominee_name,
            "title": nomination.title,
            "documents": [str(document) for document in documents],
            "team": list(nomination.team_members.all()) if kind == "entry" else [],
            "closes_on": last_day_of_call(close) if close else None,
            "reference": nomination.pk,
        }
    return queue_templated_email(
        key=f"nomination:{nomination.pk}:received", to=nomination.nominated_by_email, language=nomination.language,
        subject=SUBJECTS[kind], text_template=f"awards/email/{kind}_received.txt", context=context,
        heading=context["programme"], about=nomination,
    )
