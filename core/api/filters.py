"""Filters shared by the endpoints."""

import django_filters

# Years fit a PostgreSQL smallint; bounds keep a partner's typo a 400 instead of a database error.
SUMMIT_YEAR = {"min_value": 2000, "max_value": 9999}
# Ids fit a signed 64-bit integer, for the same reason.
ID = {"min_value": 1, "max_value": 2**63 - 1}


def summit_year_filter(field_name: str | None = None, **kwargs) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=field_name, label="Summit year", **SUMMIT_YEAR, **kwargs)


def id_filter(field_name: str | None = None, **kwargs) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=field_name, **ID, **kwargs)
