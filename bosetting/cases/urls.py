from django.urls import path

from .views import assessment, documents, lists, person_file, register

app_name = "cases"

urlpatterns = [
    path("", lists.case_list, name="case_list"),
    path("ny/", register.case_register, name="case_register"),
    path("<int:pk>/", person_file.case_detail, name="case_detail"),
    path("<int:pk>/personer/ny/", register.member_add, name="member_add"),
    path("<int:pk>/klar/", assessment.case_mark_ready, name="case_mark_ready"),
    path("<int:pk>/tilbake/", assessment.case_reopen, name="case_reopen"),
    path("<int:pk>/sammendrag/", person_file.case_summary, name="case_summary"),
    path("<int:pk>/dokumenter/ny/", documents.document_upload, name="document_upload"),
    path("<int:pk>/notater/", documents.note_add, name="note_add"),
    path("dokumenter/<int:pk>/", documents.document_download, name="document_download"),
    path("personer/<int:pk>/", person_file.person_detail, name="person_detail"),
    path("personer/<int:pk>/endre/", register.person_edit, name="person_edit"),
    path("personer/<int:pk>/kartlegging/", assessment.assessment_edit, name="assessment_edit"),
    path(
        "personer/<int:pk>/kartlegging/<int:number>/",
        person_file.assessment_version,
        name="assessment_version",
    ),
    path("personer/<int:pk>/helse/", person_file.health_details, name="health_details"),
]
