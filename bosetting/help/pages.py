"""Which guide section explains which page: one map from URL name to section anchor.

The anchor is looked up in the user's guides (see `guides.guides_for_roles`), the first guide that
has it wins. tests/test_pages.py checks that every page a role reaches has its section there, or
is listed in PAGES_WITHOUT_HELP.
"""

from __future__ import annotations

PAGE_SECTIONS: dict[str, str] = {
    "home": "oversikt",
    "notifications:list": "varsler",
    # Logging in and the second factor: what the access section explains.
    "account_login": "tilgang",
    "account_logout": "tilgang",
    "account_reset_password": "tilgang",
    "mfa_activate_totp": "autentiseringsapp",
    "account_reauthenticate": "autentiseringsapp",
    "mfa_authenticate": "autentiseringsapp",
    "mfa_index": "autentiseringsapp",
    "mfa_view_recovery_codes": "autentiseringsapp",
    "mfa_generate_recovery_codes": "autentiseringsapp",
    "accounts:accept_invitation": "tilgang",
    "ansattporten:start": "ansattporten",
    "ansattporten:accept_invitation": "ansattporten",
    "ansattporten:callback": "ansattporten",
    "ansattporten:logged_out": "ansattporten",
    # Users and the agreement.
    "accounts:user_list": "brukere",
    "accounts:user_invite": "brukere",
    "accounts:user_detail": "brukere",
    "accounts:user_deactivate": "brukere",
    "organisations:own_agreement": "databehandleravtale",
    "organisations:municipality_list": "kommuner-og-avtaler",
    "organisations:municipality_detail": "kommuner-og-avtaler",
    "organisations:register_signature": "kommuner-og-avtaler",
    "organisations:organisation_number_edit": "kommuner-og-avtaler",
    "organisations:agreement_list": "kommuner-og-avtaler",
    "organisations:agreement_publish": "kommuner-og-avtaler",
    "organisations:reception_centre_list": "mottak",
    "organisations:reception_centre_create": "mottak",
    "letters:template_list": "brevmaler",
    "letters:template_edit": "brevmaler",
    "letters:translation_add": "brevmaler",
    "api:client_list": "api-klienter",
    "api:client_create": "api-klienter",
    "api:client_revoke": "api-klienter",
    "audit:event_list": "logg",
    # The annual request and the municipality's decision.
    "planning:request_list": "anmodning-og-vedtak",
    "planning:request_detail": "anmodning-og-vedtak",
    "planning:decision_form": "vedtak",
    "planning:overview": "anmodning-og-vedtak",
    "planning:prepare": "forbered-anmodninger",
    "planning:upload": "forbered-anmodninger",
    "planning:send": "send-anmodninger",
    "planning:letter_progress": "send-anmodninger",
    "planning:adjust": "juster-anmodning",
    "requestformula:proposal": "anmodningsformel",
    "requestformula:national_numbers": "anmodningsformel",
    "requestformula:prefill": "anmodningsformel",
    # Cases, persons and assessments.
    "cases:case_list": "saker",
    "cases:case_register": "registrer-husstand",
    "cases:member_add": "registrer-husstand",
    "cases:person_edit": "registrer-husstand",
    "cases:case_detail": "personmappen",
    "cases:person_detail": "personmappen",
    "cases:health_details": "personmappen",
    "cases:assessment_edit": "kartlegging",
    "cases:assessment_version": "kartlegging",
    "cases:case_summary": "sammendrag",
    "cases:document_upload": "notater-og-dokumenter",
    # Distribution, proposals and settlement decisions.
    "distribution:work_list": "fordeling",
    "distribution:proposal_detail": "foresporsler-til-kommunene",
    "distribution:decide": "vedtak-om-bosettingskommune",
    "distribution:letter_progress": "vedtak-om-bosettingskommune",
    "distribution:proposal_list": "foresporsler",
    "distribution:answer": "foresporsler",
    "matching:start": "fordelingsforslag",
    "matching:run": "fordelingsforslag",
    "matching:move": "fordelingsforslag",
    "matching:restart": "fordelingsforslag",
    "matching:needs_profiles": "saerskilte-behov",
    "matching:own_needs_profile": "saerskilte-behov",
    # Settlement dates and moving out.
    "settlement:pending": "bosettingsdato",
    "settlement:register_case": "bosettingsdato",
    "settlement:correct": "flyttet-ut",
    "settlement:moved_out": "flyttet-ut",
    # Reports.
    "reports:index": "rapporter",
    "reports:requests_and_decisions": "rapporter",
    "reports:requests_and_decisions_over_years": "rapporter",
    "reports:specialised_settlement": "rapporter",
    "reports:national_settlement": "rapporter",
    # The guides themselves: the section on finding help.
    "help:index": "hjelp",
    "help:guide": "hjelp",
    "help:search": "hjelp",
}

# Pages that are files, machine answers or steps without a page of their own: no help link.
PAGES_WITHOUT_HELP = frozenset(
    {
        "healthz",
        "session",
        "notifications:open",
        "audit:event_export",
        "organisations:agreement_download",
        "organisations:signature_download",
        "planning:letter_download",
        "planning:decision_document",
        "planning:upload_template",
        "cases:document_download",
        "distribution:letter_download",
        "reports:requests_and_decisions_export",
        "reports:requests_and_decisions_over_years_export",
        "reports:specialised_settlement_export",
        "reports:national_settlement_export",
        "requestformula:proposal_pdf",
        # The archive packages are ZIP files; the guides' «Arkivering» section explains them.
        "archive:case_package",
        "archive:request_package",
        "archive:proposal_package",
        # The integration API answers programs, in JSON, and documents itself.
        "api:case_list",
        "api:case_detail",
        "api:person_detail",
        "api:municipality_list",
        "api:not_found",
        "api:schema",
        "api:docs",
    }
)


def section_for(url_name: str | None) -> str | None:
    return PAGE_SECTIONS.get(url_name or "")
