"""The staff groups (Organizers, Press office, Visa desk) kept in step with their definitions (core/permissions.py)
after every ``migrate``.

A ``post_migrate`` receiver rather than data migrations: a migration must not import live code, and a permission
added to the definition then reaches every existing database with the next ``migrate``, no migration needed.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from ..permissions import group_permission_keys


def sync_organizers_group(*, apps, using: str = "default") -> None:
    """Create or update each staff group with exactly the permissions of its definition, given the ``apps`` registry of
    the migrated state (the permissions of every app are created first: this may run before theirs are)."""
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # migrated back past auth: no group to keep
        return
    for app_config in apps.get_app_configs():
        stub = getattr(app_config, "models_module", None) is None
        if stub:  # create_permissions skips an app without a models module; the migration state's apps have none
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        if stub:
            app_config.models_module = None
    every_permission = list(Permission.objects.using(using).select_related("content_type"))
    for name, keys in group_permission_keys(apps).items():
        permissions = [
            permission for permission in every_permission
            if (permission.content_type.app_label, permission.codename) in keys
        ]
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)


def sync_organizers_group_after_migrate(sender, *, apps=global_apps, using: str = "default", **kwargs) -> None:
    """The ``post_migrate`` receiver (connected once, for core, in CoreConfig.ready); ``flush`` sends the signal
    without ``apps``: then the live registry is used, as Django's own create_permissions does."""
    sync_organizers_group(apps=apps, using=using)
