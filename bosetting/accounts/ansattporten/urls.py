from django.urls import path

from . import views

app_name = "ansattporten"
urlpatterns = [
    path("logg-inn/", views.start, name="start"),
    path("invitasjon/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("tilbake/", views.callback, name="callback"),
    path("utlogget/", views.logged_out, name="logged_out"),
]
