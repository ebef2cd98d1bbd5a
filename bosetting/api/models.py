"""API clients: another system acting for one organisation, through its own service user."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosetting.organisations.models import Organisation

from .scopes import Scope


class ApiClient(models.Model):
    name = models.CharField(_("navn"), max_length=100)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="api_clients"
    )
    scopes = models.JSONField(_("tilganger"), default=list)
    # The token's first characters, shown in lists and used to find the row; the rest is secret
    # and only its SHA-256 is kept, so a database leak gives no usable token.
    token_prefix = models.CharField(_("tokenprefiks"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    # Every call runs as this user, so the interface's permission rules and actions apply as is.
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    created_at = models.DateTimeField(_("opprettet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(_("sist brukt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbakekalt"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("API-klient")
        verbose_name_plural = _("API-klienter")
        ordering = ["name", "pk"]
        constraints = [
            # Who without when is never true: a revocation names its time.
            models.CheckConstraint(
                condition=Q(revoked_by__isnull=True) | Q(revoked_at__isnull=False),
                name="api_client_revoked_by_only_with_revoked_at",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: Scope) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        return [str(Scope(scope).label) for scope in self.scopes if scope in Scope.values]
