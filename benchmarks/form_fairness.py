"""How fair the assessment's random forms are, on the item banks of the built courses.

For each course bank (``build/olx/<group>.tar.gz``, the ``item_bank`` of the
``hocvuso_assessment`` block) and each number of items per competency, forms are
drawn the old way (per competency only) and the new way (``grading.draw_form``:
per competency × level, least-seen items first) and the script prints:

* **pass-probability spread** for one fixed learner: the exact probability
  that this learner passes each drawn form (every competency ≥ its threshold
  and overall ≥ the overall threshold, computed by convolution, no sampling
  of answers), then the 5th–95th percentile range across forms, in points.
  The learner and the items follow a Rasch model: an item's difficulty is its
  level's step (1 logit per framework level, the target level at 0) plus a
  fixed per-item offset drawn from N(0, σ) (σ = ``--sigma``: how much items of
  one level differ, which the bank does not record);  the learner's ability
  is set so that their expected share over the whole bank is the overall
  threshold (a learner at the pass mark) or ``--above`` over it;
* **exposure**: the share of forms each item is on (mean and maximum);
* **overlap**: for learners who take three attempts, the share of a retake's
  items already seen on that learner's earlier forms, and the share of the
  bank a learner has seen after three attempts;
* the per-competency misclassification rates of the binomial model (see xblocks/README.md).

Usage: ``.venv/bin/python benchmarks/form_fairness.py [--forms 400] [--sigma 0.5] [--groups citizens,...]``.
Nothing is timed; the figures depend only on the seed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import tarfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from hocvuso_xblocks import grading

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ("citizens", "officials", "students", "workers")


def load_bank(group: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The item bank and the block's attributes from a built OLX archive."""
    with tarfile.open(ROOT / "build" / "olx" / f"{group}.tar.gz") as tar:
        for member in tar.getmembers():
            if "/vertical/" in member.name and member.name.endswith(".xml"):
                data = tar.extractfile(member).read()  # type: ignore[union-attr]
                if b"hocvuso_assessment" in data:
                    node = ET.fromstring(data).find(".//hocvuso_assessment")
                    assert node is not None
                    attrs = dict(node.attrib)
                    return json.loads(attrs.pop("item_bank")), attrs
    raise SystemExit(f"no hocvuso_assessment in build/olx/{group}.tar.gz: run `make build` first")


def old_draw(bank: dict[str, Any], n: int, rng: random.Random) -> list[str]:
    """The draw before stratification by level: n items of each competency, uniformly."""
    ids = []
    for comp in bank["competencies"]:
        pool = [q["id"] for q in bank["questions"] if q["competency"] == comp["code"]]
        ids.extend(rng.sample(pool, min(n, len(pool))))
    return ids


def new_draw(bank: dict[str, Any], n: int, rng: random.Random, seen: Counter[str] | None = None) -> list[str]:
    return [item["id"] for item in grading.draw_form(bank, n, rng, seen)["items"]]


def difficulties(bank: dict[str, Any], sigma: float, rng: random.Random) -> dict[str, float]:
    """Rasch difficulty per item: its level's step relative to the competency's target level, plus N(0, sigma)."""
    steps = grading.level_steps(bank)
    target = {c["code"]: steps.get(c.get("level", ""), 0) for c in bank["competencies"]}
    return {q["id"]: steps.get(q.get("level", ""), 0) - target[q["competency"]] + rng.gauss(0, sigma)
            for q in bank["questions"]}


def p_right(theta: float, b: float) -> float:
    return 1 / (1 + math.exp(b - theta))


def ability_for(share: float, diff: dict[str, float]) -> float:
    """The ability whose expected share over the whole bank is ``share`` (bisection)."""
    low, high = -8.0, 8.0
    for _ in range(60):
        mid = (low + high) / 2
        mean = statistics.fmean(p_right(mid, b) for b in diff.values())
        low, high = (mid, high) if mean < share else (low, mid)
    return (low + high) / 2


def poisson_binomial(ps: list[float]) -> list[float]:
    """P(exactly k right) for independent items with chances ``ps``."""
    dist = [1.0]
    for p in ps:
        nxt = [0.0] * (len(dist) + 1)
        for k, mass in enumerate(dist):
            nxt[k] += mass * (1 - p)
            nxt[k + 1] += mass * p
        dist = nxt
    return dist


def pass_probability(form: list[str], bank: dict[str, Any], chance: dict[str, float], comp_t: float, overall_t: float) -> float:
    """Exact P(pass) of one form: every competency share ≥ comp_t and the overall share ≥ overall_t (1-point items)."""
    by_comp: dict[str, list[float]] = {}
    competency = {q["id"]: q["competency"] for q in bank["questions"]}
    for qid in form:
        by_comp.setdefault(competency[qid], []).append(chance[qid])
    total = [1.0]  # distribution of the number right so far, given every competency so far reached
    for ps in by_comp.values():
        need = math.ceil(comp_t * len(ps) - 1e-9)
        dist = [mass if k >= need else 0.0 for k, mass in enumerate(poisson_binomial(ps))]
        nxt = [0.0] * (len(total) + len(dist) - 1)
        for i, a in enumerate(total):
            if a:
                for j, b in enumerate(dist):
                    nxt[i + j] += a * b
        total = nxt
    need_all = math.ceil(overall_t * len(form) - 1e-9)
    return sum(total[need_all:])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def spread(bank: dict[str, Any], n: int, chance: dict[str, float], rule: tuple[float, float], forms: int,
           draw: Any, rng: random.Random) -> tuple[float, float, float]:
    """(mean, 5th percentile, 95th percentile) of the learner's pass probability over drawn forms, in points."""
    probs = [100 * pass_probability(draw(bank, n, rng), bank, chance, *rule) for _ in range(forms)]
    return statistics.fmean(probs), percentile(probs, 0.05), percentile(probs, 0.95)


