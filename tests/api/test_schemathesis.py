"""Schemathesis over our OpenAPI schema, against a live server holding the demo summits.

It generates valid and invalid requests for every operation and checks that no answer is a server error, and that
every answer (status, content type, body) is one the schema documents.
"""

import subprocess
import sys
from pathlib import Path

import pytest

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(live_server, settings, tmp_path,
                                                                            demo_loader):
    # Thousands of requests from one address: lift the anonymous rate limit for this run only.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"anonymous": "1000000/minute", "partner": "1000000/minute"}}
    demo_loader()

    result = subprocess.run(
        [str(Path(sys.executable).with_name("schemathesis")), "run", f"{live_server.url}/api/v1/schema/",
         "--checks", CHECKS, "--max-examples", "12", "--workers", "1", "--seed", "20241120",
         "--request-timeout", "30", "--no-color"],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )

    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    assert "22 passed" in summary or "passed" in summary
