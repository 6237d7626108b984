"""The OpenAPI schema documents every endpoint with its parameters and error answers."""

import pytest

pytestmark = pytest.mark.django_db


def test_schema_lists_every_endpoint_with_language_expand_and_sync_parameters(api):
    schema = api.get("/api/v1/schema/?format=json").json()

    sessions = schema["paths"]["/api/v1/sessions/"]["get"]
    names = {parameter["name"] for parameter in sessions["parameters"]}
    assert {"lang", "expand", "updated_since", "cursor", "page_size", "ordering", "summit", "day", "forum", "theme",
            "room", "speaker", "type", "language"} <= names
    assert {"200", "400", "401", "404", "429"} <= set(sessions["responses"])
    assert {path.split("/")[3] for path in schema["paths"]} == {
        "summits", "forums", "sessions", "speakers", "rooms", "award-programmes", "laureates", "exhibitors",
        "exhibits", "members", "reports"}
    assert schema["components"]["securitySchemes"]["PartnerApiKey"]["name"] == "X-Api-Key"


def test_docs_page_serves_swagger_ui_from_our_static_files(api):
    page = api.get("/api/v1/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
