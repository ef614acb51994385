"""Where the SQL runs: DuckDB (embedded, the default), chdb (ClickHouse embedded) or a ClickHouse server.

Every query is written once, in DuckDB's dialect (:mod:`hocvuso.reports.queries`),
and SQLGlot transpiles it for ClickHouse.  Results come back as lists of plain
Python tuples so both engines can be compared value for value.  ClickHouse's
LEFT JOIN fills missing rows with default values unless ``join_use_nulls = 1``,
so that setting is part of every ClickHouse query.
"""

from __future__ import annotations

import json
import math
import secrets
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pathlib import Path

CLICKHOUSE_SETTINGS = {"join_use_nulls": 1}
TABLES = ("roster", "attempts", "competencies", "responses", "learners", "first_responses", "slice_totals",
          "response_learners", "item_cells", "competency_cells")


class EngineError(Exception):
    """The engine cannot be started or reached (reported as HV821, never as a traceback)."""


class Engine(Protocol):
    """What the report needs from a SQL engine."""

    name: str
    hash_function: str  # a text → unsigned whole number, for slicing learners (queries.render)

    def register(self, table: str, files: list[Path]) -> None:
        """Make ``table`` read the given Parquet files."""

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Run one query written in DuckDB's dialect; → rows of Python values."""

    def materialize(self, table: str, sql: str) -> None:
        """Keep the result of one query (DuckDB dialect) as ``table`` for the rest of the run (replacing it)."""

    def append(self, table: str, sql: str) -> None:
        """Add the rows of one query (DuckDB dialect) to ``table``, made by :meth:`materialize`."""

    def add_aspects(self, database: str) -> None:
        """Add Open edX Aspects' course grades (``<database>.grading_events``) to ``attempts``."""

    def close(self) -> None:
        """Free the engine's resources."""


def to_clickhouse(sql: str) -> str:
    """A DuckDB-dialect query in ClickHouse's dialect (SQLGlot)."""
    import sqlglot

    return str(sqlglot.transpile(sql, read="duckdb", write="clickhouse")[0])


