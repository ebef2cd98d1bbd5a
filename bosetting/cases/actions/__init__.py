"""Every write to persons, cases, assessments, documents and notes, each audited in its transaction.

Audit events about a case carry the case's settlement municipality (none before matching), so
no municipality's log shows anything about persons it has not accepted; summaries name the case
reference, never a person.
"""

from .assessments import (
    HealthInput,
    mark_ready,
    read_health_details,
    ready_refusal,
    return_to_assessment,
    save_assessment,
)
from .common import CaseError
from .files import add_note, open_document, record_file_view, record_search, upload_document
from .persons import PERSON_FIELDS, PersonData, add_member, change_person, register_case

__all__ = [
    "PERSON_FIELDS",
    "CaseError",
    "HealthInput",
    "PersonData",
    "add_member",
    "add_note",
    "change_person",
    "mark_ready",
    "open_document",
    "read_health_details",
    "ready_refusal",
    "record_file_view",
    "record_search",
    "register_case",
    "return_to_assessment",
    "save_assessment",
    "upload_document",
]
