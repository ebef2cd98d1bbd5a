from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from bosetting.accounts import session_views

from . import views

# The operators' admin logs in through allauth too, so it gets the same two factors.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Bosetting – drift"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("konto/okt/", session_views.session, name="session"),
    path("konto/ansattporten/", include("bosetting.accounts.ansattporten.urls")),
    path("konto/", include("allauth.urls")),
    path("brukere/", include("bosetting.accounts.urls")),
    path("organisasjoner/", include("bosetting.organisations.urls")),
    path("logg/", include("bosetting.audit.urls")),
    path("varsler/", include("bosetting.notifications.urls")),
    path("anmodninger/formel/", include("bosetting.requestformula.urls")),
    path("anmodninger/", include("bosetting.planning.urls")),
    path("saker/", include("bosetting.cases.urls")),
    path("fordeling/forslag/", include("bosetting.matching.urls")),
    path("fordeling/", include("bosetting.distribution.urls")),
    path("brevmaler/", include("bosetting.letters.urls")),
    path("bosetting/", include("bosetting.settlement.urls")),
    path("api/v1/", include("bosetting.api.urls")),
    path("rapporter/", include("bosetting.reports.urls")),
    path("arkivpakker/", include("bosetting.archive.urls")),
    path("hjelp/", include("bosetting.help.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("drift/admin/", admin.site.urls),
]

handler403 = "bosetting.site.views.permission_denied"
handler404 = "bosetting.site.views.page_not_found"
