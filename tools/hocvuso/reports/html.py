"""The report as one offline HTML page: Jinja2 with autoescape, inline CSS and SVG, no script, printable."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from hocvuso.reports import charts
from hocvuso.reports.compute import ALL, Suppressed
from hocvuso.reports.plans import next_due
from hocvuso.reports.present import headers, shown, title
from hocvuso.reports.strings import strings, word

if TYPE_CHECKING:
    from hocvuso.reports.compute import Report, Table

TEMPLATES = Path(__file__).parent / "templates"
_NUMERIC = {"population", "count", "share", "target", "gap", "learners", "reached", "confirmed", "confirmed_share", "new",
            "cumulative", "active", "active_share", "reached_share", "elderly", "elderly_active", "elderly_share", "disabled",
            "disabled_active", "disabled_share", "mentors", "mentors_enough", "mentees", "mentees_active", "households",
            "households_learning", "before", "after", "change", "p", "r", "value"}


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    table: Markup
    chart: Markup | None = None
    chart_class: str = ""
    note: str = ""


def html_table(table: Table, report: Report, lang: str, rows: list[tuple[Any, ...]] | None = None,
               columns: tuple[str, ...] | None = None) -> Markup:
    """A table in a keyboard-scrollable region (axe: scrollable-region-focusable)."""
    cols = columns or table.columns
    idx = [table.columns.index(c) for c in cols]
    heads = headers(table, lang)
    label = escape(title(table, lang))
    out = [f'<div class="scroll" role="region" aria-label="{label}" tabindex="0"><table><caption>{label}</caption><thead><tr>']
    out.extend(f'<th scope="col">{escape(heads[i])}</th>' for i in idx)
    out.append("</tr></thead><tbody>")
    for row in table.rows if rows is None else rows:
        out.append("<tr>")
        for n, i in enumerate(idx):
            column, v = table.columns[i], row[i]
            text = escape(shown(column, v, report, lang))
            cls = ' class="num"' if column in _NUMERIC else ""
            if column == "met" and isinstance(v, bool):
                cls = ' class="met"' if v else ' class="not-met"'
            tag = "th" if n == 0 else "td"
            scope = ' scope="row"' if n == 0 else ""
            out.append(f"<{tag}{scope}{cls}>{text}</{tag}>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return Markup("".join(out))


def _unit_label(unit: str, lang: str) -> str:
    return strings(lang)["all_units"] if unit == ALL else unit


def _progress_charts(report: Report, lang: str) -> list[tuple[str, Markup]]:
    """One bar chart per 'reached' or 'confirmed' target: each unit's share and the target line."""
    table = report.tables["targets"]
    out = []
    seen: set[tuple[str, str, str]] = set()
    for n, row in enumerate(table.rows):
        label, kpi, group, _, unit, *_ = row
        key = (label, kpi, group)
        if kpi not in ("reached", "confirmed") or unit != ALL or key in seen:
            continue
        seen.add(key)
        bars = [(_unit_label(r[4], lang), float(r[7])) for r in table.rows
                if (r[0], r[1], r[2]) == key and r[4] != ALL and isinstance(r[7], float)]
        if not bars:
            continue
        heading = f"{label} — {strings(lang)['g_' + group]}"
        out.append((heading, charts.progress_bars(heading, word(lang, "chart_progress_desc"), bars[:40], float(row[8]), f"p{n}")))
    return out


def _heatmap(report: Report, lang: str) -> Markup | None:
    table = report.tables["heatmap"]
    cells = {(str(u), str(c)): float(s) for u, c, _, s in table.rows if not isinstance(s, Suppressed)}
    if not cells:
        return None
    units = sorted({u for u, _ in cells})
    codes = sorted({c for _, c in cells}, key=lambda c: [int(x) for x in c.split(".") if x.isdigit()])
    return charts.heatmap(word(lang, "chart_heatmap"), word(lang, "chart_heatmap_desc"), units, codes, cells, "heat")


def _trend(report: Report, lang: str) -> Markup | None:
    table = report.tables["trend"]
    if not table.rows:
        return None
    months = sorted({str(r[0]) for r in table.rows})
    series: dict[str, list[float | None]] = {}
    for group in dict.fromkeys(str(r[1]) for r in table.rows):
        by_month = {str(r[0]): r[4] for r in table.rows if r[1] == group}
        series[strings(lang)["g_" + group]] = [float(v) if isinstance(v, float) else None for v in (by_month.get(m) for m in months)]
    return charts.trend(word(lang, "chart_trend"), word(lang, "chart_trend_desc"), months, series, "trend")


def _due_lines(report: Report, lang: str) -> list[str]:
    w = strings(lang)
    out = []
    for duty, period in next_due(report.plan, report.as_of):
        assert period.due is not None
        out.append(f"{period.label}: {w['due_by']} {period.due.isoformat()}" + (f" — {w['to']} {duty.to}" if duty.to else ""))
    for duty in report.plan.reporting:
        if duty.due_day is None:
            out.append(f"{duty.every}: {duty.to}")
    return out


def render_html(report: Report, lang: str) -> str:
    """The whole page."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]))
    w = strings(lang)
    targets = report.tables["targets"]
    summary_rows = [r for r in targets.rows if r[4] == ALL]
    summary = html_table(targets, report, lang, summary_rows,
                         ("label", "group", "segment", "population", "count", "share", "comparison", "target", "deadline", "gap",
                          "met"))
    sections = [Section("units", w["t_targets"] + " — " + w["c_unit"],
                        html_table(targets, report, lang, [r for r in targets.rows if r[4] != ALL],
                                   ("label", "group", "segment", "unit", "population", "count", "share", "target", "gap", "met")))]
    for name in ("periods", "trend", "groups", "inclusion", "mentors", "households", "change", "heatmap"):
        table = report.tables[name]
        if not table.rows:
            continue
        if name in ("trend", "heatmap"):  # the chart carries the numbers; the full table is in the CSV and XLSX
            chart = _trend(report, lang) if name == "trend" else _heatmap(report, lang)
            sections.append(Section(name, title(table, lang), Markup(""), chart, "wide" if name == "heatmap" else "",
                                    note=word(lang, f"chart_{name}_desc") + " " + word(lang, "full_table", file=f"csv/{name}.csv")))
            continue
        sections.append(Section(name, title(table, lang), html_table(table, report, lang)))
    items = report.tables.get("items")
    if items is not None and items.rows:
        flagged = [r for r in items.rows if r[9]]
        sections.append(Section("items", w["items_title"], html_table(items, report, lang, (flagged or items.rows)[:40]),
                                note=w["items_note"] + " " + word(lang, "full_table", file="csv/items.csv")))
    quality = report.tables.get("quality")
    if quality is not None:
        sections.append(Section("quality", title(quality, lang), html_table(quality, report, lang)))
    page = env.get_template("report.html.j2").render(
        lang=lang, w=w, plan=report.plan, as_of=report.as_of.isoformat(), engine=report.engine,
        privacy=word(lang, "privacy", k=report.min_cell, k_minus=report.min_cell - 1) if report.min_cell > 1
        else word(lang, "privacy_off"), summary_table=summary,
        progress_charts=_progress_charts(report, lang), due=_due_lines(report, lang), sections=sections,
        not_measured=[t for t in report.plan.targets if t.kpi == "not_measured"],
        sources_note=word(lang, "sources_note", seed=report.plan.seed))
    return str(page)
