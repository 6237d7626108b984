"""The programme of an edition: forums, their sessions, and the speakers in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Deferrable, F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from core.constraints import PostgresOnlyExclusionConstraint, TsTzRange
from core.countries import WicCountries
from core.documents import validate_document
from core.images import validate_image
from core.models import PublishableModel, TimestampedModel
from core.review import ReviewableCopy
from core.storage import private_storage
from core.text import validate_public_link, validate_subject_part
from core.uploads import ImageUploadField, UploadField

from .enums import (
    ForumKind,
    ForumRegistrationMode,
    InterpretationLanguage,
    SessionLanguage,
    SessionType,
    SpeakerInvitationStatus,
    SpeakerRole,
)
from .guids import new_session_guid

ROOM_EXCLUSION = "session_room_no_overlap"  # one session at a time in a room, on PostgreSQL


class ThemeGroup(TimestampedModel):
    """A theme that groups sub-forums (cooperation and development, governance and security...)."""

    summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("summit"), on_delete=models.CASCADE, related_name="theme_groups"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme group")
        verbose_name_plural = _("theme groups")
        ordering = ["summit", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["summit", "slug"], name="theme_group_unique_slug_per_summit")]

    def __str__(self):
        return self.name


class Forum(ReviewableCopy, PublishableModel):
    """A block of the programme with its own host and room: the opening ceremony, the main forum, a sub-forum."""

    summit = models.ForeignKey("summits.Summit", verbose_name=_("summit"), on_delete=models.CASCADE,
                               related_name="forums")
    kind = models.CharField(_("kind"), max_length=20, choices=ForumKind.choices, default=ForumKind.SUB_FORUM)
    theme_group = models.ForeignKey(
        ThemeGroup, verbose_name=_("theme group"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="forums",
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_subject_part])
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("ASCII only; used in web addresses and feeds."))
    description = models.TextField(_("description"), blank=True)
    host = models.ForeignKey(
        "members.Organization", verbose_name=_("host"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="hosted_forums",
    )
    co_hosts = models.ManyToManyField(
        "members.Organization", verbose_name=_("co-hosts"), blank=True, related_name="co_hosted_forums"
    )
    room = models.ForeignKey(
        "summits.Room", verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="forums"
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    seat_quota = models.PositiveIntegerField(
        _("seat quota"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Seats offered to registered guests; empty means the room's capacity."),
    )
    registration_mode = models.CharField(
        _("registration"), max_length=20, choices=ForumRegistrationMode.choices, default=ForumRegistrationMode.OPEN,
        help_text=_("By invitation only: not offered on the registration form; only guests invited to it (the forum "
                    "reserved in their invitation) hold seats in it."),
    )
    team_rooms = models.ManyToManyField(
        "summits.Room", verbose_name=_("rooms for the forum's team"), blank=True, related_name="team_forums",
        help_text=_("Rooms the forum's team may place its sessions in, besides the forum's own room."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["summit", "start", "order", "pk"]
        indexes = [models.Index(fields=["summit", "start"], name="forums_forum_summit_start_idx")]
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="forum_unique_slug_per_summit"),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="forum_ends_after_start",
                violation_error_message=_("A forum must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(seat_quota__isnull=True) | Q(seat_quota__gt=0), name="forum_seat_quota_positive",
                violation_error_message=_("A seat quota is at least one seat."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # At call time: forums.scheduling imports this module (its queries use Session, SessionSpeaker, Speaker).
        from .scheduling import describe_slot, forum_outside_summit, sessions_outside_forum

        if self.start and self.end and self.summit_id:
            errors = [error for error in [forum_outside_summit(self)] if error]
            errors += [
                _("%(session)s would fall outside the forum's new time.") % {"session": describe_slot(session)}
                for session in sessions_outside_forum(self)
            ]
            if errors:
                raise ValidationError({"start": errors})


# A speaker's biography in each language: what the portal lets a speaker save, and so what an import may give (a
# longer one would leave the speaker unable to save their profile).
SPEAKER_BIO_MAX_LENGTH = 5000


class Speaker(TimestampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True, help_text=_("Position, e.g. Secretary-General."))
    organization = models.ForeignKey(
        "members.Organization", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="speakers",
    )
    affiliation = models.CharField(
        _("affiliation"), max_length=300, blank=True, help_text=_("Shown when no organisation is chosen.")
    )
    country = CountryField(_("country or region"), countries=WicCountries, blank=True)
    photo = ImageUploadField(_("photo"), upload_to="speakers/", blank=True, validators=[validate_image])
    bio = models.TextField(_("biography"), blank=True)
    native_name = models.CharField(
        _("name in own script"), max_length=200, blank=True,
        help_text=_("As the speaker writes it in their own language and script, e.g. 王小明, Владимир Иванов."),
    )
    email = models.EmailField(_("email"), blank=True, help_text=_("Where the speaker portal's invitation is sent."))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en",
                                help_text=_("Of the speaker's emails and portal."))
    link_version = models.PositiveIntegerField(
        _("portal link version"), default=1, editable=False,
        help_text=_("Raised to end the speaker's earlier portal links."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))
    photo_public = models.BooleanField(
        _("photo shown publicly"), default=True, editable=False,
        help_text=_("Kept by the speaker's answers in the speaker portal: yes when they allowed photo publication "
                    "in at least one session they accepted, or when they were never asked through the portal."),
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def organization_label(self) -> str:
        return str(self.organization) if self.organization_id else self.affiliation

    @property
    def public_photo(self):
        """The photo the public site, the API and the feeds may show: none without the speaker's consent."""
        return self.photo if self.photo_public and self.photo else None


