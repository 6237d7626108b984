"""The constraint on the keys 0006 gave the earlier submissions: in its own migration (its own transaction), since
PostgreSQL refuses to change a table whose rows the same transaction just updated while their checks wait."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0007_nominations_once_per_nominator_and_checked_documents'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='nomination',
            constraint=models.UniqueConstraint(condition=models.Q(('submission_key', ''), _negated=True), fields=('programme', 'submission_key'), name='nomination_unique_submission_per_programme', violation_error_message='This nominator has already put this nominee forward in this category.'),
        ),
    ]
