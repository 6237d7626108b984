from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisasConfig(AppConfig):
    """Visa invitation letters: requested by a registered guest, issued by the visa desk, verified by consulates."""

    name = "visas"
    verbose_name = _("Visa invitation letters")
