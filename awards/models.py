"""Awards, honours, best-practice cases and the competition: their categories, nominations, jury and reviews."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.models import PublishableModel, TimestampedModel

from .enums import NominationStatus, NomineeKind, ProgrammeKind

MIN_SCORE = Decimal("0")
MAX_SCORE = Decimal("10")


class AwardProgramme(PublishableModel):
    """One award, honour, best-practice selection or competition of an edition, with its ceremony."""

    summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("summit"), on_delete=models.CASCADE, related_name="award_programmes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.AWARD)
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("ASCII only; used in web addresses and feeds."))
    description = models.TextField(_("description"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True, help_text=_("What the jurors score nominations on."))
    nominations_open = models.DateTimeField(_("nominations open"), null=True, blank=True)
    nominations_close = models.DateTimeField(_("nominations close"), null=True, blank=True)
    ceremony_session = models.ForeignKey(
        "forums.Session", verbose_name=_("ceremony session"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="award_ceremonies", help_text=_("The session of the agenda where the laureates are honoured."),
    )
    laureates_announced_at = models.DateTimeField(
        _("laureates announced at"), null=True, blank=True, editable=False
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))

    class Meta:
        verbose_name = _("award programme")
        verbose_name_plural = _("award programmes")
        ordering = ["summit", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "slug"], name="award_programme_unique_slug_per_summit",
                violation_error_message=_("This summit already has an award programme with this slug."),
            ),
            models.CheckConstraint(
                condition=Q(nominations_open__isnull=True) | Q(nominations_close__isnull=True)
                | Q(nominations_close__gt=F("nominations_open")),
                name="award_programme_nominations_close_after_open",
                violation_error_message=_("Nominations must close after they open."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.ceremony_session_id and self.summit_id and self.ceremony_session.forum.summit_id != self.summit_id:
            raise ValidationError(
                {"ceremony_session": _("The ceremony must be a session of this programme's summit.")}
            )


class AwardCategory(TimestampedModel):
    """A category of a programme; in a competition, a track (e.g. the AI+ innovative applications track)."""

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "slug"], name="award_category_unique_slug_per_programme",
                violation_error_message=_("This programme already has a category with this slug."),
            ),
        ]

    def __str__(self):
        return self.name


class Nomination(TimestampedModel):
    """A person or an organisation put forward to a programme, with the achievement, case or project."""

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="nominations"
    )
    # RESTRICT, not PROTECT: a category with nominations cannot be deleted alone, but its whole programme can.
    category = models.ForeignKey(
        AwardCategory, verbose_name=_("category"), null=True, blank=True, on_delete=models.RESTRICT,
        related_name="nominations",
    )
    nominee_kind = models.CharField(
        _("nominee is a"), max_length=12, choices=NomineeKind.choices, default=NomineeKind.PERSON
    )
    nominee_name = models.CharField(
        _("nominee"), max_length=300, blank=True,
        help_text=_("The person's name; for an organisation, only when it is not in the list of organisations."),
    )
    organization = models.ForeignKey(
        "members.Organization", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="award_nominations", help_text=_("The nominated organisation, or the nominated person's."),
    )
    country = CountryField(_("country"), blank=True)
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("The achievement, case or project nominated.")
    )
    citation = models.TextField(_("citation"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=NominationStatus.choices, default=NominationStatus.SUBMITTED
    )
    nominated_by_name = models.CharField(_("nominated by"), max_length=200, blank=True)
    nominated_by_email = models.EmailField(_("nominator's email"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    awarded_rank = models.PositiveSmallIntegerField(
        _("rank"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Place among the laureates (1 for the first prize); empty when laureates are not ranked."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["programme", "-submitted_at", "pk"]
        indexes = [models.Index(fields=["programme", "status"], name="awards_nomination_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(awarded_rank__isnull=True)
                | Q(status=NominationStatus.AWARDED, awarded_rank__gte=1),
                name="nomination_rank_only_when_awarded",
                violation_error_message=_("Only an awarded nomination has a rank, starting at 1."),
            ),
        ]

    def __str__(self):
        return self.nominee_label

    @property
    def nominee_label(self) -> str:
        return self.nominee_name or (str(self.organization) if self.organization_id else "")

    def clean(self):
        super().clean()
        errors = {}
        if self.category_id and self.programme_id and self.category.programme_id != self.programme_id:
            errors["category"] = _("This category belongs to another programme: %(programme)s.") % {
                "programme": self.category.programme
            }
        # Keyed to untranslated fields: the admin form has nominee_name_en and _zh_hans, not nominee_name.
        if self.nominee_kind == NomineeKind.ORGANISATION and not (self.organization_id or self.nominee_name):
            errors["organization"] = _("Choose the nominated organisation, or give its name.")
        if self.nominee_kind == NomineeKind.PERSON and not self.nominee_name:
            errors["nominee_kind"] = _("Give the name of the nominated person.")
        if errors:
            raise ValidationError(errors)


class JuryMember(TimestampedModel):
    """A juror of a programme, for all its categories or only some."""

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="jury_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="jury_seats", help_text=_("The juror's account, to enter reviews."),
    )
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    is_chair = models.BooleanField(_("chair of the jury"), default=False)
    categories = models.ManyToManyField(
        AwardCategory, verbose_name=_("categories"), blank=True, related_name="jurors",
        help_text=_("Empty means all the programme's categories."),
    )

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ["programme", "-is_chair", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"], condition=Q(user__isnull=False),
                name="jury_member_unique_user_per_programme",
                violation_error_message=_("This account already sits on this programme's jury."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean_categories(self, categories) -> None:
        """Refuse categories of another programme (many-to-many values are only known to the form)."""
        foreign = [str(category) for category in categories if category.programme_id != self.programme_id]
        if foreign:
            raise ValidationError(
                {"categories": _("Not categories of this programme: %(names)s.") % {"names": ", ".join(foreign)}}
            )


class Review(TimestampedModel):
    """A juror's score and comment on one nomination, or their declared conflict of interest."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="reviews"
    )
    # RESTRICT: a juror who has reviewed cannot be removed alone, which would silently change the ranking.
    juror = models.ForeignKey(JuryMember, verbose_name=_("juror"), on_delete=models.RESTRICT, related_name="reviews")
    score = models.DecimalField(
        _("score"), max_digits=4, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)], help_text=_("From 0 to 10."),
    )
    comment = models.TextField(_("comment"), blank=True)
    conflict_of_interest = models.BooleanField(
        _("conflict of interest"), default=False, help_text=_("A juror with a conflict does not score.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["nomination", "juror", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "juror"], name="review_unique_per_juror",
                violation_error_message=_("This juror has already reviewed this nomination."),
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="review_score_between_0_and_10",
                violation_error_message=_("A score is from 0 to 10."),
            ),
            models.CheckConstraint(
                condition=Q(conflict_of_interest=False) | Q(score__isnull=True),
                name="review_conflict_has_no_score",
                violation_error_message=_("A juror who declares a conflict of interest gives no score."),
            ),
        ]

    def __str__(self):
        return f"{self.juror} → {self.nomination}"

    def clean(self):
        super().clean()
        try:
            nomination, juror = self.nomination, self.juror  # the nomination may be an unsaved one from the admin
        except (Nomination.DoesNotExist, JuryMember.DoesNotExist):
            return
        if juror.programme_id != nomination.programme_id:
            raise ValidationError({"juror": _("This juror sits on another programme's jury: %(programme)s.")
                                   % {"programme": juror.programme}})
        category_ids = {category.pk for category in juror.categories.all()}
        if category_ids and nomination.category_id not in category_ids:
            raise ValidationError({"juror": _("This juror does not judge the nomination's category.")})
