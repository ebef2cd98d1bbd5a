"""Registering, correcting and withdrawing settlements. The integration API calls these too."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.accounts.permissions import AccessDenied, Permission, denial_reason
from bosetting.accounts.queries import municipal_caseworkers
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case, CaseState, Person
from bosetting.cases.transitions import change_case_state
from bosetting.core.counts import counted
from bosetting.notifications.actions import notify

from .models import Settlement, SettlementReminder, Source
from .rules import registrable_persons_condition, source_for

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor
    from bosetting.distribution.models import SettlementDecision


class SettlementError(ValueError):
    """A registration the rules refuse; the message is for the user, `field` for the form."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _d(value: datetime.date) -> str:
    return date_format(value, "d.m.Y")


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


def _check_may(by: Actor, persons: list[Person]) -> None:
    if by is not None:
        reason = denial_reason(by, Permission.SETTLEMENT_REGISTER)
        if reason is not None:
            raise AccessDenied(reason)
    condition = registrable_persons_condition(by)
    allowed = (
        set()
        if condition is None
        else set(
            Person.objects.filter(condition, pk__in=[p.pk for p in persons]).values_list(
                "pk", flat=True
            )
        )
    )
    if any(person.pk not in allowed for person in persons):
        raise AccessDenied(_("Du kan ikke registrere bosetting for denne personen."))


def _check_date(settled_on: datetime.date, decision: SettlementDecision) -> None:
    today = timezone.localdate()
    if settled_on > today:
        raise SettlementError(
            _("Bosettingsdatoen kan ikke være frem i tid (i dag er %(today)s).")
            % {"today": _d(today)},
            field="settled_on",
        )
    if settled_on < decision.decided_on:
        raise SettlementError(
            _("Bosettingsdatoen kan ikke være før vedtaket om bosettingskommune (%(date)s).")
            % {"date": _d(decision.decided_on)},
            field="settled_on",
        )


def _locked_cases(persons: list[Person]) -> dict[int, Case]:
    case_ids = sorted({person.case_id for person in persons if person.case_id})
    cases = Case.objects.select_for_update().filter(pk__in=case_ids).order_by("pk")
    return {case.pk: case for case in cases}


def _decisions(case_ids: Iterable[int]) -> dict[int, SettlementDecision]:
    """Each case's settlement decision, read through the case: settlement sits below distribution
    and planning, whose figures count settled persons (counting.py, ADR 14), so it does not
    import them."""
    cases = Case.objects.filter(
        pk__in=list(case_ids), settlement_decision__isnull=False
    ).select_related("settlement_decision__municipality")
    return {case.pk: case.settlement_decision for case in cases}


def register_settlement(
    *,
    by: Actor,
    persons: Iterable[Person],
    settled_on: datetime.date,
    reason: str = "",
    source: Source | None = None,
) -> list[Settlement]:
    """Register that `persons` arrived in their settlement municipality on `settled_on`.

    A person with a current settlement is corrected instead, which needs a `reason`. `by` is the
    acting user (None for the system: imports); `source` defaults from the user's organisation
    (the API passes Source.API). A case whose persons are then all settled becomes settled.
    """
    persons = list({person.pk: person for person in persons}.values())
    if not persons:
        raise SettlementError(_("Velg minst én person."), field="persons")
    reason = reason.strip()
    with transaction.atomic():
        _check_may(by, persons)
        cases = _locked_cases(persons)
        decisions = _decisions(cases)
        current = {
            settlement.person_id: settlement
            for settlement in Settlement.objects.select_for_update().filter(
                person__in=persons, is_current=True
            )
        }
        now = timezone.now()
        created = []
        for person in persons:
            previous = current.get(person.pk)
            decision = _check_person(
                person,
                case=cases.get(person.case_id or 0),
                decision=decisions.get(person.case_id or 0),
                previous=previous,
                reason=reason,
                settled_on=settled_on,
            )
            if previous is not None:
                previous.is_current = False
                previous.save(update_fields=["is_current"])
            settlement = Settlement.objects.create(
                person=person,
                municipality=decision.municipality,
                settled_on=settled_on,
                settled_year=settled_on.year,
                age_at_settlement=age_on(person.birth_date, settled_on),
                category=person.category,
                citizenship=person.citizenship,
                source=source or source_for(by),
                registered_at=now,
                registered_by=by,
                corrects=previous,
                reason=reason if previous else "",
            )
            created.append(settlement)
            _record(by, person, settlement, previous, reason)
        for case in cases.values():
            _settle_case_when_complete(by, case)
    return created


