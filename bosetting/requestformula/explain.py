"""Each term's contribution to a municipality's number, in plain Norwegian, as IMDi publishes it:
«Folketall: 5,3 % av landet → 1 001 plasser; mange bosatt siste tre år: −120; …»."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .computation import FULFILMENT, LIMITS, POPULATION, ROUNDING, SETTLED_RECENTLY
from .proposal import Proposal, ProposalLine

NBSP = "\N{NO-BREAK SPACE}"


def number(value: float, decimals: int = 0) -> str:
    """As the reports write numbers: a no-break space in thousands, a decimal comma, a minus sign."""
    text = f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return text.replace("-", "\N{MINUS SIGN}")


def signed(value: float, decimals: int = 0) -> str:
    shown = number(value, decimals)
    if shown.lstrip("\N{MINUS SIGN}").replace("0", "").strip(f",{NBSP}") == "":
        return "±0"
    return shown if shown.startswith("\N{MINUS SIGN}") else f"+{shown}"


def percent(share: float) -> str:
    return f"{number(share * 100, 1)}{NBSP}%"


def term_labels() -> dict[str, str]:
    return {
        POPULATION: _("Folketall"),
        SETTLED_RECENTLY: _("Bosatt siste tre år"),
        FULFILMENT: _("Bosatt av fjorårets vedtak"),
        LIMITS: _("Minste og største anmodning"),
        ROUNDING: _("Avrunding"),
    }


def explanation(line: ProposalLine, proposal: Proposal) -> str:
    """One sentence per term, joined by semicolons; a term that adds nothing is left out."""
    terms = line.terms
    parts = [
        _("Folketall: %(share)s av landet → %(places)s plasser")
        % {"share": percent(line.population_share), "places": number(terms[POPULATION])}
    ]
    national_rate = proposal.result.national_settled_per_thousand
    settled = terms[SETTLED_RECENTLY]
    if round(settled) != 0:
        many = line.settled_per_thousand > national_rate
        # Hundredths where the whole country settled under one per 1,000, so that the rates differ.
        decimals = 2 if national_rate < 1 else 1
        parts.append(
            (
                _(
                    "mange bosatt siste tre år (%(rate)s per 1 000 innbyggere, landet %(national)s): %(change)s"
                )
                if many
                else _(
                    "få bosatt siste tre år (%(rate)s per 1 000 innbyggere, landet %(national)s): %(change)s"
                )
            )
            % {
                "rate": number(line.settled_per_thousand, decimals),
                "national": number(national_rate, decimals),
                "change": signed(settled),
            }
        )
    fulfilment = terms[FULFILMENT]
    if round(fulfilment) != 0:
        if line.fulfilment_share is None:
            parts.append(
                _("ikke vedtak i fjor, regnet med landets %(national)s bosatt: %(change)s")
                % {
                    "national": percent(proposal.result.national_fulfilment_share),
                    "change": signed(fulfilment),
                }
            )
        else:
            parts.append(
                _("bosatt %(share)s av fjorårets vedtak (landet %(national)s): %(change)s")
                % {
                    "share": percent(line.fulfilment_share),
                    "national": percent(proposal.result.national_fulfilment_share),
                    "change": signed(fulfilment),
                }
            )
    limits = terms[LIMITS]
    if round(limits, 1) != 0:
        if line.limited_by == "minimum":
            text = _("løftet til minste anmodning (%(minimum)s): %(change)s") % {
                "minimum": proposal.formula.minimum_request,
                "change": signed(limits, 1),
            }
        elif line.limited_by == "maximum":
            text = _("begrenset til høyst %(maximum)s per 1 000 innbyggere: %(change)s") % {
                "maximum": number(float(proposal.formula.maximum_per_thousand), 1),
                "change": signed(limits, 1),
            }
        else:
            text = _("andre kommuners minste og største anmodning: %(change)s") % {
                "change": signed(limits, 1)
            }
        parts.append(text)
    parts.append(_("avrunding: %(change)s") % {"change": signed(terms[ROUNDING], 1)})
    return "; ".join(parts) + "."
