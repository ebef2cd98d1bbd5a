from django.urls import path

from . import index, settlement_views, views

app_name = "reports"

urlpatterns = [
    path("", index.report_index, name="index"),
    path(
        "anmodninger-og-vedtak/",
        views.requests_and_decisions,
        name="requests_and_decisions",
    ),
    path(
        "anmodninger-og-vedtak/eksport/<str:file_format>/",
        views.requests_and_decisions_export,
        name="requests_and_decisions_export",
    ),
    path(
        "anmodninger-og-vedtak/over-tid/",
        views.requests_and_decisions_over_years,
        name="requests_and_decisions_over_years",
    ),
    path(
        "anmodninger-og-vedtak/over-tid/eksport/<str:file_format>/",
        views.requests_and_decisions_over_years_export,
        name="requests_and_decisions_over_years_export",
    ),
]

urlpatterns += [
    path(
        "spesialisert-bosetting/",
        settlement_views.specialised_settlement,
        name="specialised_settlement",
    ),
    path(
        "spesialisert-bosetting/<str:number>/eksport/<str:file_format>/",
        settlement_views.specialised_settlement_export,
        name="specialised_settlement_export",
    ),
    path("bosatte/", settlement_views.national_settlement, name="national_settlement"),
    path(
        "bosatte/eksport/<str:file_format>/",
        settlement_views.national_settlement_export,
        name="national_settlement_export",
    ),
]
