"""Rows copied from the previous edition wait for an organizer to read them: ``needs_review`` says which.

When an organizer starts next year's edition (``summits.services.start_next_edition``), the copied edition, press
conferences, forums, award programmes, categories, expo and halls keep last year's texts ("new this year: ...",
dates, names). Each copy is a draft marked "to review"; saving it in the admin, or the "Mark as reviewed" action,
clears the mark (``core/admin_review.py``), and the publish action leaves marked rows unpublished.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewableCopy(models.Model):
    """A row that may be a copy of last year's, waiting for an organizer to check its texts."""

    needs_review = models.BooleanField(
        _("to review"), default=False, editable=False,
        help_text=_("Copied from the previous edition: its texts still speak of that year until an organizer checks "
                    "them. Saving the row in the admin clears this mark."),
    )

    class Meta:
        abstract = True
