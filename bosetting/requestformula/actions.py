"""Every write of the request formula: population, national numbers, formula versions, pre-fill."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, require_actor
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.organisations.models import Municipality
from bosetting.planning.actions import RequestNumbers, prepare_requests
from bosetting.planning.models import SettlementRequest

from .models import Formula, NationalNumbers, Population
from .proposal import Proposal

if TYPE_CHECKING:
    import datetime

    from bosetting.accounts.models import Actor, User

POPULATION_CSV = Path(__file__).parent / "data" / "befolkning-2024.csv"
POPULATION_SOURCE = "Statistisk sentralbyrå, tabell 07459, 1. januar 2024"


class FormulaError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class PopulationLoaded:
    created: int
    changed: int


def load_population(
    *,
    by: Actor = None,
    path: Path = POPULATION_CSV,
    year: int = 2024,
    source: str = POPULATION_SOURCE,
) -> PopulationLoaded:
    """Create or update the population of `year` from the file; running it again changes nothing.
    Other years are left as they are, so a new year's file is loaded beside the old ones."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    if header[0] != "kommunenummer" or len(header) != 2:
        raise FormulaError(_("Filen må ha kolonnene kommunenummer og folkemengde."))
    municipalities = {m.number: m for m in Municipality.objects.all()}
    with transaction.atomic():
        existing = {p.municipality_id: p for p in Population.objects.filter(year=year)}
        created: list[Population] = []
        changed: list[Population] = []
        for number, inhabitants_text in body:
            municipality = municipalities.get(number)
            if municipality is None:
                raise FormulaError(
                    _("Kommunenummer %(number)s finnes ikke. Last inn kommunene først.")
                    % {"number": number}
                )
            inhabitants = int(inhabitants_text)
            population = existing.get(municipality.pk)
            if population is None:
                created.append(
                    Population(
                        year=year,
                        municipality=municipality,
                        inhabitants=inhabitants,
                        source=source,
                    )
                )
            elif (population.inhabitants, population.source) != (inhabitants, source):
                population.inhabitants, population.source = inhabitants, source
                changed.append(population)
        Population.objects.bulk_create(created)
        Population.objects.bulk_update(changed, ["inhabitants", "source"])
        if created or changed:
            record_event(
                by=by,
                event_type=EventType.POPULATION_LOADED,
                summary=_("Folketall for %(year)s lastet inn: %(created)s nye, %(changed)s endret")
                % {"year": year, "created": len(created), "changed": len(changed)},
                details={"file": path.name, "year": year, "source": source},
            )
    return PopulationLoaded(len(created), len(changed))


def save_national_numbers(*, by: User, year: int, places: int, minors: int) -> NationalNumbers:
    require_actor(by, Permission.REQUEST_FORMULA_MANAGE)
    if minors > places:
        raise FormulaError(
            _("Enslige mindreårige kan ikke være flere enn plassene."), "unaccompanied_minors"
        )
    with transaction.atomic():
        numbers, _created = NationalNumbers.objects.select_for_update().get_or_create(
            year=year,
            defaults={"places": places, "unaccompanied_minors": minors, "updated_by": by},
        )
        numbers.places, numbers.unaccompanied_minors, numbers.updated_by = places, minors, by
        numbers.save()
        record_event(
            by=by,
            event_type=EventType.NATIONAL_NUMBERS_SAVED,
            summary=_(
                "Nasjonale tall for %(year)s: %(places)s plasser, %(minors)s enslige mindreårige"
            )
            % {"year": year, "places": places, "minors": minors},
            obj=numbers,
            details={"year": year, "places": places, "minors": minors},
        )
    return numbers


@dataclass(frozen=True)
class FormulaTerms:
    population_weight: int
    settled_recently_weight: int
    fulfilment_weight: int
    minimum_request: int
    maximum_per_thousand: Decimal


def save_formula(*, by: Actor, terms: FormulaTerms, note: str = "") -> Formula:
    """A new version of the formula; the old versions stay as they were."""
    require_actor(by, Permission.REQUEST_FORMULA_MANAGE)
    if not (terms.population_weight or terms.settled_recently_weight or terms.fulfilment_weight):
        raise FormulaError(_("Minst én av vektene må være større enn 0."), "population_weight")
    with transaction.atomic():
        latest = Formula.objects.select_for_update().order_by("-version").first()
        formula = Formula.objects.create(
            version=(latest.version + 1) if latest else 1,
            population_weight=terms.population_weight,
            settled_recently_weight=terms.settled_recently_weight,
            fulfilment_weight=terms.fulfilment_weight,
            minimum_request=terms.minimum_request,
            maximum_per_thousand=terms.maximum_per_thousand,
            note=note,
            created_by=by,
        )
        record_event(
            by=by,
            event_type=EventType.REQUEST_FORMULA_SAVED,
            summary=_("Formelen for anmodninger er lagret som versjon %(version)s")
            % {"version": formula.version},
            obj=formula,
            details={
                "version": formula.version,
                "population_weight": terms.population_weight,
                "settled_recently_weight": terms.settled_recently_weight,
                "fulfilment_weight": terms.fulfilment_weight,
                "minimum_request": terms.minimum_request,
                "maximum_per_thousand": str(terms.maximum_per_thousand),
                "note": note,
            },
        )
    return formula


def prefill_requests(
    *,
    by: Actor,
    proposal: Proposal,
    deadline: datetime.date,
    cover_text: str,
) -> list[SettlementRequest]:
    """The proposal's numbers as drafts in IMDi's preparation table, each with the formula's
    numbers kept beside it; municipalities already sent a request keep theirs (adjust them)."""
    require_actor(by, Permission.REQUEST_MANAGE)
    sent = set(
        SettlementRequest.objects.filter(year=proposal.year)
        .exclude(state=SettlementRequest.State.DRAFT)
        .values_list("municipality_id", flat=True)
    )
    rows = [
        RequestNumbers(
            municipality=line.municipality,
            places=line.places,
            unaccompanied_minors=line.minors,
            planning_number_next_year=None,
            formula_places=line.places,
            formula_minors=line.minors,
            formula_version=proposal.formula.version,
        )
        for line in proposal.lines
        if line.municipality.pk not in sent
    ]
    if not rows:
        raise FormulaError(_("Alle kommunene har allerede fått anmodningen for året."))
    return prepare_requests(
        by=by, year=proposal.year, rows=rows, deadline=deadline, cover_text=cover_text
    )
