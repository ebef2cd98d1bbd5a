from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("kommuner/", views.municipality_list, name="municipality_list"),
    path("avtale/", views.own_agreement, name="own_agreement"),
]
