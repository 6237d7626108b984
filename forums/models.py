"""The programme of an edition: forums, their sessions, and the speakers in them."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from core.constraints import PostgresOnlyExclusionConstraint, TsTzRange
from core.countries import WicCountries
from core.images import validate_image
from core.models import PublishableModel, TimestampedModel
from core.review import ReviewableCopy
from core.text import validate_subject_part
from core.uploads import ImageUploadField

from .enums import ForumKind, ForumRegistrationMode, SessionLanguage, SessionType, SpeakerRole
from .guids import new_session_guid


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
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def organization_label(self) -> str:
        return str(self.organization) if self.organization_id else self.affiliation


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
            # A room holds one session at a time, even when two organizers save at the same moment.
            PostgresOnlyExclusionConstraint(
                name="session_room_no_overlap",
                expressions=[("room", "="), (TsTzRange("start", "end"), "&&")],
                condition=Q(room__isnull=False),
            ),
        ]

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
        if self.start and self.end:
            errors = session_schedule_errors(self)
            if errors:
                raise ValidationError(errors)


class SessionSpeaker(TimestampedModel):
    """A speaker's place in a session, in the order the agenda lists them."""

    session = models.ForeignKey(Session, verbose_name=pgettext_lazy("part of a forum", "session"),
                                on_delete=models.CASCADE, related_name="session_speakers")
    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.PROTECT,
                                related_name="session_speakers")
    role = models.CharField(_("role"), max_length=12, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker in session")
        verbose_name_plural = _("speakers in session")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="session_speaker_unique"),
        ]

    def __str__(self):
        return f"{self.speaker} – {self.get_role_display()}"
