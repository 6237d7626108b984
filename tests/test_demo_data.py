"""The demo's replay (tests/demo_data.py), which the test modules get instead of a fresh run of the loader, writes
exactly what ``manage.py load_wic_demo`` wrote: every row, every file, and nothing else."""

from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.db import transaction

from tests.demo_data import _read, _tables


def _files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.django_db
def test_replay_writes_the_rows_and_the_files_the_command_wrote_and_nothing_else(demo_loader):
    with transaction.atomic():
        demo_loader()  # the command runs here if no test of this process has asked for the demo yet
        transaction.set_rollback(True)
    snapshot = demo_loader.snapshot
    layouts = _tables()
    untouched = {table: _read(table, *layout) for table, layout in layouts.items() if table not in snapshot.changes}

    assert snapshot.replay()

    for table, change in snapshot.changes.items():
        _columns, _key, expected = snapshot.expected_before[table]
        expected = {pk: row for pk, row in expected.items() if pk not in change.deleted}
        expected.update({row[change.key]: row for row in [*change.updated, *change.inserted]})
        assert _read(table, *layouts[table]) == expected, table
    assert {table: _read(table, *layouts[table]) for table in untouched} == untouched
    assert len(snapshot.changes) > 30 and sum(len(change.inserted) for change in snapshot.changes.values()) > 4000
    assert _files(Path(storages["default"].location)) == _files(snapshot.files / "default") != {}
    assert "Created" in snapshot.output
