"""A course that extends another: a provincial variant or a school-level track.

``courses/citizens-tra-vinh/course.yaml`` with ``extends: citizens`` starts
from the national course and changes only what it says: title, org, number,
run and any other course field; ``group:`` picks another profile (a track);
``hide:`` drops chapters, lessons or item-bank files; ``replace:`` puts a
local lesson in the place of a base lesson; ``chapters:`` adds lessons to a
base chapter (same id) or adds a new chapter (new id, with a title), at the
end or ``before:`` a chapter.  Inherited bank items are kept for the
competencies of the variant's profile (and, with ``bank_levels:``, at those
levels only: a primary track keeps the base's basic-level items).

The variant is a new course: its own folder name names its outputs, and the
base's model is never changed (the national course builds byte for byte the
same with or without its variants).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Diagnostics, Location, codes, terms
from hocvuso.diagnostics.terms import Term
from hocvuso.loader import course as plain
from hocvuso.loader.assets import AssetRegistry
from hocvuso.loader.files import path_problem, read_text
from hocvuso.loader.ids import is_valid_id
from hocvuso.loader.lesson import LoadContext
from hocvuso.loader.markdown import make_parser
from hocvuso.loader.yamlsource import (
    Field,
    Schema,
    YMap,
    describe,
    field_loc,
    get_bool,
    get_date,
    get_seq,
    get_str,
    get_str_list,
    parse_yaml,
)
from hocvuso.model import Certification, Chapter, Course, Lesson, Question

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from hocvuso.model import Framework

CHAPTER_KIND = Term("chapter", "chương")
LESSON_KIND = Term("lesson", "bài học")
BANK_KIND = Term("item-bank file", "tệp ngân hàng câu hỏi")

VARIANT_FIELDS = (
    Field("extends", "folder name of the course this one starts from, e.g. citizens",
          "tên thư mục của khoá học được kế thừa, ví dụ citizens", required=True),
    Field("hide", "chapters, lessons and bank files of the base to leave out",
          "chương, bài học và tệp ngân hàng câu hỏi của khoá gốc cần bỏ"),
    Field("replace", "base lesson id: local lesson file that takes its place",
          "mã bài của khoá gốc: tệp bài học thay vào chỗ đó"),
    Field("bank_levels", "levels of the base's bank items to keep, e.g. [CB1, CB2] (default all)",
          "bậc của các câu hỏi đánh giá kế thừa được giữ, ví dụ [CB1, CB2] (mặc định giữ hết)"),
)
NOT_A_LEVEL = Term("not a level of the framework", "không phải bậc của khung năng lực")
HIDE = Schema(Term("hide", "hide"), (
    Field("chapters", "chapter ids of the base", "mã chương của khoá gốc"),
    Field("lessons", "lesson ids of the base", "mã bài học của khoá gốc"),
    Field("bank", "bank files of the base, e.g. bank/cau-hoi.md", "tệp ngân hàng của khoá gốc, ví dụ bank/cau-hoi.md"),
))
VARIANT_CHAPTER = Schema(Term("a chapter", "chương"), (
    Field("id", "a base chapter's id (to add lessons) or a new id", "mã chương của khoá gốc (để thêm bài) hoặc mã mới",
          required=True),
    Field("title", "chapter title (required for a new chapter)", "tên chương (bắt buộc với chương mới)"),
    Field("lessons", "lesson files to add, relative to course.yaml", "tệp bài học thêm vào, tính từ course.yaml"),
    Field("before", "id of the chapter this one goes before", "mã chương mà chương này đứng trước"),
))


@dataclass(slots=True)
class Parts:
    """What a variant course is made of, loaded by the caller from the course's own files."""

    lesson: Callable[[str, Location], Lesson | None]
    bank: Callable[[str, Location], list[Question]]
    certification: Callable[[Course], Certification]
    words: dict[str, str] = field(default_factory=dict)  # the variant's own pronunciations
    seen: dict[Path, int] = field(default_factory=dict)  # every file listed, filled as they are read