def exposure(bank: dict[str, Any], n: int, forms: int, draw: Any, rng: random.Random) -> tuple[float, float]:
    counts = Counter(qid for _ in range(forms) for qid in draw(bank, n, rng))
    shares = [counts.get(q["id"], 0) / forms for q in bank["questions"]]
    return statistics.fmean(shares), max(shares)


def overlap(bank: dict[str, Any], n: int, learners: int, rng: random.Random, stratified: bool) -> tuple[float, float, float]:
    """(share of attempt 2 already seen, of attempt 3 already seen, share of the bank seen after 3), means."""
    second, third, seen_share = [], [], []
    for _ in range(learners):
        seen: Counter[str] = Counter()
        shares = []
        for attempt in range(3):
            form = new_draw(bank, n, rng, seen) if stratified else old_draw(bank, n, rng)
            if attempt:
                shares.append(sum(1 for qid in form if seen[qid]) / len(form))
            seen.update(form)
        second.append(shares[0])
        third.append(shares[1])
        seen_share.append(len(seen) / len(bank["questions"]))
    return statistics.fmean(second), statistics.fmean(third), statistics.fmean(seen_share)


def binomial_tail(n: int, p: float, k: int) -> float:
    """P(X ≥ k) for X ~ Binomial(n, p)."""
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


def misclassification(threshold: float) -> None:
    print(f"\nPer-competency decision, threshold {threshold:.0%} (needs ⌈{threshold:.1f}·n⌉ right), binomial model:")
    print(f"{'n':>3} {'needs':>6} {'P(pass)|p=0.4':>15} {'P(pass)|p=0.5':>15} {'P(pass)|p=0.6':>15} "
          f"{'P(fail)|p=0.7':>14} {'P(fail)|p=0.8':>14}")
    for n in range(3, 8):
        k = math.ceil(threshold * n - 1e-9)
        row = [binomial_tail(n, p, k) for p in (0.4, 0.5, 0.6)] + [1 - binomial_tail(n, p, k) for p in (0.7, 0.8)]
        print(f"{n:>3} {k:>6} " + " ".join(f"{100 * v:>14.1f}%" for v in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=400)
    parser.add_argument("--sigma", type=float, default=0.5, help="spread of item difficulty within a level, logits")
    parser.add_argument("--above", type=float, default=0.1, help="second learner: expected share this far above the mark")
    parser.add_argument("--groups", default=",".join(GROUPS))
    parser.add_argument("--sizes", default="3,4,5")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{args.forms} forms per row; item difficulty = level step + N(0, {args.sigma}); '±' = half the 5–95 % range")
    for group in args.groups.split(","):
        bank, attrs = load_bank(group)
        rule = (float(attrs.get("competency_threshold", 0.6)), float(attrs.get("overall_threshold", 0.7)))
        diff = difficulties(bank, args.sigma, random.Random(f"{group}/difficulty"))
        print(f"\n{group}: {len(bank['questions'])} items, {len(bank['competencies'])} competencies, rule {rule}")
        print(f"{'n/comp':>6} {'learner':>9} {'old: mean [p5, p95] ±':>28} {'new: mean [p5, p95] ±':>28} "
              f"{'exposure old':>13} {'new':>11} {'seen again 2nd/3rd: old':>24} {'new':>12} {'bank seen ×3 old/new':>21}")
        for n in sizes:
            exp_old = exposure(bank, n, args.forms, old_draw, random.Random(1))
            exp_new = exposure(bank, n, args.forms, new_draw, random.Random(1))
            ov_old = overlap(bank, n, args.forms // 4, random.Random(2), stratified=False)
            ov_new = overlap(bank, n, args.forms // 4, random.Random(2), stratified=True)
            for label, share in (("at mark", rule[1]), (f"+{args.above:.0%}", rule[1] + args.above)):
                theta = ability_for(share, diff)
                chance = {qid: p_right(theta, b) for qid, b in diff.items()}
                old = spread(bank, n, chance, rule, args.forms, old_draw, random.Random(3))
                new = spread(bank, n, chance, rule, args.forms, new_draw, random.Random(3))
                cells = [f"{m:5.1f} [{lo:5.1f}, {hi:5.1f}] ±{(hi - lo) / 2:4.1f}" for m, lo, hi in (old, new)]
                print(f"{n:>6} {label:>9} {cells[0]:>28} {cells[1]:>28} "
                      f"{100 * exp_old[0]:5.1f}/{100 * exp_old[1]:5.1f}% {100 * exp_new[0]:5.1f}/{100 * exp_new[1]:4.1f}% "
                      f"{100 * ov_old[0]:10.1f}/{100 * ov_old[1]:5.1f}% {100 * ov_new[0]:5.1f}/{100 * ov_new[1]:5.1f}% "
                      f"{100 * ov_old[2]:12.1f}/{100 * ov_new[2]:5.1f}%")
    misclassification(0.6)


if __name__ == "__main__":
    main()
