from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("", views.template_list, name="template_list"),
    path("<int:pk>/", views.template_edit, name="template_edit"),
    path("<str:kind>/ny-oversettelse/", views.translation_add, name="translation_add"),
]
