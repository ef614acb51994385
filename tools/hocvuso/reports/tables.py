"""The four normalised tables every input is turned into, and their Parquet layout.

Readers of CSV/XLSX/JSON inputs fill these tables in memory and write them as
Parquet into a private temporary folder (never into build/), where the SQL
engine reads them.  Parquet inputs already in this layout (national scale,
benchmarks) go to the engine directly.

* ``roster``: one row per learner in scope: ``learner_id, grp, province, commune,
  village, birth_year, sex, ethnic, disabled, household, mentor``.
* ``attempts``: one row per assessment attempt: ``learner_id, mode, attempt,
  submitted (date, UTC), overall (0–1), passed (0/1), credential (0/1), source``.
  ``mode`` is ``certification`` (the XBlock), ``placement`` (pre-test: the XBlock's, or a SCORM package's
  ``pre-*`` interactions), ``scorm`` (a SCORM package's in-browser final check, ``f<n>-*``, best try) or
  ``course_grade`` (Open edX grade report / Aspects).
* ``competencies``: per attempt and competency: ``learner_id, mode, attempt, submitted, code, share``.
* ``responses``: per learner and item: ``learner_id, item, attempt, correct (0/1), response, source, course``
  (``course``: the course folder the answer was given in, e.g. ``citizens-tra-vinh``; '' when unknown).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMAS: dict[str, pa.Schema] = {
    "roster": pa.schema([
        ("learner_id", pa.string()), ("grp", pa.string()), ("province", pa.string()), ("commune", pa.string()),
        ("village", pa.string()), ("birth_year", pa.int32()), ("sex", pa.string()), ("ethnic", pa.string()),
        ("disabled", pa.int8()), ("household", pa.string()), ("mentor", pa.string()),
    ]),
    "attempts": pa.schema([
        ("learner_id", pa.string()), ("mode", pa.string()), ("attempt", pa.int32()), ("submitted", pa.date32()),
        ("overall", pa.float64()), ("passed", pa.int8()), ("credential", pa.int8()), ("source", pa.string()),
    ]),
    "competencies": pa.schema([
        ("learner_id", pa.string()), ("mode", pa.string()), ("attempt", pa.int32()), ("submitted", pa.date32()),
        ("code", pa.string()), ("share", pa.float64()),
    ]),
    "responses": pa.schema([
        ("learner_id", pa.string()), ("item", pa.string()), ("attempt", pa.int32()), ("correct", pa.int8()),
        ("response", pa.string()), ("source", pa.string()), ("course", pa.string()),
    ]),
}
MODES = ("certification", "placement", "scorm", "course_grade")


@dataclass(slots=True)
class Table:
    """Rows of one normalised table, kept column by column."""

    name: str
    columns: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.columns:
            self.columns = {f.name: [] for f in SCHEMAS[self.name]}

    def add(self, **values: Any) -> None:
        for key, column in self.columns.items():
            column.append(values.get(key))

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))

    def arrow(self) -> pa.Table:
        if not len(self):  # pa.table() would import pandas (a second on a busy machine) only to find no rows
            return pa.Table.from_batches([], schema=SCHEMAS[self.name])
        return pa.table(self.columns, schema=SCHEMAS[self.name])


@dataclass(slots=True)
class Tables:
    """The four tables of one report run."""

    roster: Table = field(default_factory=lambda: Table("roster"))
    attempts: Table = field(default_factory=lambda: Table("attempts"))
    competencies: Table = field(default_factory=lambda: Table("competencies"))
    responses: Table = field(default_factory=lambda: Table("responses"))

    def all(self) -> list[Table]:
        return [self.roster, self.attempts, self.competencies, self.responses]

    def write(self, folder: Path) -> dict[str, list[Path]]:
        """Write each table as one Parquet file in ``folder``; → table name → files."""
        out: dict[str, list[Path]] = {}
        for table in self.all():
            path = folder / f"{table.name}.parquet"
            pq.write_table(table.arrow(), path)
            out[table.name] = [path]
        return out


def check_parquet(path: Path, name: str) -> list[str]:
    """The columns of the layout that a Parquet file lacks (empty when it can stand for table ``name``)."""
    have = set(pq.read_schema(path).names)
    return [f.name for f in SCHEMAS[name] if f.name not in have]


def day(value: dt.datetime | dt.date) -> dt.date:
    """The UTC calendar day of a time (dates are kept as they are)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.date()
    return value
