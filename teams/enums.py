from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ChangeState(models.TextChoices):
    """Where a forum team's working copy of its agenda stands."""

    DRAFT = "draft", pgettext_lazy("a forum team's change", "Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    SENT_BACK = "sent_back", _("Sent back")
    PUBLISHED = "published", pgettext_lazy("a forum team's change", "Published")
    DISCARDED = "discarded", pgettext_lazy("a forum team's change", "Discarded")


# The states in which a forum has its one working copy: the team edits a draft or a change sent back, and waits
# while it is submitted.
OPEN_STATES = (ChangeState.DRAFT, ChangeState.SUBMITTED, ChangeState.SENT_BACK)
EDITABLE_STATES = (ChangeState.DRAFT, ChangeState.SENT_BACK)
