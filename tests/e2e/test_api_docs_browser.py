"""The API's Swagger UI works from our own static files (no CDN) and lists the partners' endpoints."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_the_schema_without_leaving_the_server(page, live_server, artifacts):
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))

    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector("text=/api/v1/sessions/", timeout=20_000)

    assert page.locator(".opblock-summary-path", has_text="/api/v1/sessions/{id}/").count() == 1
    assert requested_hosts == {live_server.url.split("/")[2]}
    page.screenshot(path=artifacts / "api-docs.png")
