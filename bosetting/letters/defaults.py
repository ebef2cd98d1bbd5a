"""The texts the system ships: bokmål and English for each kind of letter.

They are installed as version 1 of each template when the database is migrated (apps.py) and
never overwrite what IMDi has saved. Settlement is agreed between IMDi and the municipality, and
IMDi says that the offer of a settlement municipality cannot be appealed («Tilbud om
bosettingskommune kan ikke påklages»), so these letters carry no appeal clause. The legal
references stand in their own field: IMDi's lawyers keep them right as the law changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import LetterKind


@dataclass(frozen=True)
class DefaultText:
    title: str
    body: str
    legal_basis: str
    person_columns: str


LEGAL_BASIS_NOB = (
    "integreringsloven § 41, jf. § 43, og integreringsforskriften (IMDis behandling av "
    "opplysninger for bosetting)"
)
LEGAL_BASIS_ENG = (
    "the Integration Act (integreringsloven) section 41, cf. section 43, and the Integration "
    "Regulations (integreringsforskriften)"
)

HOUSEHOLD_NOB = DefaultText(
    title="Vedtak om bosettingskommune",
    body="""Til: {mottaker} og husstanden i sak {saksnummer}
Vedtaksdato: {vedtaksdato}
Saksnummer: {saksnummer}

Integrerings- og mangfoldsdirektoratet (IMDi) har bestemt at dere skal bosettes i {kommune} kommune (kommunenummer {kommunenummer}). Vedtaket gjelder:

{personer}

# Grunnlaget for vedtaket
{kommune} kommune har sagt ja til å bosette dere. IMDi bosetter flyktninger etter avtale med kommunene. Rettslig grunnlag: {lovhjemmel}.

# Hva skjer nå
Kommunen tar kontakt med dere om bolig og om datoen dere skal flytte. Til dere flytter, bor dere der dere bor nå. Dere får tolk når dere trenger det.

# Klage
Tilbud om bosettingskommune kan ikke påklages.

# Spørsmål
Har dere spørsmål, kan dere spørre de ansatte på mottaket, eller skrive til IMDi på postmottak@imdi.no. Oppgi saksnummer {saksnummer}.

Med vennlig hilsen
Integrerings- og mangfoldsdirektoratet""",
    legal_basis=LEGAL_BASIS_NOB,
    person_columns="Navn; DUF-nummer; Fødselsdato",
)

HOUSEHOLD_ENG = DefaultText(
    title="Decision on your settlement municipality",
    body="""To: {mottaker} and the household in case {saksnummer}
Date of decision: {vedtaksdato}
Case number: {saksnummer}

This is a translation. The letter in Norwegian is the decision.

The Directorate of Integration and Diversity (IMDi) has decided that you will be settled in {kommune} municipality (municipality number {kommunenummer}). The decision concerns:

{personer}

# The grounds for the decision
{kommune} municipality has agreed to settle you. IMDi settles refugees by agreement with the municipalities. Legal basis: {lovhjemmel}.

# What happens now
The municipality will contact you about housing and the date you move. Until you move, you live where you live now. You will have an interpreter when you need one.

# Appeal
The offer of a settlement municipality cannot be appealed.

# Questions
If you have questions, ask the staff at the reception centre, or write to IMDi at postmottak@imdi.no. Give the case number {saksnummer}.

Yours sincerely
The Directorate of Integration and Diversity (IMDi)""",
    legal_basis=LEGAL_BASIS_ENG,
    person_columns="Name; DUF number; Date of birth",
)

MUNICIPALITY_NOB = DefaultText(
    title="Vedtak om bosettingskommune",
    body="""Til: {mottaker} (kommunenummer {kommunenummer})
Vedtaksdato: {vedtaksdato}
Saksnummer: {saksnummer}

{kommune} kommune har sagt ja til å bosette husstanden i sak {saksnummer}. IMDi har fattet vedtak om at husstanden skal bosettes i kommunen ({antall_personer} i alt):

{personer}

# Grunnlaget for vedtaket
IMDi bosetter flyktninger etter avtale med kommunene. Rettslig grunnlag: {lovhjemmel}.

# Kommunens oppgaver nå
Kommunen har nå tilgang til personmappen i bosettingssystemet. Kommunen skal kontakte husstanden (via mottaket der de bor i mottak) om bolig og bosettingsdato, og sørge for at de får tolk ved behov. Bosettingsdatoen registreres når personene kommer til kommunen.

Tilbud om bosettingskommune kan ikke påklages. Husstanden har fått vedtaket i eget brev.

# Kontakt
Spørsmål om saken sendes til IMDi på postmottak@imdi.no, merket med saksnummer {saksnummer}. Bosettingssystemet er ikke et arkivsystem: kommunen må selv arkivere og journalføre dette brevet.

Med vennlig hilsen
Integrerings- og mangfoldsdirektoratet""",
    legal_basis=LEGAL_BASIS_NOB,
    person_columns="Navn; DUF-nummer; Fødselsdato",
)

MUNICIPALITY_ENG = DefaultText(
    title="Decision on settlement municipality",
    body="""To: {mottaker} (municipality number {kommunenummer})
Date of decision: {vedtaksdato}
Case number: {saksnummer}

This is a translation. The letter in Norwegian is the decision.

{kommune} municipality has agreed to settle the household in case {saksnummer}. IMDi has decided that the household is to be settled in the municipality ({antall_personer} in all):

{personer}

# The grounds for the decision
IMDi settles refugees by agreement with the municipalities. Legal basis: {lovhjemmel}.

# The municipality's tasks now
The municipality now has access to the person file in the settlement system. The municipality contacts the household (through the reception centre where they live in one) about housing and the settlement date, and provides an interpreter when needed. The settlement date is registered when the persons arrive in the municipality.

The offer of a settlement municipality cannot be appealed. The household has received the decision in a letter of its own.

# Contact
Questions about the case go to IMDi at postmottak@imdi.no, marked with case number {saksnummer}. The settlement system is not an archive: the municipality archives and records this letter itself.

Yours sincerely
The Directorate of Integration and Diversity (IMDi)""",
    legal_basis=LEGAL_BASIS_ENG,
    person_columns="Name; DUF number; Date of birth",
)

DEFAULTS: dict[tuple[str, str], DefaultText] = {
    (LetterKind.DECISION_HOUSEHOLD, "nob"): HOUSEHOLD_NOB,
    (LetterKind.DECISION_HOUSEHOLD, "eng"): HOUSEHOLD_ENG,
    (LetterKind.DECISION_MUNICIPALITY, "nob"): MUNICIPALITY_NOB,
    (LetterKind.DECISION_MUNICIPALITY, "eng"): MUNICIPALITY_ENG,
}
