"""Charts as inline SVG (no script, no CDN): progress bars against a target, a competency heat map, a monthly trend.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; the
numbers it draws are also in the tables next to it, so nothing is only visual.
Suppressed cells are not drawn.
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from collections.abc import Sequence

WIDTH = 360  # drawn 1:1 on a 360 px phone, scaled up (to a maximum) on a desktop
BLUE, RED, INK, GRID = "#1559a8", "#b3261e", "#1f1f1f", "#c8c8c8"
LINE_COLOURS = ("#1559a8", "#8a4b00", "#2e6b30", "#6a1b9a")


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def progress_bars(title: str, desc: str, bars: Sequence[tuple[str, float]], target: float, uid: str) -> Markup:
    """One horizontal bar per unit (label, share 0–1) and the target as a red line."""
    label_w, row_h, top = 118, 22, 8
    plot_w = WIDTH - label_w - 40
    height = top + row_h * len(bars) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
             f'aria-labelledby="{uid}-t {uid}-d" class="chart"><title id="{uid}-t">{escape(title)}</title>'
             f'<desc id="{uid}-d">{escape(desc)}</desc>']
    for i, (label, share) in enumerate(bars):
        y = top + i * row_h
        w = max(0.0, min(1.0, share)) * plot_w
        short = label if len(label) <= 18 else label[:17] + "…"
        parts.append(f'<text x="{label_w - 4}" y="{y + 15}" text-anchor="end" font-size="11" fill="{INK}">{escape(short)}</text>'
                     f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{BLUE}"/>'
                     f'<text x="{label_w + w + 3:.1f}" y="{y + 15}" font-size="10" fill="{INK}">{_pct(share)}</text>')
    tx = label_w + target * plot_w
    bottom = top + row_h * len(bars)
    parts.append(f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{bottom}" stroke="{RED}" stroke-width="2"/>'
                 f'<text x="{tx:.1f}" y="{bottom + 14}" text-anchor="middle" font-size="10" fill="{RED}">{_pct(target)}</text>'
                 "</svg>")
    return Markup("".join(parts))


def heatmap(title: str, desc: str, rows: Sequence[str], cols: Sequence[str], cells: dict[tuple[str, str], float], uid: str) -> Markup:
    """Units (rows) × competency codes (columns), darker = higher share; empty cells are suppressed or missing.

    The shade spans the lowest to the highest share shown (printed under the map), so close values still differ;
    every cell also carries its number.
    """
    label_w, cell, top = 96, 26, 22
    lo, hi = min(cells.values()), max(cells.values())
    span = (hi - lo) or 1.0
    width = max(WIDTH, label_w + cell * len(cols) + 4)
    height = top + cell * len(rows) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'aria-labelledby="{uid}-t {uid}-d" class="chart heat"><title id="{uid}-t">{escape(title)}</title>'
             f'<desc id="{uid}-d">{escape(desc)}</desc>']
    for j, code in enumerate(cols):
        parts.append(f'<text x="{label_w + j * cell + cell / 2}" y="{top - 6}" text-anchor="middle" font-size="10" '
                     f'fill="{INK}">{escape(code)}</text>')

    def shade(share: float) -> int:
        return 92 - int((share - lo) / span * 60)  # lightness 92 % (lowest) … 32 % (highest)

    for i, row in enumerate(rows):
        y = top + i * cell
        short = row if len(row) <= 15 else row[:14] + "…"
        parts.append(f'<text x="{label_w - 4}" y="{y + 17}" text-anchor="end" font-size="10" fill="{INK}">{escape(short)}</text>')
        for j, code in enumerate(cols):
            share = cells.get((row, code))
            x = label_w + j * cell
            if share is None:
                parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="#fff" stroke="{GRID}"/>')
                continue
            light = shade(share)
            text_fill = "#fff" if light < 60 else INK
            parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="hsl(212,70%,{light}%)"/>'
                         f'<text x="{x + (cell - 2) / 2}" y="{y + 16}" text-anchor="middle" font-size="9" '
                         f'fill="{text_fill}">{share * 100:.0f}</text>')
    ly = top + cell * len(rows) + 8
    parts.append(f'<rect x="{label_w}" y="{ly}" width="16" height="12" fill="hsl(212,70%,{shade(lo)}%)" stroke="{GRID}"/>'
                 f'<text x="{label_w + 20}" y="{ly + 10}" font-size="10" fill="{INK}">{lo * 100:.0f}%</text>'
                 f'<rect x="{label_w + 60}" y="{ly}" width="16" height="12" fill="hsl(212,70%,{shade(hi)}%)"/>'
                 f'<text x="{label_w + 80}" y="{ly + 10}" font-size="10" fill="{INK}">{hi * 100:.0f}%</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def trend(title: str, desc: str, months: Sequence[str], series: dict[str, list[float | None]], uid: str) -> Markup:
    """Cumulative share per month, one line per group, with a legend."""
    left, top, plot_h = 34, 10, 150
    plot_w = WIDTH - left - 10
    legend_h = 16 * len(series)
    height = top + plot_h + 30 + legend_h
    step = plot_w / max(1, len(months) - 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
             f'aria-labelledby="{uid}-t {uid}-d" class="chart"><title id="{uid}-t">{escape(title)}</title>'
             f'<desc id="{uid}-d">{escape(desc)}</desc>']
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = top + plot_h * (1 - tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
                     f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end" font-size="9" fill="{INK}">{_pct(tick)}</text>')
    every = max(1, math.ceil(len(months) / 5))  # about five labels: they must not overlap on a phone
    for i, month in enumerate(months):
        if i % every == 0 or i == len(months) - 1:
            parts.append(f'<text x="{left + i * step:.1f}" y="{top + plot_h + 14}" text-anchor="middle" font-size="9" '
                         f'fill="{INK}">{escape(month)}</text>')
    for n, (name, values) in enumerate(series.items()):
        colour = LINE_COLOURS[n % len(LINE_COLOURS)]
        points = [f"{left + i * step:.1f},{top + plot_h * (1 - v):.1f}" for i, v in enumerate(values) if v is not None]
        if points:
            parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"/>')
        ly = top + plot_h + 30 + n * 16
        parts.append(f'<rect x="{left}" y="{ly - 8}" width="14" height="4" fill="{colour}"/>'
                     f'<text x="{left + 20}" y="{ly - 3}" font-size="10" fill="{INK}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
