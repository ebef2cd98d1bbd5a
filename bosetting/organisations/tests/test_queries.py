from datetime import timedelta

import pytest
from django.utils import timezone

from bosetting.accounts.actions import deactivate_user
from bosetting.accounts.models import User
from bosetting.accounts.permissions import Permission, has_permission
from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.organisations.agreements import AgreementStatus, municipalities_with_status
from bosetting.organisations.models import AgreementSignature
from bosetting.organisations.queries import (
    get_signature_for,
    signatures_visible_to,
    status_totals,
)
from bosetting.organisations.tests.factories import (
    AgreementSignatureFactory,
    DataProcessingAgreementFactory,
    MunicipalityFactory,
)


def _by_number(queryset):
    return {municipality.number: municipality for municipality in queryset}


@pytest.fixture
def newer_agreement(cast):
    """A second version, published after the cast's: Bergen has signed it, Oslo only the first."""
    agreement = DataProcessingAgreementFactory(
        version="2027-1",
        published_by=cast.imdi_admin,
        published_at=cast.agreement.published_at + timedelta(days=1),
    )
    AgreementSignatureFactory(
        agreement=agreement,
        municipality=cast.bergen,
        signed_on=timezone.localdate() - timedelta(days=3),
    )
    return agreement


def test_status_is_current_older_or_none(cast, newer_agreement):
    municipalities = _by_number(municipalities_with_status())

    assert municipalities["4601"].status == AgreementStatus.SIGNED_CURRENT
    assert municipalities["0301"].status == AgreementStatus.SIGNED_OLDER
    assert municipalities["4614"].status == AgreementStatus.NOT_SIGNED


def test_latest_signature_is_of_the_newest_version_signed(cast, newer_agreement):
    municipalities = _by_number(municipalities_with_status())

    assert municipalities["4601"].latest_signed_version == "2027-1"
    assert municipalities["4601"].latest_signed_on == timezone.localdate() - timedelta(days=3)
    assert municipalities["0301"].latest_signed_version == cast.agreement.version
    assert municipalities["4614"].latest_signed_on is None


def test_only_signed_current_version_with_an_administrator_reaches_personal_data(
    cast, newer_agreement
):
    municipalities = _by_number(municipalities_with_status())

    assert municipalities["4601"].may_reach_personal_data is True
    assert municipalities["0301"].may_reach_personal_data is False
    assert municipalities["4614"].may_reach_personal_data is False


def test_without_any_agreement_no_municipality_reaches_personal_data(db):
    municipality = MunicipalityFactory()
    UserFactory(organisation=municipality.organisation, roles=[Role.MUNICIPAL_ADMIN])

    annotated = municipalities_with_status().get(pk=municipality.pk)

    assert annotated.status == AgreementStatus.NOT_SIGNED
    assert annotated.admin_count == 1
    assert annotated.may_reach_personal_data is False


def test_admin_count_counts_only_active_municipal_administrators(cast):
    UserFactory(organisation=cast.bergen.organisation, roles=[Role.MUNICIPAL_ADMIN])
    UserFactory(
        organisation=cast.bergen.organisation,
        roles=[Role.MUNICIPAL_ADMIN, Role.MUNICIPAL_CASEWORKER],
    )
    deactivate_user(by=cast.imdi_admin, user=cast.oslo_admin)

    municipalities = _by_number(municipalities_with_status())

    assert municipalities["4601"].admin_count == 3
    assert municipalities["0301"].admin_count == 0
    assert municipalities["4614"].admin_count == 1


def test_municipality_without_administrator_loses_personal_data(cast):
    deactivate_user(by=cast.imdi_admin, user=cast.oslo_admin)

    oslo = municipalities_with_status().get(pk=cast.oslo.pk)

    assert oslo.status == AgreementStatus.SIGNED_CURRENT
    assert oslo.may_reach_personal_data is False


def test_status_agrees_with_the_permission_layer(cast, newer_agreement):
    deactivate_user(by=cast.imdi_admin, user=cast.bergen_admin)

    caseworkers = [cast.bergen_caseworker, cast.oslo_caseworker, cast.stord_caseworker]
    shown = {m.pk: m.may_reach_personal_data for m in municipalities_with_status()}
    for caseworker in caseworkers:
        fresh = User.objects.get(pk=caseworker.pk)
        municipality = fresh.organisation.municipality
        assert shown[municipality.pk] == has_permission(fresh, Permission.AUDIT_LOG_VIEW), (
            municipality.name
        )
    assert shown[cast.bergen.pk] is False  # no active administrator any more


def test_county_filter_and_totals(cast):
    in_vestland = municipalities_with_status().filter(county=cast.vestland)

    assert sorted(m.name for m in in_vestland) == ["Bergen", "Stord"]
    assert status_totals(in_vestland) == {
        "total": 2,
        "signed_current": 1,
        "signed_older": 0,
        "not_signed": 1,
        "may_reach_personal_data": 1,
    }


def test_totals_for_the_whole_country(cast, newer_agreement):
    assert status_totals(municipalities_with_status()) == {
        "total": 3,
        "signed_current": 1,
        "signed_older": 1,
        "not_signed": 1,
        "may_reach_personal_data": 1,
    }


def test_municipal_users_see_only_their_own_signatures(cast):
    bergen_signature = AgreementSignature.objects.get(municipality=cast.bergen)

    assert list(signatures_visible_to(cast.oslo_caseworker)) == [
        AgreementSignature.objects.get(municipality=cast.oslo)
    ]
    assert signatures_visible_to(cast.imdi_reader).count() == 2
    assert not signatures_visible_to(cast.reception_staff).exists()
    assert get_signature_for(cast.bergen_reader, bergen_signature.pk) == bergen_signature
