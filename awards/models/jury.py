"""The jury: its members, the rounds they review in, their declared conflicts of interest and their scores."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from ..enums import RoundStage
from .nomination import Nomination
from .programme import AwardCategory, AwardProgramme, ReviewCriterion

MIN_SCORE = Decimal("0")
MAX_SCORE = Decimal("10")
SCORE_RANGE = Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE)


class JuryMember(TimestampedModel):
    """A juror of a programme, for all its categories or only some."""

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="jury_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="jury_seats",
        help_text=_("The juror's account, to enter reviews. Given by “Invite to sign in”, with the juror's email."),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(
        _("email"), blank=True,
        help_text=_("Where the invitation to sign in is sent; their account is found or made by this address."),
    )
    invited_at = models.DateTimeField(_("invited to sign in"), null=True, blank=True, editable=False)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    is_chair = models.BooleanField(_("chair of the jury"), default=False)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("For the emails telling the juror a round is open."),
    )
    categories = models.ManyToManyField(
        AwardCategory, verbose_name=_("categories"), blank=True, related_name="jurors",
        help_text=_("Empty means all the programme's categories."),
    )

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ["programme", "-is_chair", "name", "pk"]
        permissions = [("invite_jurymember", _("Can invite a juror to sign in"))]
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


class ReviewRound(TimestampedModel):
    """A round of jury review: an award's selection, or a competition's preliminary, semi-final or final.

    Prepared, then opened (jurors score its entries), then closed (scores are final and shown to the whole jury).
    """

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="rounds"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=RoundStage.choices, default=RoundStage.SELECTION)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    places_per_category = models.PositiveSmallIntegerField(
        _("places per category"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("How many of the best entries of each category (track) go on to the next round, or, in the "
                    "last round, are awarded; those tied with the last of them too."),
    )
    entries = models.ManyToManyField(
        Nomination, verbose_name=_("entries"), blank=True, related_name="review_rounds",
        help_text=_("The nominations reviewed in this round."),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["programme_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "stage"], name="review_round_unique_stage_per_programme",
                violation_error_message=_("This programme already has a round at this stage."),
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(opened_at__isnull=False, closed_at__gte=models.F("opened_at")),
                name="review_round_closes_after_opening",
                violation_error_message=_("A round closes after it opens."),
            ),
        ]

    def __str__(self):
        return f"{self.programme} · {self.get_stage_display()}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ConflictOfInterest(TimestampedModel):
    """A juror's declaration that they may not judge a nomination: they neither see its scores nor score it."""

    juror = models.ForeignKey(JuryMember, verbose_name=_("juror"), on_delete=models.CASCADE, related_name="conflicts")
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="conflicts"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["nomination_id", "juror_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "nomination"], name="conflict_unique_per_juror_and_nomination",
                violation_error_message=_("This juror has already declared a conflict with this nomination."),
            ),
        ]

    def __str__(self):
        return f"{self.juror} ≠ {self.nomination}"


class Review(TimestampedModel):
    """A juror's score and comment on one entry of a round; the score is the weighted mean of the criteria, rounded
    to the cent as the juror sees it. Means and rankings are computed from the criterion scores themselves
    (selectors.exact_review_scores), never from this rounded score."""

    round = models.ForeignKey(ReviewRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="reviews")
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="reviews"
    )
    # RESTRICT: a juror who has reviewed cannot be removed alone, which would silently change the ranking.
    juror = models.ForeignKey(JuryMember, verbose_name=_("juror"), on_delete=models.RESTRICT, related_name="reviews")
    score = models.DecimalField(
        _("score"), max_digits=4, decimal_places=2,
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)], help_text=_("From 0 to 10."),
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["round_id", "nomination_id", "juror_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "nomination", "juror"], name="review_unique_per_juror_and_round",
                violation_error_message=_("This juror has already reviewed this nomination in this round."),
            ),
            models.CheckConstraint(
                condition=SCORE_RANGE, name="review_score_between_0_and_10",
                violation_error_message=_("A score is from 0 to 10."),
            ),
        ]

    def __str__(self):
        return f"{self.juror} → {self.nomination}"


class ReviewScore(TimestampedModel):
    """A review's score on one of the programme's criteria."""

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        ReviewCriterion, verbose_name=_("criterion"), on_delete=models.RESTRICT, related_name="scores"
    )
    score = models.DecimalField(
        _("score"), max_digits=4, decimal_places=2,
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)],
    )

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["review_id", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_unique_per_criterion"),
            models.CheckConstraint(condition=SCORE_RANGE, name="review_criterion_score_between_0_and_10"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
