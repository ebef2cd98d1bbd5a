"""What may stand in a cell: no control characters, no direction overrides, line breaks only in
free text, and a length limit. The old system's data is names, codes, dates and Norwegian text;
anything else in it is a fault of the export, or an attempt to make a value read otherwise on
screen than it is stored.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# The longest value any column holds (helseopplysninger, see checks/cases.py). A cell is refused
# above it whatever its column, before anything else looks at it.
MAX_CELL_LENGTH = 20_000

BYTE_ORDER_MARK = "\ufeff"
# What str.splitlines() breaks on: each ends a line on some screen or in some program.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Unicode's Bidi_Control characters: marks, embeddings, overrides and isolates. They reorder
# what is shown without changing what is stored («Trojan Source», CVE-2021-42574).
DIRECTION_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


_REFUSED = (
    "\x00-\x1f\x7f-\x9f"  # C0 and C1 controls and DEL (NUL, ESC, line breaks, ...)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # DIRECTION_CONTROLS
    "\u2028\u2029\ufeff"  # line and paragraph separators, the byte order mark
)
# Searched with a regular expression: every cell of 250,000 persons passes through here.
_REFUSED_IN_ONE_LINE = re.compile(f"[{_REFUSED}]")
# Free text keeps its tabs and its line breaks as spreadsheets write them (\n or \r\n).
_REFUSED_IN_FREE_TEXT = re.compile(f"(?![\t\n\r])[{_REFUSED}]")


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def cell_problem(value: str, *, multi_line: bool) -> str | None:
    """Why `value` cannot be read as a cell, in Norwegian, or None when it can."""
    if len(value) > MAX_CELL_LENGTH:
        return _("Feltet har %(length)s tegn; høyst %(limit)s er tillatt i ett felt.") % {
            "length": len(value),
            "limit": MAX_CELL_LENGTH,
        }
    found = (_REFUSED_IN_FREE_TEXT if multi_line else _REFUSED_IN_ONE_LINE).search(value)
    if found is None:
        return None
    char = found.group()
    if char == BYTE_ORDER_MARK:
        return _(
            "Et byte order mark (U+FEFF) står inne i filen. Det er bare tillatt helt først "
            "i filen; kanskje er to filer satt sammen."
        )
    if char in DIRECTION_CONTROLS:
        return _(
            "Feltet inneholder et usynlig retningstegn (%(code)s), som kan få teksten til å "
            "vises i en annen rekkefølge enn den er lagret. Fjern tegnet."
        ) % {"code": code_point(char)}
    if char in LINE_BREAKS and multi_line:
        return _(
            "Feltet inneholder et linjeskift (%(code)s) som mange programmer ikke viser som "
            "linjeskift. Bruk vanlige linjeskift."
        ) % {"code": code_point(char)}
    if char in LINE_BREAKS:
        return _(
            "Feltet kan ikke ha linjeskift (%(code)s). Bare fritekstfeltene kan gå over "
            "flere linjer."
        ) % {"code": code_point(char)}
    return _("Feltet inneholder et kontrolltegn (%(code)s). Fjern tegnet.") % {
        "code": code_point(char)
    }


def printable(value: str) -> str:
    """`value` with every refused character written as its code point: a file or column name
    is printed in a problem, and must not steer the operator's terminal."""
    return _REFUSED_IN_ONE_LINE.sub(lambda found: f"<{code_point(found.group())}>", value)
