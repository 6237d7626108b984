"""Schemathesis over our OpenAPI schema, against a live server holding the demo summits: the schema and the
validation tell one truth.

Every check (server errors; status, content type, headers and body as documented; schema-valid requests accepted
and schema-violating ones refused; methods, auth) in every phase: the schema's examples, the coverage phase (each
parameter's boundaries and each way to violate them, deterministically) and fuzzing (the stateful phase has no
links to follow). With a partner key, as a partner's client sends it, and that key's rate limit lifted: no answer is
a 429 that hides what the request would have found. tests/api/schemathesis.toml holds the rest (the generation,
derandomized; the demo's ids; the opaque cursor) and says how to run the same by hand.
"""

import json
import logging
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.factories.partners import issue_key

CONFIG = Path(__file__).with_name("schemathesis.toml")
DEMO_IDS = "demo-ids = { values = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15] }"
# Every endpoint looked up by id (summits are looked up by year): each should find its own public rows, or
# Schemathesis warns of missing test data (exhibitors' ids met the union's only in some databases).
BY_ID = ("award-programmes", "exhibitors", "exhibits", "forums", "laureates", "members", "reports", "rooms",
         "sessions", "speakers")


def public_ids(base: str, resource: str) -> list[int]:
    """Ids public in a list, read as a partner would: the demo's ids depend on what this database's sequences
    handed out before (on PostgreSQL, the other tests of the same process), not on the demo alone."""
    with urllib.request.urlopen(f"{base}/api/v1/{resource}/?ordering=id&page_size=10", timeout=30) as answer:
        return [row["id"] for row in json.load(answer)["results"]]


def own_ids_config(base: str) -> str:
    """tests/api/schemathesis.toml with the ids this database gave the demo: each detail operation looks up the
    public rows of its own list half of the time."""
    per_resource = {resource: public_ids(base, resource) for resource in BY_ID}
    union = sorted({pk for ids in per_resource.values() for pk in ids})
    dictionaries = "\n".join(f"ids-{resource} = {{ values = {ids} }}" for resource, ids in per_resource.items())
    operations = "".join(
        f'\n[[operations]]\ninclude-path = "/api/v1/{resource}/{{id}}/"\n'
        f'parameters = {{ "path.id" = {{ dictionary = "ids-{resource}", probability = 0.5 }} }}\n'
        for resource in BY_ID)
    text = CONFIG.read_text()
    assert DEMO_IDS in text
    return text.replace(DEMO_IDS, f"demo-ids = {{ values = {union} }}\n{dictionaries}") + operations


# Once, on production's stack: the contract does not depend on the database, and the run costs half a minute.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_schemathesis_with_every_check_and_phase_finds_no_failure(on_postgres, live_server, settings, tmp_path,
                                                                 demo_loader, caplog):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "partner": "1000000/minute"}}
    demo_loader()
    _api_key, raw_key = issue_key(partner="Schemathesis")
    caplog.set_level(logging.WARNING, logger="django.request")
    config = tmp_path / "schemathesis.toml"
    config.write_text(own_ids_config(live_server.url))

    result = subprocess.run(
        [str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(config), "run",
         f"{live_server.url}/api/v1/schema/", "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
         "--header", f"Authorization: Api-Key {raw_key}", "--request-timeout", "30", "--no-color"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )

    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout, result.stdout[-8000:]
    # Every request carried the key: the anonymous rate limit (production's) answered none of them.
    throttled = [record.getMessage() for record in caplog.records if getattr(record, "status_code", None) == 429]
    assert throttled == []
