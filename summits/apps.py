from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummitsConfig(AppConfig):
    name = "summits"
    verbose_name = _("Summits")

    def ready(self):
        from core.tombstones import track_deletions

        from .models import Room, Summit

        # Partners syncing with ?updated_since learn about deletions from these tombstones.
        track_deletions(Summit, summit_year_path="year")
        track_deletions(Room)
