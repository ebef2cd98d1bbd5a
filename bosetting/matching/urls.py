from django.urls import path

from . import needs_views, views

app_name = "matching"

urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/foresporsler/", views.make_proposals, name="make_proposals"),
    path("<int:pk>/start-paa-nytt/", views.restart, name="restart"),
    path("plassering/<int:pk>/flytt/", views.move, name="move"),
    path("behov/", needs_views.profile_list, name="needs_profiles"),
    path("behov/egen/", needs_views.own_profile, name="own_needs_profile"),
]
