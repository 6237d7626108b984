from django.db import models
from django.utils.translation import gettext_lazy as _


class SummitMode(models.TextChoices):
    OFFLINE = "offline", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Online and on site")


class PartnerRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    SUPPORTER = "supporter", _("Supporter")
    PARTNER = "partner", _("Partner")


class PressConferenceKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    BRIEFING = "briefing", _("Briefing")
    CLOSING = "closing", _("Closing")


class RegistrationMode(models.TextChoices):
    """Who may register for an edition: anyone through the public form, only the guests invited, or nobody."""

    OPEN = "open", _("Open to all")
    INVITATION_ONLY = "invitation_only", _("By invitation only")
    CLOSED = "closed", _("Closed")


class RegistrationState(models.TextChoices):
    """Where an edition's registration stands today (``Summit.registration_state``)."""

    NOT_YET_OPEN = "not_yet_open", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")  # the window has closed, the summit has not ended yet
    ENDED = "ended", _("Closed: the summit has ended")


class SpreadsheetJobStatus(models.TextChoices):
    """Where a spreadsheet import stands: the columns to map, its dry run (the preview), the import itself."""

    MAPPING = "mapping", _("Columns to map")
    PREVIEW_QUEUED = "preview_queued", _("Waiting to be checked")
    PREVIEWING = "previewing", _("Being checked")
    PREVIEWED = "previewed", _("Checked")
    IMPORT_QUEUED = "import_queued", _("Waiting to be imported")
    IMPORTING = "importing", _("Being imported")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Stopped")
