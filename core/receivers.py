"""Core's signal receivers, listed in ``CoreConfig``'s docstring; imported by ``CoreConfig.ready()``.

The content version hangs on model signals because it must follow every write path (admin forms and inlines,
cascades, services, the demo loader); what a bump does is ``versions.content_changed``.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from . import versions
from .services.organizers import sync_organizers_group_after_migrate


def public_row_written(sender, raw=False, **kwargs):
    """A public row saved or deleted."""
    if raw:  # loaddata: the fixture's own rows, bumped once at the end by the caller
        return
    versions.content_changed()


@receiver(m2m_changed, dispatch_uid="content-version:m2m")
def public_rows_linked(sender, instance, action, **kwargs):
    """Public rows linked or unlinked (``forum.co_hosts.add()`` and the like)."""
    if action.startswith("post_") and versions.is_public(type(instance)):
        versions.content_changed()


# Every model is loaded by the time an AppConfig.ready() imports this module.
for _model in apps.get_models():
    if versions.is_public(_model):
        _uid = f"content-version:{_model._meta.label}"
        post_save.connect(public_row_written, sender=_model, dispatch_uid=_uid + ":save")
        post_delete.connect(public_row_written, sender=_model, dispatch_uid=_uid + ":delete")

# The Organizers group follows its definition (core/permissions.py) after every migrate (and flush).
post_migrate.connect(sync_organizers_group_after_migrate, sender=apps.get_app_config("core"),
                     dispatch_uid="organizers-group:sync")