def registration_refusal(
    *, persons: Iterable[Person], settled_on: datetime.date
) -> SettlementError | None:
    """What `register_settlement` would refuse for these persons and date, or None when it
    would register them: for the review page, which must not ask to confirm what cannot be
    registered. Permissions are the view's to check, as for the page itself."""
    persons = list(persons)
    if not persons:
        return SettlementError(_("Velg minst én person."), field="persons")
    cases = {
        case.pk: case
        for case in Case.objects.filter(pk__in={p.case_id for p in persons if p.case_id})
    }
    decisions = _decisions(cases)
    current = {
        settlement.person_id: settlement
        for settlement in Settlement.objects.filter(person__in=persons, is_current=True)
    }
    try:
        for person in persons:
            _check_person(
                person,
                case=cases.get(person.case_id or 0),
                decision=decisions.get(person.case_id or 0),
                previous=current.get(person.pk),
                reason="",
                settled_on=settled_on,
            )
    except SettlementError as error:
        return error
    return None


def _check_person(
    person: Person,
    *,
    case: Case | None,
    decision: SettlementDecision | None,
    previous: Settlement | None,
    reason: str,
    settled_on: datetime.date,
) -> SettlementDecision:
    """Refuse what the rules refuse for one person; the case's decision when they allow it."""
    allowed_states = (CaseState.MATCHED, CaseState.SETTLED) if previous else (CaseState.MATCHED,)
    if case is None or decision is None or case.state not in allowed_states:
        raise SettlementError(
            _("%(name)s er ikke i en sak som er søkt ut til en kommune.")
            % {"name": person.full_name}
        )
    if previous is not None and not reason:
        raise SettlementError(
            _("%(name)s er allerede registrert bosatt. En retting må begrunnes.")
            % {"name": person.full_name},
            field="reason",
        )
    _check_date(settled_on, decision)
    return decision


def _record(
    by: Actor, person: Person, settlement: Settlement, previous: Settlement | None, reason: str
) -> None:
    if previous is None:
        event_type = EventType.SETTLEMENT_REGISTERED
        summary = _("Person %(id)s i sak %(case)s bosatt %(date)s") % {
            "id": person.pk,
            "case": person.case_reference,
            "date": _d(settlement.settled_on),
        }
        details: dict[str, Any] = {}
    else:
        event_type = EventType.SETTLEMENT_CORRECTED
        summary = _(
            "Person %(id)s i sak %(case)s: bosettingsdato rettet fra %(old)s til %(new)s"
        ) % {
            "id": person.pk,
            "case": person.case_reference,
            "old": _d(previous.settled_on),
            "new": _d(settlement.settled_on),
        }
        details = {"previous_settled_on": previous.settled_on.isoformat(), "reason": reason}
    record_event(
        by=by,
        event_type=event_type,
        summary=summary,
        obj=person,
        municipality=settlement.municipality,
        details={
            **details,
            "settled_on": settlement.settled_on.isoformat(),
            "source": settlement.source,
            "settlement_id": settlement.pk,
        },
    )


def _settle_case_when_complete(by: Actor, case: Case) -> None:
    unsettled = Person.objects.filter(case=case).exclude(settlements__is_current=True).exists()
    if case.state == CaseState.MATCHED and not unsettled:
        change_case_state(
            by=by, case=case, to=CaseState.SETTLED, reason=_("Alle personene er bosatt.")
        )
    elif case.state == CaseState.SETTLED and unsettled:
        change_case_state(
            by=by,
            case=case,
            to=CaseState.MATCHED,
            reason=_("En bosetting ble trukket tilbake."),
        )


