"""What the API shows of cases, persons and figures. Never health details, notes or documents."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from bosetting.cases.models import Case, CaseState, Person
from bosetting.organisations.counties import county_numbers


class PersonSerializer(serializers.ModelSerializer[Person]):
    reception_centre = serializers.CharField(
        source="reception_centre.name", default=None, allow_null=True, read_only=True
    )
    case_id = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "duf_number",
            "national_id",
            "given_names",
            "family_name",
            "birth_date",
            "sex",
            "citizenship",
            "languages",
            "interpreter_language",
            "category",
            "residence",
            "reception_centre",
            "relation",
            "case_id",
        ]
        read_only_fields = fields


class MemberSerializer(PersonSerializer):
    class Meta(PersonSerializer.Meta):
        fields = [field for field in PersonSerializer.Meta.fields if field != "case_id"]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer[Case]):
    reference = serializers.CharField(read_only=True)
    municipality = serializers.CharField(
        source="municipality.number",
        default=None,
        allow_null=True,
        read_only=True,
        help_text="Bosettingskommunens kommunenummer, når saken er søkt ut.",
    )
    members = MemberSerializer(source="member_list", many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "state",
            "municipality",
            "created_at",
            "state_changed_at",
            "members",
        ]
        read_only_fields = fields


def single_value(params: QueryDict | dict[str, str], name: str) -> str | None:
    """A query parameter given once and not empty, or None when it is left out.

    DRF takes an empty optional parameter for a missing one (`?state=` lists every case) and the
    last of several: both hide a client's mistake, so both are 400 here.
    """
    if name not in params:
        return None
    values = params.getlist(name) if isinstance(params, QueryDict) else [params[name]]
    if len(values) > 1:
        raise ValidationError({name: [_("Oppgi parameteren bare én gang.")]})
    if not values[0].strip():
        raise ValidationError(
            {name: [_("Verdien kan ikke være tom. Utelat parameteren for ikke å filtrere.")]}
        )
    return values[0]


class QueryFilters(serializers.Serializer):
    """A list's filters: each given once, never empty, else valid as its field says."""

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        for name in self.fields:
            try:
                single_value(data, name)
            except ValidationError as error:
                errors.update(error.detail)
        try:
            values = super().to_internal_value(data)
        except ValidationError as error:
            errors = {**error.detail, **errors}
        if errors:
            raise ValidationError(errors)
        return values


class CaseFilterSerializer(QueryFilters):
    state = serializers.ChoiceField(
        choices=CaseState.choices,
        required=False,
        error_messages={
            # DRF fills in {input}; format_lazy keeps it while it fills in the states.
            "invalid_choice": format_lazy(
                _lazy("«{input}» er ingen status. Gyldige verdier: {states}."),
                input="{input}",
                states=", ".join(CaseState.values),
            )
        },
    )
    updated_since = serializers.DateTimeField(
        required=False,
        help_text="Bare saker som har endret status etter dette tidspunktet (ISO 8601).",
        error_messages={
            "invalid": _lazy(
                "Skriv tidspunktet som ISO 8601, for eksempel 2026-11-25T00:00:00+01:00."
            )
        },
    )


class MunicipalityFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    number = serializers.CharField(help_text="Kommunenummer")
    name = serializers.CharField()
    county_number = serializers.CharField()
    county_name = serializers.CharField()
    requested_places = serializers.IntegerField(help_text="Plasser IMDi har anmodet om")
    requested_minors = serializers.IntegerField(help_text="Herav enslige mindreårige")
    decided_places = serializers.IntegerField(help_text="Plasser kommunen har vedtatt")
    decided_minors = serializers.IntegerField(help_text="Herav enslige mindreårige")
    settled = serializers.IntegerField(help_text="Bosatte i kommunen dette året")


class WholeNumberField(serializers.IntegerField):
    """Digits only: DRF's own field also takes «2025.0» and « 2025», which no client means."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, str) and not (data.isascii() and data.isdigit()):
            self.fail("invalid")
        return super().to_internal_value(data)


YEAR_RANGE = _lazy("Året må være fra og med 2000 til og med 2100.")


class FiguresFilterSerializer(QueryFilters):
    year = WholeNumberField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Året; i år når det mangler.",
        error_messages={
            "invalid": _lazy("Skriv året med fire sifre, for eksempel 2026."),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
    )
    county = serializers.ChoiceField(
        choices=county_numbers(),
        required=False,
        help_text="Fylkesnummer, to sifre.",
        error_messages={"invalid_choice": _lazy("Det finnes ikke noe fylke med nummer «{input}».")},
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.setdefault("year", timezone.localdate().year)
        return attrs
