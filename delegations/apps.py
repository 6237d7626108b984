from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    """Delegations of an edition: an organisation's group of guests, registered by its focal point within a quota.

    In ready(): the receivers of guests' ``guest_exported`` and ``guest_erased`` (a member's personal data go with
    the guest's, delegations/receivers.py) and the dashboard's section (delegations/dashboard.py).
    """

    name = "delegations"
    verbose_name = _("Delegations")

    def ready(self):
        from . import dashboard, receivers  # noqa: F401 - connect the receivers and register the dashboard section
