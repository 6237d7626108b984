"""Horizontal bar charts laid out in Python and drawn by the template as inline SVG: no JavaScript, no styles.

The geometry is in the SVG's own units (the viewBox); the stylesheet scales the drawing to the page's width.
"""

from dataclasses import dataclass

LABEL_WIDTH = 150  # room for "North America" and the like
BAR_AREA = 360
VALUE_ROOM = 50
BAR_HEIGHT = 22
GAP = 10
PADDING = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int  # top of the bar
    width: int
    text_y: int  # baseline of the label and the value, centred on the bar
    value_x: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_x: int  # the labels end here (text-anchor="end")
    bar_x: int
    bar_height: int = BAR_HEIGHT


def bar_chart(rows: list[tuple[str, int]]) -> BarChart:
    """One bar per (label, value), the longest for the largest value; a value above 0 always shows a sliver."""
    largest = max((value for _label, value in rows), default=0)
    bar_x = LABEL_WIDTH + PADDING
    bars = []
    for index, (label, value) in enumerate(rows):
        y = PADDING + index * (BAR_HEIGHT + GAP)
        width = round(BAR_AREA * value / largest) if largest else 0
        if value > 0:
            width = max(width, 2)
        bars.append(Bar(label=label, value=value, y=y, width=width, text_y=y + BAR_HEIGHT // 2 + 4,
                        value_x=bar_x + width + 6))
    height = 2 * PADDING + len(rows) * (BAR_HEIGHT + GAP) - (GAP if rows else 0)
    return BarChart(bars=bars, width=bar_x + BAR_AREA + VALUE_ROOM, height=height, label_x=LABEL_WIDTH,
                    bar_x=bar_x)
