from django.urls import path

from . import views

app_name = "archive"
urlpatterns = [
    path("saker/<int:pk>/", views.case_package, name="case_package"),
    path("anmodninger/<int:pk>/", views.request_package, name="request_package"),
    path("foresporsler/<int:pk>/", views.proposal_package, name="proposal_package"),
]
