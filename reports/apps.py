from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and documents")

    def ready(self):
        from core.tombstones import track_deletions

        from .models import ReportEdition

        # Partners syncing with ?updated_since learn about deletions from these tombstones.
        track_deletions(ReportEdition, summit_year_path="summit.year")
