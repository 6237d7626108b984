"""What the layout shows of the summit on every public page: the current edition (``summits.selectors``)."""

from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from summits.selectors import current_summit


def _current_summit():
    try:
        return current_summit()
    except DatabaseError:  # the error page must render even when the database is the error
        return None


def current_edition(request):
    """Template context for the layout, read only by a template that shows it (not the admin), in one query:
    ``current_summit``, the edition running or coming next (else the latest, as the archive's head; ``is_current``
    says which), with its expo; and ``current_year``, its year."""
    summit = SimpleLazyObject(_current_summit)
    return {
        "current_summit": summit,
        "current_year": SimpleLazyObject(lambda: summit.year if summit else None),
    }
