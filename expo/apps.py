from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpoConfig(AppConfig):
    """The Light of the Internet Expo of an edition: halls and booths, exhibitors and their exhibits.

    Receivers, in expo/receivers.py:
    - Exhibitor and Exhibit pre_delete: record a tombstone, so partners syncing with ?updated_since= learn of
      the deletion (core/tombstones.py).
    - Booth and ExhibitImage pre_delete: touch (move updated_at forward) the exhibitor or exhibit showing them,
      for the API's change lists (core/touch.py).
    - summits' edition_planned and edition_started: count, then copy, the expo with its halls and booths (never
      its exhibitors) of the edition next year's is started from (services.planned_copy, services.copy_expo).
    Also listening to this app's rows: core (content version).
    """

    name = "expo"
    verbose_name = _("Light of the Internet Expo")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
