"""Once made the "Organizers" group; empty now, kept for the migration graph.

The group is made and kept in step with core/permissions.py after every migrate by a post_migrate receiver
(core.services.organizers), since a migration must not import live code.
"""

from django.db import migrations


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

    operations = []
