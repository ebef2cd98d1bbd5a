import dataclasses
import datetime
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from bosetting.cases import actions
from bosetting.cases.actions import HealthInput, PersonData
from bosetting.cases.models import Category, Relation, Residence, Sex
from bosetting.cases.summary import AnonymisedMember, AnonymisedSummary, anonymised_summary
from bosetting.cases.validators import make_national_id

HEAD_BIRTH = datetime.date(1987, 3, 14)
CHILD_BIRTH = datetime.date(2016, 11, 29)


def _marked_case(cast):
    """A household whose every identity field and free text carries a marker of its own."""
    head_id = make_national_id(HEAD_BIRTH, d_number=True)
    child_id = make_national_id(CHILD_BIRTH)
    markers = {
        "given": "Givenmarkerqx",
        "family": "Familymarkerqy",
        "child_given": "Childmarkerqz",
        "duf_head": "987654321012",
        "duf_child": "876543210123",
        "national_head": head_id,
        "national_child": child_id,
        "network": "Networkmarker-a1",
        "education_field": "Fieldmarker-b2",
        "work_fields": "Workmarker-c3",
        "wish_reasons": "Wishmarker-d4",
        "pets": "Petmarker-e5",
        "note": "Notemarker-f6",
        "health": "Healthmarker-g7",
        "document": "Documentmarker-h8",
        "file_note": "Filenotemarker-i9",
        "consent_by": "Consentmarker-j10",
        "head_birth_iso": HEAD_BIRTH.isoformat(),
        "head_birth_nb": HEAD_BIRTH.strftime("%d.%m.%Y"),
        "child_birth_iso": CHILD_BIRTH.isoformat(),
        "child_birth_nb": CHILD_BIRTH.strftime("%d.%m.%Y"),
    }

    def data(given, duf, national_id, birth):
        return PersonData(
            duf_number=duf,
            national_id=national_id,
            given_names=given,
            family_name=markers["family"],
            birth_date=birth,
            sex=Sex.FEMALE,
            citizenship="ERI",
            category=Category.RESETTLEMENT,
            residence=Residence.RECEPTION_CENTRE,
            reception_centre=cast.centre,
            languages=["tir", "ara"],
            interpreter_language="tir",
        )

    case = actions.register_case(
        by=None, head=data(markers["given"], markers["duf_head"], head_id, HEAD_BIRTH)
    )
    child = actions.add_member(
        by=None,
        case=case,
        person=data(markers["child_given"], markers["duf_child"], child_id, CHILD_BIRTH),
        relation=Relation.CHILD,
    )
    head = case.members.get(relation=Relation.HEAD)
    actions.save_assessment(
        by=None,
        person=head,
        data={
            "family_in_norway": "yes",
            "family_municipalities": ["4601"],
            "network_note": markers["network"],
            "education_level": "bachelor",
            "education_field": markers["education_field"],
            "education_years": 15,
            "work_years": 6,
            "work_fields": markers["work_fields"],
            "norwegian_level": "A2",
            "special_needs": ["housing_adaptation", "health_follow_up"],
            "wish_reasons": markers["wish_reasons"],
            "has_pets": "yes",
            "pets": markers["pets"],
            "note": markers["note"],
        },
        health=HealthInput(
            consent=True,
            consent_date=datetime.date(2026, 1, 2),
            consent_taken_by=markers["consent_by"],
            details=markers["health"],
        ),
    )
    actions.upload_document(
        by=None,
        case=case,
        person=child,
        title=markers["document"],
        upload=SimpleUploadedFile(f"{markers['document']}.pdf", b"%PDF-1.4\n"),
    )
    actions.add_note(by=None, case=case, text=markers["file_note"])
    return case, markers


def test_no_identity_field_or_free_text_reaches_the_summary(cast):
    case, markers = _marked_case(cast)
    summary = anonymised_summary(case, today=datetime.date(2026, 6, 1))
    as_text = [
        repr(summary),
        json.dumps(summary.as_dict(), ensure_ascii=False),
        render_to_string("cases/_anonymised_summary.html", {"summary": summary}),
    ]
    for text in as_text:
        for name, marker in markers.items():
            assert marker.lower() not in text.lower(), f"{name} reached the summary"


def test_the_summary_keeps_what_a_municipality_needs(cast):
    case, _ = _marked_case(cast)
    summary = anonymised_summary(case, today=datetime.date(2026, 6, 1))
    head, child = summary.members
    assert summary.household_size == 2
    assert (head.relation, head.birth_year, head.age) == ("head", 1987, 39)
    assert (child.relation, child.birth_year, child.age) == ("child", 2016, 9)
    assert head.citizenship_label == "Eritrea"
    assert head.languages == ("Tigrinja", "Arabisk")
    assert (head.education_level, head.education_years, head.work_years) == (
        "Høyere utdanning, lavere grad",
        15,
        6,
    )
    assert head.special_needs == ("Tilrettelagt bolig", "Helsemessig oppfølging")
    html = render_to_string("cases/_anonymised_summary.html", {"summary": summary})
    assert "Eritrea" in html and "Tilrettelagt bolig" in html


def test_the_summary_has_no_field_that_could_carry_identity():
    # A new field must be a deliberate choice: this list is what the summary may ever hold.
    assert {f.name for f in dataclasses.fields(AnonymisedSummary)} == {
        "case_reference",
        "household_size",
        "members",
    }
    assert {f.name for f in dataclasses.fields(AnonymisedMember)} == {
        "relation",
        "relation_label",
        "birth_year",
        "age",
        "sex_label",
        "citizenship",
        "citizenship_label",
        "category_label",
        "languages",
        "interpreter_language",
        "norwegian_level",
        "education_level",
        "education_years",
        "work_years",
        "special_needs",
    }
