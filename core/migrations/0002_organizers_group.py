"""The "Organizers" group with exactly the permissions organizers need (see core/permissions.py)."""

from django.db import migrations

from core.permissions import sync_organizers_group


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("members", "0002_initial"),
        ("summits", "0001_initial"),
        ("forums", "0002_initial"),
        ("awards", "0001_initial"),
        ("expo", "0001_initial"),
        ("guests", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_organizers_group, migrations.RunPython.noop)]
