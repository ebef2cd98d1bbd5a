"""The roles of DOMAIN.md, and which kind of organisation may hold each."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bosetting.organisations.models import Organisation


class Role(models.TextChoices):
    IMDI_ADMIN = "imdi_admin", _("IMDi-administrator")
    IMDI_CASEWORKER = "imdi_caseworker", _("Saksbehandler IMDi")
    IMDI_READER = "imdi_reader", _("Lesetilgang IMDi")
    MUNICIPAL_ADMIN = "municipal_admin", _("Kommuneadministrativ bruker")
    MUNICIPAL_CASEWORKER = "municipal_caseworker", _("Saksbehandler bosetting")
    MUNICIPAL_READER = "municipal_reader", _("Lesetilgang kommune")
    RECEPTION_STAFF = "reception_staff", _("Ansatt mottak")


ROLES_BY_ORGANISATION_KIND: dict[str, list[Role]] = {
    Organisation.Kind.IMDI: [Role.IMDI_ADMIN, Role.IMDI_CASEWORKER, Role.IMDI_READER],
    Organisation.Kind.MUNICIPALITY: [
        Role.MUNICIPAL_ADMIN,
        Role.MUNICIPAL_CASEWORKER,
        Role.MUNICIPAL_READER,
    ],
    Organisation.Kind.RECEPTION_CENTRE: [Role.RECEPTION_STAFF],
}


def roles_for(organisation: Organisation) -> list[Role]:
    return ROLES_BY_ORGANISATION_KIND[organisation.kind]
