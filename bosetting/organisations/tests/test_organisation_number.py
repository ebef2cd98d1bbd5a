"""IMDi's administrator keeps the organisation numbers Ansattporten logins are checked against."""

import pytest
from django.urls import reverse

from bosetting.audit.models import AuditEvent, EventType
from bosetting.organisations.actions import OrganisationError, set_organisation_number

# Session, user, roles, the user's organisation (the permission check), the organisation shown
# with its municipality or centre, and the unread count in the layout.
QUERIES_FORM_PAGE = 6


def _url(organisation) -> str:
    return reverse("organisations:organisation_number_edit", args=[organisation.pk])


def test_imdi_admin_gives_a_municipality_its_number_written_in_groups(cast, client_for):
    organisation = cast.bergen.organisation
    response = client_for(cast.imdi_admin).post(
        _url(organisation), {"organisation_number": "964 338 531"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:municipality_detail", args=["4601"])
    organisation.refresh_from_db()
    assert organisation.organisation_number == "964338531"
    event = AuditEvent.objects.get(event_type=EventType.ORGANISATION_NUMBER_CHANGED)
    assert event.details == {"before": None, "after": "964338531"}
    assert event.municipality == cast.bergen


def test_a_wrong_check_digit_is_shown_next_to_the_field(cast, client_for):
    response = client_for(cast.imdi_admin).post(
        _url(cast.bergen.organisation), {"organisation_number": "964338532"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisation_number"]
    assert response.context["form"]["organisation_number"].value() == "964338532"


def test_a_number_another_organisation_has_is_refused(cast):
    set_organisation_number(
        by=cast.imdi_admin, organisation=cast.oslo.organisation, number="974760673"
    )
    with pytest.raises(OrganisationError, match="tilhører allerede Oslo"):
        set_organisation_number(
            by=cast.imdi_admin, organisation=cast.bergen.organisation, number="974760673"
        )


def test_an_empty_field_removes_the_number(cast):
    organisation = cast.bergen.organisation
    set_organisation_number(by=cast.imdi_admin, organisation=organisation, number="964338531")
    set_organisation_number(by=cast.imdi_admin, organisation=organisation, number="")
    organisation.refresh_from_db()
    assert organisation.organisation_number is None


@pytest.mark.parametrize("who", ["imdi_caseworker", "bergen_admin"])
def test_only_imdis_administrator_may_change_a_number(cast, client_for, who):
    response = client_for(getattr(cast, who)).post(
        _url(cast.bergen.organisation), {"organisation_number": "964338531"}
    )
    assert response.status_code == 403


def test_the_pages_link_to_the_form_for_imdis_administrator(cast, client_for):
    client = client_for(cast.imdi_admin)
    detail = client.get(reverse("organisations:municipality_detail", args=["4601"]))
    assert _url(cast.bergen.organisation) in detail.content.decode()
    listing = client.get(reverse("organisations:municipality_list")).content.decode()
    assert _url(cast.imdi_admin.organisation) in listing


def test_the_form_page_takes_a_fixed_number_of_queries(cast, client_for, django_assert_num_queries):
    client = client_for(cast.imdi_admin)
    client.get(_url(cast.bergen.organisation))  # the session's first request writes it
    with django_assert_num_queries(QUERIES_FORM_PAGE):
        response = client.get(_url(cast.oslo.organisation))
    assert response.status_code == 200
