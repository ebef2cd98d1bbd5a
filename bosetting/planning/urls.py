from django.urls import path

from .views import decisions, letters, overview, prepare, requests

app_name = "planning"

urlpatterns = [
    # The municipality's own requests.
    path("", requests.request_list, name="request_list"),
    path("<int:pk>/", requests.request_detail, name="request_detail"),
    path("brev/<int:pk>/", requests.letter_download, name="letter_download"),
    path("<int:pk>/vedtak/", decisions.decision_form, name="decision_form"),
    path("vedtak/<int:pk>/godkjenn/", decisions.decision_approve, name="decision_approve"),
    path("vedtak/<int:pk>/dokument/", decisions.decision_document, name="decision_document"),
    # IMDi.
    path("oversikt/", overview.overview, name="overview"),
    path("oversikt/paaminnelse/", overview.send_reminders, name="send_reminders"),
    path("vedtak/<int:pk>/kvitter/", decisions.decision_acknowledge, name="decision_acknowledge"),
    path("forbered/", prepare.prepare, name="prepare"),
    path("forbered/fil/", prepare.upload, name="upload"),
    path("forbered/mal.csv", prepare.upload_template, name="upload_template"),
    path("send/", prepare.send, name="send"),
    path("brev/", letters.letter_progress, name="letter_progress"),
    path("brev/<int:pk>/lag-paa-nytt/", letters.make_letter_again, name="make_letter_again"),
    path("<int:pk>/juster/", requests.adjust, name="adjust"),
]
