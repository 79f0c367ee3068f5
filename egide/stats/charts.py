"""Bar charts drawn on the server as inline SVG: one bar per month, the value above it.

The chart is a picture for sighted readers; the table that follows it on the page carries the
same figures for everyone (RGAA 1.3: the table is the chart's accessible alternative), so the
SVG is one labelled image and its parts are hidden from screen readers.
"""

from dataclasses import dataclass

from django.utils.formats import date_format, number_format

from .choices import Unit

WIDTH, HEIGHT = 640, 220
TOP, BOTTOM, LEFT = 24, 28, 8
GAP = 6


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    label_x: float
    value_y: float


def shown(value, unit: Unit) -> str:
    """A value as the page prints it ("—" when there is nothing to measure)."""
    if value is None:
        return "—"
    if unit == Unit.COUNT:
        return number_format(value, force_grouping=True)
    text = number_format(value, decimal_pos=2 if unit == Unit.EUROS else 1, force_grouping=True)
    return f"{text} {Unit(unit).label}"


def bars(series, unit: Unit) -> list[Bar]:
    points = series.points
    if not points:
        return []
    top = max((value for _month, value in points if value), default=0) or 1
    slot = (WIDTH - LEFT * 2) / len(points)
    drawn = []
    for index, (month, value) in enumerate(points):
        height = (HEIGHT - TOP - BOTTOM) * (value or 0) / top
        x = LEFT + index * slot + GAP / 2
        drawn.append(
            Bar(
                x=round(x, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(slot - GAP, 1),
                height=round(height, 1),
                label=date_format(month, "M"),
                value=shown(value, unit) if value is not None else "",
                label_x=round(x + (slot - GAP) / 2, 1),
                value_y=round(HEIGHT - BOTTOM - height - 4, 1),
            )
        )
    return drawn
