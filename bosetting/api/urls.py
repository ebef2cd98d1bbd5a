"""The integration API (token only) and IMDi's screens for its clients (normal logged-in pages)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, register_converter

from .schema import DocsView, SchemaView
from .views import clients, endpoints, not_found, settlement

app_name = "api"

register_converter(not_found.ApiIdConverter, "api_id")
register_converter(not_found.UnknownApiPathConverter, "unknown_api_path")

urlpatterns = [
    # DRF enforces the bearer token on these; the site's login middleware must let them through.
    path("cases/", login_not_required(endpoints.CaseList.as_view()), name="case_list"),
    path(
        "cases/<api_id:pk>/",
        login_not_required(endpoints.CaseDetail.as_view()),
        name="case_detail",
    ),
    path(
        "persons/<api_id:pk>/",
        login_not_required(endpoints.PersonDetail.as_view()),
        name="person_detail",
    ),
    path(
        "persons/<api_id:pk>/settlement/",
        login_not_required(settlement.PersonSettlement.as_view()),
        name="person_settlement",
    ),
    path(
        "municipalities/",
        login_not_required(endpoints.MunicipalityFiguresList.as_view()),
        name="municipality_list",
    ),
    path("schema/", login_not_required(SchemaView.as_view()), name="schema"),
    path("docs/", login_not_required(DocsView.as_view()), name="docs"),
    path("klienter/", clients.client_list, name="client_list"),
    path("klienter/ny/", clients.client_create, name="client_create"),
    path("klienter/<int:pk>/tilbakekall/", clients.client_revoke, name="client_revoke"),
    # Last: what no route above takes (an id that is not a number, a path that is not there)
    # answers as the API does, in JSON, not with the site's HTML page.
    path(
        "<unknown_api_path:rest>",
        login_not_required(not_found.not_found),
        name="not_found",
    ),
]
