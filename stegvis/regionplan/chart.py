"""Demand against capacity drawn: one group of three bars per course, as SVG.

``regionplan/includes/chart.html`` draws it from these numbers. Each course has its title on a
line of its own and three bars under it (demand, seats before the plan, seats after it), so the
chart stays narrow enough for a phone. Fills are SVG presentation attributes, not style
attributes, so the strict Content-Security-Policy holds. The table on the page says the same
in words; the chart is hidden from nobody but adds nothing a screen reader needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .table import CourseRow

WIDTH = 560
LEFT = 8
BAR = 14
STEP = 18  # a bar and the space under it
LABEL = 20  # the course title's line
GAP = 14  # between courses
TITLE_CHARS = 60
VALUE_ROOM = 90  # room right of the longest bar for its number
COLOURS = {"demand": "#9a3412", "before": "#6b7a86", "after": "#0b5d5b"}


@dataclass
class Chart:
    width: int
    height: int
    bars: SafeString
    legend: list[tuple[str, str, int]]  # (words, colour, x)


def _shorten(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _bar(kind: str, y: int, value: int, scale: float, words: str, more: bool) -> str:
    width = max(round(value * scale), 1 if value else 0)
    number = f"{value}+" if more else str(value)
    return (
        f'<g class="regionplan-bar regionplan-bar--{kind}"><title>{escape(words)}</title>'
        f'<rect x="{LEFT}" y="{y}" width="{width}" height="{BAR}" rx="2" fill="{COLOURS[kind]}"/>'
        f'<text x="{LEFT + width + 6}" y="{y + BAR - 3}" font-size="12" fill="#1b2430">'
        f"{number}</text></g>"
    )


def chart(rows: list[CourseRow]) -> Chart:
    """Three bars per course, all on one scale."""
    largest = max([1, *(max(r.total, r.before.seats, r.after.seats) for r in rows)])
    scale = (WIDTH - LEFT - VALUE_ROOM) / largest
    parts, y = [], 34
    for row in rows:
        title = escape(_shorten(row.course.title, TITLE_CHARS))
        parts.append(
            f'<text x="{LEFT}" y="{y + 14}" font-size="13" font-weight="700" fill="#1b2430">'
            f"{title}</text>"
        )
        y += LABEL
        values = (
            ("demand", row.total, False, _("Demand: %(n)s people")),
            ("before", row.before.seats, row.before.unlimited, _("Seats before the plan: %(n)s")),
            ("after", row.after.seats, row.after.unlimited, _("Seats after the plan: %(n)s")),
        )
        for kind, value, more, words in values:
            text = f"{row.course.title} – {words % {'n': value}}"
            parts.append(_bar(kind, y, value, scale, text, more))
            y += STEP
        y += GAP
    legend = [
        (_("Demand"), COLOURS["demand"], LEFT),
        (_("Seats before"), COLOURS["before"], LEFT + 150),
        (_("Seats after"), COLOURS["after"], LEFT + 300),
    ]
    return Chart(WIDTH, y, mark_safe("\n".join(parts)), legend)  # outside text is escaped
