"""Forms of the user administration screens. Rules live in actions; forms catch bad input early."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosetting.core.forms import choice_field
from bosetting.organisations.models import Organisation

from .actions import grantable_roles
from .models import User
from .permissions import Permission, scope_for
from .roles import Role


class UserStatus(models.TextChoices):
    """Where a user stands: shown in the list and on the detail page, and filtered on."""

    ACTIVE = "active", gettext_lazy("Aktiv")  # has chosen a password and may log in
    INVITED = "invited", gettext_lazy("Invitert")  # invited, has not yet chosen a password
    DEACTIVATED = "deactivated", gettext_lazy("Deaktivert")  # may no longer log in


def with_status(users: QuerySet[User]) -> QuerySet[User]:
    """Annotate each user with `status`, one of UserStatus."""
    return users.annotate(
        status=Case(
            When(is_active=False, then=Value(UserStatus.DEACTIVATED)),
            # The same test as `resend_invitation`: no usable password yet means not yet accepted.
            # Accepted through Ansattporten instead: the person is bound, no password needed.
            When(
                password__startswith=UNUSABLE_PASSWORD_PREFIX,
                ansattporten_pid_hash=None,
                then=Value(UserStatus.INVITED),
            ),
            default=Value(UserStatus.ACTIVE),
            output_field=CharField(),
        )
    )


def status_of(user: User) -> str:
    if not user.is_active:
        return UserStatus.DEACTIVATED
    if not user.has_usable_password() and user.ansattporten_pid_hash is None:
        return UserStatus.INVITED
    return UserStatus.ACTIVE


def _organisation_choices() -> list[tuple[Any, Any]]:
    """Every organisation, grouped by kind: IMDi, municipalities, reception centres."""
    groups: dict[str, list[tuple[int, str]]] = {kind: [] for kind in Organisation.Kind.values}
    for pk, kind, name in Organisation.objects.order_by("name").values_list("pk", "kind", "name"):
        groups[kind].append((pk, name))
    group_labels: dict[str, str] = {
        Organisation.Kind.IMDI: _("IMDi"),
        Organisation.Kind.MUNICIPALITY: _("Kommuner"),
        Organisation.Kind.RECEPTION_CENTRE: _("Mottak"),
    }
    return [(group_labels[kind], groups[kind]) for kind in Organisation.Kind.values if groups[kind]]


def _role_choices(roles: list[Role]) -> list[tuple[str, str]]:
    return [(role.value, str(role.label)) for role in roles]


def _role_list(roles: Any) -> str:
    return ", ".join(str(Role(role).label) for role in roles)


class UserFilterForm(forms.Form):
    search = forms.CharField(
        label=gettext_lazy("Søk etter navn eller e-post"), required=False, max_length=200
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Alle")), *UserStatus.choices],
    )
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Organisasjon"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, by: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if scope_for(by, Permission.USER_MANAGE).everything:
            choice_field(self, "organisation").choices = [
                ("", _("Alle organisasjoner")),
                *_organisation_choices(),
            ]
        else:
            del self.fields["organisation"]

    def filter(self, users: QuerySet[User]) -> QuerySet[User]:
        """The users that match the valid part of the filter (call after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        for term in (data.get("search") or "").split():
            users = users.filter(
                Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(email__icontains=term)
                | Q(username__icontains=term)
            )
        if data.get("status"):
            users = users.filter(Q(status=data["status"]))  # a Q: the annotation is unknown to mypy
        if data.get("organisation"):
            users = users.filter(organisation_id=data["organisation"])
        return users


class InviteUserForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("Fornavn"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Etternavn"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-post"), max_length=254)
    organisation = forms.TypedChoiceField(label=gettext_lazy("Organisasjon"), coerce=int)
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roller"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, by: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by = by
        for name in ("first_name", "last_name", "email"):
            self.fields[name].widget.attrs["autocomplete"] = "off"  # another person's details
        self.fixed_organisation: Organisation | None = None
        if scope_for(by, Permission.USER_MANAGE).everything:
            choice_field(self, "organisation").choices = [
                ("", _("Velg organisasjon")),
                *_organisation_choices(),
            ]
            self.fields["organisation"].help_text = _(
                "IMDi-roller gis bare i IMDi. I en kommune inviterer du den første "
                "kommuneadministrative brukeren, i et mottak de ansatte."
            )
            roles: list[Role] = []
            for kind in Organisation.Kind.values:
                # An unsaved organisation of each kind: which roles may `by` give there at all?
                for role in grantable_roles(by, Organisation(kind=kind)):
                    if role not in roles:
                        roles.append(role)
        else:
            del self.fields["organisation"]
            self.fixed_organisation = by.organisation
            assert by.organisation is not None
            roles = grantable_roles(by, by.organisation)
        choice_field(self, "roles").choices = _role_choices(roles)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("Det finnes allerede en bruker med denne e-postadressen."))
        return email

    def clean_organisation(self) -> Organisation:
        organisation = Organisation.objects.filter(pk=self.cleaned_data["organisation"]).first()
        if organisation is None:
            raise ValidationError(_("Velg en organisasjon fra listen."))
        return organisation

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.fixed_organisation is not None:
            cleaned["organisation"] = self.fixed_organisation
        organisation = cleaned.get("organisation")
        roles = cleaned.get("roles")
        if organisation is not None and roles:
            allowed = {role.value for role in grantable_roles(self.by, organisation)}
            refused = sorted(set(roles) - allowed)
            if refused:
                self.add_error(
                    "roles",
                    _("Du kan ikke gi rollen %(roles)s i %(org)s. Der kan du gi: %(allowed)s.")
                    % {
                        "roles": _role_list(refused),
                        "org": organisation,
                        "allowed": _role_list(sorted(allowed)) or _("ingen roller"),
                    },
                )
        return cleaned


