"""The population reference data: loaded from Statistics Norway's table, safe to load again."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from bosetting.audit.models import AuditEvent, EventType
from bosetting.organisations.actions import load_municipalities
from bosetting.requestformula.models import Population
from bosetting.requestformula.population import inhabitants_by_number

from .helpers import populate

pytestmark = pytest.mark.django_db


def test_load_population_loads_every_municipality_and_the_national_total():
    load_municipalities()
    out = io.StringIO()
    call_command("load_population", stdout=out)
    assert "357 nye" in out.getvalue()
    populations = Population.objects.filter(year=2024)
    assert populations.count() == 357
    assert sum(p.inhabitants for p in populations) == 5_550_203
    assert populations.get(municipality__number="0301").inhabitants == 717_710
    assert populations.get(municipality__number="1151").inhabitants == 215
    assert "07459" in populations.first().source


def test_loading_again_changes_nothing_and_logs_nothing():
    load_municipalities()
    call_command("load_population", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_population", stdout=out)
    assert "0 nye, 0 endret" in out.getvalue()
    assert AuditEvent.objects.filter(event_type=EventType.POPULATION_LOADED).count() == 1


def test_another_year_is_kept_beside_the_first(tmp_path):
    load_municipalities()
    call_command("load_population", stdout=io.StringIO())
    later = tmp_path / "befolkning-2025.csv"
    later.write_text("kommunenummer,folkemengde_2025_01_01\n0301,720000\n", encoding="utf-8")
    call_command("load_population", "--file", str(later), "--year", "2025", stdout=io.StringIO())
    assert Population.objects.filter(year=2024).count() == 357
    assert Population.objects.get(year=2025).inhabitants == 720_000


def test_the_rates_take_the_latest_population_on_or_before_the_year(cast):
    populate(cast, {"4601": 1000, "0301": 2000, "4614": 500}, year=2024)
    populate(cast, {"4601": 1100, "0301": 2100, "4614": 600}, year=2026)
    assert inhabitants_by_number(2025) == (2024, {"4601": 1000, "0301": 2000, "4614": 500})
    assert inhabitants_by_number(2030)[1]["4601"] == 1100
    assert inhabitants_by_number(2020)[0] == 2026  # nothing before: the latest there is
