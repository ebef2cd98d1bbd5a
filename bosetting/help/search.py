"""Search over the guides, on the server: every word of the query must occur in a section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .guides import GUIDES, Guide, Section, load

MAX_RESULTS = 30
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    guide: Guide
    section: Section
    excerpt: str


def query_words(query: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(query)][:10]


def search(query: str, language: str) -> list[Hit]:
    """Sections where every word occurs (as the start of a word), those with the words in the
    heading first, then in the order of the guides."""
    words = query_words(query)
    if not words:
        return []
    patterns = [re.compile(rf"\b{re.escape(word)}", re.IGNORECASE) for word in words]
    ranked: list[tuple[int, int, Hit]] = []
    for order, info in enumerate(GUIDES):
        guide = load(info.slug, language)
        for section in guide.sections:
            haystack = f"{section.title} {section.text}"
            if not all(pattern.search(haystack) for pattern in patterns):
                continue
            in_heading = sum(1 for pattern in patterns if pattern.search(section.title))
            ranked.append((-in_heading, order, Hit(guide, section, _excerpt(section, patterns[0]))))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [hit for _, _, hit in ranked[:MAX_RESULTS]]


def _excerpt(section: Section, pattern: re.Pattern[str], width: int = 90) -> str:
    """About 180 characters of the section's text around the first word found."""
    text = " ".join(section.text.split())
    match = pattern.search(text)
    if match is None:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    start = max(0, match.start() - width)
    end = min(len(text), match.end() + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
