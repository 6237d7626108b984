"""What `make run` runs: the demo goes into an empty database only, and never over an organizer's edits.

`make run` calls ``load_wic_demo --if-empty``: the demo every test module gets was loaded that way into an empty
database (tests/demo_data.py). Here an organizer edits a forum's title and a booth in the admin, over HTTP; the
next `make run` leaves the database as it is, in one line, and an explicit ``load_wic_demo`` keeps the edits and
lists them."""

import subprocess
from decimal import Decimal
from io import StringIO
from pathlib import Path

import lxml.html
import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from core.models import AuditEntry
from expo.models import Booth
from forums.models import Forum
from tests.admin_forms import errors_of
from tests.demo_data import DEMO_TODAY, _read, _tables

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, demo_loader):
    """The demo loaded once for the module, inside a transaction rolled back at the end of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_loader()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo, db):
    return _demo


def make_run_demo() -> str:
    """The demo step of `make run` (the Makefile's `demo` target), as on the tests' demo day."""
    output = StringIO()
    call_command("load_wic_demo", "--if-empty", today=DEMO_TODAY, stdout=output)
    return output.getvalue()


def post_as_rendered(client, url: str, **changes):
    """Open an admin change form and send it back as the browser would, with ``changes`` typed in."""
    page = client.get(url)
    assert page.status_code == 200
    form = next(form for form in lxml.html.fromstring(page.content.decode()).forms if form.method.upper() == "POST"
                and form.get("id", "").endswith("_form"))
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = [value]
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    return response


def _database() -> dict:
    return {table: _read(table, *layout) for table, layout in _tables().items()}


def test_the_demo_make_run_loads_into_an_empty_database_is_all_of_it(demo):
    assert "The database already holds data" not in demo
    assert "Created" in demo and "2024 World Internet Conference Wuzhen Summit: 32 forums" in demo
    assert "(demo edition) (from 5 to 8 January 2027, upcoming)" in demo


def test_make_run_again_leaves_an_organizers_edits_and_load_wic_demo_keeps_them_and_lists_them(
        demo, client, organizer):
    forum = Forum.objects.get(summit__year=2024, slug="digital-economy")
    booth = Booth.objects.get(hall__expo__summit__year=2027, hall__slug="hall-a", code="A-01")
    client.force_login(organizer)
    post_as_rendered(client, reverse("admin:forums_forum_change", args=[forum.pk]),
                     title_en="Digital Economy Forum: Data as a Factor of Production")
    post_as_rendered(client, reverse("admin:expo_booth_change", args=[booth.pk]), code="A-1", area_sqm="40.00")
    edited = _database()

    again = make_run_demo()

    assert again.strip() == (
        "The database already holds data: the demo was not loaded (`python manage.py load_wic_demo` brings it up "
        "to date and keeps your changes)."
    )
    assert _database() == edited

    output = StringIO()
    call_command("load_wic_demo", today=DEMO_TODAY, stdout=output)

    forum.refresh_from_db()
    booth.refresh_from_db()
    assert forum.title_en == "Digital Economy Forum: Data as a Factor of Production"
    assert (booth.code, booth.area_sqm) == ("A-1", Decimal("40.00"))
    assert not Booth.objects.filter(hall=booth.hall, code="A-01").exists()  # not made again under its old code
    assert f"forum #{forum.pk} \u201cDigital Economy Forum: Data as a Factor of Production\u201d (changed): kept " \
           "title_en" in output.getvalue()
    assert f"booth #{booth.pk} \u201cA-1 (" in output.getvalue()  # its code is its key: kept, not made again
    assert "Kept your changes: 2 rows" in output.getvalue()
    assert "nothing changed" in output.getvalue()
    assert not AuditEntry.objects.filter(actor__isnull=True).exists()  # the loader wrote over nothing
    assert _database() == edited


def test_make_run_passes_on_host_and_port_and_loads_the_demo_only_if_empty():
    dry_run = subprocess.run(["make", "-n", "run", "HOST=127.0.0.1", "PORT=8123"], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
    commands = [line for line in dry_run.stdout.splitlines() if "manage.py" in line]

    assert dry_run.returncode == 0, dry_run.stderr
    assert [command.split("manage.py ", 1)[1] for command in commands] == [
        "migrate --noinput", "load_wic_demo --if-empty", "create_organizer", "run_embedded 127.0.0.1:8123",
    ]
    assert all(command.startswith("HOST=127.0.0.1 PORT=8123 ") for command in commands)
