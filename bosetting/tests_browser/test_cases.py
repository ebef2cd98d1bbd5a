"""Reception staff at Fana mottak register and assess a family and mark it ready; IMDi opens the
file; Bergen's caseworker finds its own households."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bosetting.cases.models import Case, CaseState, Person
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case

from .support import check_axe, save_screenshot

pytestmark = pytest.mark.browser


def _fill_person(
    page: Page, *, duf: str, given: str, family: str, birth: str, sex: str, copied: bool = False
) -> None:
    page.get_by_label("DUF-nummer").fill(duf)
    page.get_by_label("Fornavn").fill(given)
    page.get_by_label("Etternavn").fill(family)
    page.get_by_label("Fødselsdato").fill(birth)
    page.get_by_label(sex, exact=True).check()
    page.get_by_label("Tolkespråk").select_option(label="Tigrinja")
    if copied:
        # A new member starts with the head of household's citizenship, languages and category.
        expect(page.get_by_label("Statsborgerskap")).to_have_value("ERI")
        expect(page.locator("#id_languages")).to_have_values(["tir"])
        expect(page.get_by_label("Kategori")).to_have_value("resettlement")
        return
    page.get_by_label("Statsborgerskap").select_option(label="Eritrea")
    languages = page.locator("main").get_by_role("combobox", name="Språk", exact=True)
    languages.fill("tigr")
    languages.press("Enter")
    languages.press("Escape")
    expect(page.get_by_role("button", name="Fjern Tigrinja")).to_be_visible()
    page.get_by_label("Kategori").select_option(label="Overføringsflyktning")


def _expect_step(page: Page, label: str) -> None:
    steps = page.get_by_role("navigation", name="Steg i registreringen av husstanden")
    expect(steps.get_by_role("listitem")).to_have_count(4)
    expect(steps.locator('[aria-current="step"]')).to_contain_text(label)


def _assess_fully(page: Page) -> None:
    page.get_by_label("Har personen familie eller nettverk i Norge?").select_option(label="Nei")
    page.get_by_label("Utdanningsnivå").select_option(label="Grunnskole")
    page.get_by_label("Antall år skolegang").fill("3")
    page.get_by_label("Norsknivå").select_option(label="A1 (nybegynner)")
    page.get_by_label("Ingen særskilte behov").check()
    page.get_by_label("Har personen kjæledyr?").select_option(label="Nei")


def test_reception_staff_assess_a_family_and_mark_it_ready(cast, live_server, log_in_as):
    page = log_in_as(cast.reception_staff)
    base = live_server.url

    page.goto(f"{base}/saker/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Saker")
    check_axe(page)
    page.get_by_role("link", name="Registrer ny sak").click()
    _expect_step(page, "Hovedperson")
    check_axe(page)
    _fill_person(
        page,
        duf="202400000101",
        given="Helen",
        family="Tesfamariam",
        birth="14.03.1987",
        sex="Kvinne",
    )
    page.get_by_label("Fødselsnummer eller D-nummer").fill("12345678901")
    page.get_by_role("button", name="Registrer sak").click()
    expect(page.locator("#id_national_id_error")).to_be_visible()
    check_axe(page)
    page.get_by_label("Fødselsnummer eller D-nummer").fill("")
    page.get_by_role("button", name="Registrer sak").click()
    expect(page.get_by_text("er opprettet")).to_be_visible()
    check_axe(page)

    page.get_by_role("link", name="Legg til person i husstanden").click()
    _expect_step(page, "Husstanden")
    check_axe(page)
    save_screenshot(page, "cases-member-steps")
    page.get_by_label("Relasjon til hovedpersonen").select_option(label="Barn")
    _fill_person(
        page,
        duf="202400000102",
        given="Samuel",
        family="Tesfamariam",
        birth="02.06.2019",
        sex="Mann",
        copied=True,
    )
    page.get_by_role("button", name="Legg til person").click()
    expect(page.get_by_text("Personen er lagt til i husstanden.")).to_be_visible()
    check_axe(page)

    # The head of household: health details without consent are refused next to the field.
    page.get_by_role("link", name="Kartlegg Helen Tesfamariam").click()
    _expect_step(page, "Kartlegging")
    check_axe(page)
    _assess_fully(page)
    page.get_by_label("Nye helseopplysninger").fill("Astma, bruker inhalator.")
    page.get_by_role("button", name="Lagre kartlegging").click()
    expect(page.locator("#id_health_details_error")).to_contain_text("samtykket")
    check_axe(page)
    page.get_by_label("Personen har samtykket til at helseopplysninger registreres").check()
    page.get_by_label("Dato for samtykket").fill("02.01.2026")
    page.get_by_label("Samtykket tatt av").fill("Kari Lie, helsesykepleier")
    page.get_by_role("button", name="Lagre kartlegging").click()
    expect(page.get_by_text("lagret som versjon 1")).to_be_visible()
    # Saved without the work experience: «Ikke fullstendig», and the case page says what is
    # missing for whom.
    missing = page.locator("#missing-fields")
    expect(missing).to_contain_text("Helen Tesfamariam: år med arbeidserfaring.")
    expect(missing).to_contain_text("Samuel Tesfamariam: kartlegging er ikke påbegynt.")
    check_axe(page)
    save_screenshot(page, "cases-missing-fields")
    page.get_by_role("link", name="Kartlegg Helen Tesfamariam").click()
    page.get_by_label("År med arbeidserfaring").fill("6")
    page.get_by_role("button", name="Lagre kartlegging").click()
    expect(page.get_by_text("lagret som versjon 2")).to_be_visible()
    expect(missing).not_to_contain_text("Helen Tesfamariam")

    # The child is not assessed yet: marking ready is refused, and says what is missing.
    page.get_by_role("button", name="Merk klar for bosetting").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Samuel Tesfamariam mangler: kartlegging er ikke påbegynt"
    )
    check_axe(page)
    page.get_by_role("link", name="Kartlegg Samuel Tesfamariam").click()
    _assess_fully(page)
    page.get_by_role("button", name="Lagre kartlegging").click()
    page.get_by_role("button", name="Merk klar for bosetting").click()
    # Ready lets IMDi propose the household: it is reviewed first, as municipalities will see it.
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "før den merkes klar for bosetting"
    )
    _expect_step(page, "Kontroller og merk klar")
    save_screenshot(page, "cases-mark-ready-review")
    expect(page.get_by_role("row", name=re.compile("Helen Tesfamariam"))).to_contain_text(
        "Versjon 2"
    )
    check_axe(page)
    assert Case.objects.get().state == CaseState.BEING_ASSESSED
    page.get_by_role("link", name="Tilbake og endre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Sak \d+$"))
    page.get_by_role("button", name="Merk klar for bosetting").click()
    page.get_by_role("button", name="Send inn").click()
    expect(page.get_by_text("Saken er merket klar for bosetting.")).to_be_visible()
    check_axe(page)
    case = Case.objects.get()
    assert case.state == CaseState.READY

    page.get_by_role("link", name="Se anonymisert sammendrag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anonymisert sammendrag")
    check_axe(page)


def test_imdi_caseworker_opens_the_person_file_and_reads_health_details(
    cast, live_server, log_in_as
):
    from bosetting.cases import actions
    from bosetting.cases.actions import HealthInput
    from bosetting.cases.tests.factories import make_case

    case = make_case(centre=cast.centre, given_names="Hodan", family_name="Warsame")
    person = case.members.get()
    import datetime

    actions.save_assessment(
        by=None,
        person=person,
        data={"education_level": "secondary"},
        health=HealthInput(
            consent=True,
            consent_date=datetime.date(2026, 1, 2),
            consent_taken_by="Per",
            details="Diabetes type 2",
        ),
    )
    page = log_in_as(cast.imdi_caseworker)
    page.goto(f"{live_server.url}/saker/")
    page.get_by_label("Søk etter DUF-nummer, navn eller fødselsnummer").fill("warsa")
    page.get_by_role("button", name="Søk", exact=True).click()
    expect(page).to_have_url(re.compile(r"/saker/$"))  # the term is never in the URL
    check_axe(page)
    page.get_by_role("link", name="Hodan Warsame").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hodan Warsame")
    expect(page.get_by_text("Diabetes type 2")).to_have_count(0)
    check_axe(page)
    page.get_by_role("link", name="Vis helseopplysninger (lesingen logges)").click()
    expect(page.get_by_text("Diabetes type 2")).to_be_visible()
    check_axe(page)
    page.get_by_role("link", name=f"Til sak {case.reference}").click()
    expect(page.get_by_role("heading", name="Hendelser i saken")).to_be_visible()
    check_axe(page)


def test_a_municipal_caseworker_finds_its_households(cast, live_server, log_in_as):
    """Bergen's caseworker reaches its matched and settled households from the start page and
    the menu: the waiting ones, a search, filters, sorting and pages; Oslo's are not there."""
    today = timezone.localdate()
    waiting_long = make_matched_case(
        municipality=cast.bergen,
        decided_on=today - datetime.timedelta(days=40),
        given_names="Selam",
        family_name="Tesfamariam",
        children=2,
    )
    make_matched_case(municipality=cast.bergen, given_names="Dawit", family_name="Tesfaye")
    make_matched_case(municipality=cast.oslo, given_names="Ruth", family_name="Tesfalem")
    last_year = datetime.date(today.year - 1, 6, 1)
    settled = make_matched_case(
        municipality=cast.bergen,
        decided_on=last_year - datetime.timedelta(days=20),
        given_names="Mariam",
        family_name="Yusuf",
    )
    register_settlement(by=None, persons=Person.objects.filter(case=settled), settled_on=last_year)
    for number in range(24):
        done = make_matched_case(
            municipality=cast.bergen,
            decided_on=today - datetime.timedelta(days=30),
            given_names=f"Person{number}",
        )
        register_settlement(
            by=None,
            persons=Person.objects.filter(case=done),
            settled_on=today - datetime.timedelta(days=1),
        )

    page = log_in_as(cast.bergen_caseworker)
    base = live_server.url
    expect(page.get_by_role("heading", name="Mine oppgaver")).to_be_visible()
    check_axe(page)
    page.get_by_role("link", name="Alle husstander som venter, lengst ventetid først").click()
    expect(page.get_by_text("2 saker")).to_be_visible()
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("Selam Tesfamariam")
    expect(rows.first).to_contain_text("Venter på bosettingsdato")
    check_axe(page)

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    expect(page.get_by_role("heading", name="Kommunens husstander")).to_be_visible()
    expect(page.get_by_text("27 saker")).to_be_visible()
    check_axe(page)
    page.get_by_role("link", name="Neste").click()
    expect(page).to_have_url(re.compile(r"side=2"))
    expect(page.locator("tbody tr")).to_have_count(2)
    check_axe(page)

    page.goto(f"{base}/saker/")
    page.get_by_label("Søk etter DUF-nummer, navn eller fødselsnummer").fill("tesfa")
    page.get_by_role("button", name="Søk", exact=True).click()
    expect(page).to_have_url(re.compile(r"/saker/$"))  # the term is never in the URL
    results = page.get_by_role("table", name="2 treff")
    expect(results.get_by_role("link", name="Selam Tesfamariam")).to_be_visible()
    expect(results.get_by_role("link", name="Dawit Tesfaye")).to_be_visible()
    assert "Tesfalem" not in page.content()
    check_axe(page)

    page.get_by_label("Status").select_option(label="Bosatt")
    page.get_by_label("Bosatt i år").select_option(label=str(last_year.year))
    page.get_by_role("button", name="Oppdater listen").click()
    expect(page.get_by_text("1 sak", exact=True)).to_be_visible()
    expect(page.locator("tbody tr").first).to_contain_text("Mariam Yusuf")
    expect(page.locator("tbody tr").first).to_contain_text(last_year.strftime("%d.%m.%Y"))
    check_axe(page)
    page.goto(f"{base}/saker/?settled_year=1890")
    expect(page.locator("#id_settled_year_error")).to_be_visible()
    check_axe(page)

    page.goto(f"{base}/saker/")
    page.get_by_label("Sorter etter").select_option(label="Husstand, flest personer først")
    page.get_by_role("button", name="Oppdater listen").click()
    expect(page.locator("tbody tr").first).to_contain_text("Selam Tesfamariam")
    page.get_by_role("link", name=waiting_long.reference).click()
    expect(page.get_by_role("heading", name="Vedtak om bosettingskommune")).to_be_visible()
    members = page.get_by_role("table", name="Personer i husstanden").locator("tbody tr")
    expect(members.first).to_contain_text("Hovedperson")
    check_axe(page)
    page.get_by_role("navigation", name="Brødsmulesti").get_by_role("link", name="Saker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saker")
    check_axe(page)
