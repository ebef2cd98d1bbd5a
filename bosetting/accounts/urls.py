from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("invitasjon/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
