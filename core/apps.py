from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .services.organizers import sync_organizers_group_after_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow itself refuses to decode anything past twice our limit, wherever an image is opened.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS

        from .versions import connect_version_signals

        connect_version_signals()

        # The Organizers group follows its definition (core/permissions.py) after every migrate.
        post_migrate.connect(sync_organizers_group_after_migrate, sender=self)
