from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisasConfig(AppConfig):
    """Visa invitation letters: requested by a registered guest, issued by the visa desk, verified by consulates."""

    name = "visas"
    verbose_name = _("Visa invitation letters")

    def ready(self):
        from guests.dashboard import SECTION_BUILDERS, register_dashboard_sections
        from guests.models import Guest
        from guests.signals import guest_erased, guest_exported

        from .dashboard import visa_sections
        from .receivers import erase_visa_letters, export_visa_letters

        guest_exported.connect(export_visa_letters, sender=Guest, dispatch_uid="visas.export")
        guest_erased.connect(erase_visa_letters, sender=Guest, dispatch_uid="visas.erase")
        if visa_sections not in SECTION_BUILDERS:  # ready() may run again (tests reloading apps)
            register_dashboard_sections(visa_sections)
