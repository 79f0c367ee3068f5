"""Bar charts drawn on the server as inline SVG: one bar per month, the value above it.

The chart is a picture for sighted readers; the table that follows it on the page carries the
same figures for everyone (RGAA 1.3: the table is the chart's accessible alternative), so the
SVG is one labelled image and its parts are hidden from screen readers.
"""

from dataclasses import dataclass

from django.utils.formats import date_format, number_format

from .choices import Unit


@dataclass(frozen=True)
class Frame:
    """A chart's size in SVG units and the room left around and between its bars."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    gap: float


MAIN = Frame(640, 220, 24, 28, 8, 6)
# Small multiples: one small chart per territory, all on the same scale.
SMALL = Frame(200, 90, 6, 16, 2, 2)


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


def highest(series) -> float:
    return max((value for _month, value in series.points if value), default=0) or 1


def bars(series, unit: Unit, frame: Frame = MAIN, top: float | None = None) -> list[Bar]:
    """One bar per month; `top` is the value of a full-height bar (the series' highest by
    default; small multiples share theirs)."""
    points = series.points
    if not points:
        return []
    top = top or highest(series)
    slot = (frame.width - frame.left * 2) / len(points)
    drawn = []
    for index, (month, value) in enumerate(points):
        height = (frame.height - frame.top - frame.bottom) * (value or 0) / top
        x = frame.left + index * slot + frame.gap / 2
        drawn.append(
            Bar(
                x=round(x, 1),
                y=round(frame.height - frame.bottom - height, 1),
                width=round(slot - frame.gap, 1),
                height=round(height, 1),
                label=date_format(month, "M"),
                value=shown(value, unit) if value is not None else "",
                label_x=round(x + (slot - frame.gap) / 2, 1),
                value_y=round(frame.height - frame.bottom - height - 4, 1),
            )
        )
    return drawn
