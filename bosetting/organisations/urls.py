from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("kommuner/", views.municipality_list, name="municipality_list"),
    path("kommuner/<str:number>/", views.municipality_detail, name="municipality_detail"),
    path(
        "kommuner/<str:number>/signatur/",
        views.register_signature,
        name="register_signature",
    ),
    path("avtale/", views.own_agreement, name="own_agreement"),
    path("avtaler/", views.agreement_list, name="agreement_list"),
    path("avtaler/ny/", views.agreement_publish, name="agreement_publish"),
    path("avtaler/<int:pk>/pdf/", views.agreement_download, name="agreement_download"),
    path("signaturer/<int:pk>/pdf/", views.signature_download, name="signature_download"),
    path("mottak/", views.reception_centre_list, name="reception_centre_list"),
    path("mottak/nytt/", views.reception_centre_create, name="reception_centre_create"),
    path(
        "<int:pk>/organisasjonsnummer/",
        views.organisation_number_edit,
        name="organisation_number_edit",
    ),
]
