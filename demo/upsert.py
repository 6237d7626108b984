"""Idempotent writes for the demo loader: create what is missing, save only the fields that differ.

``update_or_create`` saves every time, and ``updated_at`` (auto_now) would then move on each run; these helpers
write nothing when a row already holds the wanted values, so a second load leaves the database untouched.
"""

from collections import Counter

from django.db import models


def _key_value(value):
    return value.pk if isinstance(value, models.Model) else value


class Upserter:
    """Writes rows by natural key and counts what it created and changed.

    Each model's rows are read once, on first use, and indexed by the natural key, so a rerun that finds
    everything in place costs one query per model (and per many-to-many field) and writes nothing.
    """

    def __init__(self):
        self._rows: dict[tuple, dict[tuple, models.Model]] = {}
        self._m2m: dict[tuple, dict] = {}
        self.created: Counter = Counter()
        self.updated: Counter = Counter()

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def _index(self, model, attnames: tuple[str, ...]) -> dict[tuple, models.Model]:
        cache_key = (model, attnames)
        if cache_key not in self._rows:
            self._rows[cache_key] = {
                tuple(getattr(row, name) for name in attnames): row for row in model._default_manager.all()
            }
        return self._rows[cache_key]

    def upsert(self, model, lookup: dict, values: dict, *, clean: bool = True):
        """The row of ``model`` found by ``lookup`` (field names to values or instances), holding ``values``.

        Creates it when missing; otherwise saves only the fields that differ (with the untranslated column of a
        translated field, which modeltranslation keeps in step). Validates with ``full_clean()`` before any
        write unless ``clean`` is false. Returns ``(row, changed)``.
        """
        meta = model._meta
        attnames = tuple(sorted(meta.get_field(name).attname for name in lookup))
        key_by_attname = {meta.get_field(name).attname: _key_value(value) for name, value in lookup.items()}
        key = tuple(key_by_attname[name] for name in attnames)
        rows = self._index(model, attnames)
        row = rows.get(key)
        if row is None:
            row = model(**lookup, **values)
            if clean:
                _validate(row, set(lookup) | set(values))
            row.save(force_insert=True)
            rows[key] = row
            self.created[meta.label] += 1
            return row, True
        differing = [name for name, value in values.items() if not _holds(row, name, value)]
        if not differing:
            return row, False
        update_fields = {"updated_at"} if any(field.name == "updated_at" for field in meta.concrete_fields) else set()
        for name in differing:
            setattr(row, name, values[name])
            field = meta.get_field(name)
            update_fields.add(field.name)
            translated = getattr(field, "translated_field", None)
            if translated is not None:
                update_fields.add(translated.name)
        if clean:
            _validate(row, set(differing))
        row.save(update_fields=sorted(update_fields))
        self.updated[meta.label] += 1
        return row, True

    def set_m2m(self, row, field_name: str, targets) -> bool:
        """Make ``row``'s many-to-many ``field_name`` hold exactly ``targets``; writes only when it differs."""
        field = row._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        cache_key = (through, source)
        if cache_key not in self._m2m:
            current: dict = {}
            for source_id, target_id in through._default_manager.values_list(f"{source}_id", f"{target}_id"):
                current.setdefault(source_id, set()).add(target_id)
            self._m2m[cache_key] = current
        wanted = {target.pk for target in targets}
        current = self._m2m[cache_key].get(row.pk, set())
        if current == wanted:
            return False
        getattr(row, field_name).set(list(wanted))
        self._m2m[cache_key][row.pk] = wanted
        (self.updated if current else self.created)[through._meta.label] += 1
        return True


def _validate(row, given: set[str]) -> None:
    """``full_clean()``, except that a foreign key given as a loaded row is not looked up again in the database."""
    loaded_relations = [
        field.name for field in row._meta.concrete_fields
        if (field.many_to_one or field.one_to_one) and field.name in given and getattr(row, field.name) is not None
    ]
    row.clean_fields(exclude=loaded_relations)
    row.clean()
    row.validate_unique()
    row.validate_constraints()


def _holds(row, name: str, value) -> bool:
    field = row._meta.get_field(name)
    if field.many_to_one or field.one_to_one:
        return getattr(row, field.attname) == _key_value(value)
    return getattr(row, name) == value


def translated(field: str, en: str, zh: str) -> dict[str, str]:
    """The English and Simplified Chinese values of a translated field, as modeltranslation names them."""
    return {f"{field}_en": en, f"{field}_zh_hans": zh}
