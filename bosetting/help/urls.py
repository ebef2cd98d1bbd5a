from django.urls import path

from . import views

app_name = "help"

urlpatterns = [
    path("", views.index, name="index"),
    path("sok/", views.search_guides, name="search"),
    path("<slug:slug>/", views.guide, name="guide"),
]
