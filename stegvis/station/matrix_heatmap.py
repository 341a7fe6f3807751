"""The matrix drawn: the heatmap's geometry and the repeated cell markup, built once in Python.

``station/includes/matrix_heatmap.html`` draws the SVG on the page and in the PDF alike. Fills
are SVG presentation attributes (not style attributes), so the strict Content-Security-Policy
holds and WeasyPrint, which does not apply the page's CSS to inline SVG, draws the same colours.

A 40-person unit with a dozen requirements has some 500 cells, each drawn twice (heatmap and
table). Rendering them through template tags cost more than reading all the data, so their
markup is made here with f-strings; every text that is not ours (names, titles, words of
translations) goes through ``escape``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape  # the standard library's: Django's lazy-aware one costs 5x per call

from django.utils.safestring import SafeString, mark_safe

from .matrix import COLOURS, Matrix

CELL = 32
NAME_WIDTH = 210
HEAD = 160
NAME_CHARS = 26
TITLE_CHARS = 28


@dataclass
class Heatmap:
    width: int
    height: int
    names: list[tuple[str, int]]  # (text, y of its baseline)
    titles: list[tuple[str, int, int]]  # (text, x, y) of each rotated column label
    cells: SafeString  # every square with its symbol and <title>, as SVG
    coverage: list[tuple[str, int, int, bool, str]]  # (held/needed, x, x centre, short, title)
    coverage_y: int  # top of the coverage squares
    coverage_ty: int  # baseline of their text
    square: int  # side of a square (a cell less its white border)


def _shorten(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _squares(matrix: Matrix) -> SafeString:
    half, side = CELL // 2, CELL - 2
    titles = [escape(column.title) for column in matrix.columns]
    parts = []
    for i, row in enumerate(matrix.rows):
        y = HEAD + i * CELL
        name = escape(row.person.full_name)
        for j, cell in enumerate(row.cells):
            fill, ink = COLOURS[cell.state]
            x = NAME_WIDTH + j * CELL
            parts.append(
                f'<g class="matrix-cell matrix-cell--{cell.state}">'
                f"<title>{name} – {titles[j]}: {escape(cell.words)}</title>"
                f'<rect x="{x + 1}" y="{y + 1}" width="{side}" height="{side}" rx="3" '
                f'fill="{fill}"/><text x="{x + half}" y="{y + half + 6}" text-anchor="middle" '
                f'font-size="17" font-weight="700" fill="{ink}">{cell.symbol}</text></g>'
            )
    return mark_safe("\n".join(parts))  # every outside text is escaped above


def heatmap(matrix: Matrix) -> Heatmap:
    """Place a square per cell: people down, requirements across, coverage at the foot."""
    half = CELL // 2
    names = [
        (_shorten(row.person.full_name, NAME_CHARS), HEAD + i * CELL + half + 5)
        for i, row in enumerate(matrix.rows)
    ]
    titles = [
        (_shorten(column.title, TITLE_CHARS), NAME_WIDTH + j * CELL + half + 4, HEAD - 8)
        for j, column in enumerate(matrix.columns)
    ]
    coverage_y = HEAD + len(matrix.rows) * CELL + 8
    coverage = [
        (
            f"{column.held}/{column.needed}",
            NAME_WIDTH + j * CELL + 1,
            NAME_WIDTH + j * CELL + half,
            bool(column.shortfall),
            f"{column.title}: {column.coverage_text}",
        )
        for j, column in enumerate(matrix.columns)
    ]
    return Heatmap(
        width=NAME_WIDTH + len(matrix.columns) * CELL + 150,
        height=coverage_y + CELL + 4,
        names=names,
        titles=titles,
        cells=_squares(matrix),
        coverage=coverage,
        coverage_y=coverage_y,
        coverage_ty=coverage_y + half + 4,
        square=CELL - 2,
    )


def table_cells(matrix: Matrix) -> list[SafeString]:
    """Each row's state cells for the table alternative: symbol (hidden from screen readers,
    the words say it) and the state in words."""
    return [
        mark_safe(  # the words are escaped; states and symbols are ours
            "".join(
                f'<td class="matrix-state-cell matrix-state-cell--{cell.state}">'
                f'<span aria-hidden="true">{cell.symbol}</span> {escape(cell.words)}</td>'
                for cell in row.cells
            )
        )
        for row in matrix.rows
    ]