class Session(PublishableModel):
    """One item of a forum's agenda: a keynote, a panel, a release, a ceremony, a break."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="sessions")
    guid = models.UUIDField(
        _("stable identifier"), default=new_session_guid, unique=True, editable=False,
        help_text=_("Never changes, even when the session moves: feeds and partners rely on it."),
    )
    type = models.CharField(_("type"), max_length=12, choices=SessionType.choices, default=SessionType.KEYNOTE)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        "summits.Room", verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="sessions", help_text=_("Empty means the forum's room."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=SessionLanguage.choices, default=SessionLanguage.BILINGUAL
    )
    speakers = models.ManyToManyField(Speaker, through="SessionSpeaker", verbose_name=_("speakers"),
                                      related_name="sessions")
    reference = models.CharField(
        _("reference"), max_length=40, blank=True,
        help_text=_("The forum's own code for the session (e.g. F07-03): spreadsheet imports find it by this."),
    )
    stream_url = models.URLField(
        _("live stream"), max_length=500, blank=True, validators=[validate_public_link],
        help_text=_("Shown only when every speaker of the session has consented to streaming."),
    )
    recording_url = models.URLField(
        _("recording"), max_length=500, blank=True, validators=[validate_public_link],
        help_text=_("Shown only when every speaker of the session has consented to recording."),
    )

    class Meta:
        verbose_name = pgettext_lazy("part of a forum", "session")
        verbose_name_plural = pgettext_lazy("part of a forum", "sessions")
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["forum", "start"], name="forums_session_forum_idx"),
            models.Index(fields=["room", "start"], name="forums_session_room_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            # A room holds one session at a time, even when two organizers save at the same moment. Deferrable:
            # a forum team's change that swaps two sessions' rooms or times is checked whole, at the end of its
            # writes (forums.scheduling.room_exclusion_deferred).
            PostgresOnlyExclusionConstraint(
                name=ROOM_EXCLUSION,
                expressions=[("room", "="), (TsTzRange("start", "end"), "&&")],
                condition=Q(room__isnull=False),
                deferrable=Deferrable.IMMEDIATE,
            ),
            models.UniqueConstraint(
                fields=["forum", "reference"], condition=~Q(reference=""), name="session_unique_reference_per_forum",
                violation_error_message=_("Another session of this forum has this reference."),
            ),
        ]

    # Set by a writer that checked the scheduling rules of several sessions together before writing any (a forum
    # team's change, published whole): checked alone against the database, a swap would clash with itself.
    schedule_checked_as_a_whole = False

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # At call time: forums.scheduling imports this module (its queries use Session, SessionSpeaker, Speaker).
        from .scheduling import session_schedule_errors

        try:
            forum = self.forum  # may be an unsaved forum given by the admin's inline formset
        except Forum.DoesNotExist:
            return
        if self.room_id is None:
            self.room = forum.room
        if self.start and self.end and not self.schedule_checked_as_a_whole:
            errors = session_schedule_errors(self)
            if errors:
                raise ValidationError(errors)


def validate_slides(file) -> None:
    """Slides are a PDF whose content opens: one message for a file of another kind (a .pptx), rather than the
    extension's and the content's two, which read as if PowerPoint were accepted."""
    if not file.name.lower().endswith(".pdf"):
        raise ValidationError(_("Slides must be a PDF."), code="slides_not_pdf")
    validate_document(file)


class SessionSpeaker(TimestampedModel):
    """A speaker's place in a session, in the order the agenda lists them."""

    session = models.ForeignKey(Session, verbose_name=pgettext_lazy("part of a forum", "session"),
                                on_delete=models.CASCADE, related_name="session_speakers")
    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.PROTECT,
                                related_name="session_speakers")
    role = models.CharField(_("role"), max_length=12, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    invitation_status = models.CharField(
        _("invitation"), max_length=12, choices=SpeakerInvitationStatus.choices,
        default=SpeakerInvitationStatus.NOT_INVITED,
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    consent_recording = models.BooleanField(_("consents to recording"), default=False)
    consent_streaming = models.BooleanField(_("consents to live streaming"), default=False)
    consent_photo = models.BooleanField(_("consents to photo publication"), default=False)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    slides = UploadField(
        _("slides"), storage=private_storage, upload_to="speakers/slides/%Y/", blank=True,
        validators=[validate_slides],
        help_text=_("A PDF, in private storage: only organizers may download it."),
    )

    class Meta:
        verbose_name = _("speaker in session")
        verbose_name_plural = _("speakers in session")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="session_speaker_unique"),
        ]

    def __str__(self):
        return f"{self.speaker} – {self.get_role_display()}"


