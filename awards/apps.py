from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """The awards and the competition: programmes, categories, nominations and entries, and the jury's work.

    Receivers, in awards/receivers.py:
    - AwardProgramme and Nomination pre_delete: record a tombstone, so partners syncing with ?updated_since=
      learn of the deletion (core/tombstones.py).
    - AwardCategory and forums' Session pre_delete: touch (move updated_at forward) the programmes showing them,
      for the API's change lists (core/touch.py).
    - summits' edition_planned and edition_started: count, then copy, the award programmes (with categories and
      criteria) of the edition next year's is started from (services/editions.py).
    Also listening to this app's rows: core (content version; not for the jury's work or nomination documents).
    """

    name = "awards"
    verbose_name = _("Awards and competition")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
