from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports and documents released at the summit, their editions and subscribers.

    Receivers, in reports/receivers.py:
    - ReportEdition pre_delete: record a tombstone, so partners syncing with ?updated_since= learn of the
      deletion (core/tombstones.py).
    - summits' Summit and forums' Session pre_delete: touch (move updated_at forward) the editions naming them,
      for the API's change lists (core/touch.py).
    - ReportEdition post_save: a scheduled edition whose release time moved has its waiting publishing run moved
      to the new time (services.reschedule_publication).
    Also listening to this app's rows: core (content version; not for subscribers and publishing runs).
    """

    name = "reports"
    verbose_name = _("Reports and documents")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
