"""The Markdown becomes safe HTML with stable anchors, and the guides agree across languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bosetting.help.guides import GUIDES, LANGUAGES, load, parse, sanitise

SCREENSHOT_DIR = Path(__file__).resolve().parents[1] / "static" / "help" / "screenshots"


def test_a_heading_gets_its_written_anchor_and_loses_the_marker():
    guide = parse("x", "nb", "# Tittel\n\n## Svar på forespørsler {#foresporsler}\n\nTekst.\n")

    assert guide.title == "Tittel"
    assert '<h2 id="foresporsler">Svar på forespørsler</h2>' in guide.html
    assert "{#" not in guide.html
    assert [(s.anchor, s.title, s.text) for s in guide.sections] == [
        ("foresporsler", "Svar på forespørsler", "Tekst.")
    ]


def test_raw_html_and_script_links_never_reach_the_page():
    source = (
        "# T\n\n## A {#a}\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[klikk](javascript:alert(1)) [trygg](https://www.imdi.no/)\n"
    )
    html = parse("x", "nb", source).html

    # Raw HTML in a guide is shown as text, never as markup.
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert 'href="https://www.imdi.no/"' in html


def test_the_sanitiser_removes_what_the_markdown_renderer_would_let_through():
    html = sanitise(
        '<p onclick="steal()">a</p><script>b()</script><a href="javascript:c()">c</a>'
        '<img src="x.png" alt="x" onerror="d()"><iframe src="https://example.com"></iframe>'
    )

    assert html == '<p>a</p><a rel="noopener noreferrer">c</a><img src="x.png" alt="x">'


def test_a_screenshot_is_served_from_the_help_apps_static_files():
    guide = parse("x", "nb", "# T\n\n## A {#a}\n\n![Listen over saker](screenshots/saker.png)\n")

    assert 'src="/static/help/screenshots/saker.png"' in guide.html
    assert 'alt="Listen over saker"' in guide.html
    assert guide.screenshots == (("saker", "Listen over saker"),)


@pytest.mark.parametrize("slug", [guide.slug for guide in GUIDES])
def test_each_guide_has_the_same_sections_in_every_language(slug):
    norwegian, *others = (load(slug, language) for language in LANGUAGES)
    for other in others:
        assert other.anchors == norwegian.anchors
        assert [s.anchor for s in other.sections] == [s.anchor for s in norwegian.sections]
        assert [name for name, _alt in other.screenshots] == [
            name for name, _alt in norwegian.screenshots
        ]


@pytest.mark.parametrize("slug", [guide.slug for guide in GUIDES])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_section_has_an_anchor_and_every_screenshot_alt_text_and_a_file(slug, language):
    guide = load(slug, language)

    assert guide.title
    assert all(section.anchor for section in guide.sections)
    assert len({s.anchor for s in guide.sections}) == len(guide.sections)
    for name, alt in guide.screenshots:
        assert alt.strip(), f"{slug} ({language}): screenshot {name} has no alt text"
        assert (SCREENSHOT_DIR / f"{name}.png").is_file(), f"{name}.png is not committed"


def test_every_screenshot_a_guide_names_is_made_by_a_browser_test():
    from bosetting.tests_browser.test_guide_screenshots import SCREENSHOTS

    named = {
        name
        for info in GUIDES
        for lang in LANGUAGES
        for name, _ in load(info.slug, lang).screenshots
    }
    assert named - set(SCREENSHOTS) == set()
    # And no test makes a picture that no guide shows.
    assert set(SCREENSHOTS) - named == set()
