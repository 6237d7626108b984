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


def undeclared(data, schema: dict, components: dict, path: str = "$") -> list[str]:
    """The keys of ``data`` that ``schema`` declares nowhere: what a client generated from the schema would keep as
    unknown properties (or refuse). Follows $ref, allOf, oneOf/anyOf (the variant that fits best), arrays, and
    additionalProperties given as a schema."""
    if "$ref" in schema:
        return undeclared(data, components[schema["$ref"].rsplit("/", 1)[-1]], components, path)
    if "oneOf" in schema or "anyOf" in schema:
        return min((undeclared(data, variant, components, path) for variant in schema.get("oneOf", schema.get(
            "anyOf"))), key=len)
    if "allOf" in schema:
        parts = [components[part["$ref"].rsplit("/", 1)[-1]] if "$ref" in part else part for part in schema["allOf"]]
        schema = {"properties": {name: value for part in parts for name, value in part.get("properties", {}).items()}}
    if isinstance(data, list):
        return [key for index, item in enumerate(data)
                for key in undeclared(item, schema.get("items", {}), components, f"{path}[{index}]")]
    if not isinstance(data, dict) or "properties" not in schema and "additionalProperties" not in schema:
        return []
    found = []
    for key, value in data.items():
        declared = schema.get("properties", {}).get(key, schema.get("additionalProperties"))
        if isinstance(declared, dict):
            found += undeclared(value, declared, components, f"{path}.{key}")
        elif declared is not True:
            found.append(f"{path}.{key}")
    return found


def test_change_lists_hold_no_key_the_schema_does_not_declare(api):
    from django.utils import timezone

    from tests.factories.forums import SessionFactory, SessionSpeakerFactory
    from tests.factories.members import MembershipFactory

    since = timezone.now()
    SessionSpeakerFactory(session__forum__host=MembershipFactory().organization)
    SessionFactory().delete()
    MembershipFactory().organization.delete()
    schema = api.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    stamp = since.isoformat().replace("+", "%2B")

    for resource, paginated, expand in [("sessions", "PaginatedSessionList", "speakers,room,forum"),
                                        ("members", "PaginatedMemberOrganizationList", "")]:
        body = api.get(f"/api/v1/{resource}/?updated_since={stamp}&expand={expand}&lang=all").json()
        assert {"changed_at" in item for item in body["results"]} == {True}
        assert any(item.get("deleted") for item in body["results"]), resource
        assert undeclared(body, components[paginated], components) == [], resource


def test_the_schema_says_which_orders_page_without_missing_or_repeating_a_row(api):
    schema = api.get("/api/v1/schema/?format=json").json()

    parameters = {parameter["name"]: parameter.get("description", "")
                  for parameter in schema["paths"]["/api/v1/sessions/"]["get"]["parameters"]}
    for name in ("cursor", "ordering"):
        assert "Pages in `id` order (`ordering=id`) never miss or repeat a row" in parameters[name]
        assert "follow changes with `updated_since`" in parameters[name]
    assert "Default: `start,id`" in parameters["ordering"]
