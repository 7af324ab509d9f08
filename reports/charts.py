"""Inline SVG bar charts for the year-end summary, drawn on the server.

The summary page is printed on A4 and read on phones, with no JavaScript, so the charts are
plain SVG markup built from strings. Every text that may come from the database is passed
through ``escape``; the result is a ``SafeString`` ready for a template.

Output is deterministic (same input, same active language -> same markup) so it can be
cached: element ids are a hash of the input, not a counter. Styling uses presentation
attributes, never a ``<style>`` element, because CSS inside inline SVG applies to the whole
HTML page and would clash between charts and with the page's own classes.
"""

import hashlib
import math
from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
FONT_SIZE = 12
CHAR_W = 6.6  # average width of a 12px sans-serif glyph; used to estimate text widths
PAD = 8
INK, GRID, AXIS = "#222", "#d9d9d9", "#888"

# (fill, darker edge, pattern) per series. Lightness differs strongly and each fill has its
# own texture, so the series stay apart on a greyscale printer.
PALETTE = [
    ("#1f4e79", "#10283e", ""),  # dark blue, solid
    ("#e0913a", "#7a4a12", '<path d="M0 0V6" stroke="#fff" stroke-width="2.4"/>'),  # stripes
    ("#b8d8a0", "#3b6e22", '<circle cx="3" cy="3" r="1.3" fill="#3b6e22"/>'),  # light, dots
    ("#6e6e6e", "#333", '<path d="M0 3H6M3 0V6" stroke="#fff" stroke-width="1"/>'),  # grid
]


def _num(x: float) -> str:
    """A coordinate with at most one decimal, so markup stays short and stable."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _fmt(value: float) -> str:
    """A value as the active locale writes numbers (scores may be Decimal or float)."""
    return number_format(value if isinstance(value, int) else round(value, 2))


def _truncate(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[: max(1, max_chars - 1)].rstrip() + "…"


def _chart_id(*parts: object) -> str:
    """Same input -> same id (cacheable); different data -> different ids on one page."""
    return "chart-" + hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:10]


def _nice_axis(peak: float, integral: bool) -> tuple[float, float]:
    """Axis top and tick step: at most six steps of 1, 2 or 5 x 10^k covering ``peak``."""
    raw = max(peak, 1) / 6  # all zeros still gets a 0..1 axis: no division by zero
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if integral:
        step = max(1, step)  # counts never get ticks at 0.5
    return math.ceil(max(peak, 1) / step) * step, step


def _svg(cid: str, width: int, height: float, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {width} {_num(height)}" '
        # Its natural size; the stylesheet (svg.chart) lets it shrink to the page, as the
        # Content-Security-Policy allows no inline style attribute.
        f'width="{width}" height="{_num(height)}" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}" fill="{INK}">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _heading(title: str, width: int) -> str:
    """The visible title, so a printed chart explains itself; cut to the chart's width."""
    shown = escape(_truncate(title, int((width - 2 * PAD) / (CHAR_W * 1.15))))
    return f'<text x="{PAD}" y="18" font-weight="bold" font-size="13">{shown}</text>'


def _no_data(title: str, label: str, width: int) -> SafeString:
    cid = _chart_id(title, label, width)
    body = [
        _heading(title, width),
        f'<text x="{width / 2}" y="46" text-anchor="middle" fill="#555">{escape(label)}</text>',
    ]
    return mark_safe(_svg(cid, width, 60, title, label, body))  # every text above is escaped


def _defs(cid: str, count: int) -> tuple[str, list[str]]:
    """Pattern definitions and the fill reference for each series (palette cycles)."""
    defs, fills = [], []
    for i in range(count):
        fill, _edge, pattern = PALETTE[i % len(PALETTE)]
        if not pattern:
            fills.append(fill)
            continue
        defs.append(
            f'<pattern id="{cid}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{fill}"/>'
            f"{pattern}</pattern>"
        )
        fills.append(f"url(#{cid}-p{i})")
    return ("<defs>" + "".join(defs) + "</defs>" if defs else ""), fills


def _legend(names: list[str], fills: list[str], width: int, top: float) -> tuple[list[str], float]:
    """Swatches left to right, wrapping onto new rows; returns markup and its bottom edge."""
    out, x, y = ['<g class="legend">'], float(PAD), top
    for i, (name, fill) in enumerate(zip(names, fills, strict=True)):
        item_w = 12 + 5 + len(name) * CHAR_W + 16
        if x > PAD and x + item_w > width - PAD:
            x, y = float(PAD), y + 18
        edge = PALETTE[i % len(PALETTE)][1]
        out.append(
            f'<rect class="swatch" x="{_num(x)}" y="{_num(y)}" width="12" height="12" '
            f'fill="{fill}" stroke="{edge}" stroke-width="0.6"/>'
            f'<text x="{_num(x + 17)}" y="{_num(y + 10)}">{escape(name)}</text>'
        )
        x += item_w
    out.append("</g>")
    return out, y + 12


