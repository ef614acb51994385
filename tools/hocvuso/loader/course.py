"""A course folder: ``course.yaml``, its lesson files and item-bank files."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import langcodes

from hocvuso.diagnostics import Diagnostics, Location, codes, terms
from hocvuso.diagnostics.terms import Term, shown
from hocvuso.loader.assets import AssetRegistry
from hocvuso.loader.files import path_problem, read_text, resolve_inside
from hocvuso.loader.framework import read_pass_rule
from hocvuso.loader.i18n import COURSE_DOMAIN, CatalogTranslator
from hocvuso.loader.ids import is_valid_id
from hocvuso.loader.lesson import LoadContext, load_bank, load_lesson
from hocvuso.loader.markdown import make_parser
from hocvuso.loader.yamlsource import (
    Field,
    Schema,
    YMap,
    YNode,
    YScalar,
    describe,
    field_loc,
    get_bool,
    get_date,
    get_in_range,
    get_seq,
    get_str,
    get_str_list,
    parse_yaml,
)
from hocvuso.model import (
    ASSET_PREFIX,
    Asset,
    Certification,
    Chapter,
    Course,
    Grading,
    Lesson,
    Media,
    PassRule,
    Prose,
    Question,
    TeacherNote,
    Translation,
)

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.loader.i18n import Translator
    from hocvuso.model import Framework
    from hocvuso.model.framework import Profile

COURSE = Schema(Term("course.yaml", "course.yaml"), (
    Field("org", "organisation code in Open edX, e.g. BDHVS", "mã tổ chức trên Open edX, ví dụ BDHVS", required=True),
    Field("course", "course number, e.g. KNS-ND", "mã khoá học, ví dụ KNS-ND", required=True),
    Field("run", "course run, e.g. 2026-1", "đợt học, ví dụ 2026-1", required=True),
    Field("title", "course title", "tên khoá học", required=True),
    Field("start", "first day, YYYY-MM-DD", "ngày bắt đầu, YYYY-MM-DD", required=True),
    Field("end", "last day, YYYY-MM-DD", "ngày kết thúc, YYYY-MM-DD"),
    Field("language", "language code, default vi", "mã ngôn ngữ, mặc định vi"),
    Field("group", "learner-group profile, default the folder name", "hồ sơ nhóm người học, mặc định là tên thư mục"),
    Field("description", "two or three sentences for the course page", "hai, ba câu giới thiệu khoá học"),
    Field("image", "course card image in the course folder", "ảnh bìa trong thư mục khoá học"),
    Field("chapters", "chapters and their lesson files", "các chương và tệp bài học", required=True),
    Field("bank", "item-bank files for the certification assessment", "tệp ngân hàng câu hỏi đánh giá cuối khoá"),
    Field("grading", "weights of practice and final assessment", "trọng số luyện tập và đánh giá cuối khoá"),
    Field("certification", "pass rule and attempts of the final assessment",
          "quy tắc đạt và số lần làm bài đánh giá cuối khoá"),
    Field("pronunciations", "how the narration voice reads words, e.g. VNeID: vê en e ai đi",
          "cách giọng đọc thuyết minh đọc một từ, ví dụ VNeID: vê en e ai đi"),
    Field("video_url", "web address of each lesson video, {lesson} for the lesson id (QR code on the handout)",
          "địa chỉ web của video từng bài, {lesson} thay cho mã bài (mã QR trên tờ hướng dẫn)"),
    Field("translations", "languages the course is also built in, from locale/<lang>/LC_MESSAGES/*.po",
          "các ngôn ngữ khoá học được dịch sang, từ locale/<mã>/LC_MESSAGES/*.po"),
    Field("silent_video", "true: slides without a voice or a recording get a silent video with captions",
          "true: trang không có giọng đọc hay bản ghi âm có video không lời, có phụ đề"),
))
TRANSLATION = Schema(Term("a translation", "bản dịch"), (
    Field("run", "course run of the translated course, default <run>-<language>",
          "đợt học của bản dịch, mặc định <run>-<mã ngôn ngữ>"),
    Field("fallback", "true: show untranslated strings in Vietnamese, marked [vi]",
          "true: hiện chuỗi chưa dịch bằng tiếng Việt, đánh dấu [vi]"),
    Field("lessons", "only these lesson ids (a pilot; no final assessment)",
          "chỉ các bài có mã này (bản thử; không có bài đánh giá cuối khoá)"),
    Field("silent_video", "true: slides without a voice or a recording get a silent video with captions",
          "true: trang không có giọng đọc hay bản ghi âm có video không lời, có phụ đề"),
))
CHAPTER = Schema(Term("a chapter", "chương"), (
    Field("id", "stable id, e.g. chuong-1", "mã ổn định, ví dụ chuong-1", required=True),
    Field("title", "chapter title", "tên chương", required=True),
    Field("lessons", "lesson files, relative to course.yaml", "tệp bài học, tính từ course.yaml", required=True),
))
GRADING = Schema(Term("grading", "grading"), (
    Field("practice_weight", "share of the grade from lesson practice, e.g. 0.1",
          "phần điểm từ luyện tập trong bài, ví dụ 0.1"),
    Field("assessment_weight", "share of the grade from the final assessment, e.g. 0.9",
          "phần điểm từ bài đánh giá cuối khoá, ví dụ 0.9"),
))
CERTIFICATION = Schema(Term("certification", "certification"), (
    Field("competency_threshold", "share of a competency's items to get right, e.g. 0.6",
          "tỉ lệ câu đúng cần đạt ở mỗi năng lực, ví dụ 0.6"),
    Field("overall_threshold", "share of all items to get right, e.g. 0.7", "tỉ lệ câu đúng cần đạt trên cả bài, ví dụ 0.7"),
    Field("min_items_per_competency", "items of each competency in one assessment, e.g. 5",
          "số câu của mỗi năng lực trong một đề, ví dụ 5"),
    Field("time_limit_minutes", "time limit of one attempt, 0 for none", "thời gian mỗi lần làm bài, 0 là không giới hạn"),
    Field("max_attempts", "attempts allowed, e.g. 3", "số lần được làm bài, ví dụ 3"),
    Field("wait_hours", "hours to wait between attempts", "số giờ chờ giữa hai lần làm bài"),
    Field("engine", "xblock (hocvuso assessment block) or capa (standard problems)",
          "xblock (khối đánh giá hocvuso) hoặc capa (bài tập chuẩn Open edX)"),
))
ENGINES = ("xblock", "capa")
ASSET_REF = re.compile(re.escape(ASSET_PREFIX) + r"([^\"'\s<>)]+)")


def load_course(course_dir: Path, framework: Framework, diags: Diagnostics,
                translator: Translator | None = None) -> Course | None:
    """Load a course folder into the model; None when it cannot be built at all.

    With a ``translator`` every string a learner reads passes through it
    (a translated model, or the strings `hocvuso i18n extract` writes).
    """
    path = course_dir / "course.yaml"
    if not path.is_file():
        diags.add(codes.COURSE_NOT_FOUND, Location(course_dir), path=str(course_dir))
        return None
    text = read_text(path, diags)
    if text is None:
        return None
    before = diags.count_errors()
    node = parse_yaml(text, path, diags)
    if node is None and diags.count_errors() > before:
        return None  # the YAML error is reported; a file of comments only still gets 'required field missing'
    m = COURSE.read(node, Location(path, 1, 1), diags)
    if m is None:
        return None
    group = get_str(m, "group", diags, course_dir.name) or course_dir.name
    profile = framework.profiles.get(group)
    if profile is None:
        diags.add(codes.COURSE_NO_PROFILE, field_loc(m, "group") if "group" in m.items else m.loc,
                  group=group, allowed=", ".join(framework.profiles))
        return None
    ctx = LoadContext(course_dir, framework, make_parser(), AssetRegistry(course_dir, diags), diags, translator)
    files: dict[Path, int] = {}
    chapters = _chapters(m, ctx, files)
    bank = [q for ref, loc in get_str_list(m, "bank", diags) for q in _bank(ref, loc, ctx, files)]
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
    language = _language(m, "language", diags)
    if translator is not None:
        profile = _translated_profile(profile, translator, m.loc)
    return Course(
        group=course_dir.name, root=course_dir, org=get_str(m, "org", diags) or "", number=get_str(m, "course", diags) or "",
        run=get_str(m, "run", diags) or "", title=_tr(m, "title", "course/title", translator, diags),
        language=language, start=start, end=end, framework=framework,
        profile=profile, grading=_grading(m.items.get("grading"), m.loc, diags),
        certification=_certification(m.items.get("certification"), m.loc, profile.pass_rule, diags),
        description=_tr(m, "description", "course/description", translator, diags), image=image, chapters=tuple(chapters),
        bank=tuple(bank), assets=ctx.assets.assets, listed=tuple(files),
        pronunciations=_pronunciations(m, diags), translations=_translations(m, language, diags),
        video_url=get_str(m, "video_url", diags, "") or "",
        silent_video=get_bool(m, "silent_video", diags, False),
    )


def _translated_profile(profile: Profile, translator: Translator, loc: Location) -> Profile:
    """The profile's name (on covers and course packages) through the course's catalogue.

    Competency names stay the framework's national text: Open edX tags (tags.csv) must match the
    taxonomy imported from it, whatever the course's language.
    """
    return replace(profile, name=translator(COURSE_DOMAIN, "profile/name", profile.name, loc))


def _tr(m: YMap, key: str, context: str, translator: Translator | None, diags: Diagnostics) -> str:
    """A course.yaml string, translated under ``context`` in the course's catalogue."""
    value = get_str(m, key, diags) or ""
    if translator is None or key not in m.items:
        return value
    return translator(COURSE_DOMAIN, context, value, m.items[key].loc)


