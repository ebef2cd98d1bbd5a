"""Every write to proposals, answers and settlement decisions. Each action checks the transition,
changes rows and audits in one transaction; the other side (municipality or IMDi) is notified
from inside it. One module per part of the process; import them from here."""

from ..errors import DistributionError
from .answers import answer_case, answer_refusal
from .common import answer_url, proposal_url
from .deadlines import expire_due_proposals, send_due_reminders
from .decisions import (
    decide_settlement,
    make_decision_letter_again,
    record_letter_download,
    settlement_decision_refusal,
)
from .proposals import (
    add_cases,
    capacity_warning,
    create_proposal,
    remove_case,
    send_proposal,
    withdraw_case,
)

__all__ = [
    "DistributionError",
    "add_cases",
    "answer_case",
    "answer_refusal",
    "answer_url",
    "capacity_warning",
    "create_proposal",
    "decide_settlement",
    "expire_due_proposals",
    "make_decision_letter_again",
    "proposal_url",
    "record_letter_download",
    "remove_case",
    "send_due_reminders",
    "send_proposal",
    "settlement_decision_refusal",
    "withdraw_case",
]
