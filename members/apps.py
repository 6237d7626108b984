from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """The WIC International Organization: organisations, their membership, its bodies and programmes.

    Receivers, in members/receivers.py:
    - Organization pre_delete: record a tombstone, so partners syncing with ?updated_since= learn of the
      deletion (core/tombstones.py).
    Also listening to this app's rows: core (content version).
    """

    name = "members"
    verbose_name = _("WIC organisation and members")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