def load_any(course_dir: Path, framework: Framework, diags: Diagnostics,
             loaded: dict[Path, Course | None] | None = None, chain: tuple[Path, ...] = ()) -> Course | None:
    """Load a course folder, plain or extending another; None when it cannot be built.

    ``loaded`` keeps the courses read so far, so that a base several variants
    extend is read (and its problems reported) once; ``chain`` holds the
    variants on the way here, to refuse a course that extends itself.
    """
    loaded = {} if loaded is None else loaded
    key = course_dir.resolve()
    if key not in loaded:
        m = _variant_yaml(course_dir)
        if m is None:
            loaded[key] = plain.load_course(course_dir, framework, diags)
        else:
            loaded[key] = _load_variant(course_dir, framework, diags, loaded, chain)
    return loaded[key]


def _variant_yaml(course_dir: Path) -> YMap | None:
    """course.yaml as a mapping when it says ``extends:`` (its problems are reported when it is loaded)."""
    path = course_dir / "course.yaml"
    quiet = Diagnostics()
    text = read_text(path, quiet) if path.is_file() else None
    node = parse_yaml(text, path, quiet) if text else None
    return node if isinstance(node, YMap) and "extends" in node.items else None


def declared_base(course_dir: Path) -> Path | None:
    """The folder ``course_dir``'s course.yaml extends, if it names one that exists."""
    m = _variant_yaml(course_dir)
    name = get_str(m, "extends", Diagnostics()) if m is not None else None
    if not name or "/" in name or "\\" in name or path_problem(name) is not None:
        return None
    folder = course_dir.parent / name
    return folder if (folder / "course.yaml").is_file() else None


def _load_variant(course_dir: Path, framework: Framework, diags: Diagnostics,
                  loaded: dict[Path, Course | None], chain: tuple[Path, ...]) -> Course | None:
    path = course_dir / "course.yaml"
    text = read_text(path, diags)
    node = parse_yaml(text, path, diags) if text is not None else None
    m = variant_schema(plain.COURSE).read(node, Location(path, 1, 1), diags) if node is not None else None
    if m is None:
        return None
    folder = base_dir(course_dir, m, chain, diags)
    base = load_any(folder, framework, diags, loaded, (*chain, course_dir)) if folder is not None else None
    if base is None:
        return None

    def parts(ctx: LoadContext) -> Parts:
        seen: dict[Path, int] = {}

        def certification(made: Course) -> Certification:
            if "certification" in m.items or made.profile is not base.profile:
                return plain.read_certification(m.items.get("certification"), m.loc, made.profile.pass_rule, diags)
            return base.certification

        return Parts(lesson=lambda ref, loc: plain.read_lesson(ref, loc, ctx, seen),
                     bank=lambda ref, loc: plain.read_bank(ref, loc, ctx, seen),
                     certification=certification, words=plain.read_pronunciations(m, diags), seen=seen)

    return extend(course_dir, m, base, framework, diags, parts)


def variant_schema(course: Schema) -> Schema:
    """course.yaml's fields with none required (all are inherited), plus the variant's own."""
    # Not 'translations': the base's catalogues do not cover a variant's own lessons (yet).
    fields = tuple(dataclasses.replace(f, required=False) for f in course.fields if f.name not in ("chapters", "translations"))
    chapters = Field("chapters", "chapters to add lessons to or new chapters", "chương cần thêm bài hoặc chương mới")
    return Schema(course.where, (*VARIANT_FIELDS, *fields, chapters))


def base_dir(course_dir: Path, m: YMap, chain: tuple[Path, ...], diags: Diagnostics) -> Path | None:
    """The folder ``extends:`` names, or None after saying why it cannot be used."""
    name = get_str(m, "extends", diags) or ""
    folder = course_dir.parent / name
    loc = field_loc(m, "extends")
    # path_problem first: an over-long or control-character name must not reach the file system (OSError).
    if not name or "/" in name or "\\" in name or name.startswith(".") or path_problem(name) is not None \
            or not (folder / "course.yaml").is_file():
        allowed = sorted(p.parent.name for p in course_dir.parent.glob("*/course.yaml") if p.parent != course_dir)
        diags.add(codes.VARIANT_BASE_NOT_FOUND, loc, base=name, allowed=", ".join(allowed))
        return None
    if folder.resolve() in {c.resolve() for c in (*chain, course_dir)}:
        names = " → ".join(p.name for p in (*chain, course_dir, folder))
        diags.add(codes.VARIANT_CYCLE, loc, chain=names)
        return None
    return folder


