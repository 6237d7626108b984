from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    """Forum teams: the host and co-host organisations of a forum edit its agenda on their own team page, and their
    changes wait for the organizers' review before they are public."""

    name = "teams"
    verbose_name = _("Forum teams")
