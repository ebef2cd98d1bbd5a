"""Nothing in the browser's own language, and controls at Designsystemet's size, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from bosetting.cases.tests.factories import make_case

from .support import check_axe, log_in, save_screenshot

pytestmark = pytest.mark.browser


def _signature_page(page: Page, base: str) -> None:
    page.goto(f"{base}/organisasjoner/kommuner/4614/signatur/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_file_picker_says_velg_fil_and_shows_the_chosen_name(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    page = log_in_as(cast.imdi_admin)
    _signature_page(page, live_server.url)
    picker = page.locator("[data-file-picker]")
    expect(picker.get_by_text("Velg fil")).to_be_visible()
    expect(picker.get_by_text("Ingen fil valgt")).to_be_visible()
    native = page.locator("#id_document")
    box = native.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    check_axe(page)

    # The hidden input keeps its label and its place in the tab order.

    expect(page.get_by_role("button", name="Signert avtale", exact=True)).to_have_count(1)
    page.locator("#id_signed_by").focus()
    page.keyboard.press("Tab")
    expect(native).to_be_focused()

    with page.expect_file_chooser() as chooser:
        picker.get_by_text("Velg fil").click()
    chooser.value.set_files({"name": "avtale.pdf", "mimeType": "application/pdf", "buffer": b"x"})
    expect(picker.get_by_text("avtale.pdf")).to_be_visible()
    expect(native).to_have_attribute(
        "aria-describedby", "id_document_helptext id_document_filename"
    )
    check_axe(page)


def test_without_javascript_the_browsers_own_file_input_shows(
    cast: Any, live_server: Any, browser: Browser, browser_context_args: dict[str, Any]
) -> None:
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, live_server.url, cast.imdi_admin)
        _signature_page(page, live_server.url)
        expect(page.locator("#id_document")).to_be_visible()
        expect(page.locator("[data-file-picker]").get_by_text("Velg fil")).to_be_hidden()
    finally:
        context.close()


# The browser's own checkbox and radio button are 13 px: too small to hit on a phone and unlike
# the rest of the interface.
CHOICE_SIZES = """() => Array.from(document.querySelectorAll(
    "main input[type=checkbox], main input[type=radio]"
)).map((input) => {
    const box = input.getBoundingClientRect();
    return {id: input.id, width: box.width, height: box.height, cls: input.className};
})"""


def test_checkboxes_and_radio_buttons_have_designsystemets_size(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    page = log_in_as(cast.reception_staff)
    page.goto(f"{live_server.url}/saker/ny/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    sizes = page.evaluate(CHOICE_SIZES)
    assert {size["id"] for size in sizes} >= {"id_sex_0", "id_residence_0"}
    for size in sizes:
        assert "ds-input" in size["cls"].split(), size
        assert size["width"] >= 20 and size["height"] >= 20, size
    check_axe(page)


def _assessment_page(page: Page, base: str, cast: Any) -> Any:
    case = make_case(centre=cast.centre, by=cast.reception_staff)
    person = case.members.get()
    page.goto(f"{base}/saker/personer/{person.pk}/kartlegging/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return person


def test_municipalities_are_searched_and_picked_with_the_keyboard(
    cast: Any, live_server: Any, log_in_as: Any
) -> None:
    page = log_in_as(cast.reception_staff)
    person = _assessment_page(page, live_server.url, cast)
    wishes = page.get_by_role("combobox", name="Ønskede kommuner")
    expect(page.locator("#id_wish_municipalities")).to_be_hidden()
    expect(page.get_by_text("Hold Ctrl")).to_have_count(0)

    wishes.fill("ber")
    listbox = page.get_by_role("listbox", name="Ønskede kommuner")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_text(["Bergen"])
    expect(wishes).to_have_attribute("aria-expanded", "true")
    check_axe(page)
    save_screenshot(page, "combobox-open")
    wishes.press("Enter")
    expect(listbox.get_by_role("option", name="Bergen")).to_have_attribute("aria-selected", "true")
    wishes.fill("")
    wishes.press_sequentially("sto")
    wishes.press("ArrowUp")
    wishes.press("ArrowDown")
    wishes.press("Enter")
    wishes.press("Escape")
    expect(listbox).to_be_hidden()
    expect(page.get_by_role("button", name="Fjern Bergen")).to_be_visible()
    expect(page.get_by_role("button", name="Fjern Stord")).to_be_visible()
    check_axe(page)
    save_screenshot(page, "combobox-chosen")

    # A chip takes its choice away again.
    wishes.fill("os")
    wishes.press("Enter")
    wishes.press("Escape")
    page.get_by_role("button", name="Fjern Oslo").click()
    expect(page.get_by_role("button", name="Fjern Oslo")).to_have_count(0)

    page.get_by_role("button", name="Lagre kartlegging").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assessment = person.assessments.order_by("-pk").first()
    assert assessment is not None
    assert set(assessment.data["wish_municipalities"]) == {"4601", "4614"}


def test_without_javascript_the_browsers_own_list_remains(
    cast: Any, live_server: Any, browser: Browser, browser_context_args: dict[str, Any]
) -> None:
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, live_server.url, cast.reception_staff)
        _assessment_page(page, live_server.url, cast)
        select = page.locator("#id_wish_municipalities")
        expect(select).to_be_visible()
        expect(page.get_by_role("combobox", name="Ønskede kommuner")).to_have_count(0)
        expect(page.locator("#id_wish_municipalities_helptext")).to_contain_text("Hold Ctrl")
    finally:
        context.close()