def extend(course_dir: Path, m: YMap, base: Course, framework: Framework, diags: Diagnostics,
           load_parts: Callable[[LoadContext], Parts]) -> Course | None:
    """The variant course: ``base`` with the changes ``m`` (the variant's course.yaml) makes."""
    profile_key = get_str(m, "group", diags) or base.profile.group
    profile = framework.profiles.get(profile_key)
    if profile is None:
        diags.add(codes.COURSE_NO_PROFILE, field_loc(m, "group"), group=profile_key, allowed=", ".join(framework.profiles))
        return None
    ctx = LoadContext(course_dir, framework, make_parser(), AssetRegistry(course_dir, diags), diags)
    parts = load_parts(ctx)
    hide = HIDE.read(m.items.get("hide"), m.loc, diags) if "hide" in m.items else None
    chapters = _hide(base, hide, diags)
    chapters = _replace(base, chapters, m, parts, diags)
    chapters = _add(base, chapters, m, parts, diags)
    hidden = _hidden_bank(base, hide, diags)
    levels = _bank_levels(m, framework, diags)
    bank = [q for q in base.bank if q.competency in profile.codes and q.loc.path.resolve() not in hidden
            and (levels is None or q.level in levels)]
    bank += [q for ref, loc in get_str_list(m, "bank", diags) for q in parts.bank(ref, loc)]
    image_ref = get_str(m, "image", diags)
    image = ctx.assets.add(image_ref, field_loc(m, "image"), ("image",)) if image_ref else base.image
    course = dataclasses.replace(
        base, group=course_dir.name, root=course_dir, profile=profile,
        org=get_str(m, "org", diags) or base.org, number=get_str(m, "course", diags) or base.number,
        run=get_str(m, "run", diags) or base.run, title=get_str(m, "title", diags) or base.title,
        language=get_str(m, "language", diags) or base.language,
        start=get_date(m, "start", diags) or base.start, end=get_date(m, "end", diags) or base.end,
        description=get_str(m, "description", diags) or base.description, image=image,
        chapters=tuple(Chapter(cid, title, tuple(lessons), loc) for cid, title, lessons, loc in chapters if lessons),
        bank=tuple(bank), assets={**base.assets, **ctx.assets.assets}, listed=(*base.listed, *parts.seen),
        pronunciations={**base.pronunciations, **parts.words},
        translations=(),  # the base's catalogues do not cover the variant's own lessons
        silent_video=get_bool(m, "silent_video", diags, base.silent_video),
    )
    return dataclasses.replace(course, certification=parts.certification(course))


Draft = tuple[str, str, list[Lesson], "Location | None"]


def _ids(items: list[str]) -> str:
    return ", ".join(items) if len(items) <= 20 else ", ".join(items[:20]) + ", …"


def _hide(base: Course, hide: YMap | None, diags: Diagnostics) -> list[Draft]:
    drafts: list[Draft] = [(c.id, c.title, list(c.lessons), c.loc) for c in base.chapters]
    if hide is None:
        return drafts
    chapter_ids = [c.id for c in base.chapters]
    lesson_ids = [lesson.id for lesson in base.lessons]
    gone_chapters = _known(hide, "chapters", chapter_ids, CHAPTER_KIND, base.group, diags)
    gone_lessons = _known(hide, "lessons", lesson_ids, LESSON_KIND, base.group, diags)
    return [(cid, title, [x for x in lessons if x.id not in gone_lessons], loc)
            for cid, title, lessons, loc in drafts if cid not in gone_chapters]


def _known(m: YMap, name: str, known: list[str], kind: Term, base: str, diags: Diagnostics) -> set[str]:
    found = set()
    for ident, loc in get_str_list(m, name, diags):
        if ident in known:
            found.add(ident)
        else:
            diags.add(codes.VARIANT_UNKNOWN_ID, loc, id=ident, kind=kind, base=base, known=_ids(known))
    return found


