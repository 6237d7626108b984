from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    AWARD = "award", _("Award")
    HONOUR = "honour", _("Honour")
    BEST_PRACTICE = "best_practice", _("Best-practice cases")
    COMPETITION = "competition", _("Competition")


class NomineeKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Rejected")


class RoundStage(models.TextChoices):
    SELECTION = "selection", _("Jury selection")
    PRELIMINARY = "preliminary", _("Preliminary round")
    SEMI_FINAL = "semi_final", _("Semi-final")
    FINAL = "final", _("Final")
