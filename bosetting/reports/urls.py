from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
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