def _language(m: YMap, key: str, diags: Diagnostics, default: str = "vi") -> str:
    """A BCP 47 language tag (langcodes checks it against the IANA registry), normalised ('km-kh' → 'km-KH')."""
    value = get_str(m, key, diags, default) or default
    if not langcodes.tag_is_valid(value):
        diags.add(codes.LANGUAGE_INVALID, field_loc(m, key), value=shown(value))
        return default
    return str(langcodes.standardize_tag(value))


def _translations(m: YMap, source: str, diags: Diagnostics) -> tuple[Translation, ...]:
    """The languages of ``translations:`` with their settings."""
    node = m.items.get("translations")
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return ()
    if not isinstance(node, YMap):
        diags.add(codes.YAML_WRONG_TYPE, node.loc, field="translations", expected=terms.MAPPING,
                  found=describe(node), example="translations: {km: {fallback: false}}")
        return ()
    run = get_str(m, "run", Diagnostics()) or ""  # a wrong 'run:' is reported where it is read
    found = []
    for tag, value in node.items.items():
        if not langcodes.tag_is_valid(tag):
            diags.add(codes.LANGUAGE_INVALID, value.loc, value=shown(tag))
            continue
        language = str(langcodes.standardize_tag(tag))
        t = TRANSLATION.read(value, value.loc, diags) if not (isinstance(value, YScalar) and value.value is None) else None
        if t is None:
            found.append(Translation(language, f"{run}-{language}", loc=value.loc))
            continue
        found.append(Translation(
            language, get_str(t, "run", diags, f"{run}-{language}") or f"{run}-{language}",
            fallback=get_bool(t, "fallback", diags, False),
            lessons=tuple(lesson for lesson, _ in get_str_list(t, "lessons", diags)),
            silent_video=get_bool(t, "silent_video", diags, False), loc=value.loc,
        ))
    return tuple(t for t in found if t.language != source)


