from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    """Press accreditation: journalists apply on their own form, the press office accredits them."""

    name = "press"
    verbose_name = _("Press accreditation")
