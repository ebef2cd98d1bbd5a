"""Why a login with Ansattporten was refused, and what the person is told: why, and whom to ask."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from bosetting.organisations.models import Organisation

from ..models import User


class Reason(StrEnum):
    NOT_INVITED = "not_invited"  # no account is bound to this person
    WRONG_ORGANISATION = "wrong_organisation"  # chose another organisation than the account's
    ORGANISATION_NUMBER_MISSING = "organisation_number_missing"  # the account's has none here
    NO_ORGANISATION_CHOSEN = "no_organisation_chosen"  # no authorized party in the answer
    ACR_TOO_LOW = "acr_too_low"  # logged in below the level asked for
    STATE_INVALID = "state_invalid"  # unknown or already used state: a replay, or another tab
    ISSUER_MISMATCH = "issuer_mismatch"  # the callback's iss is not our provider (RFC 9207)
    NONCE_MISMATCH = "nonce_mismatch"  # the id_token was not issued for this login
    TOKEN_INVALID = "token_invalid"  # noqa: S105 (a reason, not a secret); signature, audience, issuer or times of the id_token
    CODE_REJECTED = "code_rejected"  # the provider refused the code: expired or used
    PROVIDER_ERROR = "provider_error"  # the provider answered with an error, e.g. cancelled
    DEACTIVATED = "deactivated"  # the account is deactivated
    PERSON_ALREADY_BOUND = "person_already_bound"  # the invitation meets another person's account
    INVITATION_INVALID = "invitation_invalid"  # the invitation expired or was used meanwhile


@dataclass
class Refused(Exception):
    reason: Reason
    user: User | None = None
    chosen: list[str] = field(default_factory=list)  # organisation numbers the person chose
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Explanation:
    title: str
    text: str
    ask: str


def _administrator_of(organisation: Organisation | None) -> str:
    if organisation is not None and organisation.kind == Organisation.Kind.MUNICIPALITY:
        return _("administratoren for Bosetting i %(org)s") % {"org": organisation}
    return _("IMDis administrator for Bosetting")


def explain(refusal: Refused) -> Explanation:
    user_org = refusal.user.organisation if refusal.user else None
    chosen = Organisation.objects.filter(organisation_number__in=refusal.chosen).first()
    chosen_text = ", ".join(refusal.chosen) or "–"
    again = _("Logg inn på nytt.")
    match refusal.reason:
        case Reason.NOT_INVITED:
            return Explanation(
                _("Du har ikke tilgang til Bosetting"),
                _(
                    "Vi fant ingen bruker i Bosetting for deg. Du må være invitert før du kan "
                    "logge inn, og den første innloggingen må skje fra lenken i invitasjonen."
                ),
                _("Be %(admin)s om en invitasjon.") % {"admin": _administrator_of(chosen)},
            )
        case Reason.WRONG_ORGANISATION:
            return Explanation(
                _("Du valgte en annen organisasjon enn brukeren din"),
                _(
                    "Du logget inn på vegne av organisasjonsnummer %(chosen)s, men brukeren din i "
                    "Bosetting hører til %(org)s (organisasjonsnummer %(number)s). Logg inn på "
                    "nytt og velg %(org)s."
                )
                % {
                    "chosen": chosen_text,
                    "org": user_org,
                    "number": user_org.organisation_number if user_org else "–",
                },
                _("Har du byttet arbeidsgiver, be %(admin)s om en ny invitasjon.")
                % {"admin": _administrator_of(chosen)},
            )
        case Reason.ORGANISATION_NUMBER_MISSING:
            return Explanation(
                _("Organisasjonen din mangler organisasjonsnummer"),
                _(
                    "%(org)s har ikke fått registrert organisasjonsnummeret sitt i Bosetting, så vi "
                    "kan ikke kontrollere organisasjonen du valgte."
                )
                % {"org": user_org},
                _("Be IMDis administrator for Bosetting registrere organisasjonsnummeret."),
            )
        case Reason.NO_ORGANISATION_CHOSEN:
            return Explanation(
                _("Du valgte ingen organisasjon"),
                _(
                    "Ansattporten sendte ingen organisasjon du kan representere. Du må ha tilgang "
                    "til Bosetting i Altinn for organisasjonen du arbeider i."
                )
                + " "
                + again,
                _("Be den som tildeler tilganger i Altinn hos arbeidsgiveren din om tilgang."),
            )
        case Reason.ACR_TOO_LOW:
            return Explanation(
                _("Sikkerhetsnivået var for lavt"),
                _(
                    "Bosetting krever innlogging på høyt sikkerhetsnivå, for eksempel med BankID "
                    "eller Buypass. Du logget inn på et lavere nivå."
                )
                + " "
                + again,
                _("Har du ingen slik innlogging, spør IT-avdelingen hos arbeidsgiveren din."),
            )
        case Reason.STATE_INVALID:
            return Explanation(
                _("Innloggingen er allerede brukt"),
                _(
                    "Svaret fra Ansattporten hører ikke til en innlogging som pågår i denne "
                    "nettleseren: det er brukt før, eller innloggingen ble startet i en annen "
                    "fane eller nettleser. Start innloggingen på nytt."
                ),
                _("Skjer det igjen, kontakt IMDis administrator for Bosetting."),
            )
        case Reason.CODE_REJECTED:
            return Explanation(
                _("Innloggingen tok for lang tid"),
                _(
                    "Ansattporten godtok ikke lenger svaret fra innloggingen, fordi det var utløpt "
                    "eller allerede brukt. Start innloggingen på nytt."
                ),
                _("Skjer det igjen, kontakt IMDis administrator for Bosetting."),
            )
        case Reason.PROVIDER_ERROR:
            return Explanation(
                _("Innloggingen ble avbrutt"),
                _("Ansattporten fullførte ikke innloggingen.") + " " + again,
                _("Skjer det igjen, kontakt IMDis administrator for Bosetting."),
            )
        case Reason.DEACTIVATED:
            return Explanation(
                _("Brukeren din er deaktivert"),
                _("Brukeren din i Bosetting er deaktivert, så du kan ikke logge inn."),
                _("Be %(admin)s om å aktivere den igjen.") % {"admin": _administrator_of(user_org)},
            )
        case Reason.PERSON_ALREADY_BOUND:
            return Explanation(
                _("Invitasjonen hører til en annen person"),
                _(
                    "Du har allerede en annen bruker i Bosetting, eller invitasjonen er allerede "
                    "tatt i bruk av en annen person. En person kan bare ha én bruker."
                ),
                _("Be %(admin)s om hjelp.") % {"admin": _administrator_of(user_org)},
            )
        case Reason.INVITATION_INVALID:
            return Explanation(
                _("Invitasjonen er ugyldig eller utløpt"),
                _("Invitasjonen kan ikke brukes lenger."),
                _("Be administratoren som inviterte deg, om en ny."),
            )
    # ISSUER_MISMATCH, NONCE_MISMATCH, TOKEN_INVALID: the answer could not be trusted.
    return Explanation(
        _("Svaret fra Ansattporten kunne ikke bekreftes"),
        _(
            "Vi kunne ikke bekrefte at svaret kom fra Ansattporten og hørte til denne "
            "innloggingen, så du er ikke logget inn. Start innloggingen på nytt."
        ),
        _("Skjer det igjen, kontakt IMDis administrator for Bosetting."),
    )
