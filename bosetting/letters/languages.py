"""What a letter needs to know about its language: the HTML `lang`, the writing direction, and
which translation a household gets."""

from __future__ import annotations

from collections.abc import Iterable

from .models import NORWEGIAN

# ISO 639-3 (as bosetting.cases.codes) to the shorter BCP 47 tag where ISO 639-1 has one; a
# three-letter code is a valid tag of its own.
_BCP47 = {
    "nob": "nb",
    "eng": "en",
    "amh": "am",
    "ara": "ar",
    "bel": "be",
    "ben": "bn",
    "mya": "my",
    "fra": "fr",
    "kat": "ka",
    "hau": "ha",
    "kin": "rw",
    "lin": "ln",
    "orm": "om",
    "pus": "ps",
    "fas": "fa",
    "por": "pt",
    "rus": "ru",
    "run": "rn",
    "som": "so",
    "spa": "es",
    "swa": "sw",
    "tam": "ta",
    "tir": "ti",
    "tur": "tr",
    "ukr": "uk",
    "urd": "ur",
    "uzb": "uz",
    "hin": "hi",
    "deu": "de",
    "ita": "it",
    "pol": "pl",
    "bos": "bs",
    "sqi": "sq",
    "heb": "he",
    "tgk": "tg",
}
# Written right to left: the whole letter is laid out that way.
RIGHT_TO_LEFT = frozenset({"ara", "fas", "prs", "pus", "ckb", "urd", "heb"})


def html_lang(code: str) -> str:
    return _BCP47.get(code, code)


def direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def translation_for(spoken: Iterable[str], available: Iterable[str]) -> str | None:
    """The first of the household's languages (interpreter language first) that a translation
    exists for, or None: Norwegian needs none, it is the letter itself."""
    translated = set(available) - {NORWEGIAN}
    for code in spoken:
        if code == NORWEGIAN:
            return None
        if code in translated:
            return code
    return None
