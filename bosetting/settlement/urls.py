from django.urls import path

from . import views

app_name = "settlement"

urlpatterns = [
    path("", views.pending, name="pending"),
    path("sak/<int:pk>/registrer/", views.register_case, name="register_case"),
    path("person/<int:pk>/rett/", views.correct, name="correct"),
    path("flyttet-ut/", views.moved_out_list, name="moved_out"),
]
