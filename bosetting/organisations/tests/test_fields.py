"""The municipality fields: options from the cache, the same as the table, forgotten on change."""

from __future__ import annotations

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bosetting.organisations.actions import load_municipalities
from bosetting.organisations.fields import (
    MunicipalityChoiceField,
    MunicipalityMultipleChoiceField,
    municipality_options,
)
from bosetting.organisations.models import Municipality

pytestmark = pytest.mark.django_db


class ChooseOne(forms.Form):
    municipality = MunicipalityChoiceField(by_name=True, required=False, empty_label="Alle")


class ChooseByNumber(forms.Form):
    municipality = MunicipalityChoiceField(to_field_name="number", empty_label=None)


class ChooseSeveral(forms.Form):
    municipalities = MunicipalityMultipleChoiceField(
        by_name=True, with_number=False, to_field_name="number", required=False
    )


@pytest.fixture
def loaded() -> None:
    load_municipalities()


def test_options_are_the_table_and_read_once(loaded: None) -> None:
    expected = list(Municipality.objects.order_by("number").values_list("pk", "number", "name"))
    assert municipality_options() == expected
    with CaptureQueriesContext(connection) as queries:
        html = str(ChooseOne()["municipality"]) + str(ChooseOne()["municipality"])
    assert len(queries) == 0
    assert html.count("<option") == 2 * (357 + 1)


def test_labels_order_and_values(loaded: None) -> None:
    bergen = Municipality.objects.get(number="4601")
    one = list(ChooseOne().fields["municipality"].choices)
    assert one[0] == ("", "Alle")
    names = [label.split(" ", 1)[1] for _value, label in one[1:]]
    assert names == sorted(names)
    assert (bergen.pk, "4601 Bergen") in one
    by_number = list(ChooseByNumber().fields["municipality"].choices)
    assert by_number[0] == ("0301", "0301 Oslo")
    several = list(ChooseSeveral().fields["municipalities"].choices)
    assert ("4601", "Bergen") in several


def test_a_bound_choice_is_selected_and_validated_against_the_table(loaded: None) -> None:
    bergen = Municipality.objects.get(number="4601")
    form = ChooseOne({"municipality": str(bergen.pk)})
    assert form.is_valid()
    assert form.cleaned_data["municipality"] == bergen
    assert f'<option value="{bergen.pk}" selected>4601 Bergen</option>' in str(form["municipality"])
    several = ChooseSeveral({"municipalities": ["4601", "0301"]})
    assert several.is_valid()
    assert {m.number for m in several.cleaned_data["municipalities"]} == {"4601", "0301"}
    refused = ChooseOne({"municipality": "999999"})
    assert not refused.is_valid()
    assert "municipality" in refused.errors


def test_a_renamed_municipality_is_shown_by_its_new_name(loaded: None) -> None:
    assert ("4601", "4601 Bergen") in list(ChooseByNumber().fields["municipality"].choices)
    bergen = Municipality.objects.get(number="4601")
    bergen.name = "Bjørgvin"
    bergen.save(update_fields=["name"])
    choices = list(ChooseByNumber().fields["municipality"].choices)
    assert ("4601", "4601 Bjørgvin") in choices
    assert ("4601", "4601 Bergen") not in choices
