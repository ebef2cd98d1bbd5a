"""The integration API (token only) and IMDi's screens for its clients (normal logged-in pages)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from .schema import DocsView, SchemaView
from .views import clients, endpoints, settlement

app_name = "api"

urlpatterns = [
    # DRF enforces the bearer token on these; the site's login middleware must let them through.
    path("cases/", login_not_required(endpoints.CaseList.as_view()), name="case_list"),
    path(
        "cases/<int:pk>/",
        login_not_required(endpoints.CaseDetail.as_view()),
        name="case_detail",
    ),
    path(
        "persons/<int:pk>/",
        login_not_required(endpoints.PersonDetail.as_view()),
        name="person_detail",
    ),
    path(
        "persons/<int:pk>/settlement/",
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
]
