import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from bosetting.organisations.models import (
    AgreementSignature,
    County,
    DataProcessingAgreement,
    Municipality,
    Organisation,
    ReceptionCentre,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Organisasjon {n}")


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: f"{60 + n % 39:02d}")
    name = factory.Sequence(lambda n: f"Fylke {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("number",)

    # 9000–9999: no real municipality has such a number, and it stays four digits in long runs.
    number = factory.Sequence(lambda n: f"{9000 + n % 1000}")
    name = factory.Sequence(lambda n: f"Kommune {n}")
    county = factory.SubFactory(CountyFactory)
    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=Organisation.Kind.MUNICIPALITY,
        name=factory.LazyAttribute(lambda o: f"{o.factory_parent.name} kommune"),
    )


class ReceptionCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionCentre

    name = factory.Sequence(lambda n: f"Mottak {n}")
    kind = ReceptionCentre.Kind.ORDINARY
    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=Organisation.Kind.RECEPTION_CENTRE,
        name=factory.LazyAttribute(lambda o: o.factory_parent.name),
    )


class DataProcessingAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataProcessingAgreement

    version = factory.Sequence(lambda n: f"2026-{n + 1}")
    title = "Databehandleravtale om bosettingssystemet"
    text = "Kommunen behandler personopplysninger på vegne av IMDi."
    document = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 avtale", name="avtale.pdf"))
    published_at = factory.LazyFunction(timezone.now)
    published_by = factory.SubFactory("bosetting.accounts.tests.factories.UserFactory")


class AgreementSignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementSignature

    agreement = factory.SubFactory(DataProcessingAgreementFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    signed_on = factory.LazyFunction(timezone.localdate)
    signed_by = "Ordfører Eva Eksempel"
    document = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 signert", name="signert.pdf"))
    registered_by = factory.SelfAttribute("agreement.published_by")
    registered_at = factory.LazyFunction(timezone.now)
