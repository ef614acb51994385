"""Synthetic, obviously fake sample data for ``make report-demo``: a roster and the exports of three LMS paths.

Nobody in it exists: learner ids are ``demo-0001``…, units are 'Xã Mẫu 1'…,
households and mentors are numbered.  Answers are drawn from a simple model
(ability minus item difficulty) so the report has something to show, with a
fixed seed so every run gives the same files.

    python -m hocvuso.reports.sample --out var/report-demo
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import random
from pathlib import Path
from typing import Any

from hocvuso.diagnostics import Diagnostics
from hocvuso.reports.catalog import CourseIndex, ItemInfo, Rule, load_index
from hocvuso.reports.offline import FORMAT, signature

GROUPS = (("citizens", "Người dân", 0.55), ("officials", "Cán bộ, công chức, viên chức", 0.15),
          ("students", "Học sinh, sinh viên", 0.2), ("workers", "Người lao động", 0.1))
ROSTER_HEADER = ("Mã người học", "Nhóm đối tượng", "Tỉnh/thành phố", "Xã/phường", "Thôn/tổ dân phố", "Năm sinh", "Giới tính",
                 "Dân tộc", "Khuyết tật", "Mã hộ gia đình", "Mã người hướng dẫn", "Ghi chú")


def _p(theta: float, b: float) -> float:
    return 1 / (1 + math.exp(-(theta - b)))


def generate(out: Path, index: CourseIndex, learners: int = 400, province: str = "Nghệ An", seed: int = 2026) -> dict[str, Path]:
    """Write roster.csv, openedx_problem_responses.csv, moodle_interactions.txt and offline/*.json into ``out``."""
    rng = random.Random(seed)
    answers = random.Random(seed + 1)  # draws that depend on the courses' questions: the roster and grades stay put
    out.mkdir(parents=True, exist_ok=True)
    people = _roster(out / "roster.csv", learners, province, rng)
    every = {i.id for c in index.courses.values() for i in (*c.practice.values(), *c.bank.values())}
    difficulty = {item: answers.gauss(-0.6, 0.9) for item in sorted(every)}
    # Two items made bad on purpose, so the item analysis has something to flag.
    bad = sorted(i.id for i in index.practice("citizens"))[:2]
    for item in bad:
        difficulty[item] = 2.8
    ability = {lid: rng.gauss(0.4, 1.0) for lid, _, _ in people}
    rows = _openedx(out / "openedx_problem_responses.csv", people, ability, difficulty, index, rng, answers)
    _moodle(out / "moodle_interactions.txt", [p for p in people if p[1] == "workers"], ability, difficulty, index, answers)
    _offline(out / "offline", [p for p in people if p[1] == "citizens"][:12], ability, difficulty, index, answers)
    return {"roster": out / "roster.csv", "openedx": rows, "moodle": out / "moodle_interactions.txt", "offline": out / "offline"}


def _roster(path: Path, n: int, province: str, rng: random.Random) -> list[tuple[str, str, int]]:
    people = []
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(ROSTER_HEADER)
        for i in range(1, n + 1):
            group, label, _ = rng.choices(GROUPS, weights=[g[2] for g in GROUPS])[0]
            unit = f"Xã Mẫu {rng.randint(1, 6)}"
            year = {"students": rng.randint(2005, 2012), "officials": rng.randint(1968, 1998),
                    "workers": rng.randint(1970, 2004)}.get(group, rng.randint(1940, 2005))
            lid = f"demo-{i:04d}"
            writer.writerow((lid, label, province, unit, f"Thôn Mẫu {rng.randint(1, 4)}", year, rng.choice(("Nam", "Nữ")),
                             rng.choice(("Kinh", "Kinh", "Kinh", "Thái", "Khơ Mú")), "x" if rng.random() < 0.04 else "",
                             f"ho-{unit[-1]}-{rng.randint(1, n // 3):03d}", f"dsso-{unit[-1]}-{rng.randint(1, max(1, n // 40)):02d}",
                             "dữ liệu mẫu, không có thật"))
            people.append((lid, group, year))
    return people


def _answer(item: ItemInfo, correct: bool, rng: random.Random) -> str:
    if not item.correct_keys:
        return ""
    if correct:
        return item.correct_keys
    wrong = [k for k in "abcd" if k not in item.correct_keys]
    return rng.choice(wrong)


def _openedx(path: Path, people: list[tuple[str, str, int]], ability: dict[str, float], difficulty: dict[str, float],
             index: CourseIndex, rng: random.Random, answers: random.Random) -> Path:
    """Certification and placement rows of the assessment block, and capa rows for practice problems."""
    header = ["username", "title", "location", "Answer", "Answer ID", "Attempt", "Competencies", "Correct Answer", "Credential",
              "Form", "Mode", "Overall", "Passed", "Question", "Submitted", "block_key", "state"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for lid, group, _ in people:
            if group == "workers" or rng.random() < 0.12:
                continue  # workers learn on Moodle here; some people have not started
            theta = ability[lid]
            start = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 300))
            profile = index.profiles.get(group, ())
            _cert(writer, header, lid, group, "placement", 1, start, [theta - 1.0] * len(profile), profile, index, rng)
            for item in list(index.practice(group))[:12]:
                ok = answers.random() < _p(theta, difficulty[item.id])
                choice = item.correct_keys if ok else _answer(item, False, answers)
                state = {"attempts": 1, "correct_map": {f"{item.id}_2_1": {"correctness": "correct" if ok else "incorrect"}},
                         "student_answers": {f"{item.id}_2_1": f"choice_{ord(choice[0]) - 97}" if choice else "42"}}
                row = {"username": lid, "title": item.id, "location": "Khoá học > Bài > " + item.id,
                       "Answer ID": f"{item.id}_2_1", "Question": "…", "Answer": choice,
                       "block_key": f"block-v1:BDHVS+DEMO+2026+type@problem+block@{item.id}", "state": json.dumps(state)}
                writer.writerow([row.get(h, "") for h in header])
            for attempt in (1, 2):
                when = start + dt.timedelta(days=20 + 25 * attempt + rng.randint(0, 40))
                theta += 0.5 * attempt
                passed = _cert(writer, header, lid, group, "certification", attempt, when, [theta] * len(profile), profile, index, rng)
                if passed or rng.random() < 0.5:
                    break
    return path


def _cert(writer: Any, header: list[str], lid: str, group: str, mode: str, attempt: int,
          when: dt.date, thetas: list[float], profile: tuple[str, ...], index: CourseIndex, rng: random.Random) -> bool:
    shares = {code: round(min(1.0, max(0.0, _p(t, -0.3) + rng.gauss(0, 0.12))), 2) for code, t in zip(profile, thetas, strict=True)}
    overall = round(sum(shares.values()) / max(1, len(shares)), 4)
    rule = index.rules.get(group)
    passed = mode == "certification" and rule is not None and overall >= rule.overall and all(
        s >= rule.competency for s in shares.values())
    comps = {code: {"share": s, "level": "CB2" if s >= 0.6 else None} for code, s in shares.items()}
    row = {"username": lid, "title": "Đánh giá cuối khoá", "location": "Khoá học > Đánh giá cuối khoá", "Mode": mode,
           "Attempt": attempt, "Submitted": f"{when.isoformat()}T08:{rng.randint(10, 59)}:00Z", "Overall": overall,
           "Passed": "true" if passed else "false", "Competencies": json.dumps(comps, separators=(",", ":")),
           "Credential": f"urn:uuid:demo-{lid}-{attempt}" if passed else "", "Form": f"form-{rng.randint(1000, 9999)}",
           "block_key": "block-v1:BDHVS+DEMO+2026+type@hocvuso_assessment+block@final", "state": "{}"}
    writer.writerow([row.get(h, "") for h in header])
    return passed


def _moodle(path: Path, people: list[tuple[str, str, int]], ability: dict[str, float], difficulty: dict[str, float],
            index: CourseIndex, rng: random.Random) -> None:
    """Moodle's interactions report as downloaded ('CSV' = tab-separated .txt), with Question and Result turned on."""
    items = index.practice("workers")
    codes = index.profiles.get("workers", ())
    form = [i for code in codes for i in [b for b in index.bank("workers") if b.competency == code][:2]]  # one fixed form
    header = ["Name", "ID number", "Attempt", "Started on", "Last accessed on", "Score", "Kỹ năng số cho người lao động"]
    for i in range(len(items) + 2 * len(form)):
        header += [f"Question {i}", f"Response {i}", f"Result {i}"]
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
              "December")
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t")
        writer.writerow(header)
        for n, (lid, _, _) in enumerate(people):
            if rng.random() < 0.1:
                writer.writerow([f"Học viên Mẫu {n}", lid, "-", "-", "-", "-", "Not attempted"] + [""] * (3 * (len(items) + 2 * len(form))))
                continue
            when = dt.date(2026, 2, 1) + dt.timedelta(days=rng.randint(0, 280))
            stamp = f"{when.strftime('%A')}, {when.day} {months[when.month - 1]} {when.year}, 9:15 AM"
            cells = []
            for item in items:  # practice: interactions only, for the item analysis
                ok = rng.random() < _p(ability[lid] + 0.8, difficulty[item.id])
                cells += [item.id, _answer(item, ok, rng) or "42", "correct" if ok else "wrong"]
            for prefix, lift in (("pre-", -0.6), ("f1-", 0.8)):  # the pre-test, then one try of the final check
                for item in form:
                    ok = rng.random() < _p(ability[lid] + lift, difficulty[item.id])
                    cells += [prefix + item.id, _answer(item, ok, rng) or "42", "correct" if ok else "wrong"]
            writer.writerow([f"Học viên Mẫu {n}", lid, 1, stamp, stamp, "", "", *cells])
            # Score and the SCO column are left empty: the report grades the final check from its interactions.


def _offline(folder: Path, people: list[tuple[str, str, int]], ability: dict[str, float], difficulty: dict[str, float],
             index: CourseIndex, rng: random.Random) -> None:
    """Result files as the offline player's "export my results" button saves them: practice answers, and for most
    learners the pre-test and one or two tries of the final check (a new form from the bank per try), right/wrong only."""
    folder.mkdir(parents=True, exist_ok=True)
    items = index.practice("citizens")
    rule = index.rules.get("citizens")
    codes = index.profiles.get("citizens", ())
    bank = {code: [b for b in index.bank("citizens") if b.competency == code] for code in codes}

    def form(per: int) -> list[ItemInfo]:  # per competency of the profile, as the player draws (levels aside)
        return [i for code in codes for i in rng.sample(bank[code], min(per, len(bank[code])))]

    for n, (lid, _, _) in enumerate(people):
        when = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=rng.randint(0, 250))
        answered = []
        for item in items:
            ok = rng.random() < _p(ability[lid] + 0.6, difficulty[item.id])
            answered.append([item.id, 1 if ok else 0, _answer(item, ok, rng)])
        if n % 4:  # three in four took the final check; some first the pre-test
            checks = [("pre-", -0.6, form(2))] if n % 2 else []
            checks += [("f1-", 0.8, form(5)), ("f2-", 1.3, form(5))]
            for prefix, lift, drawn in checks:
                marks = [(item, rng.random() < _p(ability[lid] + lift, difficulty[item.id])) for item in drawn]
                answered += [[prefix + item.id, 1 if ok else 0, ""] for item, ok in marks]
                if prefix != "pre-" and (_passes(marks, rule) or rng.random() < 0.5):
                    break  # passed, or did not try again
        data = {"format": FORMAT, "version": 1, "course": "hocvuso-BDHVS-KNS-ND-2026-1-scorm12", "fp": "demo0000",
                "learner": lid, "saved": when.isoformat().replace("+00:00", "Z"), "items": answered}
        data["sig"] = signature(data)
        (folder / f"ketqua-{lid}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _passes(marks: list[tuple[ItemInfo, bool]], rule: Rule | None) -> bool:
    """Whether a try meets the course's rule (for the sample's choice of a second try; the report grades on its own)."""
    got: dict[str, float] = {}
    total: dict[str, float] = {}
    for item, ok in marks:
        total[item.competency] = total.get(item.competency, 0.0) + item.points
        got[item.competency] = got.get(item.competency, 0.0) + (item.points if ok else 0.0)
    return rule is not None and sum(got.values()) >= rule.overall * sum(total.values()) and all(
        got[c] >= rule.competency * t for c, t in total.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write obviously fake sample inputs for hocvuso report")
    parser.add_argument("--out", type=Path, default=Path("var/report-demo"))
    parser.add_argument("--courses", type=Path, default=Path("courses"))
    parser.add_argument("--learners", type=int, default=400)
    args = parser.parse_args(argv)
    index = load_index(args.courses, Diagnostics())
    for name, path in generate(args.out, index, args.learners).items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
