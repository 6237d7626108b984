"""The WIC International Organization: organisations, their membership, and its bodies and programmes."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.countries import WicCountries
from core.images import validate_image
from core.models import TimestampedModel
from core.text import validate_subject_part
from core.uploads import ImageUploadField

from .continents import COUNTRIES_BY_CONTINENT
from .enums import BodyKind, Continent, MembershipStatus, MembershipType, OrganizationKind, ParticipantRole

# The database derives the continent from the country, so figures by continent can never disagree with it.
CONTINENT_FROM_COUNTRY = Case(
    *(When(country__in=codes, then=Value(continent)) for continent, codes in COUNTRIES_BY_CONTINENT.items()),
    default=Value(""),
)


class Organization(TimestampedModel):
    """Any organisation the summit deals with: hosts, supporters, members, exhibitors, nominees."""

    name = models.CharField(_("name"), max_length=255, validators=[validate_subject_part])
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.OTHER)
    country = CountryField(_("country or region"), countries=WicCountries, blank=True)
    continent = models.GeneratedField(
        expression=CONTINENT_FROM_COUNTRY,
        output_field=models.CharField(_("continent"), max_length=2, choices=Continent.choices),
        db_persist=True,
        verbose_name=_("continent"),
    )
    website = models.URLField(_("website"), blank=True)
    logo = ImageUploadField(_("logo"), upload_to="organizations/logos/", blank=True, validators=[validate_image])
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["country"], name="members_org_country_idx")]

    def __str__(self):
        return self.name


class Membership(TimestampedModel):
    """Membership of the WIC International Organization, held by an organisation or an individual."""

    organization = models.OneToOneField(
        Organization, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="membership",
    )
    individual_name = models.CharField(
        _("individual member"), max_length=200, blank=True, validators=[validate_subject_part]
    )
    individual_country = CountryField(_("individual's country or region"), countries=WicCountries, blank=True)
    type = models.CharField(_("membership type"), max_length=20, choices=MembershipType.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=MembershipStatus.choices, default=MembershipStatus.APPLIED
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # The application, as sent from the website (empty for members recorded by organizers).
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    language = models.CharField(_("applicant's language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    consented_at = models.DateTimeField(_("consented to data processing at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-since", "pk"]
        indexes = [models.Index(fields=["status", "type"], name="members_membership_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organization__isnull=False) & Q(individual_name=""))
                | (Q(organization__isnull=True) & ~Q(individual_name="")),
                name="membership_org_xor_individual",
                violation_error_message=_("A membership belongs to an organisation or to an individual, not both."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(since__isnull=True) | Q(ended_on__gte=models.F("since")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status=MembershipStatus.ACTIVE) | Q(since__isnull=False),
                name="membership_active_has_since",
                violation_error_message=_("An active membership needs its 'member since' date."),
            ),
            # Two submissions racing past the form's check still leave one pending application per address.
            models.UniqueConstraint(
                Lower("contact_email"),
                condition=Q(status="applied") & ~Q(contact_email=""),
                name="membership_one_pending_application_per_email",
                violation_error_message=_("An application from this email address is already being reviewed."),
            ),
        ]

    def __str__(self):
        return str(self.organization) if self.organization_id else self.individual_name


class Body(TimestampedModel):
    """A committee, working group or programme of the WIC (the AI committee, the Think Tank programme...)."""

    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    launched_at_summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("launched at summit"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="launched_bodies",
    )
    planned_participants = models.PositiveIntegerField(
        _("planned participants"), null=True, blank=True, help_text=_("As announced, e.g. 'about 60 think tanks'.")
    )

    class Meta:
        verbose_name = _("body or programme")
        verbose_name_plural = _("bodies and programmes")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class BodyParticipant(TimestampedModel):
    """A person or organisation taking part in a body, for a term."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="participants")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="body_participations",
    )
    person_name = models.CharField(_("person"), max_length=200, blank=True)
    country = CountryField(_("country or region"), countries=WicCountries, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["body", "role", "person_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(person_name=""),
                name="participant_is_someone",
                violation_error_message=_("Name the person or choose the organisation taking part."),
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="participant_term_ends_after_start",
                violation_error_message=_("A term cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.person_name or str(self.organization)
