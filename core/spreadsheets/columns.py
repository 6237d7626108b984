"""The columns of an import: each known by a key, named in English and in Chinese, recognised by either name or an
alias organizers write ("参考编号", "Ref.", "会场"), and the organizer's mapping of the columns nobody recognised."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

IGNORE = "-"


@dataclass(frozen=True)
class Column:
    key: str  # the resource's column: what the import reads and the export writes
    label: str | Promise  # translated: the header the export writes in the organizer's language
    aliases: tuple[str, ...] = ()  # other headers meaning the same, in either language
    required: bool = False
    help: str | Promise = ""  # what the cell holds, for the import page

    def label_in(self, language: str) -> str:
        with translation.override(language):
            return str(self.label)


def normalised(header: str) -> str:
    """A header as compared: full-width forms folded (（）：), case, spaces, marks and a trailing * left out."""
    text = unicodedata.normalize("NFKC", str(header)).casefold()
    return re.sub(r"[\s_\-*:./]+", "", text)


def header_lookup(columns: tuple[Column, ...]) -> dict[str, str]:
    lookup = {}
    for column in columns:
        for name in (column.key, column.label_in("en"), column.label_in("zh-hans"), *column.aliases):
            lookup.setdefault(normalised(name), column.key)
    return lookup


def recognise(headers: list[str], columns: tuple[Column, ...]) -> list[str | None]:
    """Each header's column key, None where unknown; a key recognised twice counts once (the first)."""
    lookup, seen, keys = header_lookup(columns), set(), []
    for header in headers:
        key = lookup.get(normalised(header))
        keys.append(key if key not in seen else None)
        seen.add(key)
    return keys


def mapping_errors(keys: list[str], columns: tuple[Column, ...]) -> list[str]:
    """What is wrong with a complete mapping (each sheet column's key or IGNORE): a column chosen twice, a required
    column missing."""
    labels = {column.key: str(column.label) for column in columns}
    errors = []
    chosen = [key for key in keys if key and key != IGNORE]
    for key in sorted(set(chosen), key=chosen.index):
        if chosen.count(key) > 1:
            errors.append(_("Two columns of the sheet are mapped to “%(column)s”.") % {"column": labels[key]})
    for column in columns:
        if column.required and column.key not in chosen:
            errors.append(_("The sheet has no “%(column)s” column.") % {"column": labels[column.key]})
    return errors
