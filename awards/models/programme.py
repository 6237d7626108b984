"""A programme (award, honour, best-practice call or competition), its categories and the criteria jurors score."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import PublishableModel, TimestampedModel
from core.review import ReviewableCopy
from core.text import validate_subject_part

from ..enums import ProgrammeKind


class AwardProgramme(ReviewableCopy, PublishableModel):
    """One award, honour, best-practice selection or competition of an edition, with its ceremony."""

    summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("summit"), on_delete=models.CASCADE, related_name="award_programmes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.AWARD)
    name = models.CharField(_("name"), max_length=300, validators=[validate_subject_part])
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("ASCII only; used in web addresses and feeds."))
    description = models.TextField(_("description"), blank=True)
    criteria = models.TextField(
        _("criteria"), blank=True,
        help_text=_("What the jurors score nominations on, in words. The public page lists the review criteria and "
                    "their weights instead, once the programme has some."),
    )
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


class AwardCategory(ReviewableCopy, TimestampedModel):
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




class ReviewCriterion(TimestampedModel):
    """One thing jurors score each nomination on, from 0 to 10; a review's score is the weighted mean."""

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="review_criteria"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1)],
        help_text=_("How much this criterion counts in the review's score, relative to the others."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1), name="review_criterion_weight_positive",
                violation_error_message=_("A criterion's weight is at least 1."),
            ),
        ]

    def __str__(self):
        return self.name
