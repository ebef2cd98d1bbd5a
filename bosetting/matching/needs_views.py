"""The municipality's special-needs profile: the municipality edits its own, IMDi reads them all."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.kept_input import form_data, keeps_input_on_expiry
from bosetting.distribution.views.common import crumb, work_list_crumb

from . import actions
from .actions import NEEDS_PROFILE_FIELDS
from .forms import NeedsProfileForm
from .needs_queries import needs_profiles_for, own_needs_profile


@keeps_input_on_expiry()
@require_http_methods(["GET", "POST"])
def own_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    municipality, profile = own_needs_profile(request.user)
    initial = {name: getattr(profile, name) for name in NEEDS_PROFILE_FIELDS} if profile else {}
    form = NeedsProfileForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_needs_profile(by=request.user, municipality=municipality, **form.cleaned_data)
        messages.success(request, _("Profilen er lagret. IMDi bruker den i neste forslag."))
        return redirect("matching:own_needs_profile")
    return render(
        request,
        "matching/own_needs_profile.html",
        {
            "form": form,
            "municipality": municipality,
            "profile": profile,
            "breadcrumbs": [crumb(_("Særskilte behov"))],
        },
    )


def profile_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = needs_profiles_for(request.user)
    return render(
        request,
        "matching/needs_profiles.html",
        {
            "rows": rows,
            "answered": sum(1 for row in rows if row.profile is not None),
            "breadcrumbs": [
                work_list_crumb(),
                crumb(_("Fordelingsforslag"), "matching:start"),
                crumb(_("Kommunenes særskilte behov")),
            ],
        },
    )
