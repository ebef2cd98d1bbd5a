"""The audit log of every cases action names the case, never the person it is about.

Each action runs on a household whose names and numbers are markers; no event it writes may carry
one in its summary or details (the log is searched and shown to municipalities).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bosetting.audit.models import AuditEvent
from bosetting.cases import actions
from bosetting.cases.actions import HealthInput, PersonData
from bosetting.cases.models import Case, CaseState, Category, Relation, Residence, Sex
from bosetting.cases.validators import make_national_id

from .factories import COMPLETE_ADULT

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1984, 7, 9)
MARKERS = {
    "given": "Givenmarkerqx",
    "family": "Familymarkerqy",
    "duf": "998877665544",
    "national_id": make_national_id(BIRTH, start=321),
    "health": "Healthmarker-g7",
    "note": "Notemarker-f6",
    "title": "Titlemarker-h8",
    "file": "Filemarker-i9",
}


def _head() -> PersonData:
    return PersonData(
        duf_number=MARKERS["duf"],
        national_id=MARKERS["national_id"],
        given_names=MARKERS["given"],
        family_name=MARKERS["family"],
        birth_date=BIRTH,
        sex=Sex.MALE,
        citizenship="SYR",
        category=Category.RESETTLEMENT,
        residence=Residence.PRIVATE,
    )


def _member() -> PersonData:
    return replace(
        _head(),
        duf_number="998877665545",
        national_id="",
        given_names=f"{MARKERS['given']}junior",
        birth_date=datetime.date(2012, 1, 1),
    )


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{MARKERS['file']}.pdf", b"%PDF-1.4\n")


def _health() -> HealthInput:
    return HealthInput(
        consent=True,
        consent_date=datetime.date(2026, 1, 5),
        consent_taken_by="Kari",
        details=MARKERS["health"],
    )


def _register(cast: SimpleNamespace, case: Case) -> Any:
    return actions.register_case(
        by=cast.imdi_caseworker,
        head=replace(
            _head(), duf_number="998877665546", national_id="", given_names=f"{MARKERS['given']}ny"
        ),
    )


def _assess_all(case: Case) -> None:
    for person in case.members.all():
        actions.save_assessment(
            by=None, person=person, data=dict(COMPLETE_ADULT), health=HealthInput()
        )


def _mark_ready(cast: SimpleNamespace, case: Case) -> Any:
    _assess_all(case)
    return actions.mark_ready(by=cast.imdi_caseworker, case=case)


def _return(cast: SimpleNamespace, case: Case) -> Any:
    _assess_all(case)
    actions.mark_ready(by=None, case=case)
    return actions.return_to_assessment(by=cast.imdi_caseworker, case=case)


def _as_bergen(action: Callable[[SimpleNamespace, Case], Any]) -> Callable[..., Any]:
    """Run `action` as Bergen's caseworker on the household once it is matched to Bergen."""

    def run(cast: SimpleNamespace, case: Case) -> Any:
        Case.objects.filter(pk=case.pk).update(state=CaseState.MATCHED, municipality=cast.bergen)
        return action(cast, Case.objects.get(pk=case.pk))

    return run


ACTIONS: dict[str, Callable[[SimpleNamespace, Case], Any]] = {
    "register_case": _register,
    "add_member": lambda cast, case: actions.add_member(
        by=cast.imdi_caseworker, case=case, person=_member(), relation=Relation.CHILD
    ),
    "change_person": lambda cast, case: actions.change_person(
        by=cast.imdi_caseworker,
        person=case.members.get(),
        data=replace(_head(), family_name=f"{MARKERS['family']}son"),
    ),
    "save_assessment": lambda cast, case: actions.save_assessment(
        by=cast.imdi_caseworker,
        person=case.members.get(),
        data={"note": MARKERS["note"]},
        health=_health(),
    ),
    "mark_ready": _mark_ready,
    "return_to_assessment": _return,
    "read_health_details": _as_bergen(
        lambda cast, case: actions.read_health_details(
            by=cast.bergen_caseworker, person=case.members.get()
        )
    ),
    "record_file_view": _as_bergen(
        lambda cast, case: actions.record_file_view(
            by=cast.bergen_caseworker, case=case, person=case.members.get()
        )
    ),
    "upload_document": _as_bergen(
        lambda cast, case: actions.upload_document(
            by=cast.bergen_caseworker, case=case, title=MARKERS["title"], upload=_pdf()
        )
    ),
    "open_document": _as_bergen(
        lambda cast, case: actions.open_document(
            by=cast.bergen_caseworker,
            document=actions.upload_document(
                by=None, case=case, title=MARKERS["title"], upload=_pdf()
            ),
        ).close()
    ),
    "add_note": _as_bergen(
        lambda cast, case: actions.add_note(
            by=cast.bergen_caseworker, case=case, text=MARKERS["note"]
        )
    ),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_the_events_of_an_action_name_the_case_and_never_the_person(cast, name):
    case = actions.register_case(by=None, head=_head())
    actions.save_assessment(by=None, person=case.members.get(), data={}, health=_health())
    first_new = (AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1

    ACTIONS[name](cast, case)

    events = list(AuditEvent.objects.filter(id__gte=first_new))
    assert events, f"{name} wrote no audit event"
    for event in events:
        text = f"{event.summary} {json.dumps(event.details, ensure_ascii=False)}".lower()
        for marker_name, marker in MARKERS.items():
            assert marker.lower() not in text, f"{name}: {marker_name} in «{event.summary}»"
        assert "sak 0" in event.summary.lower(), event.summary
