from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpoConfig(AppConfig):
    name = "expo"
    verbose_name = _("Light of the Internet Expo")