def _plain(value: Any) -> Any:
    """One cell as a plain Python value: NaN (ClickHouse's empty correlation) as None, integral numbers as int."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        return _plain(value.item())
    return value


class DuckDBEngine:
    """DuckDB in this process: nothing to install or start."""

    name = "duckdb"
    hash_function = "hash"

    def __init__(self, threads: int | None = None, memory_limit: str | None = None) -> None:
        import duckdb

        self._con = duckdb.connect(":memory:")
        self._con.execute("SET enable_progress_bar = false")  # the report draws its own; DuckDB's would go to stdout
        # Rows are sorted in Python, so materialised tables need not keep the scan's order: less memory, more parallel.
        self._con.execute("SET preserve_insertion_order = false")
        if threads:
            self._con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self._con.execute("SET memory_limit = ?", [memory_limit])

    def register(self, table: str, files: list[Path]) -> None:
        paths = ", ".join("'" + str(p).replace("'", "''") + "'" for p in files)
        self._con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet([{paths}])")

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(_plain(v) for v in row) for row in self._con.execute(sql).fetchall()]

    def materialize(self, table: str, sql: str) -> None:
        self._con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {sql}")

    def append(self, table: str, sql: str) -> None:
        self._con.execute(f"INSERT INTO {table} {sql}")

    def add_aspects(self, database: str) -> None:
        raise EngineError("Aspects' tables are in ClickHouse: use --engine clickhouse://… (or chdb:<folder>)")

    def close(self) -> None:
        self._con.close()


class ChdbEngine:
    """ClickHouse embedded in this process (chdb): the same engine as Aspects, for tests and local runs."""

    name = "chdb"
    hash_function = "cityHash64"

    def __init__(self, path: str = "") -> None:
        from chdb import session

        # A folder keeps databases between runs (e.g. a copy of Aspects' tables); without one, a temporary session.
        self._session: Any = session.Session(path) if path else session.Session()  # type: ignore[no-untyped-call]
        self._sources: dict[str, str] = {}
        self._db = "hocvuso_" + secrets.token_hex(4)
        self._run(f"CREATE DATABASE IF NOT EXISTS {self._db} ENGINE = Atomic")

    def _run(self, sql: str, fmt: str = "CSV") -> Any:
        try:
            return self._session.query(sql, fmt)
        except Exception as err:  # chdb raises its own error type for every failed query
            raise EngineError(str(err)) from err

    def register(self, table: str, files: list[Path]) -> None:
        sources = " UNION ALL ".join(
            "SELECT * FROM file('" + str(p).replace("'", "\\'") + "', Parquet)" for p in files)
        self._sources[table] = sources
        self._run(f"CREATE OR REPLACE VIEW {self._db}.{table} AS {sources}")

    def add_aspects(self, database: str) -> None:
        from hocvuso.reports.queries import ASPECTS_ATTEMPTS

        columns = "learner_id, mode, attempt, submitted, overall, passed, credential, source"
        own = f"SELECT {columns} FROM ({self._sources['attempts']})"
        aspects = ASPECTS_ATTEMPTS.format(database=_identifier(database))
        self._run(f"CREATE OR REPLACE VIEW {self._db}.attempts AS {own} UNION ALL {aspects}")

    def _text(self, sql: str) -> str:
        text = to_clickhouse(sql)
        for table in TABLES:  # unqualified names → this run's database
            text = _qualify(text, table, self._db)
        return text

    def materialize(self, table: str, sql: str) -> None:
        settings = ", ".join(f"{k} = {v}" for k, v in CLICKHOUSE_SETTINGS.items())
        self._run(f"DROP TABLE IF EXISTS {self._db}.{table}")
        self._run(f"CREATE TABLE {self._db}.{table} ENGINE = Memory AS {self._text(sql)} SETTINGS {settings}")

    def append(self, table: str, sql: str) -> None:
        settings = ", ".join(f"{k} = {v}" for k, v in CLICKHOUSE_SETTINGS.items())
        self._run(f"INSERT INTO {self._db}.{table} {self._text(sql)} SETTINGS {settings}")

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        text = self._text(sql)
        settings = ", ".join(f"{k} = {v}" for k, v in CLICKHOUSE_SETTINGS.items())
        result = self._run(f"{text} SETTINGS {settings}, output_format_json_quote_64bit_integers = 0, "
                           "output_format_json_quote_denormals = 1", "JSONCompact")
        data = json.loads(result.bytes() or b'{"data": []}')
        return [tuple(_plain(_denormal(v)) for v in row) for row in data["data"]]

    def close(self) -> None:
        self._run(f"DROP DATABASE IF EXISTS {self._db}")  # the run's views; a kept folder keeps only its own data
        self._session.close()


def _denormal(value: Any) -> Any:
    return float("nan") if value in ("nan", "-nan", "inf", "-inf") else value


def _qualify(sql: str, table: str, db: str) -> str:
    """Qualify a table name after FROM/JOIN (the queries name only the four tables)."""
    import re

    return re.sub(rf"\b(FROM|JOIN)\s+{table}\b", rf"\1 {db}.{table}", sql)


class ClickHouseEngine:
    """A ClickHouse server (e.g. the one Open edX Aspects runs), through clickhouse-connect.

    The normalised tables are uploaded as temporary tables of one HTTP session,
    so nothing is left on the server after the run.  Not exercised by the tests
    (no server here); the SQL it runs is the same the chdb tests run.
    """

    name = "clickhouse"
    hash_function = "cityHash64"

    def __init__(self, url: str) -> None:
        try:
            import clickhouse_connect
        except ImportError as err:  # optional dependency
            raise EngineError("pip install clickhouse-connect") from err
        try:
            self._client = clickhouse_connect.get_client(dsn=url, session_id="hocvuso-" + secrets.token_hex(8),
                                                         settings=CLICKHOUSE_SETTINGS)
        except Exception as err:  # connection refused, bad credentials, …: the user's set-up, not a bug
            raise EngineError(str(err)) from err

    def register(self, table: str, files: list[Path]) -> None:
        import pyarrow.parquet as pq

        data = pq.read_table(files[0]) if len(files) == 1 else __import__("pyarrow").concat_tables(
            [pq.read_table(f) for f in files])
        columns = ", ".join(f"`{f.name}` {_ch_type(str(f.type))}" for f in data.schema)
        self._client.command(f"CREATE TEMPORARY TABLE {table} ({columns}) ENGINE = Memory")
        self._client.insert_arrow(table, data)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(_plain(v) for v in row) for row in self._client.query(to_clickhouse(sql)).result_rows]

    def materialize(self, table: str, sql: str) -> None:
        self._client.command(f"DROP TEMPORARY TABLE IF EXISTS {table}")
        self._client.command(f"CREATE TEMPORARY TABLE {table} ENGINE = Memory AS {to_clickhouse(sql)}")

    def append(self, table: str, sql: str) -> None:
        self._client.command(f"INSERT INTO {table} {to_clickhouse(sql)}")

    def add_aspects(self, database: str) -> None:
        from hocvuso.reports.queries import ASPECTS_ATTEMPTS

        self._client.command("INSERT INTO attempts " + ASPECTS_ATTEMPTS.format(database=_identifier(database)))

    def close(self) -> None:
        self._client.close()


def _ch_type(arrow_type: str) -> str:
    return {"string": "Nullable(String)", "int8": "Nullable(Int8)", "int32": "Nullable(Int32)",
            "double": "Nullable(Float64)", "date32[day]": "Nullable(Date32)"}.get(arrow_type, "Nullable(String)")


def _identifier(name: str) -> str:
    """A database name as given, if it is a plain identifier (it is put into SQL text)."""
    import re

    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise EngineError(f"'{name}' is not a database name")
    return name


def open_engine(spec: str) -> Engine:
    """``duckdb`` (default), ``chdb`` or ``chdb:<folder>``, or ``clickhouse://user:password@host:8123/database``."""
    if spec in ("", "duckdb"):
        # A bound, so a national-scale run spills to disk instead of taking a shared machine's memory.
        return DuckDBEngine(memory_limit="3GB")
    if spec == "chdb" or spec.startswith("chdb:"):
        try:
            return ChdbEngine(spec[5:])
        except ImportError as err:
            raise EngineError("pip install chdb") from err
    if spec.startswith(("clickhouse://", "clickhouses://", "http://", "https://")):
        return ClickHouseEngine(spec)
    raise EngineError("unknown engine")