def _bank_levels(m: YMap, framework: Framework, diags: Diagnostics) -> set[str] | None:
    """The levels ``bank_levels:`` keeps (None: every level); an unknown level is reported."""
    if "bank_levels" not in m.items:
        return None
    known = list(framework.levels)
    levels = set()
    for level, loc in get_str_list(m, "bank_levels", diags):
        if level in known:
            levels.add(level)
        else:
            diags.add(codes.YAML_BAD_VALUE, loc, field="bank_levels", value=level, reason=NOT_A_LEVEL,
                      hint=Term(f"Use {', '.join(known)}.", f"Dùng {', '.join(known)}."))
    return levels


def _hidden_bank(base: Course, hide: YMap | None, diags: Diagnostics) -> set[Path]:
    """The base's bank files ``hide: bank:`` names; a name that is no bank file is reported."""
    if hide is None:
        return set()
    root = base.root.resolve()
    files = sorted({q.loc.path.resolve() for q in base.bank})
    known = [f.relative_to(root).as_posix() for f in files if f.is_relative_to(root)]
    hidden = set()
    for ref, loc in get_str_list(hide, "bank", diags):
        path = (root / ref).resolve()
        if path in files:
            hidden.add(path)
        else:
            diags.add(codes.VARIANT_UNKNOWN_ID, loc, id=ref, kind=BANK_KIND, base=base.group, known=_ids(known))
    return hidden


def _replace(base: Course, drafts: list[Draft], m: YMap, parts: Parts, diags: Diagnostics) -> list[Draft]:
    node = m.items.get("replace")
    if node is None:
        return drafts
    if not isinstance(node, YMap):
        diags.add(codes.YAML_WRONG_TYPE, node.loc, field="replace", expected=terms.MAPPING, found=describe(node),
                  example="replace: {dich-vu-cong-truc-tuyen: lessons/dich-vu-cong-cua-tinh.md}")
        return drafts
    lesson_ids = [lesson.id for lesson in base.lessons]
    swaps: dict[str, Lesson] = {}
    for old in node.items:
        ref = get_str(node, old, diags)
        if old not in lesson_ids:
            diags.add(codes.VARIANT_UNKNOWN_ID, node.key_locs.get(old, node.loc), id=old, kind=LESSON_KIND,
                      base=base.group, known=_ids(lesson_ids))
        elif ref and (lesson := parts.lesson(ref, field_loc(node, old))) is not None:
            swaps[old] = lesson
    return [(cid, title, [swaps.get(x.id, x) for x in lessons], loc) for cid, title, lessons, loc in drafts]


def _add(base: Course, drafts: list[Draft], m: YMap, parts: Parts, diags: Diagnostics) -> list[Draft]:
    base_ids = [c.id for c in base.chapters]
    for node in get_seq(m, "chapters", diags):
        c = VARIANT_CHAPTER.read(node, node.loc, diags)
        if c is None:
            continue
        cid = get_str(c, "id", diags) or ""
        if cid and not is_valid_id(cid):
            diags.add(codes.ID_INVALID, field_loc(c, "id"), id=cid)
        title = get_str(c, "title", diags)
        lessons = [x for ref, loc in get_str_list(c, "lessons", diags) if (x := parts.lesson(ref, loc)) is not None]
        at = next((i for i, d in enumerate(drafts) if d[0] == cid), None)
        if at is not None:
            old = drafts.pop(at)
            draft: Draft = (cid, title or old[1], [*old[2], *lessons], old[3])
        elif cid in base_ids:  # hidden, then listed again: comes back with only the lessons listed here
            draft = (cid, title or cid, lessons, c.loc)
        else:
            if not title:
                diags.add(codes.VARIANT_CHAPTER_TITLE, c.loc, id=cid, base=base.group, known=_ids(base_ids))
            draft = (cid, title or cid, lessons, c.loc)
        drafts.insert(_position(drafts, c, at, base, diags), draft)
    return drafts


def _position(drafts: list[Draft], c: YMap, at: int | None, base: Course, diags: Diagnostics) -> int:
    """Where the chapter goes: before the one ``before:`` names, else where it was, else at the end."""
    before = get_str(c, "before", diags)
    if before is None:
        return len(drafts) if at is None else at
    at = next((i for i, d in enumerate(drafts) if d[0] == before), None)
    if at is None:
        diags.add(codes.VARIANT_UNKNOWN_ID, field_loc(c, "before"), id=before, kind=CHAPTER_KIND, base=base.group,
                  known=_ids([d[0] for d in drafts]))
        return len(drafts)
    return at
