"""The player's data contract (player/data.schema.json): what the compiler writes, and what the script reads."""

from __future__ import annotations

import json
import re
import zipfile
from typing import TYPE_CHECKING, Any

import pytest
from jsonschema import Draft202012Validator
from scorm_course import LESSON_ONE_ANSWERS, answer, finish

from hocvuso.emitters.scorm.package import PLAYER

if TYPE_CHECKING:
    from pathlib import Path

SCHEMA = json.loads((PLAYER / "data.schema.json").read_text(encoding="utf-8"))
DATA = re.compile(r'<script type="application/json" id="hv-data">(.*?)</script>', re.S)

# Records every key the player reads from its data: JSON.parse of the #hv-data text returns the data wrapped
# in proxies that note each path read ([key or index, …]; array methods and length are not data).
RECORDER = """
(function () {
  var parse = JSON.parse, cache = new WeakMap();
  window.hvReads = {};
  function wrap(value, path) {
    if (value === null || typeof value !== "object") return value;
    if (cache.has(value)) return cache.get(value);
    var proxy = new Proxy(value, {get: function (target, prop, receiver) {
      var got = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string") return got;
      var list = Array.isArray(target);
      if (list && !/^[0-9]+$/.test(prop)) return got;
      var at = path.concat([list ? Number(prop) : prop]);
      window.hvReads[JSON.stringify(at)] = 1;
      return wrap(got, at);
    }});
    cache.set(value, proxy);
    return proxy;
  }
  JSON.parse = function (text) {
    var value = parse.apply(JSON, arguments), data = document.getElementById("hv-data");
    return data && text === data.textContent ? wrap(value, []) : value;
  };
})();
"""
# A run-time that accepts everything, so that the script also takes its LMS paths (objectives, interactions).
STUB_LMS = """
(function () {
  function ok() { return "true"; }
  function none() { return ""; }
  function zero() { return "0"; }
  window.API = {LMSInitialize: ok, LMSFinish: ok, LMSGetValue: none, LMSSetValue: ok, LMSCommit: ok,
                LMSGetLastError: zero, LMSGetErrorString: none, LMSGetDiagnostic: none};
  window.API_1484_11 = {Initialize: ok, Terminate: ok, GetValue: none, SetValue: ok, Commit: ok,
                        GetLastError: zero, GetErrorString: none, GetDiagnostic: none};
})();
"""


def player_data(package: Path) -> dict[str, Any]:
    with zipfile.ZipFile(package) as zf:
        page = zf.read("index.html").decode("utf-8")
    found = DATA.search(page)
    assert found, f"{package.name} has no #hv-data block"
    return json.loads(found.group(1))


def problems(data: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft202012Validator(SCHEMA).iter_errors(data)]


def declared(schema: dict[str, Any], path: list[str | int]) -> bool:
    """Whether ``path`` (keys and indices) leads somewhere the schema describes."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return declared({**SCHEMA["$defs"][name], **{k: v for k, v in schema.items() if k != "$ref"}}, path)
    if not path:
        return True
    step, rest = path[0], path[1:]
    branches = [b.get("then", {}) for b in schema.get("allOf", [])]
    if any("properties" in b and step in b["properties"] and declared(b["properties"][step], rest) for b in branches):
        return True
    if isinstance(step, int):
        prefix = schema.get("prefixItems", [])
        item = prefix[step] if step < len(prefix) else schema.get("items")
        return isinstance(item, dict) and declared(item, rest)
    if step in schema.get("properties", {}):
        return declared(schema["properties"][step], rest)
    extra = schema.get("additionalProperties")
    return isinstance(extra, dict) and declared(extra, rest)


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("version", ["12", "2004"])
def test_the_fixture_course_data_follows_the_schema(scorm_build: Path, version: str) -> None:
    data = player_data(scorm_build / f"scorm{version}/citizens.zip")
    assert problems(data) == []
    assert {q["k"] for q in data["qs"]} == {"single", "multiple", "dropdown", "numeric", "text", "matching", "ordering"}


def test_every_course_data_follows_the_schema(built) -> None:  # type: ignore[no-untyped-def]
    packages = sorted(built(["scorm"]).glob("scorm*/*.zip"))
    assert len(packages) >= 8  # four courses, two versions
    assert {p.name: problems(player_data(p)) for p in packages} == {p.name: [] for p in packages}


def test_the_schema_rejects_data_the_player_cannot_read(scorm_build: Path) -> None:
    data = player_data(scorm_build / "scorm12/citizens.zip")
    numeric = next(q for q in data["qs"] if q["k"] == "numeric")
    numeric["h"] = "6"  # accepted responses are a list of hashes
    data["qs"].append({**data["qs"][0], "kind": "single"})  # an undeclared key
    assert len(problems(data)) == 2


def test_declared_paths_follow_the_schema() -> None:
    assert declared(SCHEMA, ["qs", 3, "h", 1])
    assert declared(SCHEMA, ["bank", 0, "lv"])
    assert not declared(SCHEMA, ["qs", 0, "a"])  # no plain answer key
    assert declared(SCHEMA, ["objs", 0, 2])
    assert declared(SCHEMA, ["video", "bai-mot", 0, "qs", 0])
    assert not declared(SCHEMA, ["objs", 0, 3])
    assert not declared(SCHEMA, ["qs", 0, "kind"])


@pytest.mark.parametrize("version", ["12", "2004"])
def test_the_player_reads_only_declared_keys(page, server, version: str) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(RECORDER + STUB_LMS)
    page.goto(f"{server.url}/pkg{version}/index.html")
    page.get_by_role("button", name="Bắt đầu học").click()
    for qid in LESSON_ONE_ANSWERS:
        answer(page, qid, right=True)
    page.click("#hv-next")
    page.click("#hv-next")
    finish(page)
    reads = [json.loads(path) for path in page.evaluate("Object.keys(window.hvReads)")]
    assert [path for path in reads if not declared(SCHEMA, path)] == []
    # the recorder saw the script at work: every top-level key (video cues only play in a video lesson,
    # see the next test), answer keys and objective names
    assert {path[0] for path in reads} == set(SCHEMA["properties"]) - {"video"}
    for wanted in (["rule", "c"], ["objs", "*", 2], ["qs", "*", "h"], ["qs", "*", "w"]):
        assert any(len(p) == len(wanted) and all(w in ("*", x) for w, x in zip(wanted, p, strict=True)) for p in reads), wanted


def test_the_script_names_only_declared_top_level_and_video_cue_keys() -> None:
    script = (PLAYER / "hocvuso.js").read_text(encoding="utf-8")
    assert set(re.findall(r"\bD\.([A-Za-z_]\w*)", script)) <= set(SCHEMA["properties"])
    cue = SCHEMA["properties"]["video"]["additionalProperties"]["items"]["properties"]
    read = set(re.findall(r"\bcues\[\w+\]\.([A-Za-z_]\w*)|\bcue\.([A-Za-z_]\w*)", script))
    assert read and {name for pair in read for name in pair if name} <= set(cue)
