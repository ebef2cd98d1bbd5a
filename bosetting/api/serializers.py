"""What the API shows of cases, persons and figures. Never health details, notes or documents."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from bosetting.cases.models import Case, CaseState, Person


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


class CaseFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=CaseState.choices, required=False)
    updated_since = serializers.DateTimeField(
        required=False,
        help_text="Bare saker som har endret status etter dette tidspunktet (ISO 8601).",
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


class FiguresFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text="Året; i år når det mangler."
    )
    county = serializers.RegexField(r"^\d{2}$", required=False, help_text="Fylkesnummer, to sifre.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.setdefault("year", timezone.localdate().year)
        return attrs
