"""The demo, loaded for real once per test process and replayed into each test module that asks for it.

``load_wic_demo`` takes 30-40 s on PostgreSQL, and eight test modules need its rows. The first module that asks
runs the real command (``manage.py load_wic_demo``, by name: wherever the loader's code lives) inside a
transaction, records every row it wrote or changed and every file it stored, and rolls the transaction back. Each
module after it gets the same rows back with a few multi-row INSERTs (about a second) and the same files, copied
into the storages the module uses; what the command printed is kept too.

A replay is only correct on the database the command ran on: the tables the demo writes to, and the tables its
rows point at, must hold exactly what they held then (a TransactionTestCase's flush renumbers content types, for
example). ``DemoSnapshot.replay`` checks that first and, when it does not hold, the caller runs the command again.

The command runs as on ``DEMO_TODAY``, a fixed day, so that the upcoming edition the demo makes up is the same on
any day the tests run (5-8 January 2027). Tests that need it open freeze the clock before it starts.
"""

import datetime
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings

# The storages a FileField of the project may write to, by their STORAGES alias.
STORAGE_ALIASES = ("default", "private")

Row = tuple
Table = dict  # primary key -> row


# The day the tests' demo is loaded as: its upcoming edition runs from DEMO_LIVE_START to DEMO_LIVE_END.
DEMO_TODAY = datetime.date(2026, 12, 6)
DEMO_LIVE_YEAR, DEMO_LIVE_START, DEMO_LIVE_END = 2027, datetime.date(2027, 1, 5), datetime.date(2027, 1, 8)


def load_demo(today: datetime.date = DEMO_TODAY, *, if_empty: bool = False) -> str:
    """Run the demo loader as on ``today`` (with ``if_empty``, as `make run` runs it); what it printed."""
    output = StringIO()
    call_command("load_wic_demo", *(["--if-empty"] if if_empty else []), today=today, stdout=output)
    return output.getvalue()


@dataclass
class TableChange:
    columns: list[str]
    key: int  # index of the primary key in a row
    inserted: list[Row] = field(default_factory=list)
    updated: list[Row] = field(default_factory=list)
    deleted: list[object] = field(default_factory=list)  # primary keys


@dataclass
class DemoSnapshot:
    output: str
    changes: dict[str, TableChange]
    # What the replay needs the database to hold first: table -> (columns, index of the key, rows).
    expected_before: dict[str, tuple[list[str], int, Table]]
    files: Path  # <files>/<storage alias>/<name>, as the command stored them

    @classmethod
    def capture(cls, files: Path) -> "DemoSnapshot":
        """Run the command in a transaction rolled back afterwards, with the storages pointed into ``files``."""
        tables = _tables()
        storage_settings = {alias: {**_storage_setting(alias), "OPTIONS": {
            **_storage_setting(alias).get("OPTIONS", {}), "location": str(files / alias)}}
            for alias in STORAGE_ALIASES}
        with transaction.atomic(), override_settings(
            MEDIA_ROOT=str(files / "default"), STORAGES={**_all_storage_settings(), **storage_settings},
        ):
            before = {table: _read(table, *layout) for table, layout in tables.items()}
            output = load_demo(if_empty=True)  # as `make run` loads it into an empty database
            after = {table: _read(table, *layout) for table, layout in tables.items()}
            transaction.set_rollback(True)
        changes = {}
        for table, (columns, key) in tables.items():
            old, new = before[table], after[table]
            change = TableChange(
                columns=columns, key=key,
                inserted=[row for pk, row in new.items() if pk not in old],
                updated=[row for pk, row in new.items() if pk in old and old[pk] != row],
                deleted=[pk for pk in old if pk not in new],
            )
            if change.inserted or change.updated or change.deleted:
                changes[table] = change
        watched = set(changes) | _referenced_tables(changes)
        return cls(output=output, changes=changes, files=files,
                   expected_before={table: (*tables[table], before[table]) for table in watched})

    def replay(self) -> bool:
        """Write the command's rows and files here; False (and nothing written) if the database is not as it was."""
        if any(_read(table, columns, key) != rows for table, (columns, key, rows) in self.expected_before.items()):
            return False
        # One transaction (a savepoint inside the test's): the foreign keys are checked at its end, after every row
        # is in, also for tests that run in autocommit (live servers).
        with transaction.atomic(), connection.cursor() as cursor:
            for table, change in self.changes.items():
                _delete(cursor, table, change)
                _update(cursor, table, change)
                _insert(cursor, table, change)
        _reset_sequences(self.changes)
        for alias in STORAGE_ALIASES:
            source = self.files / alias
            if source.is_dir():
                shutil.copytree(source, storages[alias].location, dirs_exist_ok=True)
        return True


