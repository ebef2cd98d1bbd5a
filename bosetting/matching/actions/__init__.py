"""Every write to distribution plans and the municipalities' special-needs profiles. Each action
checks, changes rows and audits in one transaction. One module per part; import them from here.
The worker's action lives beside the task that runs it (solving.py); it is one of these actions."""

from ..solving import solve_plan_run
from .needs import NEEDS_PROFILE_FIELDS, save_needs_profile
from .recovery import OVERDUE_ERROR, interrupt_overdue_runs, restart_plan_run
from .runs import (
    SOLVER_NAME,
    TIME_LIMIT_MAX,
    TIME_LIMIT_MIN,
    make_draft_proposals,
    move_assignment,
    move_check,
    start_plan_run,
)

__all__ = [
    "NEEDS_PROFILE_FIELDS",
    "OVERDUE_ERROR",
    "SOLVER_NAME",
    "TIME_LIMIT_MAX",
    "TIME_LIMIT_MIN",
    "interrupt_overdue_runs",
    "make_draft_proposals",
    "move_assignment",
    "move_check",
    "restart_plan_run",
    "save_needs_profile",
    "solve_plan_run",
    "start_plan_run",
]
