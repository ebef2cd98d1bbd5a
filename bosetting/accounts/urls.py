from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("inviter/", views.user_invite, name="user_invite"),
    path("<int:pk>/", views.user_detail, name="user_detail"),
    path("<int:pk>/deaktiver/", views.user_deactivate, name="user_deactivate"),
    path("<int:pk>/aktiver/", views.user_reactivate, name="user_reactivate"),
    path("<int:pk>/ny-invitasjon/", views.user_resend_invitation, name="user_resend_invitation"),
    path("invitasjon/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