class DemoCache:
    """One snapshot per test process, taken on first use. Calling it replays the snapshot, or runs the command."""

    def __init__(self):
        self.snapshot: DemoSnapshot | None = None
        self._files: tempfile.TemporaryDirectory | None = None

    def __call__(self) -> str:
        """The demo in the database (and its files in the storages) as the command leaves it; its output."""
        if self.snapshot is None:
            self._files = tempfile.TemporaryDirectory(prefix="wic-demo-")
            self.snapshot = DemoSnapshot.capture(Path(self._files.name))
        if self.snapshot.replay():
            return self.snapshot.output
        return load_demo()

    def close(self) -> None:
        if self._files is not None:
            self._files.cleanup()


def _storage_setting(alias: str) -> dict:
    return _all_storage_settings().get(alias, {"BACKEND": "django.core.files.storage.FileSystemStorage"})


def _all_storage_settings() -> dict:
    return settings.STORAGES


def _tables() -> dict[str, tuple[list[str], int]]:
    """Every model's table: the columns to copy (not the generated ones) and the index of the primary key."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [f.column for f in model._meta.concrete_fields if not getattr(f, "generated", False)]
        tables[model._meta.db_table] = (columns, columns.index(model._meta.pk.column))
    return dict(sorted(tables.items()))


def _read(table: str, columns: list[str], key: int) -> Table:
    """The table's rows by primary key."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(qn(column) for column in columns)} FROM {qn(table)}")
        return {row[key]: row for row in map(tuple, cursor.fetchall())}


def _referenced_tables(changes: dict[str, TableChange]) -> set[str]:
    with connection.cursor() as cursor:
        return {
            target
            for table in changes
            for _column, (_target_column, target) in connection.introspection.get_relations(cursor, table).items()
        }


def _chunks(rows: list, width: int) -> Iterable[list]:
    per_statement = max(1, (connection.features.max_query_params or 10_000) // max(width, 1))
    for start in range(0, len(rows), per_statement):
        yield rows[start:start + per_statement]


def _insert(cursor, table: str, change: TableChange) -> None:
    qn = connection.ops.quote_name
    columns = ", ".join(qn(column) for column in change.columns)
    placeholder = "(" + ", ".join(["%s"] * len(change.columns)) + ")"
    for rows in _chunks(change.inserted, len(change.columns)):
        cursor.execute(
            f"INSERT INTO {qn(table)} ({columns}) VALUES {', '.join([placeholder] * len(rows))}",
            [value for row in rows for value in row],
        )


def _update(cursor, table: str, change: TableChange) -> None:
    qn = connection.ops.quote_name
    key = change.columns[change.key]
    assignments = ", ".join(f"{qn(column)} = %s" for column in change.columns)
    for row in change.updated:
        cursor.execute(f"UPDATE {qn(table)} SET {assignments} WHERE {qn(key)} = %s",
                       [*row, row[change.key]])


def _delete(cursor, table: str, change: TableChange) -> None:
    qn = connection.ops.quote_name
    key = change.columns[change.key]
    for pk in change.deleted:
        cursor.execute(f"DELETE FROM {qn(table)} WHERE {qn(key)} = %s", [pk])


def _reset_sequences(changes: dict[str, TableChange]) -> None:
    """PostgreSQL: the next id of each table past the replayed rows (the rollback left the sequences past them
    already, unless a flush reset them since)."""
    models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in changes]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
