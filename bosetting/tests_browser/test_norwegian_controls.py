"""Nothing in the browser's own language, and controls at Designsystemet's size, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .support import check_axe, log_in

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
