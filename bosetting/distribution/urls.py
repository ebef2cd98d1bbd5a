from django.urls import path

from .views import answers, decisions, letters, proposals, work_list

app_name = "distribution"

urlpatterns = [
    # IMDi.
    path("", work_list.work_list, name="work_list"),
    path("foresporsler/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("foresporsler/<int:pk>/send/", proposals.proposal_send, name="proposal_send"),
    path("saker/<int:pk>/fjern/", proposals.proposal_remove_case, name="proposal_remove_case"),
    path("saker/<int:pk>/trekk/", proposals.proposal_withdraw_case, name="proposal_withdraw_case"),
    path("vedtak/", decisions.decide, name="decide"),
    path("vedtak/brev/", letters.letter_progress, name="letter_progress"),
    path("vedtak/brev/<int:pk>/lag-paa-nytt/", letters.make_letter_again, name="make_letter_again"),
    # The municipality.
    path("kommune/", answers.proposal_list, name="proposal_list"),
    path("kommune/<int:pk>/", answers.answer, name="answer"),
    # Both.
    path("brev/<int:pk>/", decisions.letter_download, name="letter_download"),
]
