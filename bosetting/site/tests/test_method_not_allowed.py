"""A POST-only address opened in the browser answers a Norwegian page, not an empty 405."""

from __future__ import annotations

from django.urls import reverse

from bosetting.cases.tests.factories import make_case


def test_post_only_address_opened_with_get_answers_a_norwegian_page(cast, client_for):
    case = make_case(centre=cast.centre)
    page = reverse("cases:case_detail", args=[case.pk])

    response = client_for(cast.imdi_caseworker).get(
        reverse("cases:note_add", args=[case.pk]), headers={"Referer": f"http://testserver{page}"}
    )

    body = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert '<html lang="nb"' in body
    assert "Siden kan ikke åpnes direkte" in body
    assert f'<a class="ds-link" href="{page}">Tilbake til siden du kom fra</a>' in body
    assert f'<a class="ds-link" href="{reverse("home")}">Til oversikten</a>' in body


def test_the_page_without_a_page_to_go_back_to_offers_the_start_page(cast, client_for):
    response = client_for(cast.bergen_caseworker).get(reverse("notifications:mark_all_read"))

    body = response.content.decode()
    assert response.status_code == 405
    assert "Tilbake til siden du kom fra" not in body
    assert "Til oversikten" in body
