"""Plans are solved by the task worker (`manage.py db_worker`, ADR 15): the solver may use its
whole time limit, which no request should wait for."""

from __future__ import annotations

from django_tasks import task


@task()
def solve_plan(run_id: int) -> None:
    from .actions import solve_plan_run

    solve_plan_run(run_id)
