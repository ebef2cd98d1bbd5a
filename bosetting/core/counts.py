"""A number with its noun in the right form: «1 sak», «2 saker».

Each noun is one `ngettext` entry, so that the translation has its own plural rule. Templates use
the `counted` filter (`{{ places|counted:"flyktning" }}`); a whole sentence whose words change
with the number is better as its own `blocktranslate count` or `ngettext`.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import ngettext_lazy

NOUNS: dict[str, Promise] = {
    "dag": ngettext_lazy("%(count)s dag", "%(count)s dager", "count"),
    "enslig mindreårig": ngettext_lazy(
        "%(count)s enslig mindreårig", "%(count)s enslige mindreårige", "count"
    ),
    "flyktning": ngettext_lazy("%(count)s flyktning", "%(count)s flyktninger", "count"),
    "kommune": ngettext_lazy("%(count)s kommune", "%(count)s kommuner", "count"),
    "minutt": ngettext_lazy("%(count)s minutt", "%(count)s minutter", "count"),
    "person": ngettext_lazy("%(count)s person", "%(count)s personer", "count"),
    "sak": ngettext_lazy("%(count)s sak", "%(count)s saker", "count"),
    "år": ngettext_lazy("%(count)s år", "%(count)s år", "count"),
}


def counted(number: int, noun: str) -> str:
    """`counted(2, "sak")` is «2 saker»; the noun is given in the singular, as in NOUNS."""
    return str(NOUNS[noun] % {"count": number})
