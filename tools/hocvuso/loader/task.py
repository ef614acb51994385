"""Practical tasks: a '::: task' block holding YAML (title, prompt, rubric criteria)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.diagnostics import codes
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
ASSESSMENTS = ("self", "peer", "staff")

TASK = Schema("a task", (
    Field("id", "stable id, e.g. nop-ho-so-truc-tuyen", required=True),
    Field("title", "short title", required=True),
    Field("prompt", "what the learner must do (Markdown)", required=True),
    Field("criteria", "rubric criteria", required=True),
    Field("assessments", "who grades: self, peer, staff"),
    Field("file_upload", "learners may attach files (true/false)"),
))
CRITERION = Schema("a rubric criterion", (
    Field("id", "stable id of the criterion"),
    Field("name", "short name (≤ 100 characters)", required=True),
    Field("competency", "competency code, e.g. 2.3", required=True),
    Field("prompt", "what the grader looks at"),
    Field("levels", "levels, each with points, name and explanation", required=True),
    Field("feedback", "comment box: optional, required or disabled"),
))
LEVEL = Schema("a rubric level", (
    Field("points", "whole number of points", required=True),
    Field("name", "short name, e.g. Đạt", required=True),
    Field("explanation", "what work at this level looks like", required=True),
))


def parse_task(text: str, first_line: int, loc: Location, renderer: Renderer, diags: Diagnostics,
               lesson: str | None) -> Task | None:
    """Build a task from the YAML body of a '::: task' block starting at ``first_line``."""
    before = diags.count_errors()
    m = TASK.read(parse_yaml(text, renderer.path, diags, first_line - 1), loc, diags)
    if m is None:
        return None
    tid = get_str(m, "id", diags) or ""
    if tid and not is_valid_id(tid):
        diags.add(codes.ID_INVALID, m.items["id"].loc, id=tid)
    prompt = get_str(m, "prompt", diags) or ""
    if not prompt and "prompt" in m.items:
        diags.add(codes.TASK_NO_PROMPT, m.items["prompt"].loc)
    prompt_node = m.items.get("prompt")
    rendered = renderer.render_text(prompt, _body_line(prompt_node)) if prompt else None
    criteria = [c for c in (_criterion(n, i, diags) for i, n in enumerate(get_seq(m, "criteria", diags), 1)) if c]
    if "criteria" in m.items and not get_seq(m, "criteria", diags):
        diags.add(codes.TASK_NO_CRITERIA, m.items["criteria"].loc)
    listed = get_str_list(m, "assessments", diags)
    assessments = tuple(a for a, _ in listed) or ("self", "staff")
    for name, where in listed:
        if name not in ASSESSMENTS:
            diags.add(codes.YAML_BAD_VALUE, where, field="assessments", value=name,
                      reason="not a kind of assessment", hint="Use self, peer and/or staff.")
    if not (tid and rendered and criteria) or diags.count_errors() > before:
        return None
    return Task(id=tid, loc=loc, title=get_str(m, "title", diags) or tid, prompt_html=rendered.html,
                prompt_text=rendered.text, criteria=tuple(criteria), assessments=assessments,
                file_upload=get_bool(m, "file_upload", diags, False), lesson=lesson)


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
        diags.add(codes.RUBRIC_NO_LEVELS, c.loc, name=name)
    elif len(nodes) == 1:
        diags.add(codes.RUBRIC_ONE_LEVEL, c.loc, name=name)
    seen: set[str] = set()
    for lv in levels:
        if lv.name in seen:
            diags.add(codes.RUBRIC_DUPLICATE_LEVEL, c.loc, criterion=name, name=lv.name)
        seen.add(lv.name)
    feedback = get_str(c, "feedback", diags, "optional") or "optional"
    if feedback not in ("optional", "required", "disabled"):
        diags.add(codes.YAML_BAD_VALUE, c.items["feedback"].loc, field="feedback", value=feedback,
                  reason="unknown choice", hint="Use optional, required or disabled.")
    cid = get_str(c, "id", diags) or f"c{number}"
    if not is_valid_id(cid):
        diags.add(codes.ID_INVALID, c.items["id"].loc if "id" in c.items else c.loc, id=cid)
    return Criterion(id=cid, name=name, competency=get_str(c, "competency", diags) or "",
                     prompt=get_str(c, "prompt", diags, name) or name, levels=tuple(levels), loc=c.loc,
                     feedback=feedback)


def _level(node: YNode, diags: Diagnostics) -> RubricLevel | None:
    m = LEVEL.read(node, node.loc, diags)
    if m is None:
        return None
    points_node = m.items.get("points")
    points = points_node.value if isinstance(points_node, YScalar) else None
    if not isinstance(points, int) or isinstance(points, bool) or points < 0:
        if points_node is not None:
            diags.add(codes.RUBRIC_BAD_POINTS, points_node.loc, value=getattr(points_node, "raw", "?"))
        return None
    name = get_str(m, "name", diags) or ""
    _check_length(name, m.items.get("name"), diags)
    return RubricLevel(points, name, get_str(m, "explanation", diags) or "")


def _check_length(text: str, node: YNode | None, diags: Diagnostics) -> None:
    if node is not None and len(text) > ORA_NAME_LIMIT:
        diags.add(codes.RUBRIC_TEXT_TOO_LONG, node.loc, text=text[:40] + "…", length=len(text), limit=ORA_NAME_LIMIT)
