"""Throughput of the assessment block's submit handler and certificate download in the XBlock SDK workbench.

Runs the block in the real workbench runtime (Django, sqlite key-value store)
and times, per request, building the block and handling it:

* ``noop``: a JSON handler that does nothing, through the same request path
  (size check, JSON parsing, field loading) — the floor of this run;
* ``submit (fail)``: grading a 9-question form that does not pass;
* ``submit (pass, Ed25519)`` / ``submit (pass, RSA)``: grading a passing form,
  which also issues the Open Badges credential (sign with the cached key, store
  the .jwt, keep id + hash in the state); goal: within 1.2× of a failing submit;
* ``certificate (first)``: the first download of a learner's certificate, which
  draws the PNG once and stores it; ``certificate (stored)``: every later
  download, which reads the stored file (no drawing);
* ``grade() alone``: answer checks and grading without runtime or storage.

Every request is a new learner (a fresh form drawn by ``start``, not timed).
Usage: ``.venv/bin/python benchmarks/xblock_submit.py [--n 300]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from xml.sax.saxutils import quoteattr

USER_IDS = itertools.count(1000)


def setup_django(folder: Path) -> None:
    """workbench.settings with a fresh sqlite database in ``folder`` (its log goes to folder/var)."""
    (folder / "var").mkdir()
    os.environ["DJANGO_SETTINGS_MODULE"] = "workbench.settings"
    os.environ["WORKBENCH_DATABASES"] = json.dumps(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(folder / "var" / "workbench.db")}})
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        import django

        django.setup()
        logging.getLogger("django").setLevel(logging.WARNING)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    finally:
        os.chdir(cwd)
    from django.conf import settings

    settings.MEDIA_ROOT = str(folder / "media")  # the credential store (Django's default storage)


def operator_keys(folder: Path) -> dict[str, dict]:
    """XBLOCK_SETTINGS for an Ed25519 and an RSA-2048 operator key written in ``folder``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    confs = {}
    for name, key in (("Ed25519", ed25519.Ed25519PrivateKey.generate()), ("RSA", rsa.generate_private_key(65537, 2048))):
        path = folder / f"{name}.pem"
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
        confs[name] = {"hocvuso_assessment": {"PRIVATE_KEY_PATH": str(path), "ISSUER_ID": "https://bench.example.vn/issuer",
                                              "SUBJECT_SECRET": "a benchmark secret of thirty-two or more characters"}}
    return confs


def answers(block, right: bool) -> dict:
    """Answers in display positions: all right, or all wrong (well-formed either way)."""
    from hocvuso_xblocks.grading import match_options, questions_by_id

    questions = questions_by_id(block.bank)
    out = {}
    for item in block.form["items"]:
        q, perm = questions[item["id"]], item["perm"]
        kind = q["type"]
        if kind in ("single", "dropdown"):
            out[q["id"]] = next(i for i, c in enumerate(perm) if q["choices"][c]["correct"] == right)
        elif kind == "multiple":
            out[q["id"]] = [i for i, c in enumerate(perm) if q["choices"][c]["correct"] == right]
        elif kind == "numeric":
            out[q["id"]] = f"{q['numeric']['value']:.12g}" if right else "-1"
        elif kind == "text":
            out[q["id"]] = q["answers"][0] if right else "sai"
        elif kind == "matching":
            options = match_options(q)
            out[q["id"]] = [(options.index(q["matches"][c]["right"]) + (0 if right else 1)) % len(options) for c in perm]
        else:
            out[q["id"]] = [(c if right else c + 1) % len(perm) + 1 for c in perm]
    return out


def measure(runtime, usage_id: str, handler: str, n: int, body_for, users: list[str] | None = None) -> list[float]:
    """Seconds per request for ``n`` learners; ``body_for(block)`` prepares (untimed) the request body.

    Learners get integer ids, as in the LMS (``users`` collects them)."""
    import webob

    times = []
    for _ in range(n):
        runtime.user_id = str(next(USER_IDS))
        if users is not None:
            users.append(runtime.user_id)
        body = body_for(runtime.get_block(usage_id))
        request = webob.Request.blank("/", method="POST", body=body, content_type="application/json")
        start = time.perf_counter()
        block = runtime.get_block(usage_id)
        response = runtime.handle(block, handler, request)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.body
    return times


def interleaved(runtime, usage_id: str, n: int, cases: dict[str, tuple[object, object]],
                users: dict[str, list[str]]) -> dict[str, list[float]]:
    """Like :func:`measure` for several cases taken in turn, request by request, so that a busy machine
    slows them alike (the ratios between them are what matter); ``cases``: name → (body_for, settings)."""
    from django.test import override_settings

    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(n):
        for name, (body_for, conf) in cases.items():
            with override_settings(XBLOCK_SETTINGS=conf):
                times[name] += measure(runtime, usage_id, "submit", 1, body_for, users.setdefault(name, []))
    return times


