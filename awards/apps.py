from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards and competition")

    def ready(self):
        from core.tombstones import track_deletions

        from .models import AwardProgramme, Nomination

        # Partners syncing with ?updated_since learn about deletions from these tombstones.
        track_deletions(AwardProgramme, summit_year_path="summit.year")
        track_deletions(Nomination, summit_year_path="programme.summit.year")
