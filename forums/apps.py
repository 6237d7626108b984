from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Programme")

    def ready(self):
        from core.tombstones import track_deletions

        from .models import Forum, Session, Speaker

        # Partners syncing with ?updated_since learn about deletions from these tombstones.
        track_deletions(Forum, summit_year_path="summit.year")
        track_deletions(Session, summit_year_path="forum.summit.year")
        track_deletions(Speaker)

        from .sync import connect_sync_signals

        connect_sync_signals()
