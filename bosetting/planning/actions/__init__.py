"""Writes to requests and decisions. Each checks the transition, changes rows and audits in one
transaction; the municipality's or IMDi's users are notified from inside it."""

from bosetting.accounts.queries import imdi_caseworkers, municipal_caseworkers

from ..errors import PlanningError
from .decisions import acknowledge_decision, approve_decision, check_approvable, save_decision
from .requests import (
    RequestNumbers,
    adjust_request,
    make_request_letter_again,
    prepare_requests,
    record_letter_download,
    send_due_reminders,
    send_reminders,
    send_requests,
)

__all__ = [
    "PlanningError",
    "RequestNumbers",
    "acknowledge_decision",
    "adjust_request",
    "approve_decision",
    "check_approvable",
    "imdi_caseworkers",
    "make_request_letter_again",
    "municipal_caseworkers",
    "prepare_requests",
    "record_letter_download",
    "save_decision",
    "send_due_reminders",
    "send_reminders",
    "send_requests",
]
