"""The guides: which exist, who each is for, and how a Markdown file becomes safe HTML.

A guide is `guides/<language>/<slug>.md`. Its level-2 headings are its sections; a heading ends
with `{#anchor}`, the section's stable anchor, the same in every language, so a page's help link
and a bookmark survive a reworded heading or a switch of language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nh3
from django.templatetags.static import static
from django.utils.translation import get_language
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from bosetting.accounts.roles import Role

GUIDE_DIR = Path(__file__).resolve().parent / "guides"
LANGUAGES = ("nb", "en")
# Written with an explicit anchor, e.g. "## Svar på forespørsler {#foresporsler}".
_ANCHOR = re.compile(r"\s*\{#([a-z0-9-]+)\}\s*$")
# A screenshot is named by its file name under static/help/screenshots/, with its alt text.
_SCREENSHOT = re.compile(r"!\[([^\]]*)\]\(screenshots/([a-z0-9-]+)\.png")


@dataclass(frozen=True)
class GuideInfo:
    slug: str
    roles: tuple[Role, ...]


# The order is the order of preference: a user with several roles gets the first guide that fits.
# An IMDi administrator gets the administrators' guide, then the caseworkers' for the rest.
GUIDES = [
    GuideInfo("imdi-administrator", (Role.IMDI_ADMIN, Role.IMDI_READER)),
    GuideInfo("imdi-saksbehandler", (Role.IMDI_CASEWORKER, Role.IMDI_ADMIN)),
    GuideInfo("kommuneadministrator", (Role.MUNICIPAL_ADMIN,)),
    GuideInfo(
        "kommune-saksbehandler",
        (Role.MUNICIPAL_CASEWORKER, Role.MUNICIPAL_READER, Role.MUNICIPAL_ADMIN),
    ),
    GuideInfo("mottak", (Role.RECEPTION_STAFF,)),
]
GUIDES_BY_SLUG = {guide.slug: guide for guide in GUIDES}
# Anonymous visitors (the login page) are most often municipal staff getting access.
ACCESS_GUIDE = "kommune-saksbehandler"
ACCESS_SECTION = "tilgang"


def guides_for_roles(roles: frozenset[str]) -> list[GuideInfo]:
    """Every guide written for one of `roles`, best first; the access guide when there is none."""
    fitting = [guide for guide in GUIDES if roles.intersection(guide.roles)]
    return fitting or [GUIDES_BY_SLUG[ACCESS_GUIDE]]


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    text: str  # the section's words without markup, for search


@dataclass(frozen=True)
class Guide:
    slug: str
    language: str
    title: str
    intro: str
    html: str
    sections: tuple[Section, ...]
    anchors: frozenset[str]  # every heading's anchor, sections and their sub-headings
    screenshots: tuple[tuple[str, str], ...]  # (file name without .png, alt text)

    def section(self, anchor: str) -> Section | None:
        return next((s for s in self.sections if s.anchor == anchor), None)


def _heading_anchors(state: StateCore) -> None:
    """Moves `{#anchor}` from the end of a heading's text to the heading's id."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = _ANCHOR.search(inline.content)
        if match is None:
            continue
        token.attrSet("id", match.group(1))
        inline.content = inline.content[: match.start()]
        if inline.children:
            last = inline.children[-1]
            last.content = _ANCHOR.sub("", last.content)


def _screenshot_sources(state: StateCore) -> None:
    """A guide names a screenshot by its file name; the page gets the static URL."""
    for token in state.tokens:
        for child in token.children or []:
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                if src.startswith("screenshots/"):
                    child.attrSet("src", static(f"help/{src}"))


def _markdown() -> MarkdownIt:
    # "js-default" leaves raw HTML out of the output altogether; nh3 below is the second guard.
    md = MarkdownIt("js-default", {"typographer": False}).enable("table")
    md.core.ruler.push("heading_anchors", _heading_anchors)
    md.core.ruler.push("screenshot_sources", _screenshot_sources)
    return md


_ALLOWED_TAGS = {
    *[
        "h2",
        "h3",
        "h4",
        "p",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "a",
        "img",
        "hr",
        "br",
    ],
    *["table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "kbd"],
}
_ALLOWED_ATTRIBUTES = {
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"style"},
    "td": {"style"},
}


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )


def _plain_text(tokens: list) -> str:
    words = []
    for token in tokens:
        if token.type == "inline":
            words.append("".join(c.content for c in token.children or [] if c.type != "image"))
            words.extend(
                str(c.attrGet("alt") or c.content)
                for c in token.children or []
                if c.type == "image"
            )
    return " ".join(words)


def parse(slug: str, language: str, source: str) -> Guide:
    md = _markdown()
    tokens = md.parse(source)
    title = ""
    # The title is the page's h1, outside the article, with the table of contents under it.
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title = tokens[1].content.strip()
        tokens = tokens[3:]
    # What stands before the first section introduces the guide, above its table of contents.
    first_section = next(
        (i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"),
        len(tokens),
    )
    intro = sanitise(md.renderer.render(tokens[:first_section], md.options, {}))
    html = sanitise(md.renderer.render(tokens[first_section:], md.options, {}))
    sections: list[Section] = []
    current: tuple[str, str, int] | None = None  # anchor, title, index of the first token
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[index + 1].content.strip()
        if token.tag == "h2":
            if current is not None:
                anchor, heading, start = current
                sections.append(Section(anchor, heading, _plain_text(tokens[start:index])))
            current = (str(token.attrGet("id") or ""), text, index + 3)
    if current is not None:
        anchor, heading, start = current
        sections.append(Section(anchor, heading, _plain_text(tokens[start:])))
    screenshots = tuple((m.group(2), m.group(1)) for m in _SCREENSHOT.finditer(source))
    anchors = frozenset(
        str(token.attrGet("id"))
        for token in tokens
        if token.type == "heading_open" and token.attrGet("id")
    )
    return Guide(slug, language, title, intro, html, tuple(sections), anchors, screenshots)


@cache
def load(slug: str, language: str) -> Guide:
    """The guide in `language`, read once per process (the files ship with the code)."""
    path = GUIDE_DIR / language / f"{slug}.md"
    return parse(slug, language, path.read_text(encoding="utf-8"))


def guide_language() -> str:
    """English where the interface is English; bokmål otherwise."""
    return "en" if (get_language() or "nb").startswith("en") else "nb"


def current(slug: str) -> Guide:
    return load(slug, guide_language())
