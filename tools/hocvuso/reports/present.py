"""Report tables as people read them: localised headers and values, numbers kept as numbers for spreadsheets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hocvuso.reports.compute import ALL, Suppressed
from hocvuso.reports.strings import strings

if TYPE_CHECKING:
    from hocvuso.reports.compute import Report, Table

ORDER = ("targets", "periods", "trend", "groups", "inclusion", "mentors", "households", "change", "heatmap", "items", "quality")
_LABELLED = {"group": "g_", "segment": "s_", "kpi": "k_", "comparison": "cmp_", "kind": "kind_"}
_SHARES = {"share", "target", "active_share", "reached_share", "confirmed_share", "elderly_share", "disabled_share",
           "before", "after", "change"}


def headers(table: Table, lang: str) -> list[str]:
    words = strings(lang)
    return [words.get(f"c_{c}", c) for c in table.columns]


def title(table: Table, lang: str) -> str:
    return strings(lang).get(f"t_{table.id}", table.id)


def value(column: str, v: Any, report: Report, lang: str) -> Any:
    """One cell for a spreadsheet: a number, or text (suppressed cells as '<5')."""
    words = strings(lang)
    if isinstance(v, Suppressed):
        return words["suppressed"].format(k=report.min_cell)
    if v is None:
        return ""
    if column == "unit" and v == ALL:
        return words["all_units"]
    if column in _LABELLED and isinstance(v, str):
        return words.get(_LABELLED[column] + v, v)
    if column == "what":
        return words.get(str(v), v)
    if column == "met":
        return words["yes"] if v else words["no"]
    if column == "flags":
        return ", ".join(words.get(f"f_{f}", f) for f in str(v).split())
    return v


def shown(column: str, v: Any, report: Report, lang: str) -> str:
    """One cell as text for the HTML page: shares as percentages with a decimal comma in Vietnamese."""
    cell = value(column, v, report, lang)
    if column in _SHARES and isinstance(cell, int | float) and not isinstance(cell, bool):
        text = f"{cell * 100:+.1f} %" if column == "change" else f"{cell * 100:.1f} %"
        return text.replace(".", ",") if lang == "vi" else text
    if column in ("p", "r") and isinstance(cell, float):
        text = f"{cell:.2f}"
        return text.replace(".", ",") if lang == "vi" else text
    if isinstance(cell, int) and not isinstance(cell, bool):
        text = f"{cell:,}"
        return text.replace(",", ".") if lang == "vi" else text
    return str(cell)


def table_rows(table: Table, report: Report, lang: str) -> list[list[Any]]:
    return [[value(c, v, report, lang) for c, v in zip(table.columns, row, strict=True)] for row in table.rows]


def ordered(report: Report) -> list[Table]:
    return [report.tables[name] for name in ORDER if name in report.tables]
