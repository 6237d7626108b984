"""Slugs for rows made from what outsiders type (an organisation's name, an exhibit's title)."""

from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(text: str, *, among: QuerySet, max_length: int, fallback: str) -> str:
    """``text`` slugified to at most ``max_length`` characters (``fallback`` when it has no ASCII letters), with
    "-2", "-3"... added until no row of ``among`` has it; ``max_length`` leaves room for that suffix."""
    base = slugify(text)[:max_length].strip("-") or fallback
    taken = set(among.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
