"""Inputs as offices produce them, and each bad input: the code and the row:column it is reported at."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from hocvuso.reports.compute import ALL
from hocvuso.reports.offline import signature

from .conftest import PR_HEADER, ROSTER_HEADER, Runner, cert_row, found, row, town_roster


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ","), ("utf-16", "\t"), ("cp1258", ","), ("utf-8", ";"),
])
def test_rosters_in_every_excel_encoding_read_the_same(runner: Runner, encoding: str, delimiter: str) -> None:
    roster = runner.roster(name=f"roster-{encoding}.csv", encoding=encoding, delimiter=delimiter)
    report, diags = runner.run(roster, [runner.results()], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    # 'Xã Bình' must come back as the same (NFC) name, whatever the bytes were.
    assert row(report, "targets", kpi="reached", group="citizens", unit="Xã Bình")["population"] == 6
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 8


def test_an_xlsx_roster_reads_like_the_csv(runner: Runner) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(ROSTER_HEADER)
    for r in town_roster():
        sheet.append([int(v) if v.isdigit() else v for v in r])
    book.save(runner.root / "roster.xlsx")
    report, _ = runner.run(runner.root / "roster.xlsx", [runner.results()], min_cell=1)
    assert row(report, "targets", kpi="reached", group="citizens", unit="Xã An")["population"] == 12


def test_bytes_no_encoding_can_read_are_refused(runner: Runner) -> None:
    path = runner.root / "roster.csv"
    path.write_bytes(b"M\xe3 ng\xec\x81, \x81\x8a\x8d\x8e\x8f\x90\n")  # 0x81 is undefined in Windows-1258
    report, diags = runner.run(path, [])
    assert report is None and found(diags, "HV801") == ["roster.csv:0:0"]


def test_a_title_row_above_the_header_is_refused_as_a_merged_header(runner: Runner) -> None:
    path = runner.root / "roster.csv"
    lines = ["DANH SÁCH NGƯỜI HỌC" + "," * (len(ROSTER_HEADER) - 1), ",".join(ROSTER_HEADER)]
    lines += [",".join(r) for r in town_roster()]
    path.write_text("\n".join(lines), encoding="utf-8")
    report, diags = runner.run(path, [])
    assert report is None and found(diags, "HV802") == ["roster.csv:1:2"]


def test_a_two_row_header_with_merged_cells_in_xlsx_is_refused(runner: Runner) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã người học", "Nhóm đối tượng", "Địa bàn", None])
    sheet.append([None, None, "Tỉnh/thành phố", "Xã/phường"])
    sheet.merge_cells("C1:D1")
    sheet.append(["c01", "Người dân", "Tỉnh Thử", "Xã An"])
    book.save(runner.root / "roster.xlsx")
    report, diags = runner.run(runner.root / "roster.xlsx", [])
    assert report is None and found(diags, "HV802") == ["roster.xlsx:1:3"]


def test_a_roster_without_a_group_column_names_it_and_the_columns_found(runner: Runner) -> None:
    header = [h for h in ROSTER_HEADER if h != "Nhóm đối tượng"]
    rows = [[v for i, v in enumerate(r) if i != 1] for r in town_roster()]
    report, diags = runner.run(runner.file("roster.csv", header, rows), [])
    assert report is None and found(diags, "HV803") == ["roster.csv:1:1"]
    assert next(d for d in diags if d.code.id == "HV803").args["column"] == "group"


def test_an_unknown_group_is_left_out_with_its_cell(runner: Runner) -> None:
    rows = town_roster()
    rows[2][1] = "Hưu trí"  # row 4 of the file, column B
    report, diags = runner.run(runner.roster(rows), [runner.results()], min_cell=1)
    assert found(diags, "HV807") == ["roster.csv:4:2"]
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["population"] == 17


def test_misspelt_units_go_to_a_named_bucket_and_other_provinces_are_left_out(runner: Runner) -> None:
    rows = town_roster()
    rows[12][3] = "xa binh"  # folded, it is 'Xã Bình': accepted
    rows[13][3] = "Xã Bìn"  # row 15: not a unit of the plan
    rows[14][2] = "Tỉnh Khác"  # row 16: another province
    report, diags = runner.run(runner.roster(rows), [runner.results()], plan="thu-units", min_cell=1)
    assert found(diags, "HV808") == ["roster.csv:15:4"]
    assert "Xã Bình" in str(next(d for d in diags if d.code.id == "HV808").message("en"))
    assert found(diags, "HV809") == ["roster.csv:16:3"]
    assert row(report, "targets", kpi="reached", group="citizens", unit="Xã Bình")["population"] == 4  # 6 − 2
    assert row(report, "targets", kpi="reached", group="citizens", unit="(chưa rõ đơn vị)")["population"] == 1


def test_a_bad_birth_year_is_reported_and_the_learner_kept(runner: Runner) -> None:
    rows = town_roster()
    rows[0][5] = "năm 50"
    report, diags = runner.run(runner.roster(rows), [runner.results()], min_cell=1)
    assert found(diags, "HV823") == ["roster.csv:2:6"]
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["population"] == 18


@pytest.mark.parametrize(("column", "value", "code"), [
    ("Submitted", "hôm qua", "HV804"),
    ("Submitted", "31/02/2026", "HV804"),
    ("Overall", "1,5", "HV805"),
    ("Attempt", "0", "HV805"),
    ("Passed", "yes", "HV819"),
    ("Mode", "practice", "HV819"),
    ("Competencies", "{4.2: 0.8}", "HV814"),
    ("Competencies", '{"4.2": 0.8}', "HV814"),
])
def test_each_bad_cell_of_the_problem_responses_report_names_its_row_and_column(runner: Runner, column: str, value: str,
                                                                              code: str) -> None:
    rows = [cert_row("c01", True), cert_row("c02", True)]
    rows[1][PR_HEADER.index(column)] = value
    report, diags = runner.run(runner.roster(), [runner.results(rows)])
    assert report is None
    assert found(diags, code) == [f"responses.csv:3:{PR_HEADER.index(column) + 1}"]


def test_a_results_file_of_no_known_kind_is_refused(runner: Runner) -> None:
    path = runner.file("export.csv", ["Họ tên", "Điểm"], [["A", "9"]])
    report, diags = runner.run(runner.roster(), [path])
    assert report is None and found(diags, "HV812") == ["export.csv:1:1"]


def test_a_missing_file_is_reported_not_raised(runner: Runner) -> None:
    report, diags = runner.run(runner.root / "nowhere.csv", [])
    assert report is None and found(diags, "HV800") == ["nowhere.csv:0:0"]


# --- Open edX grade report -------------------------------------------------------------------------


def test_the_grade_report_counts_certificate_eligible_learners_at_its_time_stamp(runner: Runner) -> None:
    header = ["Student ID", "Email", "Username", "Grade", "Luyện tập (Avg)", "Enrollment Track", "Verification Status",
              "Certificate Eligible", "Certificate Delivered", "Certificate Type", "Enrollment Status"]
    rows = [[str(i), f"c{i:02d}@example.org", f"c{i:02d}", "0.82" if i <= 6 else "0.4", "0.9", "audit", "N/A",
             "Y" if i <= 6 else "N", "N", "N/A", "enrolled"] for i in range(1, 10)]
    rows.append(["99", "c10@example.org", "c10", "0.95", "1.0", "audit", "N/A", "Y", "N", "N/A", "unenrolled"])
    path = runner.file("BDHVS_KNS-ND_2026-1_grade_report_2026-06-30-0815.csv", header, rows)
    report, _ = runner.run(runner.roster(), [path], min_cell=1)
    # Eligible and enrolled: c01–c06 (c10 unenrolled does not count); dated 30 June 2026.
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 6
    assert row(report, "periods", period="Q2/2026", group="citizens")["reached"] == 6
    assert row(report, "periods", period="Q1/2026", group="citizens")["reached"] == 0


# --- Moodle SCORM interactions report --------------------------------------------------------------

# The sample course's practice questions (tests/olx/sample): competency 4.2 — mot-lua-chon (1 point),
# nhieu-lua-chon (2), tha-xuong, so, chu, ghep-noi, sap-xep (1 each) = 8 points; 0.2 — phan-tram (1) = 1 point.
ITEMS = ["mot-lua-chon", "nhieu-lua-chon", "tha-xuong", "so", "chu", "ghep-noi", "sap-xep", "phan-tram"]


def moodle_file(runner: Runner, answers: dict[str, set[str]], extra: list[list[str]] | None = None) -> object:
    header = ["Name", "ID number", "Attempt", "Started on", "Last accessed on", "Score", "Kỹ năng số"]
    for i in range(len(ITEMS)):
        header += [f"Question {i}", f"Response {i}", f"Result {i}"]
    rows = []
    for user, wrong in answers.items():
        cells = []
        for item in ITEMS:
            cells += [item, "b", "wrong" if item in wrong else "correct"]
        rows.append([f"Người Thử {user}", user, "1", "Thursday, 5 March 2026, 8:02 AM", "Thursday, 5 March 2026, 9:15 AM",
                     "88.89", "88.89/100", *cells])
    rows += extra or []
    return runner.file("interactions.txt", header, rows, delimiter="\t")


def test_moodle_practice_answers_never_reach_the_profile(runner: Runner) -> None:
    # The package reports practice as interactions only: even all right (c01) is not the final check
    # (f<n>-* interactions, tests/report/test_scorm_results.py), so nobody is reached; the answers are item-analysed.
    never = ["Người Thử 9", "c09", "-", "-", "-", "-", "Not attempted"] + [""] * (3 * len(ITEMS))
    path = moodle_file(runner, {"c01": set(), "c02": {"phan-tram"}, "c03": {"mot-lua-chon", "so", "chu"}}, [never])
    report, diags = runner.run(runner.roster(), [path], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 0
    got = row(report, "items", item="mot-lua-chon")  # right for c01 and c02, wrong for c03
    assert (got["group"], got["learners"], got["p"]) == ("citizens", 3, round(2 / 3, 4))


def test_a_moodle_report_without_question_ids_says_which_settings_to_turn_on(runner: Runner) -> None:
    header = ["Name", "ID number", "Attempt", "Started on", "Last accessed on", "Score", "Response 0"]
    path = runner.file("interactions.txt", header, [["A", "c01", "1", "x", "x", "50", "b"]], delimiter="\t")
    report, diags = runner.run(runner.roster(), [path])
    assert report is None and found(diags, "HV803") == ["interactions.txt:1:1"]


def test_a_moodle_date_that_is_not_a_date_names_its_cell(runner: Runner) -> None:
    path = moodle_file(runner, {"c01": set()})
    text = path.read_text(encoding="utf-8").replace("Thursday, 5 March 2026, 9:15 AM", "sáng thứ năm")  # type: ignore[attr-defined]
    path.write_text(text, encoding="utf-8")  # type: ignore[attr-defined]
    report, diags = runner.run(runner.roster(), [path])
    assert report is None and found(diags, "HV804") == ["interactions.txt:2:5"]


# --- the offline player's result files -------------------------------------------------------------


def offline_file(runner: Runner, learner: str, wrong: set[str], name: str) -> object:
    data = {"format": "hocvuso-result", "version": 1, "course": "hocvuso-BDHVS-KNS-ND-2026-1-scorm12", "fp": "ab12cd34",
            "learner": learner, "saved": "2026-04-02T03:04:05.000Z",
            "items": [[item, 0 if item in wrong else 1, "b"] for item in ITEMS]}
    data["sig"] = signature(data)
    path = runner.root / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_offline_result_files_count_and_an_edited_one_is_refused(runner: Runner) -> None:
    folder = runner.root / "collected"
    folder.mkdir()
    offline_file(runner, "c01", set(), "collected/ketqua-c01.json")
    offline_file(runner, "c02", {"so"}, "collected/ketqua-c02.json")
    edited = offline_file(runner, "c03", {"phan-tram"}, "collected/ketqua-c03.json")
    text = edited.read_text(encoding="utf-8").replace('["phan-tram", 0', '["phan-tram", 1')  # type: ignore[attr-defined]
    edited.write_text(text, encoding="utf-8")  # type: ignore[attr-defined]
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert found(diags, "HV813") == ["ketqua-c03.json:0:0"]
    assert report is None  # an edited file is an error: the mentor must collect it again


def test_offline_files_hold_practice_answers_so_they_count_for_items_never_for_reached(runner: Runner) -> None:
    folder = runner.root / "collected"
    folder.mkdir()
    offline_file(runner, "c01", set(), "collected/a.json")  # all right: still practice, not the final check
    offline_file(runner, "c02", {"mot-lua-chon"}, "collected/b.json")
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is not None, [diags.render(d, "en") for d in diags]
    assert row(report, "targets", kpi="reached", group="citizens", unit=ALL)["count"] == 0
    got = row(report, "items", item="mot-lua-chon")
    assert (got["group"], got["learners"], got["p"]) == ("citizens", 2, 0.5)


def test_an_xlsx_that_unzips_to_300_mb_is_refused_before_it_is_opened(runner: Runner) -> None:
    """A zip bomb: a few hundred kilobytes on disk, 300 MB of zeros inside; the limit is 256 MB unzipped."""
    import zipfile

    book = Workbook()
    book.active.append(ROSTER_HEADER)
    path = runner.root / "roster.xlsx"
    book.save(path)
    zeros = bytes(2**20)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z, z.open("xl/media/padding.bin", "w") as f:
        for _ in range(300):
            f.write(zeros)
    assert path.stat().st_size < 2 * 2**20
    report, diags = runner.run(path, [runner.results()])
    assert report is None and found(diags, "HV825") == ["roster.xlsx:0:0"]
    assert "300.0 MB" in next(d.message("en") for d in diags if d.code.id == "HV825")


def test_an_offline_result_file_over_a_megabyte_is_refused_unread(runner: Runner) -> None:
    folder = runner.root / "collected"
    folder.mkdir()
    data = {"format": "hocvuso-result", "version": 1, "course": "x", "fp": "y", "learner": "c01",
            "saved": "2026-03-04T10:00:00Z", "items": [["mot-lua-chon", 1, "a" * 100]] * 12000}
    data["sig"] = signature(data)
    (folder / "ketqua-c01.json").write_text(json.dumps(data), encoding="utf-8")
    assert (folder / "ketqua-c01.json").stat().st_size > 2**20
    report, diags = runner.run(runner.roster(), [folder], min_cell=1)
    assert report is None and found(diags, "HV825") == ["ketqua-c01.json:0:0"]


def test_a_csv_cell_over_128_kb_is_reported_at_its_line_not_raised(runner: Runner) -> None:
    rows = town_roster()
    rows[2][9] = "x" * 200_000  # the name column of the third learner: line 4 with the header
    report, diags = runner.run(runner.roster(rows), [runner.results()])
    assert report is None and found(diags, "HV822") == ["roster.csv:4:0"]
