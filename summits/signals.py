"""Signals the summits app sends for the apps above it to act on; summits itself knows none of those apps."""

from django.dispatch import Signal

# Next year's edition is being planned (the confirmation page of "Start next year's edition"). Sent by
# ``services.plan_next_edition`` with sender=Summit and ``source``, the edition copied from. Each receiver returns
# a list of ``services.CopyLine``: what of its app the copy would take (``copied=True``) and what it leaves behind.
# Heard in forums/receivers.py, awards/receivers.py and expo/receivers.py.
edition_planned = Signal()

# Next year's edition was just created as a draft copy of ``source``: sent by ``services.start_next_edition``,
# inside its transaction, with sender=Summit, ``source``, ``new_summit`` and ``shift`` (the timedelta, in whole
# weeks, that moves every date). Each receiver copies its app's rows of ``source`` into ``new_summit``, as drafts
# marked to review (core/review.py); an error rolls the whole edition back. Heard by the same three apps.
edition_started = Signal()
