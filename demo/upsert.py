"""Idempotent writes for the demo loader: create what is missing, save only the fields that differ, and never over
what someone else changed since.

``update_or_create`` saves every time, and ``updated_at`` (auto_now) would then move on each run; these helpers
write nothing when a row already holds the wanted values, so a second load leaves the database untouched.

Every row the demo writes is registered (``demo.models.DemoRow``: its model, natural key, id and ``updated_at`` as
the demo left it). On a later run a row that differs from the demo's values is brought up to date only if it is
still as the demo left it; otherwise it is *kept* and listed:

- changed since (its ``updated_at`` moved: an organizer saved it in the admin, or anyone through the shell);
- deleted since (registered but gone): not created again, nor anything that would hang from it;
- not the demo's (found under the demo's key but never written by it, e.g. an organizer's own row).

A database loaded before the registry existed has none: there a row is kept when a user's entry in the audit trail
names it (every save in the admin writes one), and the run registers every other row it finds.
"""

import datetime
import json
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.enums import AuditAction
from core.models import AuditEntry
from core.services.audit import record_audit

from .models import DemoRow

AUDIT_NOTE = "Demo data brought up to date by manage.py load_wic_demo"
# The written_at of a row a user had changed before the registry existed: no updated_at equals it, so the row stays
# "changed since" on every later run.
CHANGED_BEFORE_THE_REGISTRY = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Kept:
    """A row the demo left as someone else made it, instead of writing its own values."""

    label: str  # app_label.ModelName
    name: str  # the model's verbose name
    row: str  # the row as it reads
    pk: int | None
    fields: tuple[str, ...] = ()  # the fields the demo would have written; none for a deleted row
    reason: str = "changed"  # "changed", "deleted" or "not the demo's"


def _key_value(value):
    return value.pk if isinstance(value, models.Model) else value


def gone(value) -> bool:
    """A stand-in for a row someone deleted (see ``Upserter.upsert``)."""
    return isinstance(value, models.Model) and getattr(value, "_demo_gone", False)


def _key_text(key: tuple) -> str:
    return json.dumps(list(key), default=str, ensure_ascii=False)


def _timestamp(row):
    return getattr(row, "updated_at", None)


