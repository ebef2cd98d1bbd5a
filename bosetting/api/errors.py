"""Every error the API answers has one shape: {"detail": "...", "errors": {"field": ["..."]}}."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from bosetting.accounts.permissions import AccessDenied


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Hva som gikk galt, på norsk.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Feil per felt eller parameter; tom når feilen gjelder hele kallet.",
    )


def _messages(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Fant ikke det du spurte etter."))
    elif isinstance(exc, AccessDenied):
        exc = exceptions.PermissionDenied(str(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    errors: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = _("Forespørselen har ugyldige verdier.")
        data = exc.detail
        if isinstance(data, dict):
            errors = {str(field): _messages(value) for field, value in data.items()}
        else:
            errors = {"non_field_errors": _messages(data)}
    elif isinstance(exc, exceptions.Throttled):
        detail = _("For mange kall. Prøv igjen om %(seconds)s sekunder.") % {
            "seconds": int(exc.wait or 1)
        }
    elif isinstance(exc, exceptions.NotAuthenticated):
        detail = _("Kallet mangler token. Send «Authorization: Bearer <token>».")
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detail = _("Metoden %(method)s er ikke tillatt her.") % {
            "method": context["request"].method
        }
    else:
        detail = str(exc.detail) if isinstance(exc, exceptions.APIException) else str(exc)
    response.data = {"detail": detail, "errors": errors}
    return response
