"""The mutation fuzzer (tests/fuzz.py) in every test run: a seeded few thousand inputs.

The full campaign is ``.venv/bin/python -m tests.fuzz --inputs 100000``.
"""

from __future__ import annotations

from tests import fuzz


def test_mutated_real_sources_never_crash_hang_or_build_badly(tmp_path):
    figures = fuzz.run(2000, seed=20261202, build_every=25, work=tmp_path)
    assert not figures.failures, figures.line() + "\n\n" + "\n\n".join(
        f"{f.kind} in {f.seed}: {f.detail}" for f in figures.failures[:3])
    # The fuzzer must also reach the build: some mutations keep a source valid.
    assert figures.accepted > 0 and figures.built > 0, figures.line()
