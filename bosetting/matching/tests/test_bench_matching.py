from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from bosetting.distribution.tests.helpers import approve_places, ready_case
from bosetting.matching.instances import generate


def test_the_json_has_the_issues_keys_and_a_plan_that_adds_up(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    call_command(
        "bench_matching",
        "--cases=12",
        "--municipalities=6",
        "--seed=3",
        "--time-limit=10",
        f"--json={target}",
        stdout=io.StringIO(),
    )
    data = json.loads(target.read_text(encoding="utf-8"))
    assert set(data) == {
        "instance",
        "plan",
        "status",
        "objective",
        "bound",
        "gap",
        "seconds",
        "placed_persons",
        "greedy",
    }
    assert set(data["instance"]) == {"cases", "municipalities"}
    assert {tuple(sorted(case)) for case in data["instance"]["cases"]} == {
        ("forbidden", "id", "minors", "persons")
    }
    assert {tuple(sorted(m)) for m in data["instance"]["municipalities"]} == {
        ("id", "minor_places", "places", "takes_minors")
    }
    assert set(data["greedy"]) == {"objective", "placed_persons"}
    assert data["status"] in {"optimal", "time_limit"}

    cases = {str(case["id"]): case for case in data["instance"]["cases"]}
    municipalities = {m["id"]: m for m in data["instance"]["municipalities"]}
    assert set(data["plan"]) == set(cases)
    persons = dict.fromkeys(municipalities, 0)
    for case_id, target_id in data["plan"].items():
        if target_id is not None:
            assert target_id not in cases[case_id]["forbidden"]
            persons[target_id] += cases[case_id]["persons"]
    assert all(persons[number] <= m["places"] for number, m in municipalities.items())
    assert data["placed_persons"] == sum(persons.values())
    assert data["bound"] >= data["objective"] - 1e-6
    assert data["gap"] == pytest.approx(
        (data["bound"] - data["objective"]) / data["objective"], abs=1e-9
    )
    if data["status"] == "optimal":
        assert data["objective"] >= data["greedy"]["objective"] - 1e-6


def test_the_same_seed_gives_the_same_instance() -> None:
    assert generate(cases=50, municipalities=40, seed=7) == generate(
        cases=50, municipalities=40, seed=7
    )


def test_more_municipalities_than_norway_has_is_refused() -> None:
    with pytest.raises(CommandError, match="Antall kommuner må være fra 1 til 357"):
        call_command("bench_matching", "--cases=5", "--municipalities=400", "--time-limit=1")


@pytest.mark.django_db
def test_the_database_mode_solves_the_ready_cases_against_this_years_places(cast: Any) -> None:
    approve_places(cast.bergen, places=10, takes_minors=True)
    ready_case()
    ready_case(children=2)
    out = io.StringIO()

    call_command("bench_matching", "--database", "--time-limit=10", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Løser 2 saker i databasen × 1 kommuner med vedtak for")
    (row,) = [line for line in lines if line.endswith(f"databasen, {timezone.localdate().year}")]
    # Both households fit in Bergen's ten places: 1 + 3 persons placed, by the plan and greedy.
    assert row.split()[:3] == ["2", "1", "optimal"]
    assert row.split()[-4:-2] == ["4", "4"]


@pytest.mark.django_db
def test_the_database_mode_says_when_there_is_nothing_to_solve() -> None:
    with pytest.raises(CommandError, match="ingen klare saker"):
        call_command("bench_matching", "--database", stdout=io.StringIO())