class RolesForm(forms.Form):
    """The roles `by` may change; roles they may not change are kept as they are."""

    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Velg roller"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, by: User, user: User, **kwargs: Any) -> None:
        assert user.organisation is not None
        grantable = {role.value for role in grantable_roles(by, user.organisation)}
        current = user.role_set
        self.kept_roles = sorted(current - grantable)
        kwargs.setdefault("initial", {"roles": sorted(current & grantable)})
        super().__init__(*args, **kwargs)
        field = choice_field(self, "roles")
        field.choices = [(role.value, str(role.label)) for role in Role if role.value in grantable]
        if self.kept_roles:
            field.help_text = _("Brukeren har også rollen %(roles)s, som du ikke kan endre.") % {
                "roles": _role_list(self.kept_roles)
            }

    def new_roles(self) -> list[str]:
        return sorted(set(self.cleaned_data["roles"]) | set(self.kept_roles))


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=gettext_lazy("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy(
            "Minst 12 tegn. Det kan ikke bestå bare av tall, være et vanlig passord eller "
            "ligne for mye på navnet eller e-postadressen din."
        ),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Gjenta passordet"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password1(self) -> str:
        password: str = self.cleaned_data["password1"]
        try:
            validate_password(password, self.user)
        except ValidationError as error:
            raise ValidationError(
                [_password_error_in_norwegian(e) for e in error.error_list]
            ) from None
        return password

    def clean_password2(self) -> str:
        password: str = self.cleaned_data["password2"]
        first = self.cleaned_data.get("password1")
        if first is not None and password != first:
            raise ValidationError(
                _("Passordene er ikke like. Skriv det samme passordet to ganger.")
            )
        return password


def _password_error_in_norwegian(error: ValidationError) -> ValidationError:
    """Django's Norwegian catalogue lacks the minimum length message; the others it has."""
    if error.code == "password_too_short" and error.params:
        min_length = error.params["min_length"]
        return ValidationError(
            _("Passordet er for kort. Det må ha minst %(min_length)d tegn.")
            % {"min_length": min_length},
            code=error.code,
        )
    return error
