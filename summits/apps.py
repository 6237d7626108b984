from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummitsConfig(AppConfig):
    """Summit editions and the places they happen in.

    Receivers, in summits/receivers.py:
    - Summit and Room pre_delete: record a tombstone, so partners syncing with ?updated_since= learn of the
      deletion (core/tombstones.py).
    Also listening to this app's rows: core (content version), forums (a room a forum or session leaves is
    touched), reports (a deleted summit touches the editions released at it).
    """

    name = "summits"
    verbose_name = _("Summits")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
