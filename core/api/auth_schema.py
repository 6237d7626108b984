"""How the schema documents the partners' API key (drf-spectacular registers extensions on definition)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "partners.authentication.ApiKeyAuthentication"
    name = "PartnerApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey", "in": "header", "name": "X-Api-Key",
            "description": "Optional. A partner key issued by the organizers: a higher rate limit than anonymous.",
        }
