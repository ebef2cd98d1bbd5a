"""Checks of proposals, answers, settlement decisions and settlements, and that their dates and
states agree with each other (a settlement not before its decision, a yes before a decision)."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bosetting.distribution.models import Proposal, ProposedCase
from bosetting.organisations.models import Organisation

from ..cells import Cells
from ..format import ANSWERS, CASES, PERSONS, PROPOSAL_STATES, PROPOSALS, PROPOSED_CASES
from ..reading import Problem, Row
from ..records import (
    PersonRecord,
    ProposalRecord,
    ProposedCaseRecord,
    SettlementDecisionRecord,
    SettlementRecord,
)
from .context import Context, duplicates, unique_ids

Answer = ProposedCase.Answer
# The answers a proposal in each state may hold (distribution's actions move them together).
ANSWERS_BY_STATE: dict[str, set[str]] = {
    Proposal.State.SENT: set(Answer.values) - {Answer.EXPIRED},
    Proposal.State.ANSWERED: {Answer.ACCEPTED, Answer.DECLINED, Answer.WITHDRAWN},
    Proposal.State.EXPIRED: {Answer.ACCEPTED, Answer.DECLINED, Answer.WITHDRAWN, Answer.EXPIRED},
    Proposal.State.WITHDRAWN: {Answer.WITHDRAWN},
}

DECLINE_REASONS = frozenset(ProposedCase.DeclineReason.values)


def check_proposals(
    rows: list[Row], context: Context, problems: list[Problem]
) -> list[ProposalRecord]:
    unique_ids(rows, problems)
    records = []
    for row in rows:
        cells = Cells(row, problems)
        municipality_id = context.municipality(cells, "kommunenummer")
        sent_on = cells.date("sendt_dato")
        cells.not_future("sendt_dato", sent_on, context.today)
        deadline = cells.date("svarfrist")
        if sent_on and deadline and deadline < sent_on:
            cells.problem("svarfrist", _("Svarfristen kan ikke være før forespørselen ble sendt."))
        state = cells.mapped("status", PROPOSAL_STATES)
        sent_by = context.user(cells, "sendt_av", kind=Organisation.Kind.IMDI)
        if municipality_id is None or sent_on is None or deadline is None or state is None:
            continue
        records.append(
            ProposalRecord(
                legacy_id=row.values["gammel_id"],
                municipality_id=municipality_id,
                sent_on=sent_on,
                deadline=deadline,
                state=state,
                sent_by=sent_by,
            )
        )
    return records


def check_proposed_cases(
    rows: list[Row],
    proposals: list[ProposalRecord],
    proposal_ids: set[str] | None,
    case_ids: set[str] | None,
    context: Context,
    problems: list[Problem],
) -> list[ProposedCaseRecord]:
    unique_ids(rows, problems)
    by_id = {proposal.legacy_id: proposal for proposal in proposals}
    records = []
    pairs, live = [], []
    for row in rows:
        cells = Cells(row, problems)
        proposal_id = cells.reference("foresporsel", proposal_ids, PROPOSALS.filename)
        case = cells.reference("sak", case_ids, CASES.filename)
        answer = cells.mapped("svar", ANSWERS)
        reason = cells.choice("begrunnelse", DECLINE_REASONS, required=answer == Answer.DECLINED)
        # A yes or no says when; so does any answer that names who gave it, since the database
        # keeps no answerer without the time of the answer.
        answered_on = cells.date(
            "besvart_dato",
            required=answer in (Answer.ACCEPTED, Answer.DECLINED) or bool(row.values["besvart_av"]),
        )
        cells.not_future("besvart_dato", answered_on, context.today)
        answered_by = context.user(
            cells,
            "besvart_av",
            kind=Organisation.Kind.MUNICIPALITY,
            required=answer in (Answer.ACCEPTED, Answer.DECLINED),
        )
        proposal = by_id.get(proposal_id)
        if proposal and answer and answer not in ANSWERS_BY_STATE[proposal.state]:
            cells.problem(
                "svar",
                _("Svaret passer ikke med forespørselens status «%(state)s».")
                % {"state": Proposal.State(proposal.state).label},
            )
        if proposal and answered_on and answered_on < proposal.sent_on:
            cells.problem("besvart_dato", _("Svaret kan ikke være før forespørselen ble sendt."))
        pairs.append((row, f"{proposal_id} {case}" if proposal_id and case else ""))
        if answer in (Answer.PENDING, Answer.ACCEPTED):
            live.append((row, case))
        if not proposal_id or not case or answer is None:
            continue
        records.append(
            ProposedCaseRecord(
                legacy_id=row.values["gammel_id"],
                proposal=proposal_id,
                case=case,
                answer=answer,
                decline_reason=reason if answer == Answer.DECLINED else "",
                decline_comment=cells.text("utdyping", required=False, max_length=5000),
                answered_on=answered_on,
                answered_by=answered_by,
            )
        )
    duplicates(pairs, problems, "sak")
    # A case is in at most one open proposal and stays tied to the one it was accepted in.
    duplicates(live, problems, "sak")
    return records


def check_settlement_decisions(
    rows: list[Row],
    proposed_cases: list[ProposedCaseRecord],
    proposed_ids: set[str] | None,
    context: Context,
    problems: list[Problem],
) -> list[SettlementDecisionRecord]:
    unique_ids(rows, problems)
    by_id = {proposed.legacy_id: proposed for proposed in proposed_cases}
    records = []
    keys = []
    for row in rows:
        cells = Cells(row, problems)
        proposed_id = cells.reference("foresporsel_sak", proposed_ids, PROPOSED_CASES.filename)
        keys.append((row, proposed_id))
        decided_on = cells.date("vedtaksdato")
        cells.not_future("vedtaksdato", decided_on, context.today)
        decided_by = context.user(cells, "vedtatt_av", kind=Organisation.Kind.IMDI)
        proposed = by_id.get(proposed_id)
        if proposed is not None and proposed.answer != Answer.ACCEPTED:
            cells.problem(
                "foresporsel_sak", _("Kommunen har ikke svart ja på saken; vedtak krever et ja.")
            )
        if proposed and proposed.answered_on and decided_on and decided_on < proposed.answered_on:
            cells.problem("vedtaksdato", _("Vedtaket kan ikke være før kommunens ja."))
        if proposed is None or decided_on is None:
            continue
        records.append(
            SettlementDecisionRecord(
                legacy_id=row.values["gammel_id"],
                proposed_case=proposed_id,
                decided_on=decided_on,
                decided_by=decided_by,
            )
        )
    duplicates(keys, problems, "foresporsel_sak")
    return records


def check_settlements(
    rows: list[Row],
    persons: list[PersonRecord],
    person_ids: set[str] | None,
    decided_on_by_case: dict[str, datetime.date] | None,
    context: Context,
    problems: list[Problem],
) -> list[SettlementRecord]:
    unique_ids(rows, problems)
    by_id = {person.legacy_id: person for person in persons}
    records = []
    keys = []
    for row in rows:
        cells = Cells(row, problems)
        person_id = cells.reference("person", person_ids, PERSONS.filename)
        keys.append((row, person_id))
        settled_on = cells.date("bosettingsdato")
        cells.not_future("bosettingsdato", settled_on, context.today)
        person = by_id.get(person_id)
        if person is None or settled_on is None or decided_on_by_case is None:
            continue
        decided_on = decided_on_by_case.get(person.case)
        if decided_on is None:
            cells.problem(
                "person",
                _("Personens sak har ikke vedtak om bosettingskommune; bosetting krever vedtak."),
            )
            continue
        if settled_on < decided_on:
            cells.problem(
                "bosettingsdato",
                _("Bosettingsdatoen kan ikke være før vedtaket om bosettingskommune (%(date)s).")
                % {"date": date_format(decided_on, "d.m.Y")},
            )
        if person.birth_date and settled_on < person.birth_date:
            cells.problem("bosettingsdato", _("Bosettingsdatoen er før fødselsdatoen."))
        records.append(
            SettlementRecord(
                legacy_id=row.values["gammel_id"], person=person_id, settled_on=settled_on
            )
        )
    # One current settlement per person: the old system's corrections are not transferred.
    duplicates(keys, problems, "person")
    return records
