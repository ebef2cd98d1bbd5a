import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.letters.models import LetterState
from bosetting.organisations.tests.factories import MunicipalityFactory
from bosetting.planning.models import MunicipalDecision, SettlementRequest, SettlementRequestVersion

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class SettlementRequestFactory(factory.django.DjangoModelFactory):
    """A sent request; pass state=SettlementRequest.State.DRAFT for one IMDi is still preparing."""

    class Meta:
        model = SettlementRequest

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    municipality = factory.SubFactory(MunicipalityFactory)
    state = SettlementRequest.State.SENT
    places = 20
    unaccompanied_minors = 2
    planning_number_next_year = 15
    deadline = factory.LazyAttribute(lambda r: datetime.date(r.year, 3, 1))
    cover_text = "IMDi ber kommunen om å bosette flyktninger."
    created_by = factory.SubFactory(UserFactory, roles=[Role.IMDI_CASEWORKER])
    sent_at = factory.LazyFunction(timezone.now)
    sent_by = factory.SelfAttribute("created_by")


class SettlementRequestVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SettlementRequestVersion

    request = factory.SubFactory(SettlementRequestFactory)
    number = 1
    places = factory.SelfAttribute("request.places")
    unaccompanied_minors = factory.SelfAttribute("request.unaccompanied_minors")
    planning_number_next_year = factory.SelfAttribute("request.planning_number_next_year")
    deadline = factory.SelfAttribute("request.deadline")
    cover_text = factory.SelfAttribute("request.cover_text")
    letter = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="anmodning.pdf"))
    letter_sha256 = "0" * 64
    letter_state = LetterState.READY
    created_by = factory.SelfAttribute("request.created_by")


class MunicipalDecisionFactory(factory.django.DjangoModelFactory):
    """An approved decision; pass state=MunicipalDecision.State.DRAFT for a draft."""

    class Meta:
        model = MunicipalDecision

    request = factory.SubFactory(SettlementRequestFactory, state=SettlementRequest.State.DECIDED)
    state = MunicipalDecision.State.APPROVED
    places = 20
    takes_unaccompanied_minors = True
    unaccompanied_minors = 2
    council_decided_on = factory.LazyAttribute(lambda d: datetime.date(d.request.year, 2, 1))
    comment = ""
    registered_by = factory.SubFactory(UserFactory, roles=[Role.MUNICIPAL_CASEWORKER])
    approved_at = factory.LazyFunction(timezone.now)
    approved_by = factory.SelfAttribute("registered_by")
    # The database refuses an acknowledged decision that does not say when.
    acknowledged_at = factory.LazyAttribute(
        lambda d: timezone.now() if d.state == MunicipalDecision.State.ACKNOWLEDGED else None
    )
