"""Load ``courses/framework.yaml`` into a :class:`~hocvuso.model.Framework`."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Diagnostics, Location, codes
from hocvuso.diagnostics.terms import Term, did_you_mean, shown
from hocvuso.loader.files import read_text
from hocvuso.loader.yamlsource import (
    Field,
    Schema,
    YMap,
    YNode,
    field_loc,
    get_in_range,
    get_int,
    get_number,
    get_seq,
    get_str,
    parse_yaml,
)
from hocvuso.model import Competency, Domain, Framework, Level, PassRule, Profile, ProfileEntry, Source

if TYPE_CHECKING:
    from pathlib import Path

GROUPS = ("officials", "students", "workers", "citizens")

_STATUS = Field("status", "verified or secondary", "verified (đã đối chiếu) hoặc secondary (nguồn thứ cấp)")
_SOURCE = Field("source", "id of an entry under sources:", "mã một mục trong sources:", required=True)
_NAME = Field("name", "name", "tên", required=True)
_NOTE = Field("note", "a remark", "ghi chú")

FRAMEWORK = Schema(Term("framework.yaml", "framework.yaml"), (
    Field("version", "version of this file", "phiên bản của tệp", required=True),
    Field("sources", "documents cited by the entries", "các văn bản được trích dẫn", required=True),
    Field("levels", "the 8 levels", "8 bậc năng lực", required=True),
    Field("domains", "domains and their competencies", "các miền và năng lực thành phần", required=True),
    Field("profiles", "one profile per learner group", "mỗi nhóm người học một hồ sơ", required=True),
))
SOURCE = Schema(Term("a source", "nguồn"), (
    Field("title", "full title of the document", "tên đầy đủ của văn bản", required=True),
    Field("url", "where to read it", "địa chỉ đọc văn bản"), _NOTE, _STATUS,
))
LEVEL = Schema(Term("a level", "bậc"), (
    Field("code", "CB1 … CS2", "CB1 … CS2", required=True), Field("step", "step 1–8", "bậc 1–8", required=True),
    Field("tier", "tier", "trình độ", required=True), _NAME,
    Field("descriptor", "what a learner at this level does", "người học ở bậc này làm được gì", required=True),
    Field("complexity", "complexity of tasks", "độ phức tạp của nhiệm vụ"), Field("autonomy", "autonomy", "mức tự chủ"),
    Field("cognitive", "cognitive domain", "lĩnh vực nhận thức"), _SOURCE, _STATUS,
))
DOMAIN = Schema(Term("a domain", "miền năng lực"), (
    Field("code", "0–6", "0–6", required=True), _NAME, Field("description", "description", "mô tả"),
    Field("digcomp", "DigComp 2.2 area", "lĩnh vực DigComp 2.2"),
    Field("competencies", "component competencies", "các năng lực thành phần", required=True), _NOTE, _SOURCE, _STATUS,
))
COMPETENCY = Schema(Term("a competency", "năng lực"), (
    Field("code", "e.g. 4.2", "ví dụ 4.2", required=True), _NAME,
    Field("description", "what a competent person can do", "người có năng lực này làm được gì"),
    Field("digcomp", "DigComp 2.2 code", "mã DigComp 2.2"), _NOTE, _SOURCE, _STATUS,
))
PROFILE = Schema(Term("a profile", "hồ sơ năng lực"), (
    Field("name", "learner group name", "tên nhóm người học", required=True),
    Field("description", "who the group is", "nhóm gồm những ai"),
    Field("basis", "framework document of the group", "văn bản khung của nhóm"),
    Field("target_level", "level for universal coverage", "bậc phổ cập", required=True),
    Field("pass_rule", "certification thresholds", "ngưỡng chứng nhận", required=True),
    Field("competencies", "competencies and levels", "các năng lực và bậc", required=True), _SOURCE,
))
PASS_RULE = Schema(Term("pass_rule", "pass_rule"), (
    Field("competency_threshold", "share of a competency's items to get right (0–1)",
          "tỉ lệ câu đúng cần đạt ở mỗi năng lực (0–1)", required=True),
    Field("overall_threshold", "share of all items to get right (0–1)", "tỉ lệ câu đúng cần đạt trên cả bài (0–1)",
          required=True),
    Field("min_items_per_competency", "items of each competency in an assessment form",
          "số câu của mỗi năng lực trong một đề"),
))
ENTRY = Schema(Term("a profile competency", "năng lực trong hồ sơ"), (
    Field("code", "competency code", "mã năng lực", required=True), Field("level", "level code", "mã bậc"),
))


def load_framework(path: Path, diags: Diagnostics) -> Framework | None:
    """Read and check the framework file; None when it cannot be used at all."""
    text = read_text(path, diags)
    if text is None:
        return None
    root = FRAMEWORK.read(parse_yaml(text, path, diags), Location(path, 1), diags)
    if root is None or diags.has_errors():
        return None
    fw = Framework(version=get_str(root, "version", diags) or "", digest=hashlib.sha256(text.encode()).hexdigest())
    _read_sources(root.items.get("sources"), fw, diags)
    for node in get_seq(root, "levels", diags):
        _read_level(node, fw, diags)
    for node in get_seq(root, "domains", diags):
        _read_domain(node, fw, diags)
    profiles = root.items.get("profiles")
    if isinstance(profiles, YMap):
        for group, node in profiles.items.items():
            _read_profile(group, node, profiles.key_locs[group], fw, diags)
    return fw


def _cite(m: YMap, fw: Framework, diags: Diagnostics) -> str:
    source = get_str(m, "source", diags) or ""
    if source and source not in fw.sources:
        diags.add(codes.FRAMEWORK_BAD_SOURCE, m.items["source"].loc, source=source, allowed=", ".join(fw.sources))
    return source


def _read_sources(node: YNode | None, fw: Framework, diags: Diagnostics) -> None:
    if not isinstance(node, YMap):
        return
    for sid, item in node.items.items():
        m = SOURCE.read(item, node.key_locs[sid], diags)
        if m is not None:
            fw.sources[sid] = Source(sid, get_str(m, "title", diags) or "", get_str(m, "url", diags, "") or "",
                                     get_str(m, "note", diags, "") or "")


def _read_level(node: YNode, fw: Framework, diags: Diagnostics) -> None:
    m = LEVEL.read(node, node.loc, diags)
    if m is None:
        return
    code = get_str(m, "code", diags) or ""
    if code in fw.levels:
        diags.add(codes.FRAMEWORK_DUPLICATE_CODE, m.loc, code=code)
    fw.levels[code] = Level(
        code=code, step=get_int(m, "step", diags) or 0, tier=get_str(m, "tier", diags) or "",
        name=get_str(m, "name", diags) or "", descriptor=get_str(m, "descriptor", diags) or "",
        complexity=get_str(m, "complexity", diags, "") or "", autonomy=get_str(m, "autonomy", diags, "") or "",
        cognitive=get_str(m, "cognitive", diags, "") or "", source=_cite(m, fw, diags),
    )


def _read_domain(node: YNode, fw: Framework, diags: Diagnostics) -> None:
    m = DOMAIN.read(node, node.loc, diags)
    if m is None:
        return
    code = get_str(m, "code", diags) or ""
    members: list[str] = []
    for item in get_seq(m, "competencies", diags):
        c = COMPETENCY.read(item, item.loc, diags)
        if c is None:
            continue
        ccode = get_str(c, "code", diags) or ""
        if ccode.split(".")[0] != code:
            diags.add(codes.FRAMEWORK_BAD_CODE, c.loc, code=ccode, domain=code)
        if ccode in fw.competencies:
            diags.add(codes.FRAMEWORK_DUPLICATE_CODE, c.loc, code=ccode)
        fw.competencies[ccode] = Competency(
            code=ccode, name=get_str(c, "name", diags) or "", domain=code,
            description=get_str(c, "description", diags, "") or "", digcomp=get_str(c, "digcomp", diags),
            source=_cite(c, fw, diags),
        )
        members.append(ccode)
    if code in fw.domains:
        diags.add(codes.FRAMEWORK_DUPLICATE_CODE, m.loc, code=code)
    fw.domains[code] = Domain(code, get_str(m, "name", diags) or "", get_str(m, "description", diags, "") or "",
                              _cite(m, fw, diags), tuple(members))


def _read_profile(group: str, node: YNode, loc: Location, fw: Framework, diags: Diagnostics) -> None:
    m = PROFILE.read(node, loc, diags)
    if m is None:
        return
    target = get_str(m, "target_level", diags) or ""
    check_level(target, m.items["target_level"].loc if "target_level" in m.items else m.loc, fw, diags)
    entries: list[ProfileEntry] = []
    for item in get_seq(m, "competencies", diags):
        e = ENTRY.read(item, item.loc, diags)
        if e is None:
            continue
        code = get_str(e, "code", diags) or ""
        level = get_str(e, "level", diags, target) or target
        check_competency(code, e.loc, fw, diags)
        check_level(level, e.loc, fw, diags)
        entries.append(ProfileEntry(code, level))
    fw.profiles[group] = Profile(
        group=group, name=get_str(m, "name", diags) or group, target_level=target,
        pass_rule=_read_profile_rule(m, diags),
        entries=tuple(entries), description=get_str(m, "description", diags, "") or "",
        basis=get_str(m, "basis", diags, "") or "", source=_cite(m, fw, diags),
    )


def _read_profile_rule(profile: YMap, diags: Diagnostics) -> PassRule:
    m = PASS_RULE.read(profile.items.get("pass_rule"), profile.loc, diags)
    return read_pass_rule(m, diags) if m is not None else PassRule()


def read_pass_rule(m: YMap, diags: Diagnostics, base: PassRule | None = None) -> PassRule:
    """Thresholds from a mapping that has them as fields; missing ones come from ``base``."""
    base = base or PassRule()
    rule = PassRule(
        competency_threshold=get_number(m, "competency_threshold", diags, base.competency_threshold) or 0.0,
        overall_threshold=get_number(m, "overall_threshold", diags, base.overall_threshold) or 0.0,
        min_items_per_competency=int(get_in_range(m, "min_items_per_competency", diags, (1, 50),
                                                  base.min_items_per_competency, whole=True)),
    )
    for name in ("competency_threshold", "overall_threshold"):
        value = getattr(rule, name)
        if not 0 < value <= 1:
            diags.add(codes.COURSE_BAD_THRESHOLD, field_loc(m, name), field=name, value=value)
    return rule


def check_competency(code: str, loc: Location, fw: Framework, diags: Diagnostics) -> bool:
    """Report an unknown competency code, suggesting the closest one."""
    if code in fw.competencies:
        return True
    diags.add(codes.UNKNOWN_COMPETENCY, loc, code=shown(code), suggestion=did_you_mean(code, list(fw.competencies)))
    return False


def check_level(code: str, loc: Location, fw: Framework, diags: Diagnostics) -> bool:
    if code in fw.levels:
        return True
    diags.add(codes.UNKNOWN_LEVEL, loc, level=shown(code))
    return False
