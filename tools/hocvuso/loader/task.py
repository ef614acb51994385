"""Practical tasks: a '::: task' block holding YAML (title, prompt, rubric criteria)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from hocvuso.diagnostics import codes, terms
from hocvuso.diagnostics.terms import Term, shown
from hocvuso.loader.ids import is_valid_id
from hocvuso.loader.yamlsource import (
    Field,
    Schema,
    YScalar,
    get_bool,
    get_seq,
    get_str,
    get_str_list,
    parse_yaml,
)
from hocvuso.model import Criterion, RubricLevel, Task

if TYPE_CHECKING:
    from hocvuso.diagnostics import Diagnostics, Location
    from hocvuso.loader.markdown import Renderer
    from hocvuso.loader.yamlsource import YNode

# Open edX's ORA2 database columns (assessment/models/base.py).
ORA_NAME_LIMIT = 100
# ORA2 stores points in integer columns (SQLite INTEGER, MySQL INT); a rubric never needs more than this.
MAX_LEVEL_POINTS = 100
ASSESSMENTS = ("self", "peer", "staff")

TASK = Schema(Term("a task", "bài thực hành"), (
    Field("id", "stable id, e.g. nop-ho-so-truc-tuyen", "mã ổn định, ví dụ nop-ho-so-truc-tuyen", required=True),
    Field("title", "short title", "tên ngắn", required=True),
    Field("prompt", "what the learner must do (Markdown)", "đề bài: người học phải làm gì (Markdown)", required=True),
    Field("criteria", "rubric criteria", "các tiêu chí chấm", required=True),
    Field("assessments", "who grades: self, peer, staff", "ai chấm: self, peer, staff"),
    Field("file_upload", "learners may attach files (true/false)", "người học được đính kèm tệp (true/false)"),
))
CRITERION = Schema(Term("a rubric criterion", "tiêu chí chấm"), (
    Field("id", "stable id of the criterion", "mã ổn định của tiêu chí"),
    Field("name", "short name (≤ 100 characters)", "tên ngắn (≤ 100 ký tự)", required=True),
    Field("competency", "competency code, e.g. 2.3", "mã năng lực, ví dụ 2.3", required=True),
    Field("prompt", "what the grader looks at", "người chấm xem xét điều gì"),
    Field("levels", "levels, each with points, name and explanation", "các mức, mỗi mức có points, name và explanation",
          required=True),
    Field("feedback", "comment box: optional, required or disabled", "ô nhận xét: optional, required hoặc disabled"),
))
LEVEL = Schema(Term("a rubric level", "mức chấm"), (
    Field("points", "whole number of points, 0 to 100", "số điểm nguyên, từ 0 đến 100", required=True),
    Field("name", "short name, e.g. Đạt", "tên ngắn, ví dụ Đạt", required=True),
    Field("explanation", "what work at this level looks like", "bài làm ở mức này trông thế nào", required=True),
))


def parse_task(text: str, first_line: int, loc: Location, renderer: Renderer, diags: Diagnostics,
               lesson: str | None) -> Task | None:
    """Build a task from the YAML body of a '::: task' block starting at ``first_line``."""
    before = diags.count_errors()
    node = parse_yaml(text, renderer.path, diags, first_line - 1)
    if node is None and diags.count_errors() > before:
        return None  # the YAML error is reported; 'required field missing' would only repeat it
    m = TASK.read(node, loc, diags)
    if m is None:
        return None
    tid = get_str(m, "id", diags) or ""
    if tid and not is_valid_id(tid):
        diags.add(codes.ID_INVALID, m.items["id"].loc, id=shown(tid))
    prompt = get_str(m, "prompt", diags) or ""
    if not prompt and "prompt" in m.items:
        diags.add(codes.TASK_NO_PROMPT, m.items["prompt"].loc)
    prompt_node = m.items.get("prompt")
    scope = f"{lesson or 'bank'}/{tid}"
    rendered = renderer.render_text(prompt, _body_line(prompt_node), context=f"{scope}/prompt") if prompt else None
    criteria = [c for c in (_criterion(n, i, diags) for i, n in enumerate(get_seq(m, "criteria", diags), 1)) if c]
    _check_unique_criteria(criteria, diags)
    if "criteria" in m.items and not get_seq(m, "criteria", diags):
        diags.add(codes.TASK_NO_CRITERIA, m.items["criteria"].loc)
    listed = get_str_list(m, "assessments", diags)
    assessments = tuple(a for a, _ in listed) or ("self", "staff")
    for name, where in listed:
        if name not in ASSESSMENTS:
            diags.add(codes.YAML_BAD_VALUE, where, field="assessments", value=shown(name),
                      reason=terms.NOT_AN_ASSESSMENT, hint=terms.USE_ASSESSMENTS)
    if not (tid and rendered and criteria) or diags.count_errors() > before:
        return None
    title = renderer.tr(f"{scope}/title", get_str(m, "title", diags) or tid, m.loc.line)
    return Task(id=tid, loc=loc, title=title, prompt_html=rendered.html, prompt_text=rendered.text,
                criteria=tuple(_translated(c, renderer, scope) for c in criteria), assessments=assessments,
                file_upload=get_bool(m, "file_upload", diags, False), lesson=lesson)


def _translated(criterion: Criterion, renderer: Renderer, scope: str) -> Criterion:
    """The criterion's name, prompt and level texts translated (contexts from the task and criterion ids)."""
    at = f"{scope}/{criterion.id}"
    line = criterion.loc.line
    levels = tuple(replace(lv, name=renderer.tr(f"{at}/level-{lv.points}/name", lv.name, line),
                           explanation=renderer.tr(f"{at}/level-{lv.points}/explanation", lv.explanation, line))
                   for lv in criterion.levels)
    return replace(criterion, name=renderer.tr(f"{at}/name", criterion.name, line),
                   prompt=renderer.tr(f"{at}/prompt", criterion.prompt, line), levels=levels)


