"""What is put forward to a programme: a nomination (or a competition entry), its team and its documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.countries import WicCountries
from core.documents import validate_document
from core.models import TimestampedModel
from core.storage import private_storage
from core.uploads import UploadField

from ..enums import NominationStatus, NomineeKind
from .programme import AwardCategory, AwardProgramme

DOCUMENT_EXTENSIONS = ["pdf", "docx", "doc", "pptx", "xlsx", "png", "jpg", "jpeg", "webp", "txt"]


class Nomination(TimestampedModel):
    """A person or an organisation put forward to a programme, with the achievement, case or project."""

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="nominations"
    )  # in a competition, an entry: nominee_name is the team, title the project, citation its description
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
    country = CountryField(_("country or region"), countries=WicCountries, blank=True)
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("The achievement, case or project nominated.")
    )
    citation = models.TextField(_("citation"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=NominationStatus.choices, default=NominationStatus.SUBMITTED
    )
    nominated_by_name = models.CharField(_("nominated by"), max_length=200, blank=True)
    nominated_by_email = models.EmailField(_("nominator's email"), blank=True)
    nominated_by_organization = models.CharField(_("nominator's organisation"), max_length=300, blank=True)
    nominated_by_phone = models.CharField(_("nominator's phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("The nominator's language, for the emails about this nomination."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    awarded_rank = models.PositiveSmallIntegerField(
        _("rank"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Place among the laureates (1 for the first prize); empty when laureates are not ranked."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))
    # The nominee, category and nominator's email as submitted on the public call, normalised and hashed
    # (services.nominations.submission_key): the same nominee from the same nominator comes in once. Empty for
    # nominations entered by organizers.
    submission_key = models.CharField(_("submission key"), max_length=64, blank=True, default="", editable=False)

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
            models.UniqueConstraint(
                fields=["programme", "submission_key"], condition=~Q(submission_key=""),
                name="nomination_unique_submission_per_programme",
                violation_error_message=_("This nominator has already put this nominee forward in this category."),
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




class TeamMember(TimestampedModel):
    """A member of a competition entry's team."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="team_members"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role in the team"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    country = CountryField(_("country or region"), countries=WicCountries, blank=True)
    is_leader = models.BooleanField(_("team leader"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["nomination", "-is_leader", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination"], condition=Q(is_leader=True), name="team_member_one_leader",
                violation_error_message=_("A team has one leader."),
            ),
        ]

    def __str__(self):
        return self.name


class NominationDocument(TimestampedModel):
    """A supporting document; kept out of the public media (private storage), read by organizers and jurors."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="documents"
    )
    file = UploadField(
        _("file"), storage=private_storage, upload_to="awards/documents/%Y/",
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document],
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        ordering = ["nomination", "pk"]

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        if self.file and not self.size:
            self.size = self.file.size
        super().save(*args, **kwargs)
