"""POST a resident's settlement date: the settlement app's own action, as the client's user."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosetting.cases.models import Person
from bosetting.settlement import actions as settlement_actions
from bosetting.settlement.models import Settlement, Source
from bosetting.settlement.queries import registrable_persons

from ..scopes import Scope
from .endpoints import BAD_REQUEST, ERRORS, ID_PARAMETER, NOT_FOUND


class SettlementInputSerializer(serializers.Serializer):
    settled_on = serializers.DateField(help_text="Dagen personen kom til kommunen (ÅÅÅÅ-MM-DD).")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text="Begrunnelse; påkrevd når en registrert dato rettes.",
    )


class SettlementSerializer(serializers.ModelSerializer[Settlement]):
    person_id = serializers.IntegerField(read_only=True)
    case_id = serializers.IntegerField(source="person.case_id", read_only=True)
    case_state = serializers.CharField(source="person.case.state", read_only=True)
    municipality = serializers.CharField(
        source="municipality.number", read_only=True, help_text="Bosettingskommunens nummer."
    )
    corrected = serializers.SerializerMethodField()

    class Meta:
        model = Settlement
        fields = [
            "id",
            "person_id",
            "case_id",
            "case_state",
            "municipality",
            "settled_on",
            "source",
            "corrected",
        ]
        read_only_fields = fields

    def get_corrected(self, settlement: Settlement) -> bool:
        return settlement.corrects_id is not None


class PersonSettlement(APIView):
    required_scope = Scope.SETTLEMENT_WRITE

    @extend_schema(
        operation_id="persons_settlement_create",
        summary="Registrer at en beboer er bosatt (flyttet ut til kommunen)",
        description=(
            "Samme regler som i brukergrensesnittet: datoen kan ikke være før vedtaket om "
            "bosettingskommune eller frem i tid, og en retting må begrunnes. Å sende samme dato "
            "igjen endrer ingenting og svarer 200, så et kall kan trygt gjentas."
        ),
        parameters=[ID_PARAMETER],
        request=SettlementInputSerializer,
        responses={
            201: SettlementSerializer,
            200: OpenApiResponse(
                SettlementSerializer, description="Datoen var allerede registrert."
            ),
            **BAD_REQUEST,
            **ERRORS,
            **NOT_FOUND,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        person: Person | None = (
            registrable_persons(request.user).select_related("case").filter(pk=pk).first()
        )
        if person is None:
            raise Http404
        data = SettlementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settled_on = data.validated_data["settled_on"]
        current = _current(person)
        if current is not None and current.settled_on == settled_on:
            return Response(SettlementSerializer(current).data, status=status.HTTP_200_OK)
        try:
            settlement_actions.register_settlement(
                by=request.user,
                persons=[person],
                settled_on=settled_on,
                reason=data.validated_data.get("reason", ""),
                source=Source.API,
            )
        except settlement_actions.SettlementError as refused:
            raise ValidationError(
                {refused.field or "non_field_errors": [refused.message]}
            ) from None
        return Response(SettlementSerializer(_current(person)).data, status=status.HTTP_201_CREATED)


def _current(person: Person) -> Settlement | None:
    return (
        Settlement.objects.select_related("municipality", "person__case")
        .filter(person=person, is_current=True)
        .first()
    )
