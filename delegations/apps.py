from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    """Delegations of an edition: an organisation's group of guests, registered by its focal point within a quota."""

    name = "delegations"
    verbose_name = _("Delegations")