def _check_unique_criteria(criteria: list[Criterion], diags: Diagnostics) -> None:
    """ORA2 keys a rubric's criteria by name, which is the criterion id here: two would merge."""
    first: dict[str, int] = {}
    for criterion in criteria:
        if criterion.id in first:
            diags.add(codes.RUBRIC_DUPLICATE_CRITERION, criterion.loc, id=criterion.id, first=first[criterion.id])
        first.setdefault(criterion.id, criterion.loc.line)


def _body_line(node: YNode | None) -> int:
    """The first line of a block scalar's text ('prompt: |' puts it one line down)."""
    if isinstance(node, YScalar) and node.raw and "\n" in node.raw:
        return node.loc.line + 1
    return node.loc.line if node is not None else 0


def _criterion(node: YNode, number: int, diags: Diagnostics) -> Criterion | None:
    c = CRITERION.read(node, node.loc, diags)
    if c is None:
        return None
    name = get_str(c, "name", diags) or ""
    _check_length(name, c.items.get("name"), diags)
    nodes = get_seq(c, "levels", diags)
    levels = [lv for lv in (_level(n, diags) for n in nodes) if lv]
    if not nodes:
        diags.add(codes.RUBRIC_NO_LEVELS, c.loc, name=shown(name))
    elif len(nodes) == 1:
        diags.add(codes.RUBRIC_ONE_LEVEL, c.loc, name=shown(name))
    seen: set[str] = set()
    for lv in levels:
        if lv.name in seen:
            diags.add(codes.RUBRIC_DUPLICATE_LEVEL, c.loc, criterion=shown(name), name=shown(lv.name))
        seen.add(lv.name)
    feedback = get_str(c, "feedback", diags, "optional") or "optional"
    if feedback not in ("optional", "required", "disabled"):
        diags.add(codes.YAML_BAD_VALUE, c.items["feedback"].loc, field="feedback", value=shown(feedback),
                  reason=terms.UNKNOWN_FEEDBACK, hint=terms.USE_FEEDBACK)
    cid = get_str(c, "id", diags) or f"c{number}"
    if not is_valid_id(cid):
        diags.add(codes.ID_INVALID, c.items["id"].loc if "id" in c.items else c.loc, id=shown(cid))
    return Criterion(id=cid, name=name, competency=get_str(c, "competency", diags) or "",
                     prompt=get_str(c, "prompt", diags, name) or name, levels=tuple(levels), loc=c.loc,
                     feedback=feedback)


def _level(node: YNode, diags: Diagnostics) -> RubricLevel | None:
    m = LEVEL.read(node, node.loc, diags)
    if m is None:
        return None
    points_node = m.items.get("points")
    points = points_node.value if isinstance(points_node, YScalar) else None
    if not isinstance(points, int) or isinstance(points, bool) or not 0 <= points <= MAX_LEVEL_POINTS:
        if points_node is not None:
            diags.add(codes.RUBRIC_BAD_POINTS, points_node.loc, value=shown(getattr(points_node, "raw", "?"), 40))
        return None
    name = get_str(m, "name", diags) or ""
    _check_length(name, m.items.get("name"), diags)
    return RubricLevel(points, name, get_str(m, "explanation", diags) or "")


def _check_length(text: str, node: YNode | None, diags: Diagnostics) -> None:
    if node is not None and len(text) > ORA_NAME_LIMIT:
        diags.add(codes.RUBRIC_TEXT_TOO_LONG, node.loc, text=shown(text, 40), length=len(text), limit=ORA_NAME_LIMIT)
