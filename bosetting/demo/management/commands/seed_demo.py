"""Demo data for trying the system: IMDi, Bergen, Oslo, Stord, two reception centres, their users."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.accounts.totp import enrol_totp
from bosetting.core.pdf import render_pdf
from bosetting.demo import national
from bosetting.demo.seed import cases as cases_demo
from bosetting.demo.seed import distribution as distribution_demo
from bosetting.demo.seed import needs as needs_demo
from bosetting.demo.seed import planning as planning_demo
from bosetting.demo.seed import settlement as settlement_demo
from bosetting.organisations.actions import (
    create_reception_centre,
    ensure_imdi,
    load_municipalities,
    publish_agreement,
    register_signature,
)
from bosetting.organisations.models import (
    AgreementSignature,
    DataProcessingAgreement,
    Municipality,
    Organisation,
    ReceptionCentre,
)
from bosetting.requestformula.actions import load_population

DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105  (demo mode only; production refuses demo mode)

AGREEMENT_VERSION = "2026-1"
AGREEMENT_TITLE = "Databehandleravtale mellom IMDi og kommunen om bosettingssystemet"
AGREEMENT_TEXT = """\
Denne avtalen regulerer kommunens behandling av personopplysninger i bosettingssystemet på vegne av IMDi.
Kommunen behandler opplysninger om flyktninger som kommunen har sagt ja til å bosette, og bare for å forberede og gjennomføre bosettingen.
Kommunen sørger for at bare ansatte som arbeider med bosetting får tilgang, og at kommuneadministrative brukere holder tilgangene oppdatert.
Helseopplysninger og andre særlige kategorier av personopplysninger behandles bare når det er nødvendig, og all lesing av dem logges.
Kommunen har selv ansvar for arkivering og journalføring av dokumenter som lastes ned fra systemet.
Avvik meldes til IMDi uten ugrunnet opphold."""

RECEPTION_CENTRES = [
    ("Fana mottak", ReceptionCentre.Kind.ORDINARY, "4601"),
    ("Råde integreringsmottak", ReceptionCentre.Kind.INTEGRATION, "3112"),
]

# (username, first name, last name, organisation key, roles). Invented people.
DEMO_USERS: list[tuple[str, str, str, str, list[Role]]] = [
    ("imdi.admin", "Ingrid", "Aasheim", "imdi", [Role.IMDI_ADMIN]),
    ("imdi.saksbehandler", "Jonas", "Birkeland", "imdi", [Role.IMDI_CASEWORKER]),
    ("imdi.leser", "Hanne", "Lie", "imdi", [Role.IMDI_READER]),
    ("bergen.admin", "Kari", "Nordvik", "4601", [Role.MUNICIPAL_ADMIN]),
    ("bergen.saksbehandler", "Ola", "Haugland", "4601", [Role.MUNICIPAL_CASEWORKER]),
    ("bergen.leser", "Siri", "Myklebust", "4601", [Role.MUNICIPAL_READER]),
    ("oslo.admin", "Amir", "Haddad", "0301", [Role.MUNICIPAL_ADMIN]),
    ("oslo.saksbehandler", "Marte", "Solberg", "0301", [Role.MUNICIPAL_CASEWORKER]),
    ("stord.admin", "Leif", "Tveit", "4614", [Role.MUNICIPAL_ADMIN]),
    ("stord.saksbehandler", "Nina", "Sævareid", "4614", [Role.MUNICIPAL_CASEWORKER]),
    ("mottak.ansatt", "Tor", "Vik", "Fana mottak", [Role.RECEPTION_STAFF]),
    ("mottak2.ansatt", "Fatima", "Yusuf", "Råde integreringsmottak", [Role.RECEPTION_STAFF]),
]


class Command(BaseCommand):
    help = "Legger inn demodata (bare i demomodus). Trygt å kjøre flere ganger."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--scale",
            choices=["demo", "national"],
            default="demo",
            help="national: også ti år med data for hele landet (om lag 250 000 personer).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo virker bare i demomodus (BOSETTING_DEMO=1).")
        imdi = ensure_imdi()
        load_municipalities()
        load_population()
        organisations = self._organisations(imdi)
        for username, first, last, org_key, roles in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            user = create_user(
                by=None,
                organisation=organisations[org_key],
                username=username,
                email=f"{username}@demo.bosetting.no",
                first_name=first,
                last_name=last,
                roles=roles,
                password=DEMO_PASSWORD,
            )
            enrol_totp(user=user)
        self._agreements()
        # Each domain app seeds its own demo data, in the order of the process.
        planning_demo.seed(stdout=self.stdout)
        needs_demo.seed(stdout=self.stdout)
        cases_demo.seed(stdout=self.stdout)
        distribution_demo.seed(stdout=self.stdout)
        settlement_demo.seed(stdout=self.stdout)
        if options["scale"] == "national":
            self._national()
        self.stdout.write(self.style.SUCCESS("Demodata er på plass."))

    def _national(self) -> None:
        if national.is_generated():
            self.stdout.write("Nasjonale data finnes allerede, hopper over.")
            return
        self.stdout.write("Lager ti år med data for hele landet (noen minutter) …")
        # The progress bar goes to stderr, where a redirected stdout does not catch it.
        generated = national.generate(by=User.objects.get(username="imdi.saksbehandler"))
        if generated is not None:
            self.stdout.write(
                f"Nasjonale data: {generated.persons} personer, {generated.cases} saker, "
                f"{generated.requests} anmodninger, {generated.events} hendelser "
                f"på {generated.seconds:.0f} s."
            )

    def _organisations(self, imdi: Organisation) -> dict[str, Organisation]:
        organisations = {"imdi": imdi}
        for municipality in Municipality.objects.filter(number__in=["4601", "0301", "4614"]):
            organisations[municipality.number] = municipality.organisation
        for name, kind, number in RECEPTION_CENTRES:
            centre = ReceptionCentre.objects.filter(name=name).first()
            if centre is None:
                centre = create_reception_centre(
                    by=None,
                    name=name,
                    kind=kind,
                    municipality=Municipality.objects.get(number=number),
                )
            organisations[name] = centre.organisation
        return organisations

    def _agreements(self) -> None:
        imdi_admin = User.objects.get(username="imdi.admin")
        agreement = DataProcessingAgreement.objects.filter(version=AGREEMENT_VERSION).first()
        if agreement is None:
            pdf = render_pdf(
                "organisations/pdf/agreement.html",
                {
                    "title": AGREEMENT_TITLE,
                    "version": AGREEMENT_VERSION,
                    "paragraphs": AGREEMENT_TEXT.splitlines(),
                },
            )
            agreement = publish_agreement(
                by=imdi_admin,
                version=AGREEMENT_VERSION,
                title=AGREEMENT_TITLE,
                text=AGREEMENT_TEXT,
                document=ContentFile(pdf),
            )
        signed_on = timezone.localdate()
        with agreement.document.open("rb") as handle:
            signed_copy = handle.read()
        for number, signer in [
            ("4601", "Ordfører Astrid Mjelde"),
            ("0301", "Byrådsleder Per Aune"),
        ]:
            municipality = Municipality.objects.get(number=number)
            if AgreementSignature.objects.filter(
                agreement=agreement, municipality=municipality
            ).exists():
                continue
            register_signature(
                by=imdi_admin,
                agreement=agreement,
                municipality=municipality,
                signed_on=signed_on,
                signed_by=signer,
                document=ContentFile(signed_copy),
            )
