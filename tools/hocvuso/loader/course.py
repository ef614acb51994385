"""A course folder: ``course.yaml``, its lesson files and item-bank files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hocvuso.diagnostics import Location, codes
from hocvuso.loader.assets import AssetRegistry
from hocvuso.loader.files import read_text, resolve_inside
from hocvuso.loader.framework import read_pass_rule
from hocvuso.loader.ids import is_valid_id
from hocvuso.loader.lesson import LoadContext, load_bank, load_lesson
from hocvuso.loader.markdown import make_parser
from hocvuso.loader.yamlsource import (
    Field,
    Schema,
    YMap,
    YNode,
    field_loc,
    get_date,
    get_int,
    get_number,
    get_seq,
    get_str,
    get_str_list,
    parse_yaml,
)
from hocvuso.model import Certification, Chapter, Course, Grading, Lesson, PassRule, Question

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.model import Framework

COURSE = Schema("course.yaml", (
    Field("org", "organisation code in Open edX, e.g. BDHVS", required=True),
    Field("course", "course number, e.g. KNS-ND", required=True),
    Field("run", "course run, e.g. 2026-1", required=True),
    Field("title", "course title", required=True),
    Field("start", "first day, YYYY-MM-DD", required=True),
    Field("end", "last day, YYYY-MM-DD"),
    Field("language", "language code, default vi"),
    Field("group", "learner-group profile, default the folder name"),
    Field("description", "two or three sentences for the course page"),
    Field("image", "course card image in the course folder"),
    Field("chapters", "chapters and their lesson files", required=True),
    Field("bank", "item-bank files for the certification assessment"),
    Field("grading", "weights of practice and final assessment"),
    Field("certification", "pass rule and attempts of the final assessment"),
))
CHAPTER = Schema("a chapter", (
    Field("id", "stable id, e.g. chuong-1", required=True),
    Field("title", "chapter title", required=True),
    Field("lessons", "lesson files, relative to course.yaml", required=True),
))
GRADING = Schema("grading", (
    Field("practice_weight", "share of the grade from lesson practice, e.g. 0.3"),
    Field("assessment_weight", "share of the grade from the final assessment, e.g. 0.7"),
))
CERTIFICATION = Schema("certification", (
    Field("competency_threshold", "share of a competency's items to get right, e.g. 0.6"),
    Field("overall_threshold", "share of all items to get right, e.g. 0.7"),
    Field("min_items_per_competency", "items of each competency in one assessment, e.g. 3"),
    Field("time_limit_minutes", "time limit of one attempt, 0 for none"),
    Field("max_attempts", "attempts allowed, e.g. 3"),
    Field("wait_hours", "hours to wait between attempts"),
    Field("engine", "xblock (hocvuso assessment block) or capa (standard problems)"),
))
ENGINES = ("xblock", "capa")


def load_course(course_dir: Path, framework: Framework, diags: Diagnostics) -> Course | None:
    """Load a course folder into the model; None when it cannot be built at all."""
    path = course_dir / "course.yaml"
    if not path.is_file():
        diags.add(codes.COURSE_NOT_FOUND, Location(course_dir), path=str(course_dir))
        return None
    text = read_text(path, diags)
    if text is None:
        return None
    node = parse_yaml(text, path, diags)
    if node is None and text.strip():
        return None
    m = COURSE.read(node, Location(path, 1, 1), diags)
    if m is None:
        return None
    group = get_str(m, "group", diags, course_dir.name) or course_dir.name
    profile = framework.profiles.get(group)
    if profile is None:
        diags.add(codes.COURSE_NO_PROFILE, field_loc(m, "group") if "group" in m.items else m.loc,
                  group=group, allowed=", ".join(framework.profiles))
        return None
    ctx = LoadContext(course_dir, framework, make_parser(), AssetRegistry(course_dir, diags), diags)
    chapters = _chapters(m, ctx)
    bank = [q for ref, loc in get_str_list(m, "bank", diags) for q in _bank(ref, loc, ctx)]
    start, end = get_date(m, "start", diags), get_date(m, "end", diags)
    if start and end and end < start:
        diags.add(codes.COURSE_DATES, field_loc(m, "end"), start=start, end=end)
    image_ref = get_str(m, "image", diags)
    image = ctx.assets.add(image_ref, field_loc(m, "image"), ("image",)) if image_ref else None
    listed = [ref for node in get_seq(m, "chapters", diags) if isinstance(node, YMap)
              for ref in get_seq(node, "lessons", diags)]
    if not listed and "chapters" in m.items:
        diags.add(codes.COURSE_NO_LESSONS, field_loc(m, "chapters"))
    if start is None:
        return None
    return Course(
        group=group, root=course_dir, org=get_str(m, "org", diags) or "", number=get_str(m, "course", diags) or "",
        run=get_str(m, "run", diags) or "", title=get_str(m, "title", diags) or "",
        language=get_str(m, "language", diags, "vi") or "vi", start=start, end=end, framework=framework,
        profile=profile, grading=_grading(m.items.get("grading"), m.loc, diags),
        certification=_certification(m.items.get("certification"), m.loc, profile.pass_rule, diags),
        description=get_str(m, "description", diags, "") or "", image=image, chapters=tuple(chapters),
        bank=tuple(bank), assets=ctx.assets.assets,
    )


def _chapters(m: YMap, ctx: LoadContext) -> list[Chapter]:
    chapters: list[Chapter] = []
    seen: dict[Path, int] = {}
    for node in get_seq(m, "chapters", ctx.diags):
        c = CHAPTER.read(node, node.loc, ctx.diags)
        if c is None:
            continue
        cid = get_str(c, "id", ctx.diags) or ""
        if cid and not is_valid_id(cid):
            ctx.diags.add(codes.ID_INVALID, field_loc(c, "id"), id=cid)
        lessons = [lesson for ref, loc in get_str_list(c, "lessons", ctx.diags)
                   if (lesson := _lesson(ref, loc, ctx, seen)) is not None]
        chapters.append(Chapter(cid, get_str(c, "title", ctx.diags) or cid, tuple(lessons), c.loc))
    return chapters


def _lesson(ref: str, loc: Location, ctx: LoadContext, seen: dict[Path, int]) -> Lesson | None:
    path = resolve_inside(ctx.root, ref)
    if path is None:
        ctx.diags.add(codes.PATH_OUTSIDE, loc, path=ref)
        return None
    if path in seen:
        ctx.diags.add(codes.LESSON_LISTED_TWICE, loc, path=ref, first=seen[path])
        return None
    seen[path] = loc.line
    if not path.is_file():
        ctx.diags.add(codes.FILE_NOT_FOUND, loc, path=ref, base=str(ctx.root))
        return None
    return load_lesson(path, ctx)


def _bank(ref: str, loc: Location, ctx: LoadContext) -> list[Question]:
    path = resolve_inside(ctx.root, ref)
    if path is None:
        ctx.diags.add(codes.PATH_OUTSIDE, loc, path=ref)
        return []
    if not path.is_file():
        ctx.diags.add(codes.FILE_NOT_FOUND, loc, path=ref, base=str(ctx.root))
        return []
    return load_bank(path, ctx)


def _grading(node: YNode | None, loc: Location, diags: Diagnostics) -> Grading:
    if node is None:
        return Grading()
    m = GRADING.read(node, loc, diags)
    if m is None:
        return Grading()
    grading = Grading(get_number(m, "practice_weight", diags, 0.3) or 0.0,
                      get_number(m, "assessment_weight", diags, 0.7) or 0.0)
    total = grading.practice_weight + grading.assessment_weight
    if abs(total - 1) > 1e-6:
        diags.add(codes.COURSE_WEIGHTS, m.loc, total=round(total, 4))
    return grading


def _certification(node: YNode | None, loc: Location, base: PassRule, diags: Diagnostics) -> Certification:
    m = CERTIFICATION.read(node, loc, diags) if node is not None else None
    if m is None:
        return Certification(base)
    engine = get_str(m, "engine", diags, "xblock") or "xblock"
    if engine not in ENGINES:
        diags.add(codes.YAML_BAD_VALUE, field_loc(m, "engine"), field="engine", value=engine,
                  reason="unknown engine", hint="Use xblock or capa.")
    return Certification(
        pass_rule=read_pass_rule(m, diags, base),
        time_limit_minutes=get_int(m, "time_limit_minutes", diags, 0) or 0,
        max_attempts=get_int(m, "max_attempts", diags, 3) or 3,
        wait_hours=get_number(m, "wait_hours", diags, 0.0) or 0.0,
        engine=engine,
    )
