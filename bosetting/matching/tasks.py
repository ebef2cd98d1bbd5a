"""Plans are solved by the task worker (`manage.py db_worker`, ADR 15): the solver may use its
whole time limit, which no request should wait for."""

from __future__ import annotations

from django_tasks import task

from .solving import solve_plan_run


@task()
def solve_plan(run_id: int) -> None:
    solve_plan_run(run_id)
