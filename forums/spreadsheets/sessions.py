"""A forum's agenda in a sheet: one row per session, found again by its forum and reference (or its guid, which the
export writes), with its speakers in one cell ("slug; slug" or their emails, in the agenda's order)."""

import uuid
from collections import defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from core.spreadsheets.columns import Column
from core.spreadsheets.resources import AuditedResource, text_field
from core.spreadsheets.widgets import ChoiceWidget, WuzhenTimeWidget, list_cell, wuzhen_time

from ..enums import SessionLanguage, SessionType
from ..models import Session, SessionSpeaker
from .lookups import forum_widget, room_widget, shared_address_message, speakers_by_key
from .samples import session_sample
from .schedule import ScheduleBook

REFERENCE_TAKEN = next(constraint for constraint in Session._meta.constraints
                       if constraint.name == "session_unique_reference_per_forum")

COLUMNS = (
    Column("forum", gettext_lazy("Forum"), ("论坛", "forum slug", "分论坛"), required=True,
           help=gettext_lazy("The forum's slug or title, in either language.")),
    Column("reference", gettext_lazy("Reference"), ("参考编号", "编号", "ref", "session reference", "议程编号"),
           help=gettext_lazy("The forum's own code for the session (e.g. F07-03): importing the sheet again "
                             "updates the session with this code instead of adding it twice.")),
    Column("title_en", gettext_lazy("Title (English)"), ("title", "英文标题", "标题（英文）", "session title"),
           required=True),
    Column("title_zh_hans", gettext_lazy("Title (Chinese)"), ("中文标题", "标题（中文）", "标题")),
    Column("type", gettext_lazy("Type"), ("类型", "session type", "议程类型"),
           help=gettext_lazy("Keynote, panel, dialogue, release, signing, ceremony or break (or 主旨演讲, 圆桌…).")),
    Column("start", gettext_lazy("Starts"), ("start", "start time", "开始时间", "开始"), required=True,
           help=gettext_lazy("Wuzhen time: 2027-01-05 09:30, 2027年1月5日 9:30, or an Excel date cell.")),
    Column("end", gettext_lazy("Ends"), ("end", "end time", "结束时间", "结束"), required=True),
    Column("room", gettext_lazy("Room"), ("会场", "会议室", "room name", "venue room"),
           help=gettext_lazy("A room of the edition's venues, by its name in either language; empty: the forum's "
                             "room.")),
    Column("language", gettext_lazy("Language"), ("语言", "session language")),
    Column("speakers", gettext_lazy("Speakers"), ("嘉宾", "演讲嘉宾", "发言嘉宾", "speaker"),
           help=gettext_lazy("Speakers' slugs or email addresses, separated by semicolons, in the agenda's order.")),
    Column("description_en", gettext_lazy("Description (English)"), ("description", "英文简介", "简介（英文）")),
    Column("description_zh_hans", gettext_lazy("Description (Chinese)"), ("中文简介", "简介（中文）", "简介")),
    Column("guid", gettext_lazy("Stable identifier"), ("guid", "uuid", "标识符"),
           help=gettext_lazy("Written by the export; leave it as it is.")),
)