class InterpretationChannel(TimestampedModel):
    """A simultaneous interpretation channel of a session: the language heard on it."""

    session = models.ForeignKey(Session, verbose_name=pgettext_lazy("part of a forum", "session"),
                                on_delete=models.CASCADE, related_name="interpretation_channels")
    language = models.CharField(_("language"), max_length=5, choices=InterpretationLanguage.choices)
    channel = models.PositiveSmallIntegerField(_("channel"), default=1, help_text=_("On the receivers."))

    class Meta:
        verbose_name = _("interpretation channel")
        verbose_name_plural = _("interpretation channels")
        ordering = ["session", "channel", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "language"], name="interpretation_channel_unique_language"),
        ]

    def __str__(self):
        return f"{self.channel} · {self.get_language_display()}"


class SpeakerTravel(TimestampedModel):
    """A speaker's journey to one edition, for the protocol desk: given through the speaker portal."""

    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE,
                                related_name="travels")
    summit = models.ForeignKey("summits.Summit", verbose_name=_("summit"), on_delete=models.CASCADE,
                               related_name="speaker_travels")
    arrival_at = models.DateTimeField(_("arrives"), null=True, blank=True)
    arrival_place = models.CharField(_("arrives at"), max_length=200, blank=True,
                                     help_text=_("Airport or railway station, e.g. Hangzhou Xiaoshan (HGH)."))
    arrival_flight = models.CharField(_("arrival flight or train"), max_length=40, blank=True)
    departure_at = models.DateTimeField(_("departs"), null=True, blank=True)
    departure_place = models.CharField(_("departs from"), max_length=200, blank=True)
    departure_flight = models.CharField(_("departure flight or train"), max_length=40, blank=True)
    needs = models.TextField(_("needs"), blank=True, help_text=_("Accompanying persons, access, diet."))

    class Meta:
        verbose_name = _("speaker's travel")
        verbose_name_plural = _("speakers' travel")
        ordering = ["summit", "arrival_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["speaker", "summit"], name="speaker_travel_once_per_summit")]

    def __str__(self):
        return f"{self.speaker} · {self.summit}"
