"""Server-rendered line charts: the geometry of an SVG drawn by a small template.

No JavaScript and no charting library: a running total over days is a polyline,
its axes two lines and four labels. The template gives the drawing a title and a
text description, and the page repeats every point in a data table (the chart is
for sighted readers at a glance; the table is the accessible, exact version).
"""

from __future__ import annotations

import datetime as dt

import attrs

WIDTH = 600
HEIGHT = 240
#: Room for the axis labels.
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 32


@attrs.frozen
class Chart:
    """What ``pnyx/statistics/_chart.html`` draws."""

    points: str
    first_day: dt.date
    last_day: dt.date
    highest: int
    rows: tuple[tuple[dt.date, int, int], ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def running_total(daily: list[tuple[dt.date, int]]) -> list[tuple[dt.date, int, int]]:
    """``(day, added that day, total so far)``."""
    rows, total = [], 0
    for day, count in sorted(daily):
        total += count
        rows.append((day, count, total))
    return rows


def line_chart(daily: list[tuple[dt.date, int]]) -> Chart | None:
    """The chart of the running total, or ``None`` without any point."""
    rows = running_total(daily)
    if not rows:
        return None
    first, last = rows[0][0], rows[-1][0]
    days = max((last - first).days, 1)
    highest = max(rows[-1][2], 1)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        return LEFT + plot_width * (day - first).days / days

    def y(total: int) -> float:
        return HEIGHT - BOTTOM - plot_height * total / highest

    coordinates = [(x(first), y(0))] + [(x(day), y(total)) for day, _added, total in rows]
    if len(rows) == 1:
        coordinates.append((LEFT + plot_width, y(rows[0][2])))
    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in coordinates)
    return Chart(
        points=points, first_day=first, last_day=last, highest=rows[-1][2], rows=tuple(rows)
    )
