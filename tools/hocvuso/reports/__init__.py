"""``hocvuso report``: from a roster and LMS exports to the KPI report a plan asks for.

inputs (:mod:`.sheet`, :mod:`.roster`, :mod:`.results`, :mod:`.offline`, :mod:`.inputs`) → the four
normalised tables (:mod:`.tables`) as Parquet → SQL written once (:mod:`.queries`) on DuckDB, chdb or a
ClickHouse server (:mod:`.engine`) → aggregates with small cells suppressed (:mod:`.compute`, :mod:`.items`)
→ HTML, XLSX and CSV (:mod:`.html`, :mod:`.sheets_out`).  Plans are data (:mod:`.plans`,
``courses/plans/*.yaml``).  See docs/reports.md.
"""