def load_translation(source: Course, translation: Translation, diags: Diagnostics) -> Course | None:
    """The course of ``source`` in ``translation``'s language, from its PO catalogues.

    Ids, files and settings are the source's; every string a learner reads is
    the translation's (or, where the course allows it, the source's, marked).
    It gets its own run (course key) and output name (``group``, e.g. ``citizens.km``).
    """
    domains = frozenset((COURSE_DOMAIN, *translation.lessons)) if translation.lessons else None
    translator = CatalogTranslator(source.root, translation.language, translation.fallback, diags, domains)
    course = load_course(source.root, source.framework, Diagnostics(), translator)  # the source load reported
    if course is None:
        return None
    translator.finish(diags)
    known = {lesson.id for lesson in course.lessons}
    for lesson_id in translation.lessons:
        if lesson_id not in known:
            diags.add(codes.I18N_UNKNOWN_LESSON, translation.loc or Location(source.root / "course.yaml"),
                      language=translation.language, lesson=lesson_id, known=", ".join(sorted(known)))
    chapters = course.chapters
    if translation.lessons:
        chapters = tuple(replace(ch, lessons=kept) for ch in chapters
                         if (kept := tuple(le for le in ch.lessons if le.id in translation.lessons)))
    if translation.lessons:
        course = replace(course, chapters=chapters, bank=())
        course.assets = _used_assets(course)
    return replace(
        course, language=translation.language,
        run=translation.run, group=f"{source.group}.{translation.language}", translations=(),
        source_language=source.language, translation=translation,
        silent_video=source.silent_video or translation.silent_video,
    )


def _used_assets(course: Course) -> dict[str, Asset]:
    """The course files the course's lessons and cover still use (a pilot ships only its lessons' files)."""
    used = {course.image.name} if course.image else set()
    html: list[str] = []
    for lesson in course.lessons:
        for section in lesson.sections:
            used.update(image.asset.name for image in section.images)
            if section.narration is not None and section.narration.audio is not None:
                used.add(section.narration.audio.name)
            for block in section.blocks:
                if isinstance(block, Media):
                    used.update(a.name for a in (block.asset, block.captions) if a is not None)
                elif isinstance(block, Prose | TeacherNote):
                    html.append(block.html)
        for q in lesson.questions:
            html += [q.stem_html, q.explanation_html, *(c.html + c.feedback_html for c in q.choices)]
        html += [t.prompt_html for t in lesson.tasks]
    used.update(ASSET_REF.findall("\n".join(html)))
    return {key: asset for key, asset in course.assets.items() if asset.name in used}


