"""What the demo loader remembers between runs, so that a later run never undoes an organizer's work.

``DemoRow``: every row the demo wrote, by model and natural key, with its ``updated_at`` as the demo left it. A row
whose ``updated_at`` has moved since was changed by someone else (the admin, the shell) and is kept as it is; a
registered row that is gone was deleted by someone and is not created again; a row the demo finds by its key but
never wrote is someone else's and is left alone.

``LiveEdition``: each upcoming edition the demo made up from the 2024 programme, with the dates chosen on the day
it was made. They stay fixed: a later run loads the same edition, and adds the next one only once it has ended.

Bookkeeping of the loader only: no admin, no page, so the names are not translated.
"""

from django.db import models


class DemoRow(models.Model):
    model = models.CharField("type", max_length=60)  # app_label.ModelName, as in Model._meta.label
    key = models.TextField("natural key")  # the lookup's values in the order of their sorted column names, JSON
    object_id = models.PositiveBigIntegerField("object id")
    written_at = models.DateTimeField(
        "written at", null=True, blank=True, help_text="The row's updated_at as the demo left it.",
    )

    class Meta:
        verbose_name = "demo row"
        verbose_name_plural = "demo rows"
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="demo_row_unique_key")]

    def __str__(self):
        return f"{self.model} #{self.object_id}"


class LiveEdition(models.Model):
    year = models.PositiveSmallIntegerField("year", unique=True)
    start_date = models.DateField("first day")
    end_date = models.DateField("last day")
    source_year = models.PositiveSmallIntegerField("programme derived from")
    created_on = models.DateField("made on", help_text="The day (in Wuzhen) the demo made the edition.")

    class Meta:
        verbose_name = "demo edition"
        verbose_name_plural = "demo editions"
        ordering = ["year"]

    def __str__(self):
        return f"{self.year} ({self.start_date} – {self.end_date})"
