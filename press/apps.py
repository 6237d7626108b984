from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    """Press accreditation: journalists apply on their own form, the press office accredits them.

    Receivers and hooks, in press/receivers.py: guests' guest_exported and guest_erased (the accreditation and its
    letter of assignment go with the guest's data), the dashboard's press section, the PRESS band of a journalist's
    badge, and the press conferences on an accredited journalist's own page.
    """

    name = "press"
    verbose_name = _("Press accreditation")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the receivers and hooks listed in the docstring
