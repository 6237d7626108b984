from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """The WIC International Organization: organisations, their membership, its bodies and programmes.

    Receivers, in members/receivers.py:
    - Organization pre_delete: record a tombstone, so partners syncing with ?updated_since= learn of the
      deletion (core/tombstones.py).
    - Membership pre_delete, and pre_save and post_save when it is given to another organisation: touch (move
      updated_at forward) the organisation it leaves, for the API's change lists (core/touch.py).
    Also listening to this app's rows: core (content version), forums (a deleted organisation touches its speakers
    and co-hosted forums).
    """

    name = "members"
    verbose_name = _("WIC organisation and members")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
