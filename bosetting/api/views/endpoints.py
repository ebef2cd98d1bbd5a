"""The API's endpoints. Each loads through the interface's scoped queries as the client's user."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosetting.cases import actions as case_actions
from bosetting.cases.models import Case
from bosetting.cases.queries import get_case_for, get_person_for, members_visible_to

from ..errors import ErrorSerializer
from ..pagination import Pagination
from ..queries import MunicipalityFigures, cases_for_api, municipality_figures
from ..scopes import Scope
from ..serializers import (
    CaseFilterSerializer,
    CaseSerializer,
    FiguresFilterSerializer,
    MunicipalityFiguresSerializer,
    PersonSerializer,
)
from .not_found import MAX_ID_DIGITS


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


ERRORS = {
    401: _error("Token mangler, er ukjent eller tilbakekalt."),
    403: _error("Klienten mangler tilgangen (scope) eller rollen til dette."),
    429: _error("For mange kall; se Retry-After."),
}
NOT_FOUND = {404: _error("Finnes ikke, eller klienten har ikke tilgang til det.")}
# The URL takes whole numbers of up to 18 digits (anything else is the API's JSON 404, see
# not_found.py); saying so keeps generated clients (and Schemathesis) to ids that can exist.
ID_PARAMETER = OpenApiParameter(
    "id",
    {"type": "integer", "minimum": 1, "maximum": 10**MAX_ID_DIGITS - 1},
    OpenApiParameter.PATH,
    description="Id-en fra listen.",
)
BAD_REQUEST = {400: _error("Ugyldige parametere; `errors` sier hvilke.")}


class ApiView(APIView):
    required_scope: Scope


class CaseList(ListAPIView):
    required_scope = Scope.CASES_READ
    serializer_class = CaseSerializer
    pagination_class = Pagination

    def get_queryset(self) -> QuerySet[Case]:
        filters = CaseFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return cases_for_api(self.request.user, **filters.validated_data)

    @extend_schema(
        operation_id="cases_list",
        summary="Sakene klienten har tilgang til",
        description="Eldste først (etter id). Filtrer på status og på når status sist endret seg.",
        parameters=[CaseFilterSerializer],
        responses={200: CaseSerializer(many=True), **BAD_REQUEST, **ERRORS, **NOT_FOUND},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CaseDetail(ApiView):
    required_scope = Scope.CASES_READ

    @extend_schema(
        operation_id="cases_retrieve",
        summary="Én sak med husstandens medlemmer",
        parameters=[ID_PARAMETER],
        responses={200: CaseSerializer, **ERRORS, **NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        case: Any = get_case_for(request.user, pk)
        case.member_list = list(members_visible_to(request.user, case))
        case_actions.record_file_view(by=request.user, case=case)
        return Response(CaseSerializer(case).data)


class PersonDetail(ApiView):
    required_scope = Scope.CASES_READ

    @extend_schema(
        operation_id="persons_retrieve",
        summary="Én person",
        parameters=[ID_PARAMETER],
        responses={200: PersonSerializer, **ERRORS, **NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        person = get_person_for(request.user, pk)
        if person.case is not None:
            case_actions.record_file_view(by=request.user, case=person.case, person=person)
        return Response(PersonSerializer(person).data)


class MunicipalityFiguresList(ListAPIView):
    required_scope = Scope.FIGURES_READ
    serializer_class = MunicipalityFiguresSerializer
    pagination_class = Pagination

    def get_queryset(self) -> list[MunicipalityFigures]:
        filters = FiguresFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return municipality_figures(
            self.request.user,
            year=filters.validated_data["year"],
            county_number=filters.validated_data.get("county", ""),
        )

    @extend_schema(
        operation_id="municipalities_list",
        summary="Kommunenes anmodede og vedtatte plasser for et år",
        description=(
            "Summer per kommune, som i rapporten «Anmodninger og vedtak». IMDi-klienter ser alle "
            "kommuner; en kommunes klient ser bare sin egen."
        ),
        parameters=[FiguresFilterSerializer],
        responses={
            200: MunicipalityFiguresSerializer(many=True),
            **BAD_REQUEST,
            **ERRORS,
            **NOT_FOUND,
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
