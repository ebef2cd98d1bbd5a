"""This app's part of `seed_demo` (demo mode only). Idempotent: running it twice adds nothing.

Settled persons over the last three years in Bergen, Oslo and a handful of Vestland
municipalities, so that every report has content; and Bergen's matched cases from the
distribution demo: the ones living at Fana mottak moved out today (registered by the centre),
the ones living privately still wait for Bergen to register their settlement date.

The history is written as historical facts, with the national generator's writer
(bosetting/demo/national), not through the actions: a proposal cannot be answered after its
deadline (answer_case refuses it), so a case cannot go the whole way with dates in the past.
The same reason the transfer from the old system writes in bulk. Every state change still has
its audit event, chained like any other.
"""

from __future__ import annotations

import datetime
import random

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from bosetting.accounts.models import User
from bosetting.cases.models import Case, CaseState, Category, Person, Residence
from bosetting.demo.national.audit_log import ChainedEventWriter
from bosetting.demo.national.cases import CasePlan, CaseWriter, settled_plan
from bosetting.demo.national.plan import duf_number, household
from bosetting.demo.national.requests import write_requests
from bosetting.demo.seed.distribution import make_decision_letters
from bosetting.distribution import actions as distribution
from bosetting.distribution.models import Proposal, ProposedCase
from bosetting.organisations.models import Municipality
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.rules import PRIVATE_RESIDENCES

# Persons settled per year, per municipality; far from the national generator's numbers.
SETTLED_PER_YEAR = {
    "4601": 40,
    "0301": 60,
    "4602": 8,
    "4621": 8,
    "4624": 10,
    "4640": 6,
}
PRIVATE_MESSAGE = "Husstandene bor privat i Bergen og ønsker å bli boende der."
FIRST_DEMO_PERSON = (
    90_000_000_000  # the demo's generated DUF numbers: 79…, never the national set's
)


def seed(*, stdout: OutputWrapper) -> None:
    """Demo users, municipalities, the agreement, requests and cases exist when this runs."""
    history = _seed_history()
    moved = _seed_moved_out_today()
    private = _seed_private_bergen()
    if history or moved or private:
        stdout.write(
            f"Bosetting: {history} personer bosatt de siste tre årene, "
            f"{moved} flyttet ut av Fana mottak i dag, {private} saker der personene bor privat "
            "søkt ut til Bergen (én bosatt, resten venter på bosettingsdato)."
        )


def _seed_private_bergen() -> int:
    """Through the actions, with the dates they allow backdated: three households living
    privately proposed to and accepted by Bergen, decided ten days ago; one of them settled two
    days ago, the others wait for Bergen's caseworker to register the date."""
    if Proposal.objects.filter(message=PRIVATE_MESSAGE).exists():
        return 0
    imdi = User.objects.get(username="imdi.saksbehandler")
    caseworker = User.objects.get(username="bergen.saksbehandler")
    bergen = Municipality.objects.get(number="4601")
    living_elsewhere = Person.objects.filter(case=OuterRef("pk")).exclude(
        residence__in=PRIVATE_RESIDENCES
    )
    minors = Person.objects.filter(case=OuterRef("pk"), category=Category.UNACCOMPANIED_MINOR)
    cases = list(
        Case.objects.filter(state=CaseState.READY)
        .filter(~Exists(living_elsewhere), ~Exists(minors))
        .order_by("pk")[:3]
    )
    if not cases:
        return 0
    today = timezone.localdate()
    proposal = distribution.create_proposal(
        by=imdi,
        municipality=bergen,
        cases=cases,
        deadline=today + datetime.timedelta(days=7),
        message=PRIVATE_MESSAGE,
    )
    proposal = distribution.send_proposal(by=imdi, proposal=proposal, confirm_over_capacity=True)
    accepted = [
        distribution.answer_case(by=caseworker, proposed_case=item, accept=True)
        for item in ProposedCase.objects.filter(proposal=proposal).select_related(
            "proposal__municipality"
        )
    ]
    distribution.decide_settlement(
        by=imdi, proposed_cases=accepted, decided_on=today - datetime.timedelta(days=10)
    )
    make_decision_letters()
    register_settlement(
        by=caseworker,
        persons=list(cases[0].members.all()),
        settled_on=today - datetime.timedelta(days=2),
    )
    return len(cases)


def _seed_history() -> int:
    if Case.objects.filter(members__duf_number=duf_number(FIRST_DEMO_PERSON)).exists():
        return 0
    imdi = User.objects.get(username="imdi.saksbehandler")
    municipalities = list(
        Municipality.objects.filter(number__in=SETTLED_PER_YEAR)
        .select_related("organisation")
        .order_by("number")
    )
    rng = random.Random(46)  # noqa: S311 -- invented demo data, the same every run
    today = timezone.localdate()
    with transaction.atomic():
        events = ChainedEventWriter()
        writer = CaseWriter(by=imdi, events=events, first_person=FIRST_DEMO_PERSON)
        # The planning demo made this year's and last year's requests; the year before needs one.
        weights = {m.number: float(SETTLED_PER_YEAR[m.number]) for m in municipalities}
        write_requests(
            by=imdi,
            year=today.year - 2,
            today=today,
            municipalities=municipalities,
            weights=weights,
            scale=sum(weights.values()) / 20_000,
            rng=rng,
            events=events,
        )
        plans: list[CasePlan] = []
        for year in (today.year - 2, today.year - 1, today.year):
            # This year's history ends a fortnight ago: what is newer goes through the actions.
            last = min(datetime.date(year, 12, 31), today - datetime.timedelta(days=14))
            span = (last - datetime.date(year, 1, 1)).days
            for municipality in municipalities:
                settled = 0
                while settled < SETTLED_PER_YEAR[municipality.number]:
                    day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, span))
                    members = household(rng, year, day)
                    other = rng.choice(municipalities)
                    plans.append(settled_plan(rng, members, day, municipality, other))
                    settled += len(members)
        plans.sort(key=lambda plan: plan.created)
        writer.write(plans)
        events.flush()
    return writer.persons


def _seed_moved_out_today() -> int:
    """Bergen's matched cases at Fana mottak: the centre registers today's moving out."""
    staff = User.objects.filter(username="mottak.ansatt").first()
    if staff is None:
        return 0
    cases = Case.objects.filter(
        state=CaseState.MATCHED,
        municipality__number="4601",
        members__residence=Residence.RECEPTION_CENTRE,
        members__reception_centre__organisation=staff.organisation,
    ).distinct()
    moved = 0
    for case in cases:
        persons = list(case.members.filter(reception_centre__organisation=staff.organisation))
        register_settlement(by=staff, persons=persons, settled_on=timezone.localdate())
        moved += len(persons)
    return moved