def _pronunciations(m: YMap, diags: Diagnostics) -> dict[str, str]:
    """The course's pronunciation lexicon: each written word and how the voice should say it."""
    node = m.items.get("pronunciations")
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return {}
    if not isinstance(node, YMap):
        diags.add(codes.YAML_WRONG_TYPE, node.loc, field="pronunciations", expected=terms.MAPPING,
                  found=describe(node), example="pronunciations: {VNeID: vê en e ai đi}")
        return {}
    return {word: said for word in node.items if (said := get_str(node, word, diags))}


def _chapters(m: YMap, ctx: LoadContext, seen: dict[Path, int]) -> list[Chapter]:
    chapters: list[Chapter] = []
    for node in get_seq(m, "chapters", ctx.diags):
        c = CHAPTER.read(node, node.loc, ctx.diags)
        if c is None:
            continue
        cid = get_str(c, "id", ctx.diags) or ""
        if cid and not is_valid_id(cid):
            ctx.diags.add(codes.ID_INVALID, field_loc(c, "id"), id=cid)
        lessons = [lesson for ref, loc in get_str_list(c, "lessons", ctx.diags)
                   if (lesson := _lesson(ref, loc, ctx, seen)) is not None]
        chapters.append(Chapter(cid, _tr(c, "title", f"chapter/{cid}", ctx.translator, ctx.diags) or cid, tuple(lessons), c.loc))
    return chapters


def _listed_file(ref: str, loc: Location, ctx: LoadContext) -> Path | None:
    """The course file ``ref`` names, or None after saying why it cannot be used."""
    problem = path_problem(ref)
    if problem is not None:
        ctx.diags.add(codes.PATH_INVALID, loc, path=shown(ref), reason=problem)
        return None
    path = resolve_inside(ctx.root, ref)
    if path is None:
        ctx.diags.add(codes.PATH_OUTSIDE, loc, path=shown(ref))
    return path


def _lesson(ref: str, loc: Location, ctx: LoadContext, seen: dict[Path, int]) -> Lesson | None:
    path = _listed_file(ref, loc, ctx)
    if path is None:
        return None
    if path in seen:
        ctx.diags.add(codes.LESSON_LISTED_TWICE, loc, path=shown(ref), first=seen[path])
        return None
    seen[path] = loc.line
    if not path.is_file():
        ctx.diags.add(codes.FILE_NOT_FOUND, loc, path=shown(ref), base=str(ctx.root))
        return None
    return load_lesson(path, ctx)


def _bank(ref: str, loc: Location, ctx: LoadContext, seen: dict[Path, int]) -> list[Question]:
    path = _listed_file(ref, loc, ctx)
    if path is None:
        return []
    seen[path] = loc.line
    if not path.is_file():
        ctx.diags.add(codes.FILE_NOT_FOUND, loc, path=shown(ref), base=str(ctx.root))
        return []
    return load_bank(path, ctx)


def _grading(node: YNode | None, loc: Location, diags: Diagnostics) -> Grading:
    if node is None:
        return Grading()
    m = GRADING.read(node, loc, diags)
    if m is None:
        return Grading()
    before = diags.count_errors()
    grading = Grading(get_in_range(m, "practice_weight", diags, (0, 1), 0.1),
                      get_in_range(m, "assessment_weight", diags, (0, 1), 0.9))
    total = grading.practice_weight + grading.assessment_weight
    if abs(total - 1) > 1e-6 and diags.count_errors() == before:  # a refused weight is reported already
        diags.add(codes.COURSE_WEIGHTS, m.loc, total=round(total, 4))
    return grading


def _certification(node: YNode | None, loc: Location, base: PassRule, diags: Diagnostics) -> Certification:
    m = CERTIFICATION.read(node, loc, diags) if node is not None else None
    if m is None:
        return Certification(base)
    engine = get_str(m, "engine", diags, "xblock") or "xblock"
    if engine not in ENGINES:
        diags.add(codes.YAML_BAD_VALUE, field_loc(m, "engine"), field="engine", value=shown(engine),
                  reason=terms.UNKNOWN_ENGINE, hint=terms.USE_ENGINES)
    # The XBlock's own settings bound these (a day per attempt, a year of waiting).
    return Certification(
        pass_rule=read_pass_rule(m, diags, base),
        time_limit_minutes=int(get_in_range(m, "time_limit_minutes", diags, (0, 1440), 0, whole=True)),
        max_attempts=int(get_in_range(m, "max_attempts", diags, (0, 100), 3, whole=True)),
        wait_hours=get_in_range(m, "wait_hours", diags, (0, 8760), 24.0),
        engine=engine,
    )


# A variant course (loader/variant.py) reads its own files with the same rules.
read_lesson, read_bank, read_certification, read_pronunciations = _lesson, _bank, _certification, _pronunciations
