"""The geometry of a route map: stops placed on a winding line that reads well on a phone.

The map is drawn as SVG in ``journeys/includes/route_map.html`` from these numbers. Stops go
down the page, alternating between the left and the right, joined by smooth curves, so the
route stays one column wide however many stops there are.
"""

from __future__ import annotations

import itertools
import textwrap
from dataclasses import dataclass

WIDTH = 340
ROW = 96
TOP = 48
LEFT_X = 64
RIGHT_X = WIDTH - 64
LABEL_CHARS = 20


@dataclass
class MapStop:
    number: int
    x: int
    y: int
    lines: list[tuple[str, int]]  # (text, y) of the course title's lines
    state_y: int
    label_x: int
    anchor: str
    view: object  # journeys.selectors.StopView


@dataclass
class RouteMap:
    width: int
    height: int
    path: str
    stops: list[MapStop]


def _label(title: str) -> list[str]:
    lines = textwrap.wrap(title, LABEL_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder="…")]
    return lines


def route_map(stop_views: list) -> RouteMap:
    """Place each stop and draw the line through them as one SVG path."""
    stops = []
    for index, view in enumerate(stop_views):
        left = index % 2 == 0
        x = LEFT_X if left else RIGHT_X
        y = TOP + index * ROW
        lines = _label(view.stop.course.title)
        first_y = y - 4 if len(lines) == 2 else y + 2
        stops.append(
            MapStop(
                number=index + 1,
                x=x,
                y=y,
                lines=[(text, first_y + 17 * n) for n, text in enumerate(lines)],
                state_y=first_y + 17 * len(lines) + 1,
                label_x=x + 30 if left else x - 30,
                anchor="start" if left else "end",
                view=view,
            )
        )
    parts = []
    if stops:
        # The line starts at a "start" marker above the first stop and curves from stop to stop.
        parts.append(f"M {stops[0].x} {TOP - 36} L {stops[0].x} {stops[0].y}")
        for before, after in itertools.pairwise(stops):
            middle = (before.y + after.y) // 2
            parts.append(f"C {before.x} {middle} {after.x} {middle} {after.x} {after.y}")
    height = TOP + max(len(stops) - 1, 0) * ROW + 56
    return RouteMap(WIDTH, height, " ".join(parts), stops)