class Upserter:
    """Writes rows by natural key and counts what it created, changed and kept.

    Each model's rows are read once, on first use, and indexed by the natural key, so a rerun that finds
    everything in place costs one query per model (and per many-to-many field, plus one for the registry) and
    writes nothing.
    """

    def __init__(self):
        self._rows: dict[tuple, dict[tuple, models.Model]] = {}
        self._m2m: dict[tuple, dict] = {}
        self._registry: dict[tuple[str, str], DemoRow] | None = None
        self._by_object: dict[tuple[str, int], DemoRow] = {}
        self.legacy = False
        self._registry_new: list[DemoRow] = []
        self._registry_moved: dict[int, DemoRow] = {}
        self._audited: dict[type, set[str]] = {}
        self.created: Counter = Counter()
        self.updated: Counter = Counter()
        self.kept: list[Kept] = []

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def _load_registry(self) -> dict[tuple[str, str], DemoRow]:
        """The registry by (model, key), read once; ``legacy`` when it is empty (a first load, or a database the
        demo filled before the registry existed)."""
        if self._registry is None:
            self._registry = {(entry.model, entry.key): entry for entry in DemoRow.objects.all()}
            self._by_object = {(entry.model, entry.object_id): entry for entry in self._registry.values()}
            self.legacy = not self._registry
        return self._registry

    def _index(self, model, attnames: tuple[str, ...]) -> dict[tuple, models.Model]:
        cache_key = (model, attnames)
        if cache_key not in self._rows:
            self._rows[cache_key] = {
                tuple(getattr(row, name) for name in attnames): row for row in model._default_manager.all()
            }
        return self._rows[cache_key]

    def _by_pk(self, model, attnames: tuple[str, ...]) -> dict[int, models.Model]:
        cache_key = (model, attnames, "pk")
        if cache_key not in self._rows:
            self._rows[cache_key] = {row.pk: row for row in self._index(model, attnames).values()}
        return self._rows[cache_key]

    def upsert(self, model, lookup: dict, values: dict, *, clean: bool = True):
        """The row of ``model`` found by ``lookup`` (field names to values or instances), holding ``values``.

        Creates it when missing; otherwise saves only the fields that differ (with the untranslated column of a
        translated field, which modeltranslation keeps in step), unless someone else changed, deleted or owns the
        row (the module's docstring): then it is kept as it is. A deleted row comes back as an unsaved stand-in
        with its old id, so that what hangs from it is skipped too. Validates with ``full_clean()`` before any
        write unless ``clean`` is false. Returns ``(row, changed)``.
        """
        meta = model._meta
        attnames = tuple(sorted(meta.get_field(name).attname for name in lookup))
        key_by_attname = {meta.get_field(name).attname: _key_value(value) for name, value in lookup.items()}
        key = tuple(key_by_attname[name] for name in attnames)
        if any(gone(value) for value in lookup.values()):
            return self._stand_in(model, lookup, values, None), False  # hangs from a deleted row: gone with it
        registry_key = (meta.label, _key_text(key))
        entry = self._load_registry().get(registry_key)
        rows = self._index(model, attnames)
        row = rows.get(key)
        if row is None and entry is not None:
            row = self._by_pk(model, attnames).get(entry.object_id)  # its key was changed since
        if row is None:
            if entry is not None or any(gone(value) for value in values.values()):
                if entry is not None and not any(gone(value) for value in values.values()):
                    self.kept.append(Kept(meta.label, str(meta.verbose_name), _describe(lookup), entry.object_id,
                                          reason="deleted"))
                return self._stand_in(model, lookup, values, entry.object_id if entry else None), False
            row = model(**lookup, **values)
            if clean:
                _validate(row, set(lookup) | set(values))
            row.save(force_insert=True)
            rows[key] = row
            self.created[meta.label] += 1
            self._register(registry_key, row)
            return row, True
        reason = self._someone_elses(row, entry)
        differing = [name for name, value in values.items() if not _holds(row, name, value)]
        if reason:
            row._demo_held = True
            if entry is None and self.legacy:
                self._register(registry_key, row, written_at=CHANGED_BEFORE_THE_REGISTRY)
            if differing:
                self.kept.append(Kept(meta.label, str(meta.verbose_name), str(row), row.pk, tuple(differing), reason))
            return row, False
        if entry is None:
            self._register(registry_key, row)  # a row of the demo loaded before the registry existed
        if not differing:
            return row, False
        if any(gone(values[name]) for name in differing):
            row._demo_held = True  # it would point at a row someone deleted: left as it is
            return row, False
        update_fields = {"updated_at"} if any(field.name == "updated_at" for field in meta.concrete_fields) else set()
        before = {name: _shown(row, name) for name in differing}
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
        self.touched(row)
        if entry is not None and entry.pk is None:
            return row, True  # created earlier in this run (a later part completes it): nothing brought up to date
        self.updated[meta.label] += 1
        record_audit(actor=None, action=AuditAction.CHANGED, obj=row, note=AUDIT_NOTE,
                     changes={name: [before[name], _shown(row, name)] for name in differing})
        return row, True

    def _someone_elses(self, row, entry: DemoRow | None) -> str:
        """Why ``row`` is not the demo's to write, or "" when it is."""
        if entry is None:
            if not self.legacy:
                return "not the demo's"
            return "changed" if str(row.pk) in self._audited_by_users(type(row)) else ""
        if entry.object_id != row.pk:
            return "not the demo's"
        if entry.written_at is not None and _timestamp(row) != entry.written_at:
            return "changed"
        return ""

    def _audited_by_users(self, model) -> set[str]:
        """The ids of ``model``'s rows that a user's entry in the audit trail names (one query per model)."""
        if model not in self._audited:
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
            self._audited[model] = set(AuditEntry.objects.filter(
                content_type=content_type, actor__isnull=False).values_list("object_id", flat=True))
        return self._audited[model]

    def _register(self, registry_key: tuple[str, str], row, *, written_at=None) -> None:
        entry = DemoRow(model=registry_key[0], key=registry_key[1], object_id=row.pk,
                        written_at=written_at or _timestamp(row))
        self._load_registry()[registry_key] = entry
        self._by_object[(entry.model, entry.object_id)] = entry
        self._registry_new.append(entry)

    def touched(self, row) -> None:
        """``row`` was saved again by the loader itself (e.g. its files): it is still as the demo left it."""
        self._load_registry()
        entry = self._by_object.get((row._meta.label, row.pk))
        if entry is not None:
            entry.written_at = _timestamp(row)
            if entry.pk is not None:
                self._registry_moved[entry.pk] = entry

    def is_ours(self, row) -> bool:
        """Whether the demo may write ``row`` and what only it holds (files, many-to-many)."""
        return not (gone(row) or getattr(row, "_demo_held", False))

    def set_m2m(self, row, field_name: str, targets) -> bool:
        """Make ``row``'s many-to-many ``field_name`` hold exactly ``targets``; writes only when it differs, and
        never on a row someone else changed."""
        if not self.is_ours(row):
            return False
        field = row._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        cache_key = (through, source)
        if cache_key not in self._m2m:
            current: dict = {}
            for source_id, target_id in through._default_manager.values_list(f"{source}_id", f"{target}_id"):
                current.setdefault(source_id, set()).add(target_id)
            self._m2m[cache_key] = current
        wanted = {target.pk for target in targets if not gone(target)}
        current = self._m2m[cache_key].get(row.pk, set())
        if current == wanted:
            return False
        getattr(row, field_name).set(list(wanted))
        self._m2m[cache_key][row.pk] = wanted
        (self.updated if current else self.created)[through._meta.label] += 1
        return True

    def save_registry(self) -> None:
        """Write what this run added to the registry, and the rows it saved since."""
        DemoRow.objects.bulk_create(self._registry_new, batch_size=500)
        moved = list(self._registry_moved.values())
        if moved:
            DemoRow.objects.bulk_update(moved, ["written_at"], batch_size=500)
        self._registry_new, self._registry_moved = [], {}

    @staticmethod
    def _stand_in(model, lookup: dict, values: dict, pk):
        row = model(**lookup, **values)
        row.pk = pk
        row._demo_gone = True
        return row


def _describe(lookup: dict) -> str:
    return ", ".join(f"{name}={value}" for name, value in lookup.items())


def _shown(row, name: str) -> str:
    field = row._meta.get_field(name)
    value = getattr(row, field.attname)
    return "" if value is None else str(value)[:500]


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
