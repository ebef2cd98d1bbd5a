"""The OpenAPI description of the bearer token, and the public schema and docs views."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "bosetting.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Tokenet IMDi gir når API-klienten opprettes (bos_…).",
        }


# The schema and its docs describe shapes, never data: public, so a reception centre's supplier
# can build against them without a login to Bosetting (docs/adr/0008-api-clients-act-as-service-users.md).
class SchemaView(SpectacularAPIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes: list[Any] = []


class DocsView(SpectacularSwaggerSplitView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes: list[Any] = []
    url_name = "api:schema"
    template_name = (
        "api/swagger_ui.html"  # lang="nb" and contrast fixes; the init script stays external
    )
