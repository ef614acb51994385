"""``hocvuso report`` end to end: the files it writes, what they never contain, and what it writes on errors (nothing)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hocvuso.cli import main
from hocvuso.reports.present import ORDER

from .conftest import Runner, town_roster


def run_cli(runner: Runner, *extra: str) -> tuple[int, Path]:
    out = runner.root / "build"
    code = main(["report", "--plan", "thu", "--roster", str(runner.roster()), "--results", str(runner.results()),
                 "--as-of", "2026-12-31", "--courses", str(runner.courses), "--out", str(out), *extra])
    return code, out / "report" / "thu-2026-12-31"


def test_the_report_folder_has_the_page_the_workbook_and_one_csv_per_table(runner: Runner) -> None:
    code, folder = run_cli(runner)
    assert code == 0
    assert (folder / "index.html").is_file()
    book = load_workbook(folder / "thu-2026-12-31.xlsx")
    assert len(book.sheetnames) == len(ORDER)
    assert book["Tiến độ so với chỉ tiêu"]["A1"].value == "Chỉ tiêu"  # Vietnamese headers
    assert sorted(p.stem for p in (folder / "csv").glob("*.csv")) == sorted(ORDER)
    assert (folder / "csv" / "targets.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM


def test_no_output_contains_a_learner_id_a_name_or_a_household(runner: Runner) -> None:
    code, folder = run_cli(runner, "--min-cell", "1")
    assert code == 0
    texts = []
    for path in folder.rglob("*"):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                texts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        elif path.is_file():
            texts.append(path.read_text(encoding="utf-8-sig"))
    everything = "\n".join(texts)
    for r in town_roster():
        for secret in (r[0], r[9], r[7]):  # learner id, name, household id
            assert f">{secret}<" not in everything and f",{secret}," not in everything and secret not in everything.split()
    assert "Nguyễn Văn Thử" not in everything
    assert not list(folder.rglob("*roster*")), "the roster is never copied into build/"


def test_english_output_with_lang_en(runner: Runner) -> None:
    code, folder = run_cli(runner, "--lang", "en")
    assert code == 0
    assert '<html lang="en">' in (folder / "index.html").read_text(encoding="utf-8")
    assert (folder / "csv" / "targets.csv").read_text(encoding="utf-8-sig").startswith("Target,Indicator")


def test_errors_in_the_inputs_write_nothing_and_exit_1(runner: Runner, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = runner.root / "roster.csv"
    bad.write_text("DANH SÁCH,,\nMã người học,Nhóm đối tượng,Xã/phường\n", encoding="utf-8")
    out = runner.root / "build"
    code = main(["report", "--plan", "thu", "--roster", str(bad), "--as-of", "2026-12-31", "--courses", str(runner.courses),
                 "--out", str(out), "--lang", "en"])
    assert code == 1
    assert not (out / "report").exists()
    err = capsys.readouterr().err
    assert "roster.csv:1:2: error:" in err and "[HV802 report.merged_header]" in err and "Traceback" not in err


def test_a_bad_as_of_date_is_a_usage_error_not_a_traceback(runner: Runner, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--plan", "thu", "--roster", "r.csv", "--as-of", "31/12/2026"])
    assert exit_.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_an_unknown_engine_is_reported(runner: Runner, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _ = run_cli(runner, "--engine", "oracle")
    assert code == 1 and "HV821" in capsys.readouterr().err
