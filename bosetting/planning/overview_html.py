"""The year overview's rows written in Python: 357 rows of eight cells through the template
language took most of the page's time (4,300 variable look-ups and filters per request), on a
page whose SQL takes a fifth of it. The markup is the template's as it was."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from django.middleware.csrf import get_token
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from bosetting.accounts.http import AuthenticatedHttpRequest

from .models import MunicipalDecision
from .overview import OverviewRow


def _count(value: int | None) -> str:
    return "–" if value is None else str(value)


def overview_rows_html(
    rows: list[OverviewRow], *, request: AuthenticatedHttpRequest, can_manage: bool
) -> SafeString:
    if not rows:
        columns = 8 if can_manage else 7
        empty = escape(_("Ingen kommuner passer til filteret."))
        return SafeString(f'<tr><td colspan="{columns}">{empty}</td></tr>')
    action_cell = _action_cell(request) if can_manage else None
    parts = []
    for row in rows:
        name = escape(f"{row.municipality.number} {row.municipality.name}")
        heading = (
            f'<a class="ds-link" href="{escape(row.detail_url)}">{name}</a>'
            if row.request_id
            else name
        )
        parts.append(
            f'<tr><th scope="row">{heading}</th>'
            f"<td>{_count(row.requested)}</td>"
            f"<td>{row.deadline_text}</td>"
            f"<td>{_count(row.decided)}</td>"
            f"<td>{_count(row.decided_minors)}</td>"
            f"<td>{row.settled}</td>"
            f'<td><span class="ds-tag" data-color="{row.status_colour}">'
            f"{escape(row.status_label)}</span></td>"
            f"{action_cell(row) if action_cell else ''}</tr>"
        )
    return SafeString("".join(parts))


def _action_cell(request: AuthenticatedHttpRequest) -> Callable[[OverviewRow], str]:
    csrf = escape(get_token(request))
    this_url = escape(request.get_full_path())
    button = escape(_("Kvitter ut"))
    acknowledged = escape(_("Kvittert ut"))

    def cell(row: OverviewRow) -> str:
        if row.can_acknowledge:
            hidden = escape(_("vedtaket fra %(name)s") % {"name": row.municipality.name})
            return (
                f'<td><form method="post" action="{escape(row.acknowledge_url)}">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
                f'<input type="hidden" name="next" value="{this_url}">'
                f'<button type="submit" class="ds-button" data-variant="secondary" data-size="sm">'
                f'{button}<span class="visually-hidden"> {hidden}</span></button></form></td>'
            )
        if row.decision_state == MunicipalDecision.State.ACKNOWLEDGED:
            return f"<td>{acknowledged}</td>"
        return "<td></td>"

    return cell
