"""The framework as Open edX taxonomies, and tags.csv tagging blocks with them.

Open edX imports a taxonomy from CSV (``id,value,parent_id``) and re-applies
``tags.csv`` on course import; tag values must match the taxonomy's values
exactly, so both are written from the same functions here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hocvuso.model import Framework

COMPETENCY_TAXONOMY = "hocvuso-nang-luc-so"
LEVEL_TAXONOMY = "hocvuso-bac-nang-luc"


@dataclass(frozen=True, slots=True)
class TagRow:
    """One block of the course and the competency and level codes it carries."""

    name: str
    type: str
    id: str
    competencies: tuple[str, ...]
    levels: tuple[str, ...]


def competency_value(framework: Framework, code: str) -> str:
    """The tag value of a competency, e.g. '4.2 Bảo vệ dữ liệu cá nhân và quyền riêng tư'."""
    return _clean(f"{code} {framework.competencies[code].name}")


def domain_value(framework: Framework, code: str) -> str:
    return _clean(f"{code} {framework.domains[code].name}")


def level_value(framework: Framework, code: str) -> str:
    level = framework.levels[code]
    return _clean(f"{code} {level.name} (bậc {level.step})")


def _clean(value: str) -> str:
    # ';' separates tags in tags.csv and ' > ' is Open edX's lineage separator.
    return value.replace(";", ",").replace(" > ", " - ").replace("\t", " ")[:500]


def competency_taxonomy_csv(framework: Framework) -> str:
    rows: list[tuple[str, ...]] = [("id", "value", "parent_id")]
    for domain in framework.domains.values():
        rows.append((f"D{domain.code}", domain_value(framework, domain.code), ""))
        rows.extend((code, competency_value(framework, code), f"D{domain.code}") for code in domain.competencies)
    return _csv(rows)


def level_taxonomy_csv(framework: Framework) -> str:
    return _csv([("id", "value", "parent_id"), *((code, level_value(framework, code), "") for code in framework.levels)])


def _csv(rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def course_tags_csv(framework: Framework, rows: list[TagRow]) -> str:
    """tags.csv as Open edX exports it: quoted, one column per taxonomy."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(["Name", "Type", "ID", COMPETENCY_TAXONOMY, LEVEL_TAXONOMY])
    for row in rows:
        depth = {"course": 0, "sequential": 1}.get(row.type, 2)
        writer.writerow([
            "  " * depth + row.name, row.type, row.id,
            "; ".join(competency_value(framework, c) for c in row.competencies if c in framework.competencies),
            "; ".join(level_value(framework, lv) for lv in row.levels if lv in framework.levels),
        ])
    return out.getvalue()