def _grid(left: float, plot_w: float, top: float, bottom: float, axis: tuple) -> list[str]:
    """Light vertical lines at each tick, with the tick values under the plot."""
    axis_top, step = axis
    out = ['<g class="grid">']
    for k in range(round(axis_top / step) + 1):
        x = left + plot_w * k * step / axis_top
        colour = AXIS if k == 0 else GRID
        out.append(
            f'<line x1="{_num(x)}" y1="{_num(top)}" x2="{_num(x)}" y2="{_num(bottom)}" '
            f'stroke="{colour}" stroke-width="1"/>'
            f'<text x="{_num(x)}" y="{_num(bottom + 14)}" text-anchor="middle" fill="#555">'
            f"{_fmt(k * step)}</text>"
        )
    out.append("</g>")
    return out


def grouped_bar_chart(
    *,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int | float]]],
    width: int = 640,
    bar_height: int = 14,
    no_data_label: str = "Chưa có số liệu",
) -> SafeString:
    """A horizontal grouped bar chart: one group per category, one bar per series.

    Negative values are drawn as empty bars (counts and scores are never negative) but
    still labelled with their value.
    """
    if not categories or not series:
        return _no_data(title, no_data_label, width)
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)}")

    names = [name for name, _ in series]
    cid = _chart_id(title, categories, series, width, bar_height)
    defs, fills = _defs(cid, len(series))
    legend, legend_bottom = _legend(names, fills, width, 30)

    # Label column sized to the longest name, but never more than a third of the chart.
    label_w = min(max(len(c) for c in categories) * CHAR_W + PAD, width * 0.32)
    max_chars = max(4, int((label_w - PAD) / CHAR_W))
    values = [v for _, vs in series for v in vs]
    value_w = max(len(_fmt(v)) for v in values) * CHAR_W + 10  # room for the end labels
    left = PAD + label_w + 6
    plot_w = width - left - value_w
    axis = _nice_axis(max(float(v) for v in values), all(isinstance(v, int) for v in values))

    gap, group_gap = 2, max(8, bar_height * 0.7)
    group_h = len(series) * bar_height + (len(series) - 1) * gap
    top = legend_bottom + 14
    bottom = top + len(categories) * (group_h + group_gap) - group_gap + 6
    body = [defs, _heading(title, width)]
    body += legend + _grid(left, plot_w, top - 6, bottom, axis)

    for c, category in enumerate(categories):
        y0 = top + c * (group_h + group_gap)
        summary = ", ".join(f"{n} {_fmt(vs[c])}" for n, vs in series)
        body.append(
            f'<g class="group"><title>{escape(category)}: {escape(summary)}</title>'
            f'<text class="category" x="{_num(left - 6)}" y="{_num(y0 + group_h / 2)}" '
            f'dy="0.35em" text-anchor="end">{escape(_truncate(category, max_chars))}</text>'
        )
        for s, (_name, vs) in enumerate(series):
            y = y0 + s * (bar_height + gap)
            bar_w = plot_w * max(float(vs[c]), 0) / axis[0]
            body.append(
                f'<rect class="bar bar-{s}" x="{_num(left)}" y="{_num(y)}" '
                f'width="{_num(bar_w)}" height="{bar_height}" fill="{fills[s]}" '
                f'stroke="{PALETTE[s % len(PALETTE)][1]}" stroke-width="0.6"/>'
                f'<text class="value" x="{_num(left + bar_w + 4)}" '
                f'y="{_num(y + bar_height / 2)}" dy="0.35em">{_fmt(vs[c])}</text>'
            )
        body.append("</g>")

    desc = "; ".join(
        f"{category}: " + ", ".join(f"{n} {_fmt(vs[c])}" for n, vs in series)
        for c, category in enumerate(categories)
    )
    return mark_safe(_svg(cid, width, bottom + 22, title, desc, body))  # texts escaped above


def comparison_chart(
    *,
    title: str,
    labels: list[str],
    current: Sequence[int],
    previous: Sequence[int],
    current_label: str,
    previous_label: str,
    no_data_label: str = "Chưa có số liệu",
) -> SafeString:
    """This year against last year: one group per figure, the current year first (darkest)."""
    return grouped_bar_chart(
        title=title,
        categories=list(labels),
        series=[(current_label, list(current)), (previous_label, list(previous))],
        no_data_label=no_data_label,
    )