def downloads(runtime, usage_id: str, users: list[str]) -> list[float]:
    """Seconds per certificate download, one per learner in ``users`` (who have passed)."""
    import webob

    times = []
    for user in users:
        runtime.user_id = user
        start = time.perf_counter()
        response = runtime.handle(runtime.get_block(usage_id), "certificate_png", webob.Request.blank("/"))
        times.append(time.perf_counter() - start)
        assert response.status_code == 200 and response.body[:4] == b"\x89PNG", response.body[:200]
    return times


def grading_only(runtime, usage_id: str, body_for, n: int) -> list[float]:
    """Seconds per call of the pure answer check + grading on a drawn form (no runtime, no storage)."""
    from hocvuso_xblocks import grading

    runtime.user_id = "grading-only"
    body = json.loads(body_for(runtime.get_block(usage_id)))
    block = runtime.get_block(usage_id)
    bank, form, rule = block.bank, block.form, block.rule
    questions = grading.questions_by_id(bank)
    perms = {item["id"]: item["perm"] for item in form["items"]}
    times = []
    for _ in range(n):
        start = time.perf_counter()
        answers = {qid: grading.normalize_answer(questions[qid], perms[qid], v) for qid, v in body["answers"].items()}
        grading.grade(bank, form, answers, rule)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300, help="requests per case (default 300)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="Runtime.user_id is deprecated")  # the workbench's own way to switch users
    with tempfile.TemporaryDirectory(prefix="xblock-bench-") as tmp:
        setup_django(Path(tmp))
        import webob
        from workbench.runtime import WorkbenchRuntime

        from hocvuso_xblocks.block import AssessmentBlock, api

        AssessmentBlock.noop = api(lambda self, data: {})  # the floor: same request path, no work
        bank = (Path(__file__).resolve().parents[1] / "xblocks" / "hocvuso_xblocks" / "data" / "sample_bank.json").read_text()
        runtime = WorkbenchRuntime()
        runtime.publish = lambda block, kind, data: None
        runtime.id_generator.set_scenario("bench")
        usage_id = runtime.parse_xml_string(
            f'<hocvuso_assessment item_bank={quoteattr(bank)} max_attempts="0" time_limit_minutes="30"/>')

        def started(right: bool | None):
            def body(block) -> bytes:
                if right is None:
                    return b"{}"
                runtime.handle(block, "start", webob.Request.blank("/", method="POST", body=b"{}"))
                block = runtime.get_block(usage_id)
                return json.dumps({"form_id": block.form["form_id"], "answers": answers(block, right)}).encode()
            return body

        from django.test import override_settings

        keys = operator_keys(Path(tmp))
        cases: dict[str, list[float]] = {}
        with override_settings(XBLOCK_SETTINGS=keys["Ed25519"]):
            cases["noop"] = measure(runtime, usage_id, "noop", args.n, started(None))
        submits = {"submit (fail)": (started(False), keys["Ed25519"]),
                   "submit (pass, Ed25519)": (started(True), keys["Ed25519"]),
                   "submit (pass, RSA)": (started(True), keys["RSA"])}
        interleaved(runtime, usage_id, 10, submits, {})  # warm-up: imports, caches, sqlite, each key parsed once
        users: dict[str, list[str]] = {}
        cases.update(interleaved(runtime, usage_id, args.n, submits, users))
        downloaded = users["submit (pass, Ed25519)"][: max(20, args.n // 5)]
        with override_settings(XBLOCK_SETTINGS=keys["Ed25519"]):
            cases["certificate (first)"] = downloads(runtime, usage_id, downloaded)
            cases["certificate (stored)"] = downloads(runtime, usage_id, downloaded)
        cases["grade() alone"] = grading_only(runtime, usage_id, started(False), args.n)
    floor = statistics.median(cases["noop"])
    fail = statistics.median(cases["submit (fail)"])
    print(f"XBlock workbench, {args.n} requests per case ({len(downloaded)} downloads), 9-question form (3 competencies), "
          f"Python {sys.version.split()[0]}")
    print(f"{'case':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'p50 / noop':>12}{'p50 / fail':>12}")
    for name, times in cases.items():
        ordered = sorted(times)
        p50, p99 = statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(f"{name:<26}{len(times) / sum(times):>9.0f}{p50 * 1000:>9.2f}{p99 * 1000:>9.2f}{p50 / floor:>12.1f}{p50 / fail:>12.2f}")
    for alg in ("Ed25519", "RSA"):
        ratio = statistics.median(cases[f"submit (pass, {alg})"]) / fail
        print(f"passing submit ({alg}) / failing submit: {ratio:.2f}× (goal ≤ 1.2×){'' if ratio <= 1.2 else '  OVER'}")
    stored, first = statistics.median(cases["certificate (stored)"]), statistics.median(cases["certificate (first)"])
    print(f"certificate download: {stored * 1000:.2f} ms from the store, {first * 1000:.1f} ms for the one download that draws it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
