from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("WIC organisation and members")

    def ready(self):
        from core.tombstones import track_deletions

        from .models import Organization

        # Partners syncing with ?updated_since learn about deletions from these tombstones.
        track_deletions(Organization)
