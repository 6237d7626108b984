from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    BLUE_BOOK = "blue_book", _("Blue book")
    THEORY_AND_PRACTICE = "theory_and_practice", _("Theory and practice")
    CONCEPT_PAPER = "concept_paper", _("Concept paper")
    INITIATIVE = "initiative", _("Initiative")
    ACTION_PLAN = "action_plan", _("Action plan")
    REPORT = "report", _("Report")
    CASE_COLLECTION = "case_collection", _("Case collection")
    HANDBOOK = "handbook", _("Handbook")
    OTHER = "other", _("Other")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled for release")
    PUBLISHED = "published", _("Published")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Published")
    FAILED = "failed", _("Publishing failed")
    CANCELLED = "cancelled", _("Cancelled")


class PublishingStep(models.TextChoices):
    """The steps of a publication, in order; the admin's progress bar counts them."""

    WAITING = "waiting", _("Waiting")
    RENDER = "render", _("Rendering the PDFs")
    COVER = "cover", _("Making the cover")
    PUBLISH = "publish", _("Publishing")
    EMAILS = "emails", _("Emailing subscribers")
    DONE = "done", _("Done")
