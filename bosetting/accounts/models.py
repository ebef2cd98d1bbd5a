"""Users belong to one organisation and hold one or more of its roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from bosetting.organisations.models import Municipality, Organisation

from .roles import Role

if TYPE_CHECKING:
    from .permissions import AccessState


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,  # only for the operators' own superuser accounts made with createsuperuser
        verbose_name=_("organisasjon"),
    )
    email = models.EmailField(_("e-post"), unique=True)
    deactivated_at = models.DateTimeField(_("deaktivert"), null=True, blank=True)
    # Raised on every deactivation and part of the session's hash, so every session the user had
    # ends at its next request and no reactivation brings one back.
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    # The person's national identity number from Ansattporten (`pid`), bound when they accept
    # their invitation there: only a keyed hash (accounts.ansattporten.pid), never the number.
    ansattporten_pid_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    # Filled once per request by permissions.access_state(); see there.
    _access_state: AccessState | None = None

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        return salted_hmac(
            "bosetting.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def role_set(self) -> frozenset[str]:
        """The user's roles, loaded once per user object."""
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            if "roles" in getattr(self, "_prefetched_objects_cache", {}):
                cached = frozenset(role.role for role in self.roles.all())
            else:
                cached = frozenset(self.roles.values_list("role", flat=True))
            self._role_cache = cached
        return cached

    @property
    def own_municipality(self) -> Municipality | None:
        """The user's municipality, if they work in one: what their audit events concern."""
        return self.organisation.own_municipality if self.organisation else None

    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in sorted(self.role_set)]


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("rolle"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(_("tildelt"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_role_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class Invitation(models.Model):
    """A link that lets an invited user set a password and then enrol TOTP. Only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    # None: made by the system (create_first_admin), before any administrator exists.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("utløper"))
    accepted_at = models.DateTimeField(_("tatt i bruk"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%d.%m.%Y})"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


# Who performs an action: a user (a person, or an API client's service user), or None for the
# system itself (management commands, imports, demo data), which may do anything.
Actor: TypeAlias = User | None
