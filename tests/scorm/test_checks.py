"""The real courses' SCORM packages: answer keys out of sight, and a final check that blind strategies fail.

A learner who always picks the first option, or always the longest one, must
score near chance on the final check drawn from the package's bank (not 0 %,
which would mean the key is never first, nor 100 %): shuffling and the item
rewrites are what make that so.  Chance is worked out here from the drawn
items: 1/k for a single choice of k options, 1/(2^k − 1) for a multiple
choice, 0 for typed, matching and ordering items the strategy cannot answer.
The page-source test re-computes every hash from the model, independently
of the player.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from scorm_browser import ROOT, Server, state, unzip

from hocvuso.diagnostics import Diagnostics
from hocvuso.emitters.scorm.data import normalise_text, numeric_grid
from hocvuso.emitters.scorm.ids import interaction_id
from hocvuso.emitters.scorm.questions import ordering_keys
from hocvuso.model import QuestionType
from hocvuso.project import Project, load
from tests.conftest import COURSES, GROUPS

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = re.compile(r'<script type="application/json" id="hv-data">(.*?)</script>', re.S)
LEARNER = "hv-test-learner-7"

# Answer every drawn item of the open final check with one blind strategy (in the SCO's frame).
PLAY = """(strategy) => {
  const items = [...document.querySelectorAll('#hv-final-items .q')];
  const text = (el) => (el.textContent || '').trim().length;
  for (const box of items) {
    const pick = (nodes) => strategy === 'first' ? nodes[0] : nodes.reduce((a, b) => text(b) > text(a) ? b : a);
    const lis = [...box.querySelectorAll('.choices > li')];
    if (lis.length) { pick(lis).querySelector('input').checked = true; continue; }
    for (const sel of box.querySelectorAll('select')) {
      const options = [...sel.options].filter((o) => o.value);
      sel.value = pick(options).value;
    }
    for (const input of box.querySelectorAll('input[type=text]')) input.value = input.inputMode === 'decimal' ? '0' : 'x';
  }
  return items.map((box) => box.getAttribute('data-q'));
}"""


@pytest.fixture(scope="module")
def models():  # type: ignore[no-untyped-def]
    diags = Diagnostics()
    _, loaded = load(Project(COURSES), [], diags)
    return {c.group: c for c in loaded}


@pytest.fixture(scope="module")
def packages(built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Server]]:  # type: ignore[no-untyped-def]
    build = built(["scorm"])
    routes = {"/node_modules": ROOT / "node_modules", "/harness.html": ROOT / "tests/scorm/harness.html"}
    for group in GROUPS:
        for version in ("12", "2004"):
            routes[f"/{group}{version}"] = unzip(build / f"scorm{version}/{group}.zip", tmp_path_factory.mktemp(f"{group}{version}"))
    srv = Server(routes)
    yield build, srv
    srv.close()


def page_data(package: Path) -> tuple[str, dict]:  # type: ignore[type-arg]
    with zipfile.ZipFile(package) as zf:
        page = zf.read("index.html").decode("utf-8")
    found = DATA.search(page)
    assert found
    return page, json.loads(found.group(1))


def chance(q: dict) -> float:  # type: ignore[type-arg]
    """The expected share of a blind pick on one item (see the module docstring)."""
    options = len(q["_options"])
    if q["k"] in ("single", "dropdown"):
        return 1 / options
    if q["k"] == "multiple":
        return 1 / (2 ** options - 1)
    return 0.0


@pytest.mark.parametrize("strategy", ["first", "longest"])
@pytest.mark.parametrize("group", GROUPS)
def test_a_blind_strategy_scores_near_chance_on_the_final_check(page, packages, group: str, strategy: str) -> None:  # type: ignore[no-untyped-def]
    build, srv = packages
    _, data = page_data(build / f"scorm2004/{group}.zip")
    sco = open_sco_at(page, srv.url, f"/{group}2004", {"learner_id": LEARNER})
    sco.evaluate("document.querySelector('[data-go=hocvuso-final]').click()")
    sco.click("#hv-final-start")
    drawn = sco.evaluate(PLAY, strategy)
    options = sco.evaluate("""(ids) => ids.map((id) => {
        const box = document.getElementById('q-' + id);
        return box.querySelectorAll('.choices > li').length || [...box.querySelectorAll('select option')].filter((o) => o.value).length;
    })""", drawn)
    sco.click("#hv-final-submit")
    cmi = state(page)["cmi"]
    assert page.evaluate("window.hvErrors") == []
    bank = {q["id"]: q for q in data["bank"]}
    items = [{**bank[qid], "_options": range(n)} for qid, n in zip(drawn, options, strict=True)]
    per = data["form"]["n"]  # every competency of the profile, as many as its bank holds up to the draw
    assert len(items) == sum(min(per, sum(q["o"] == o for q in data["bank"])) for o in data["form"]["comps"])
    expected = 100 * sum(q["w"] * chance(q) for q in items) / sum(q["w"] for q in items)
    score = float(cmi["score"]["raw"])
    # a form of 27–33 items: a binomial spread of about 8 points around chance; 25 points is > 3 sd
    assert 0 < score < 100, (strategy, score, expected)
    assert abs(score - expected) <= 25, (strategy, score, expected)
    assert cmi["success_status"] == "unknown"  # failed once, tries left: not yet failed
    assert [i["id"] for i in cmi["interactions"].values()] == [f"f1-{qid}" for qid in drawn]


def open_sco_at(page, base: str, prefix: str, preload: dict):  # type: ignore[no-untyped-def,type-arg]
    page.add_init_script(f"window.HV_PRELOAD = {json.dumps(preload)};")
    page.goto(f"{base}/harness.html?v={'12' if prefix.endswith('12') else '2004'}&sco={prefix}/index.html")
    page.frame_locator("#sco").locator("#hv-pos").wait_for()
    sco = page.frames[1]
    sco.wait_for_function("document.getElementById('hv-pos').textContent !== ''")
    return sco


def test_the_final_check_passes_on_right_answers_and_reports_score_apart_from_practice(page, packages, models) -> None:  # type: ignore[no-untyped-def]
    """SCORM 1.2, citizens: all drawn items answered right → passed and 100; the pre-test is its own objective."""
    _, srv = packages
    course = models["citizens"]
    sco = open_sco_at(page, srv.url, "/citizens12", {"core": {"student_id": LEARNER}})
    sco.evaluate("document.querySelector('[data-go=hocvuso-pretest]').click()")
    sco.click("#hv-pre-start")
    sco.click("#hv-pre-submit")  # nothing answered: 0 on the pre-test
    sco.evaluate("document.querySelector('[data-go=hocvuso-final]').click()")
    sco.click("#hv-final-start")
    drawn = sco.evaluate("[...document.querySelectorAll('#hv-final-items .q')].map((b) => b.getAttribute('data-q'))")
    by_id = {q.id: q for q in course.bank}
    for qid in drawn:
        answer_right(sco, by_id[qid])
    sco.click("#hv-final-submit")
    cmi = state(page)["cmi"]
    assert page.evaluate("window.hvErrors") == []
    assert (cmi["core"]["lesson_status"], float(cmi["core"]["score"]["raw"])) == ("passed", 100.0)
    objectives = {o["id"]: o for o in cmi["objectives"].values()}
    assert objectives["hocvuso-pretest"]["status"] == "completed"
    assert float(objectives["hocvuso-pretest"]["score"]["raw"]) == 0
    ids = [i["id"] for i in cmi["interactions"].values()]
    assert [i for i in ids if i.startswith("pre-")] and all(i.startswith(("pre-", "f1-")) for i in ids)


def answer_right(sco, q) -> None:  # type: ignore[no-untyped-def]
    """Answer bank item ``q`` right, from the model (never from the page)."""
    box = f"#q-{q.id}"
    if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        for c in q.choices:
            if c.correct:
                sco.check(f"{box}-{c.key}")
    elif q.type is QuestionType.DROPDOWN:
        sco.select_option(f"{box}-in", next(c.key for c in q.choices if c.correct))
    elif q.type is QuestionType.NUMERIC:
        sco.fill(f"{box}-in", f"{q.numeric.value:g}")
    elif q.type is QuestionType.TEXT:
        sco.fill(f"{box}-in", q.answers[0])
    elif q.type is QuestionType.MATCHING:
        for n, pair in enumerate(q.matches, start=1):
            sco.select_option(f"{box}-m{n}", label=pair.right_text)
    elif q.type is QuestionType.ORDERING:
        keys = ordering_keys(q)
        sco.evaluate("""([box, keys]) => { const list = document.querySelector(box + ' .order');
            for (const k of keys) list.appendChild(list.querySelector('li[data-key="' + k + '"]')); }""", [box, keys])


def key_hash(salt: str, qid: str, canonical: str) -> str:
    return hashlib.sha256(f"{salt}|{qid}|{canonical}".encode()).hexdigest()[:16]


def right_responses(q) -> list[str]:  # type: ignore[no-untyped-def]
    """The canonical right responses of ``q``, worked out from the model as the player would send them."""
    if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.DROPDOWN):
        return ["".join(c.key for c in q.choices if c.correct)]
    if q.type is QuestionType.TEXT:
        return [normalise_text(a) for a in q.answers]
    if q.type is QuestionType.NUMERIC:
        _, points = numeric_grid(q.numeric.low, q.numeric.high)
        return [str(k) for k in points]
    if q.type is QuestionType.ORDERING:
        return ["".join(ordering_keys(q))]
    return []  # matching: the keys depend on the order shown; graded in the browser tests


@pytest.mark.parametrize("group", GROUPS)
def test_the_page_source_holds_no_plain_answer_key(packages, models, group: str) -> None:
    build, _ = packages
    course = models[group]
    for version in ("12", "2004"):
        page, data = page_data(build / f"scorm{version}/{group}.zip")
        entries = {q["id"]: q for q in [*data["qs"], *data["bank"]]}
        text = json.dumps(data, ensure_ascii=False)
        assert all("a" not in q for q in entries.values())  # no answer field at all
        assert not re.search(r'\b(correct|data-correct|data-answer)=', page)
        for q in (*course.questions, *course.bank):
            entry = entries.get(interaction_id(q.id))
            if entry is None:
                continue  # bank items outside the profile are not in the package
            for right in right_responses(q):
                assert key_hash(data["salt"], entry["id"], right) in entry["h"], q.id  # the player can grade it
            if q.type is QuestionType.TEXT:
                assert not any(f'"{normalise_text(a)}"' in text for a in q.answers), q.id
            if q.type is QuestionType.ORDERING:  # the right order is not a, b, c… in the page
                alphabetical = "abcdefghijklmnopqrstuvwxyz"[: len(q.items)]
                assert key_hash(data["salt"], entry["id"], alphabetical) not in entry["h"], q.id
        bank = page[page.index('<div id="hv-bank"'):] if data["bank"] else ""
        assert 'class="fb"' not in bank and 'class="why"' not in bank and 'class="hint"' not in bank


def choice_orders(sco) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The order of the choices shown in every single-choice practice question, by question id."""
    return sco.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.quiz .q')]
        .filter((box) => box.querySelector('.choices input[type=radio]'))
        .map((box) => [box.getAttribute('data-q'), [...box.querySelectorAll('.choices input')].map((x) => x.value)]))""")


def test_choices_are_shuffled_per_learner_and_the_same_on_every_launch(browser, packages) -> None:  # type: ignore[no-untyped-def]
    _, srv = packages
    orders = []
    for learner in ("hv-learner-a", "hv-learner-a", "hv-learner-b"):
        context = browser.new_context()
        sco = open_sco_at(context.new_page(), srv.url, "/citizens2004", {"learner_id": learner})
        orders.append(choice_orders(sco))
        context.close()
    first, again, other = orders
    written = {qid: sorted(keys) for qid, keys in first.items()}
    assert first == again  # the same learner sees the same order on every launch
    assert first != other  # another learner sees another order
    assert any(keys != written[qid] for qid, keys in first.items())  # not simply the written order


def test_an_author_can_keep_the_written_order_or_some_choices_in_place(sample_model) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from hocvuso.emitters.scorm.data import question_entry
    from hocvuso.emitters.scorm.ids import objective_id

    q = next(q for q in sample_model.questions if q.type is QuestionType.SINGLE)
    objectives = [objective_id(q.competency)]
    assert question_entry(q, 1, objectives, "0" * 16)["x"] == 1  # shuffled by default
    kept = replace(q, shuffle=False)
    assert question_entry(kept, 1, objectives, "0" * 16)["x"] == 0
    fixed = replace(q, choices=(*q.choices[:-1], replace(q.choices[-1], fixed=True)))
    assert question_entry(fixed, 1, objectives, "0" * 16)["f"] == q.choices[-1].key
