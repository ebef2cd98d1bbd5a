"""SVG that a Content-Security-Policy without 'unsafe-inline' still draws.

matplotlib writes its styling as `style="…"` attributes and a `<style>` element; a page that
embeds the SVG inline, under `style-src 'self'`, would have every one of them refused and show
black shapes. Each declaration it writes is also an SVG presentation attribute, which CSP does
not govern, so they are rewritten as attributes: the drawing is the same.
"""

from __future__ import annotations

import re

# SVG presentation attributes (SVG 1.1, §6.4): the only properties moved; any other is refused.
PRESENTATION_ATTRIBUTES = frozenset(
    {
        "clip-path", "clip-rule", "color", "display", "fill", "fill-opacity", "fill-rule",
        "font-family", "font-size", "font-style", "font-weight", "mask", "opacity",
        "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "visibility",
    }
)  # fmt: skip

_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>")
_SVG_OPENING = re.compile(r"<svg\b[^>]*?(?=/?>)")


class UnsupportedStyle(ValueError):
    """A declaration with no presentation attribute: the SVG would not look the same."""


def _attributes(declarations: str) -> str:
    parts = []
    for declaration in declarations.split(";"):
        if not declaration.strip():
            continue
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name not in PRESENTATION_ATTRIBUTES:
            raise UnsupportedStyle(f"{name}: {value}")
        parts.append(f' {name}="{value}"')
    return "".join(parts)


def without_inline_styles(markup: str) -> str:
    """The same SVG with every `style` attribute and the universal `<style>` rule as attributes."""
    universal = _STYLE_ELEMENT.search(markup)
    if universal is not None:
        markup = markup[: universal.start()] + markup[universal.end() :]
        opening = _SVG_OPENING.search(markup)
        if opening is None:
            raise ValueError("no <svg> element")
        markup = markup[: opening.end()] + _attributes(universal.group(1)) + markup[opening.end() :]
    if "<style" in markup:
        raise UnsupportedStyle("a <style> element other than matplotlib's universal rule")
    return _STYLE_ATTRIBUTE.sub(lambda match: _attributes(match.group(1)), markup)
