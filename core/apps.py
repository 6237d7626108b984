from axes import apps as axes_apps  # the module, not its AppConfig: one default config here (CoreConfig)
from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps  # the module, not its AdminConfig: one default config here
from django.utils.translation import gettext_lazy as _
from PIL import Image


class CoreConfig(AppConfig):
    """What every app shares: the timestamped base model, the email outbox, the audit trail, the API's plumbing.

    Receivers, in core/receivers.py:
    - post_save and post_delete of every public model (summits, forums, awards, expo, members, reports, less
      ``versions.PRIVATE_MODELS``), and m2m_changed between public rows: bump the public content version, now and
      after commit, which renews the cached feeds' and API answers' ETag and Last-Modified (core/versions.py).
    - post_migrate of core: keep the Organizers group in step with its definition in core/permissions.py
      (core/services/organizers.py), so a new permission reaches every database with the next migrate.
    Elsewhere, and not a save's side effect: core/storage.py's setting_changed receiver forgets the private
    storage when a test overrides STORAGES (the pattern of Django's own default_storage).
    """

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # Pillow itself refuses to decode anything past twice our limit, wherever an image is opened.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS

        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring


class WicAdminConfig(admin_apps.AdminConfig):
    """Django's admin (``django.contrib.admin`` in INSTALLED_APPS), on the project's site: its autocomplete results
    are named by the pickers' labels (core/admin_choices.py)."""

    default = False  # named in INSTALLED_APPS; "core" is CoreConfig
    default_site = "core.admin_choices.WicAdminSite"


class SignInLockoutsConfig(axes_apps.AppConfig):
    """django-axes (``axes`` in INSTALLED_APPS) under a name organizers read, in both languages: they unlock a
    guest or colleague on its admin pages. Its own labels are in Chinese through core/axes_labels.py."""

    default = False
    verbose_name = _("Sign-in lockouts")