def withdraw_settlement(*, by: Actor, person: Person, reason: str) -> Settlement:
    """The settlement was registered by mistake: it stops counting, and a settled case is matched
    again. The row is kept, with the reason."""
    reason = reason.strip()
    if not reason:
        raise SettlementError(_("Skriv hvorfor bosettingen trekkes tilbake."), field="reason")
    with transaction.atomic():
        _check_may(by, [person])
        cases = _locked_cases([person])
        settlement = (
            Settlement.objects.select_for_update().filter(person=person, is_current=True).first()
        )
        if settlement is None:
            raise SettlementError(_("Personen er ikke registrert bosatt."))
        settlement.is_current = False
        settlement.withdrawn_at = timezone.now()
        settlement.withdrawal_reason = reason
        settlement.save(update_fields=["is_current", "withdrawn_at", "withdrawal_reason"])
        record_event(
            by=by,
            event_type=EventType.SETTLEMENT_CORRECTED,
            summary=_("Person %(id)s i sak %(case)s: bosettingen %(date)s er trukket tilbake")
            % {"id": person.pk, "case": person.case_reference, "date": _d(settlement.settled_on)},
            obj=person,
            municipality=settlement.municipality,
            details={
                "withdrawn": True,
                "previous_settled_on": settlement.settled_on.isoformat(),
                "reason": reason,
                "settlement_id": settlement.pk,
            },
        )
        for case in cases.values():
            _settle_case_when_complete(by, case)
    return settlement


def send_due_reminders(*, today: datetime.date, days: int) -> int:
    """Remind each municipality of its matched cases with no settlement date `days` after the
    decision: one reminder per case, ever, so running daily reminds once. Returns the cases."""
    with transaction.atomic():
        due = list(
            Case.objects.select_for_update()
            .filter(
                state=CaseState.MATCHED,
                settlement_decision__decided_on__lte=today - datetime.timedelta(days=days),
            )
            # Exists, not a join: PostgreSQL cannot lock the nullable side of an outer join.
            .exclude(Exists(SettlementReminder.objects.filter(case=OuterRef("pk"))))
            .order_by("municipality_id", "pk")
        )
        if not due:
            return 0
        decisions = _decisions(case.pk for case in due)
        now = timezone.now()
        SettlementReminder.objects.bulk_create(
            SettlementReminder(case=case, sent_at=now) for case in due
        )
        by_municipality: dict[int, list[Case]] = {}
        for case in due:
            by_municipality.setdefault(decisions[case.pk].municipality_id, []).append(case)
        caseworkers = municipal_caseworkers(by_municipality)
        url = reverse("settlement:pending")
        for municipality_id, cases in by_municipality.items():
            references = ", ".join(case.reference for case in cases)
            notify(
                recipients=caseworkers.get(municipality_id, []),
                subject=_("Bosettingsdato mangler for %(cases)s")
                % {"cases": counted(len(cases), "sak")},
                body=ngettext(
                    "Denne saken ble søkt ut til kommunen for mer enn %(days)s siden, men har "
                    "ingen bosettingsdato: %(references)s. Registrer datoen når personene har "
                    "kommet, så kommunens tall blir riktige.",
                    "Disse sakene ble søkt ut til kommunen for mer enn %(days)s siden, men har "
                    "ingen bosettingsdato: %(references)s. Registrer datoen når personene har "
                    "kommet, så kommunens tall blir riktige.",
                    len(cases),
                )
                % {"days": counted(days, "dag"), "references": references},
                url=url,
            )
            for case in cases:
                record_event(
                    by=None,
                    event_type=EventType.SETTLEMENT_REMINDER_SENT,
                    summary=_("Sak %(reference)s: påminnelse om bosettingsdato sendt")
                    % {"reference": case.reference},
                    obj=case,
                    municipality=decisions[case.pk].municipality,
                    details={
                        "decided_on": decisions[case.pk].decided_on.isoformat(),
                        "days": days,
                    },
                )
    return len(due)
