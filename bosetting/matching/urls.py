from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/foresporsler/", views.make_proposals, name="make_proposals"),
    path("plassering/<int:pk>/flytt/", views.move, name="move"),
]
