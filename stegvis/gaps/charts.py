"""The gap charts' geometry, computed here so the SVG templates only place what they are given.

Both charts speak in words and shapes as well as colour: each coverage bar has its numbers
written beside it and its shortfall drawn hatched; the trend's two lines differ in dash and
marker, and each has its own legend entry. Every chart has a table with the same numbers
on the page (``gaps/includes/*_table.html``). Colours are SVG presentation attributes, which
the Content-Security-Policy allows and WeasyPrint draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import RequirementLine
from .snapshots import TrendPoint

WIDTH = 640
LABEL_HEIGHT = 20
BAR_HEIGHT = 18
ROW = LABEL_HEIGHT + BAR_HEIGHT + 14
BAR_X = 8
BAR_WIDTH = 420
COVERED = "#0b5d5b"  # --brand, 7.4:1 on white
SHORT = "#a11a1a"  # --bad


@dataclass
class Bar:
    label: str
    words: str  # "12 of 15 needed (80 %), 3 short"
    label_y: int
    y: int
    covered_width: int
    short_x: int
    short_width: int
    text_x: int
    high: bool


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    bar_height: int = BAR_HEIGHT
    bar_x: int = BAR_X
    bar_width: int = BAR_WIDTH


def coverage_bars(lines: list[RequirementLine], words) -> BarChart:
    """One bar per requirement line: the covered part solid, the shortfall hatched;
    ``words(line)`` writes the numbers beside it."""
    bars = []
    for i, line in enumerate(lines):
        figures = line.figures
        top = 6 + i * ROW
        needed = figures.needed
        covered = round(BAR_WIDTH * figures.covered / needed) if needed else BAR_WIDTH
        short = BAR_WIDTH - covered if figures.shortfall else 0
        bars.append(
            Bar(
                label=line.title if not line.is_high else f"{line.title} ▲",
                words=words(line),
                label_y=top + 14,
                y=top + LABEL_HEIGHT,
                covered_width=covered,
                short_x=BAR_X + covered,
                short_width=short,
                text_x=BAR_X + BAR_WIDTH + 8,
                high=line.is_high,
            )
        )
    return BarChart(WIDTH, 12 + len(lines) * ROW, bars)


PLOT_LEFT, PLOT_TOP, PLOT_WIDTH, PLOT_HEIGHT = 48, 16, 540, 200


@dataclass
class Series:
    points: str  # "x,y x,y" for <polyline>
    markers: list[tuple[int, int, int]]  # (x, y, value)


@dataclass
class LineChart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    ticks: list[tuple[int, int]]  # (y, percent)
    months: list[tuple[int, str]]  # (x, "2025-03")
    all_requirements: Series
    high: Series

    @property
    def right(self) -> int:
        return self.left + self.plot_width

    @property
    def tick_x(self) -> int:
        return self.left - 6

    @property
    def month_y(self) -> int:
        return self.top + self.plot_height + 20


def _y(value: int) -> int:
    return PLOT_TOP + round(PLOT_HEIGHT * (100 - value) / 100)


def trend_lines(points: list[TrendPoint]) -> LineChart | None:
    """Coverage per month, all requirements and the high-criticality ones (None: no points)."""
    if not points:
        return None
    step = PLOT_WIDTH / max(len(points) - 1, 1)
    if len(points) == 1:
        xs = [PLOT_LEFT + PLOT_WIDTH // 2]
    else:
        xs = [PLOT_LEFT + round(i * step) for i in range(len(points))]

    def series(values) -> Series:
        known = [(x, _y(v), v) for x, v in zip(xs, values, strict=True) if v is not None]
        return Series(" ".join(f"{x},{y}" for x, y, _v in known), known)

    return LineChart(
        width=PLOT_LEFT + PLOT_WIDTH + 24,
        height=PLOT_TOP + PLOT_HEIGHT + 40,
        left=PLOT_LEFT,
        top=PLOT_TOP,
        plot_width=PLOT_WIDTH,
        plot_height=PLOT_HEIGHT,
        ticks=[(_y(v), v) for v in (0, 25, 50, 75, 100)],
        months=[(x, f"{p.month:%Y-%m}") for x, p in zip(xs, points, strict=True)],
        all_requirements=series([p.coverage for p in points]),
        high=series([p.high_coverage for p in points]),
    )
