from django.urls import path

from . import views

app_name = "requestformula"

urlpatterns = [
    path("", views.proposal_page, name="proposal"),
    path("nasjonale-tall/", views.national_numbers, name="national_numbers"),
    path("fyll-ut/", views.prefill, name="prefill"),
    path("forslag.pdf", views.proposal_pdf, name="proposal_pdf"),
]
