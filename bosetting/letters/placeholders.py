"""The named placeholders IMDi may use in a letter's text, checking a text, and filling it in.

A template is plain text, never Django template code: `{kommune}` is replaced by the value, every
other character is printed as written (HTML-escaped). A blank line starts a new paragraph, a
paragraph whose first line starts with "# " is a heading, and a block placeholder such as
`{personer}` stands on a line of its own. An unknown name is refused when the text is saved, so a
letter can never print a placeholder nobody fills in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import LetterKind

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PERSONS = "personer"  # the one block placeholder: the table of the household's persons


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str | Promise
    block: bool = False

    @property
    def written(self) -> str:
        return "{" + self.name + "}"


_DECISION = [
    Placeholder("mottaker", gettext_lazy("Den brevet er til: hovedpersonens navn, eller kommunen")),
    Placeholder("kommune", gettext_lazy("Bosettingskommunens navn, for eksempel «Bergen»")),
    Placeholder("kommunenummer", gettext_lazy("Bosettingskommunens nummer")),
    Placeholder("vedtaksdato", gettext_lazy("Vedtaksdatoen, dd.mm.åååå")),
    Placeholder("saksnummer", gettext_lazy("Saksnummeret, for eksempel «000123»")),
    Placeholder("antall_personer", gettext_lazy("Hvor mange personer vedtaket gjelder")),
    Placeholder("lovhjemmel", gettext_lazy("Teksten i feltet «Lovhjemmel»")),
    Placeholder(
        PERSONS,
        gettext_lazy("Tabellen over personene (navn, DUF-nummer, fødselsdato), på en egen linje"),
        block=True,
    ),
]

PLACEHOLDERS: dict[str, list[Placeholder]] = {
    LetterKind.DECISION_HOUSEHOLD: _DECISION,
    LetterKind.DECISION_MUNICIPALITY: _DECISION,
}


class TemplateTextError(ValueError):
    """A text that cannot be saved, with the Norwegian message shown next to its field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_text(kind: str, text: str, *, blocks_allowed: bool = True) -> None:
    """Raise TemplateTextError unless every placeholder in `text` is known for `kind`, every
    brace belongs to one, and block placeholders stand alone on their line."""
    known = {placeholder.name: placeholder for placeholder in PLACEHOLDERS[kind]}
    allowed = ", ".join(placeholder.written for placeholder in PLACEHOLDERS[kind])
    unknown = [name for name in PLACEHOLDER.findall(text) if name.strip() not in known]
    if unknown:
        raise TemplateTextError(
            _("Ukjent flettefelt: %(unknown)s. Du kan bruke disse: %(allowed)s.")
            % {"unknown": ", ".join("{" + name + "}" for name in unknown), "allowed": allowed}
        )
    if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
        raise TemplateTextError(
            _(
                "En krøllparentes står uten sin make. Flettefelt skrives med krøllparentes på "
                "begge sider, for eksempel {kommune}."
            )
        )
    for name in PLACEHOLDER.findall(text):
        placeholder = known[name.strip()]
        if not placeholder.block:
            continue
        if not blocks_allowed:
            raise TemplateTextError(
                _("%(placeholder)s kan bare brukes i brevteksten.")
                % {"placeholder": placeholder.written}
            )
        if not any(line.strip() == "{" + name + "}" for line in text.splitlines()):
            raise TemplateTextError(
                _("%(placeholder)s må stå alene på en egen linje.")
                % {"placeholder": placeholder.written}
            )


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its inline placeholders replaced by `values` (the text was checked when
    saved; a name without a value is left as written rather than guessed)."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1).strip(), match.group(0)), text)


@dataclass(frozen=True)
class Block:
    kind: Literal["heading", "paragraph", "persons"]
    lines: tuple[str, ...] = ()


def blocks(body: str, values: dict[str, str]) -> list[Block]:
    """The body as headings, paragraphs (their line breaks kept) and the persons table."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in chunk.split("\n")]
        if lines[0].startswith("# "):
            result.append(Block("heading", (fill(lines.pop(0)[2:].strip(), values),)))
        paragraph: list[str] = []
        for line in lines:
            if line.strip() == "{" + PERSONS + "}":
                if paragraph:
                    result.append(Block("paragraph", tuple(paragraph)))
                    paragraph = []
                result.append(Block("persons"))
            else:
                paragraph.append(fill(line, values))
        if paragraph:
            result.append(Block("paragraph", tuple(paragraph)))
    return result