class SessionResource(AuditedResource):
    columns = COLUMNS
    forum = Field(attribute="forum", column_name="forum")
    reference = text_field("reference", one_line=True)
    title_en = text_field("title_en", one_line=True)
    title_zh_hans = text_field("title_zh_hans", one_line=True)
    type = Field(attribute="type", column_name="type", widget=ChoiceWidget(SessionType.choices,
                                                                            default=SessionType.KEYNOTE))
    start = Field(attribute="start", column_name="start", widget=WuzhenTimeWidget())
    end = Field(attribute="end", column_name="end", widget=WuzhenTimeWidget())
    room = Field(attribute="room", column_name="room")
    language = Field(attribute="language", column_name="language",
                     widget=ChoiceWidget(SessionLanguage.choices, default=SessionLanguage.BILINGUAL))
    speakers = Field(column_name="speakers", dehydrate_method="speaker_keys")
    description_en = text_field("description_en")
    description_zh_hans = text_field("description_zh_hans")
    guid = Field(attribute="guid", column_name="guid", readonly=True)

    class Meta(AuditedResource.Meta):
        model = Session
        fields = tuple(column.key for column in COLUMNS)
        import_id_fields = ("guid",)

    def __init__(self, *, actor=None, summit=None):
        super().__init__(actor=actor, summit=summit)
        self.fields["forum"].widget = forum_widget(summit)
        self.fields["room"].widget = room_widget(summit)
        self.speaker_ids, self.speaker_slugs, self.shared_addresses = speakers_by_key()

    # --- Finding the session again -------------------------------------------------------------------------------

    def get_queryset(self):
        return Session.objects.filter(forum__summit=self.summit).select_related("forum__summit", "room")

    def before_import(self, dataset, **kwargs):
        """Everything the rows are checked against, read once (a handful of queries, not a few per row): the
        edition's sessions by guid and by (forum, reference), their speakers' places, and the schedule of the rooms
        and speakers the sheet books, locked until the sheet's transaction ends (``ScheduleBook``). A session the
        sheet adds is not among the sessions found by key, so a second row with its key is refused (``row_key``)."""
        self.by_guid, self.by_reference = {}, {}
        for session in self.get_queryset():
            self.by_guid[str(session.guid)] = session
            if session.reference:
                self.by_reference[(session.forum_id, session.reference)] = session
        self.references = dict(self.by_reference)  # (forum, reference) taken, the sheet's saved rows included
        self.reference_of = {session.pk: [key] for key, session in self.by_reference.items()}
        self.placements: dict[int, list[SessionSpeaker]] = defaultdict(list)
        for placement in SessionSpeaker.objects.filter(session__forum__summit=self.summit).order_by("order", "pk"):
            self.placements[placement.session_id].append(placement)
        self.book = ScheduleBook(**self._booked(dataset))

    def _booked(self, dataset) -> dict:
        """The rooms and speakers the sheet's rows book (their speakers now and those the sheet gives them), and
        the span of their times; cells that cannot be read are left out (their rows get their errors later)."""
        rooms, speakers, starts, ends = set(), set(), [], []
        for row in dataset.dict:
            forum, room = self._read(self.fields["forum"].clean, row), self._read(self.fields["room"].clean, row)
            start, end = self._read(wuzhen_time, row.get("start")), self._read(wuzhen_time, row.get("end"))
            if not str(row.get("room") or "").strip():
                room = forum.room if forum else None
            if room is not None:
                rooms.add(room.pk)
            session = self.get_instance(None, row)
            speakers.update(self._placed(session) if session else ())
            given = (self.speaker_ids.get(key.casefold()) for key in list_cell(row.get("speakers")))
            speakers.update(pk for pk in given if pk)
            if start and end:
                starts.append(start)
                ends.append(end)
        return {"room_ids": rooms, "speaker_ids": speakers, "start": min(starts, default=None),
                "end": max(ends, default=None)}

    @staticmethod
    def _read(clean, value):
        try:
            return clean(value)
        except (ValueError, KeyError):
            return None

    def get_instance(self, instance_loader, row):
        """By the guid the export wrote, else by the forum and the reference."""
        guid = str(row.get("guid") or "").strip()
        if guid:
            try:
                return self.by_guid.get(str(uuid.UUID(guid)))
            except ValueError:
                return None
        reference = str(row.get("reference") or "").strip()
        try:
            forum = self.fields["forum"].clean(row)
        except (ValueError, KeyError):
            return None
        return self.by_reference.get((forum.pk, reference)) if reference and forum else None

    def speaker_keys(self, session: Session) -> str:
        placements = session.session_speakers.all()
        if "session_speakers" not in getattr(session, "_prefetched_objects_cache", {}):
            placements = placements.select_related("speaker").order_by("order", "pk")
        return "; ".join(placement.speaker.slug for placement in placements)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("forum", "room").prefetch_related("session_speakers__speaker")

    def sample_row(self) -> dict[str, str]:
        return session_sample(self.summit)

    def row_label(self, row: dict) -> str:
        return " · ".join(str(row.get(key) or "") for key in ("forum", "reference", "title_en") if row.get(key))

    # --- Reading a row -------------------------------------------------------------------------------------------

    def row_key(self, instance, row):
        guid = str(row.get("guid") or "").strip()
        return guid or ((instance.forum_id, instance.reference) if instance.reference else None)

    def check_instance(self, instance, row, errors):
        guid = str(row.get("guid") or "").strip()
        if guid and instance.pk is None:
            errors.setdefault("guid", []).append(ValidationError(
                _("No session of this edition has the identifier %(guid)s: leave the cell empty for a new "
                  "session.") % {"guid": guid[:60]}))
        if not guid and not instance.reference:
            errors.setdefault("reference", []).append(ValidationError(
                _("Give each session a reference, so that importing the sheet again updates it instead of adding "
                  "it twice.")))
        if instance.forum_id and instance.room_id is None and "room" not in errors:
            instance.room = instance.forum.room  # as a hand edit saves it: empty means the forum's room
        instance._spreadsheet_speakers = self._speakers(row, errors)

    def _speakers(self, row, errors) -> list[int] | None:
        if "speakers" not in row:
            return None
        ids = []
        for key in list_cell(row["speakers"]):
            pk = self.speaker_ids.get(key.casefold())
            if key.casefold() in self.shared_addresses:
                errors.setdefault("speakers", []).append(ValidationError(
                    shared_address_message(key[:100], self.shared_addresses[key.casefold()])))
            elif pk is None:
                errors.setdefault("speakers", []).append(ValidationError(
                    _("Unknown speaker “%(value)s”: give a speaker's slug or email address.") % {"value": key[:100]}))
            elif pk not in ids:
                ids.append(pk)
        return ids

    def _placed(self, instance) -> list[int]:
        return [placement.speaker_id for placement in self.placements.get(instance.pk, [])] if instance.pk else []

    def skip_row(self, instance, original, row, import_validation_errors=None):
        wanted = instance._spreadsheet_speakers
        if wanted is not None and wanted != self._placed(instance):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """What ``full_clean`` checks, in full_clean's order and with its messages, without its queries: the
        fields (the forum and room were found among the edition's rows), the scheduling rules against the book,
        the forum's references against those taken; the speakers the sheet gives the session before them."""
        errors = {name: list(messages) for name, messages in (import_validation_errors or {}).items()}
        wanted = instance._spreadsheet_speakers
        if wanted and instance.start and instance.end:
            messages = self.book.speaker_errors(instance, wanted)
            if messages:
                errors.setdefault("speakers", []).extend(ValidationError(message) for message in messages)
        try:
            instance.clean_fields(exclude={*errors, "forum", "room", "guid"})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.forum_id and instance.start and instance.end:
            for name, messages in self.book.errors(instance, placed=self._placed(instance)).items():
                errors.setdefault(name, []).extend(ValidationError(message) for message in messages)
        key = (instance.forum_id, instance.reference)
        taken = self.references.get(key)
        if (instance.reference and not {"forum", "reference"} & set(errors) and taken is not None
                and taken.pk != instance.pk):
            errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(
                REFERENCE_TAKEN.get_violation_error_message()))
        if errors:
            raise ValidationError(errors)

    def audited_values(self, instance) -> dict[str, str]:
        values = super().audited_values(instance)
        values["speakers"] = "; ".join(self.speaker_slugs[pk] for pk in self._placed(instance))
        return values

    def after_save_instance(self, instance, row, **kwargs):
        self._place_speakers(instance)
        self.book.record(instance, self._placed(instance))
        for key in self.reference_of.pop(instance.pk, ()):  # the reference it held before, now free
            if getattr(self.references.get(key), "pk", None) == instance.pk:
                del self.references[key]
        if instance.reference:
            self.references[(instance.forum_id, instance.reference)] = instance
            self.reference_of[instance.pk] = [(instance.forum_id, instance.reference)]
        super().after_save_instance(instance, row, **kwargs)

    def _place_speakers(self, session: Session) -> None:
        """The speakers as the cell lists them, in its order: placements kept (with their invitation, consent and
        slides), new ones added, the others removed, as the session's page in the admin does."""
        wanted = session._spreadsheet_speakers
        if wanted is None:
            return
        placements = {placement.speaker_id: placement for placement in self.placements.get(session.pk, [])}
        for placement in placements.values():
            if placement.speaker_id not in wanted:
                placement.delete()
        kept = []
        for order, speaker_id in enumerate(wanted):
            placement = placements.get(speaker_id) or SessionSpeaker(session=session, speaker_id=speaker_id)
            if placement.pk is None or placement.order != order:
                placement.order = order
                placement.save()
            kept.append(placement)
        self.placements[session.pk] = kept
        session._prefetched_objects_cache = {}
