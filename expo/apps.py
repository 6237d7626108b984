from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpoConfig(AppConfig):
    name = "expo"
    verbose_name = _("Light of the Internet Expo")

    def ready(self):
        from core.tombstones import track_deletions

        from .models import Exhibit, Exhibitor

        # Partners syncing with ?updated_since learn about deletions from these tombstones.
        track_deletions(Exhibitor, summit_year_path="expo.summit.year")
        track_deletions(Exhibit, summit_year_path="exhibitor.expo.summit.year")
