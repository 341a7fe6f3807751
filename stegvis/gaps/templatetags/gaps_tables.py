"""The rows of the gap report's table of child areas, made in Python.

A municipality has a row for each of its units, often more than a hundred with seven figures
each. Through template variables every figure passes the localisation machinery; here the rows
are written with f-strings. The figures are whole numbers, written as the template wrote them:
plain digits, unless the installation turns on ``USE_THOUSAND_SEPARATOR``. The only text that
is not ours, the child's name, goes through ``escape``.
"""

from __future__ import annotations

from html import escape  # the standard library's: Django's lazy-aware one costs more per call

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _number(value: int) -> str:
    return formats.number_format(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


def _share(value: int | None) -> str:
    return "–" if value is None else f"{_number(value)} %"


@register.simple_tag
def children_rows(children, on_query: str = "") -> SafeString:
    """``<tr>`` per child: name (a link to its own page when it has one), needed, coverage,
    shortfall, high-criticality shortfall, expiring, in progress."""
    out = []
    for child in children:
        name = escape(child.name)
        if child.url:
            name = f'<a href="{escape(child.url + on_query)}">{name}</a>'
        figures, high = child.figures, child.high.shortfall
        flagged = f"<strong>{_number(high)} ▲</strong>" if high else "0"
        out.append(
            f'<tr><th scope="row">{name}</th>'
            f'<td class="num">{_number(figures.needed)}</td>'
            f'<td class="num">{_share(figures.coverage)}</td>'
            f'<td class="num">{_number(figures.shortfall)}</td>'
            f'<td class="num">{flagged}</td>'
            f'<td class="num">{_number(figures.expiring)}</td>'
            f'<td class="num">{_number(figures.in_progress)}</td></tr>'
        )
    return mark_safe("\n".join(out))  # every outside text is escaped above
