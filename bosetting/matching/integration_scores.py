"""Expected-integration scores from a CSV file (docs/integration-scores.md), and a person's
profile that the file's rows are keyed by.

A model made elsewhere (GeoMatch-style) predicts, for each person profile and municipality, a
score from 0 to 1, e.g. the probability of work or education three years after settlement. A
case's score in a municipality is the sum over its persons. The file is checked whole: one bad
line refuses it all, so that a plan never rests on half a file.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from bosetting.cases.assessment import EducationLevel, age_on

from .errors import MatchingError

FIELD = "integration_file"
HEADER = ("profil", "kommunenummer", "poeng")
MAX_BYTES = 5 * 1024 * 1024
SHOWN_ERRORS = 5

# Age groups at the run's day: children, young adults, adults, older adults, pensioners.
AGE_GROUPS = ((0, 17), (18, 29), (30, 44), (45, 66), (67, None))


def _age_group(low: int, high: int | None) -> str:
    return f"{low}-{high}" if high is not None else f"{low}+"


PROFILES: frozenset[str] = frozenset(
    f"{_age_group(low, high)}/{level}"
    for low, high in AGE_GROUPS
    for level in EducationLevel.values
)

# profile → kommunenummer → score
Scores = Mapping[str, Mapping[str, float]]


def person_profile(
    birth_date: datetime.date, education_level: str | None, *, today: datetime.date
) -> str:
    """The profile of one person: age group and education level (unknown when not assessed)."""
    age = age_on(birth_date, today)
    group = next(_age_group(low, high) for low, high in AGE_GROUPS if high is None or age <= high)
    level = education_level if education_level in EducationLevel.values else "unknown"
    return f"{group}/{level}"


@dataclass(frozen=True)
class ScoreFile:
    scores: dict[str, dict[str, float]]
    sha256: str
    rows: int


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def parse_score_file(content: bytes, *, municipalities: Iterable[str]) -> ScoreFile:
    """The file's scores, or a MatchingError (field `integration_file`) listing what is wrong."""
    if not content.strip():
        raise MatchingError(_("Filen er tom."), field=FIELD)
    if len(content) > MAX_BYTES:
        raise MatchingError(_("Filen er større enn 5 MB."), field=FIELD)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MatchingError(
            _("Filen er ikke lagret som UTF-8. Lagre den som «CSV UTF-8» og prøv igjen."),
            field=FIELD,
        ) from None
    first = text.splitlines()[0]
    delimiter = ";" if ";" in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = tuple(cell.strip().lower() for cell in next(reader))
    if header != HEADER:
        raise MatchingError(
            _("Første linje må være overskriftene «profil;kommunenummer;poeng»."), field=FIELD
        )
    known = set(municipalities)
    errors: list[str] = []
    scores: dict[str, dict[str, float]] = {}
    rows = 0
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows += 1
        if len(cells) != len(HEADER):
            errors.append(
                _("Linje %(line)s: skal ha tre felt, har %(count)s.")
                % {"line": line, "count": len(cells)}
            )
            continue
        profile, number, value = (cell.strip() for cell in cells)
        score = _number(value)
        if profile not in PROFILES:
            errors.append(
                _("Linje %(line)s: ukjent profil «%(profile)s».")
                % {"line": line, "profile": profile}
            )
        elif number not in known:
            errors.append(
                _("Linje %(line)s: ukjent kommunenummer «%(number)s».")
                % {"line": line, "number": number}
            )
        elif score is None or not 0.0 <= score <= 1.0:
            errors.append(
                _("Linje %(line)s: poeng må være et tall fra 0 til 1, ikke «%(value)s».")
                % {"line": line, "value": value}
            )
        elif number in scores.get(profile, {}):
            errors.append(
                _("Linje %(line)s: profil %(profile)s i kommune %(number)s står to ganger.")
                % {"line": line, "profile": profile, "number": number}
            )
        else:
            scores.setdefault(profile, {})[number] = score
    if not rows and not errors:
        errors.append(_("Filen har ingen linjer med poeng."))
    if errors:
        more = len(errors) - SHOWN_ERRORS
        shown = " ".join(errors[:SHOWN_ERRORS])
        tail = " " + _("(%(count)s feil til.)") % {"count": more} if more > 0 else ""
        raise MatchingError(
            _("Filen er ikke lest inn, og ingenting er lagret: %(errors)s")
            % {"errors": shown + tail},
            field=FIELD,
        )
    return ScoreFile(scores=scores, sha256=hashlib.sha256(content).hexdigest(), rows=rows)
