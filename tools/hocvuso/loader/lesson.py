"""A lesson file: YAML front matter, then Markdown cut into slide-sized sections.

A '#' or '##' heading starts a section, and so does a '---' line (keeping the
title).  Inside a section, ':::' blocks hold questions (``quiz``), a rubric
task (``task``), notes for the teacher (``teacher``) and the spoken text of
the slide (``narration``).  Audio and video are written like images, alone
in their paragraph: ``![Title](video/clip.mp4)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from hocvuso.diagnostics import Location, codes, terms
from hocvuso.diagnostics.terms import Term, shown
from hocvuso.loader.assets import kind_of, slug
from hocvuso.loader.blocks import Fence, FenceReader
from hocvuso.loader.files import read_text
from hocvuso.loader.framework import check_competency, check_level
from hocvuso.loader.ids import is_valid_id
from hocvuso.loader.markdown import Renderer, inline_text
from hocvuso.loader.quiz import read_quiz
from hocvuso.loader.safety import is_remote
from hocvuso.loader.task import parse_task
from hocvuso.loader.yamlsource import Field, Schema, YMap, get_int, get_str, get_str_list, parse_yaml
from hocvuso.model import (
    Block,
    Image,
    Lesson,
    Media,
    Narration,
    Prose,
    Question,
    QuizBlock,
    Section,
    TaskBlock,
    TeacherNote,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from hocvuso.diagnostics import Diagnostics
    from hocvuso.loader.assets import AssetRegistry
    from hocvuso.loader.i18n import Translator
    from hocvuso.model import Framework

FRONT_MATTER = Schema(Term("the lesson's front matter", "phần đầu YAML của bài học"), (
    Field("id", "stable id, e.g. vneid-muc-2", "mã ổn định, ví dụ vneid-muc-2", required=True),
    Field("title", "lesson title", "tên bài học", required=True),
    Field("competencies", "competency codes the lesson teaches, e.g. [2.6, 4.2]",
          "mã các năng lực bài học dạy, ví dụ [2.6, 4.2]", required=True),
    Field("level", "target level, e.g. CB2", "bậc mục tiêu, ví dụ CB2", required=True),
    Field("duration", "minutes, e.g. 10", "số phút, ví dụ 10", required=True),
    Field("objectives", "what learners will be able to do", "người học sẽ làm được gì", required=True),
    Field("sources", "documents backing the lesson's facts", "văn bản làm căn cứ cho thông tin trong bài"),
    Field("summary", "one or two sentences shown under the lesson's title on its SCORM page",
          "một, hai câu tóm tắt, hiện dưới tên bài trên trang SCORM của bài"),
))
RECORDING_TYPES = ("mp3", "m4a", "ogg", "wav")
VIDEO_HOSTS = ("youtube.com", "www.youtube.com", "youtu.be", "m.youtube.com")


@dataclass(slots=True)
class LoadContext:
    """What every file of one course is loaded with."""

    root: Path
    framework: Framework
    md: MarkdownIt
    assets: AssetRegistry
    diags: Diagnostics
    # Every learner-visible string passes through it when set (translated loads, `hocvuso i18n extract`).
    translator: Translator | None = None


@dataclass(slots=True)
class _SectionDraft:
    title: str
    loc: Location
    blocks: list[Block] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    narration: Narration | None = None
    id: str = ""  # the author's '{#id}', if any
    id_loc: Location | None = None
    source: str = ""  # the title as written, when ``title`` is translated (section ids come from it)
    scope: str = "intro"  # the translation context of the section's strings: its '{#id}' or its title's slug


# '## Heading {#stable-id}': the author's own section id, as Pandoc and kramdown write it.
_SECTION_ID = re.compile(r"\s*\{#([^{}]*)\}\s*$")
INTRO_ID = "intro"  # the text before the first heading


class FrontMatterUnclosedError(Exception):
    """The file opens front matter with '---' and never closes it."""


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, 1-based line of the body's first line), or None when there is none.

    Raises :class:`FrontMatterUnclosedError` when the opening '---' has no closing one.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    raise FrontMatterUnclosedError


class LessonLoader:
    """Builds one :class:`Lesson`; all problems go to the context's diagnostics."""

    def __init__(self, path: Path, ctx: LoadContext) -> None:
        self.path = path
        self.ctx = ctx
        self.diags = ctx.diags
        self.next_number = 1  # of the next question without an 'Id:'
        self.level = ""

    def load(self) -> Lesson | None:
        text = read_text(self.path, self.diags, base=self.ctx.root)
        if text is None:
            return None
        try:
            parts = split_front_matter(text)
        except FrontMatterUnclosedError:
            self.diags.add(codes.FRONT_MATTER_UNCLOSED, Location(self.path, 1, 1))
            return None
        if parts is None:
            self.diags.add(codes.LESSON_NO_FRONT_MATTER, Location(self.path, 1, 1))
            return None
        front, body, body_line = parts
        before = self.diags.count_errors()
        node = parse_yaml(front, self.path, self.diags, 1)
        if node is None and self.diags.count_errors() > before:
            return None  # the YAML syntax error is reported; missing fields would only repeat it
        meta = FRONT_MATTER.read(node, Location(self.path, 1, 1), self.diags)
        if meta is None:
            return None
        lesson_id = get_str(meta, "id", self.diags) or ""
        if lesson_id and not is_valid_id(lesson_id):
            self.diags.add(codes.ID_INVALID, meta.items["id"].loc, id=shown(lesson_id))
        self.lesson_id = lesson_id or slug(PurePosixPath(self.path.name).stem)
        self.level = get_str(meta, "level", self.diags) or ""
        if "level" in meta.items:
            check_level(self.level, meta.items["level"].loc, self.ctx.framework, self.diags)
        competencies = get_str_list(meta, "competencies", self.diags)
        for code, loc in competencies:
            check_competency(code, loc, self.ctx.framework, self.diags)
        duration = get_int(meta, "duration", self.diags)
        if duration is not None and not 1 <= duration <= 120:
            self.diags.add(codes.LESSON_BAD_DURATION, meta.items["duration"].loc, value=duration)
        lines = text.split("\n")
        self.renderer = Renderer(self.ctx.md, self.path, lines, self.ctx.assets, self.diags)
        if self.ctx.translator is not None:
            self.renderer.translate = partial(self.ctx.translator, self.lesson_id)
        title = self._tr("title", meta, "title") or self.lesson_id
        self.fences = FenceReader(self.path, lines, self.diags)
        sections = self._sections(body, body_line, title)
        return Lesson(
            id=self.lesson_id, title=title, path=self.path, loc=Location(self.path, 1, 1),
            competencies=tuple(code for code, _ in competencies), level=self.level, duration=duration or 0,
            objectives=tuple(self.renderer.tr(f"{self.lesson_id}/objectives", o, loc.line)
                             for o, loc in get_str_list(meta, "objectives", self.diags)),
            sections=sections, sources=tuple(s for s, _ in get_str_list(meta, "sources", self.diags)),
            summary=self._tr("summary", meta, "summary") or "",
            competency_locs=tuple(loc for _, loc in competencies),
        )

    def _tr(self, context: str, meta: YMap, key: str) -> str | None:
        """A front-matter string, translated under ``<lesson id>/<context>``."""
        value = get_str(meta, key, self.diags)
        if not value:
            return value
        return self.renderer.tr(f"{self.lesson_id}/{context}", value, meta.items[key].loc.line)

    # --- sections -------------------------------------------------------------

    def _sections(self, body: str, body_line: int, title: str) -> tuple[Section, ...]:
        tokens = self.renderer.parse(body)
        drafts = [_SectionDraft(title, Location(self.path, body_line))]
        prose: list[Token] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if (token.type == "heading_open" and token.tag in ("h1", "h2")) or token.type == "hr":
                self._flush(prose, drafts[-1], body_line)
                line = body_line + (token.map or (0, 0))[0]
                drafts.append(self._heading(tokens[i + 1], drafts[-1], line) if token.type == "heading_open"
                              else _SectionDraft(drafts[-1].title, Location(self.path, line, 1),
                                                 source=drafts[-1].source, scope=drafts[-1].scope))
                i += 3 if token.type == "heading_open" else 1
                continue
            if token.type == "colon_fence":
                self._flush(prose, drafts[-1], body_line)
                self._fence(token, drafts[-1], body_line)
            elif self._is_media(tokens, i):
                self._flush(prose, drafts[-1], body_line)
                self._media(tokens[i + 1], drafts[-1], body_line)
                i += 3
                continue
            else:
                prose.append(token)
            i += 1
        self._flush(prose, drafts[-1], body_line)
        return self._finish(drafts)

    def _heading(self, inline: Token, previous: _SectionDraft, line: int) -> _SectionDraft:
        """A section draft from a heading, with the author's '{#id}' taken out of its title."""
        title = inline_text(inline)
        match = _SECTION_ID.search(title)
        if match is None:
            scope = slug(title)
            return _SectionDraft(self.renderer.tr(f"{self.lesson_id}/{scope}/title", title, line),
                                 Location(self.path, line, 1), source=title, scope=scope)
        id_loc = self.renderer.locate("{#", line, line)
        written = title[: match.start()].strip()
        scope = match.group(1).strip()
        return _SectionDraft(self.renderer.tr(f"{self.lesson_id}/{scope}/title", written, line) or previous.title,
                             Location(self.path, line, 1), id=scope, id_loc=id_loc, source=written or previous.source,
                             scope=scope)

    def _finish(self, drafts: list[_SectionDraft]) -> tuple[Section, ...]:
        kept: list[_SectionDraft] = []
        for number, draft in enumerate(drafts):
            if draft.blocks or draft.narration is not None:
                kept.append(draft)
            elif number > 0:
                self.diags.add(codes.SECTION_EMPTY, draft.loc, title=shown(draft.title))
        ids = self._section_ids(kept, drafts[0])
        return tuple(Section(
            index=index, title=draft.title, loc=draft.loc, blocks=tuple(draft.blocks), points=tuple(draft.points),
            images=tuple(draft.images), narration=self._narration(draft, sid), id=sid, uid=f"{self.lesson_id}_{sid}",
        ) for index, (draft, sid) in enumerate(zip(kept, ids, strict=True)))

    def _narration(self, draft: _SectionDraft, sid: str) -> Narration | None:
        """The section's narration; in a translation, with the recording in that language if there is one.

        A translation's recordings sit at ``locale/<lang>/audio/<lesson id>/<section id>.<ext>``
        (no markup to add); the source's own recording, in the source language, is never used.
        """
        language = self.ctx.translator.language if self.ctx.translator is not None else ""
        if not language:
            return draft.narration
        found = next((p for ext in RECORDING_TYPES
                      if (p := self.ctx.root / "locale" / language / "audio" / self.lesson_id / f"{sid}.{ext}").is_file()),
                     None)
        audio = self.ctx.assets.add(found.relative_to(self.ctx.root).as_posix(), draft.loc, ("audio",)) if found else None
        if draft.narration is None:
            return Narration(spoken_default(draft), draft.loc, audio) if audio else None
        return replace(draft.narration, audio=audio)

    def _section_ids(self, drafts: list[_SectionDraft], intro: _SectionDraft) -> list[str]:
        """Ids from the authors' '{#id}' first, then from heading text; repeats get '-2', '-3'…"""
        taken: dict[str, Location] = {}
        for draft in drafts:
            if not draft.id:
                continue
            where = draft.id_loc or draft.loc
            if not is_valid_id(draft.id):
                self.diags.add(codes.ID_INVALID, where, id=shown(draft.id))
            elif draft.id in taken:
                self.diags.add(codes.DUPLICATE_ID, where, id=draft.id, other=str(taken[draft.id]))
            taken.setdefault(draft.id, where)
        ids: list[str] = []
        last: dict[str, int] = {}  # the last number tried per base: 20,000 equal headings stay linear
        for draft in drafts:
            if draft.id:
                ids.append(draft.id)
                continue
            base = INTRO_ID if draft is intro else slug(draft.source or draft.title)
            sid, n = base, last.get(base, 1)
            if n > 1:
                sid = f"{base}-{n}"
            while sid in taken:
                n += 1
                sid = f"{base}-{n}"
            last[base] = n
            taken[sid] = draft.loc
            ids.append(sid)
        return ids

    def _flush(self, prose: list[Token], draft: _SectionDraft, body_line: int) -> None:
        if not prose:
            return
        self.renderer.translate_tokens(prose, f"{self.lesson_id}/{draft.scope}", body_line)
        rendered = self.renderer.render_tokens(prose, body_line)
        if rendered.html:
            first = body_line + ((prose[0].map or (0, 0))[0])
            draft.blocks.append(Prose(rendered.html, rendered.text, Location(self.path, first)))
            draft.points.extend(rendered.points)
            draft.images.extend(rendered.images)
        prose.clear()

    # --- media ----------------------------------------------------------------

    @staticmethod
    def _is_media(tokens: list[Token], i: int) -> bool:
        if tokens[i].type != "paragraph_open" or i + 2 >= len(tokens):
            return False
        children = [c for c in tokens[i + 1].children or () if not (c.type == "text" and not c.content.strip())]
        if len(children) != 1 or children[0].type != "image":
            return False
        src = str(children[0].attrs.get("src", ""))
        return kind_of(src) in ("audio", "video") or _host(src) in VIDEO_HOSTS

    def _media(self, inline: Token, draft: _SectionDraft, body_line: int) -> None:
        image = next(c for c in inline.children or () if c.type == "image")
        src = unquote(str(image.attrs.get("src", "")))
        first, last = self.renderer.span(inline, body_line)
        loc = self.renderer.locate(src, first, last)
        title = "".join(c.content for c in image.children or ()).strip()
        if not title:
            self.diags.add(codes.MEDIA_NO_TITLE, loc, path=shown(src))
        title = self.renderer.tr(f"{self.lesson_id}/{draft.scope}/media", title, first)
        if is_remote(src):
            if not src.lower().startswith("https://") or _host(src) is None:
                self.diags.add(codes.LINK_UNSAFE, loc, url=shown(src), reason=terms.ONLY_HTTPS_VIDEO)
                return
            draft.blocks.append(Media("video", title, loc, url=src))
            return
        kind = kind_of(src) or "video"
        asset = self.ctx.assets.add(src, loc, (kind,), base=self.path.parent)
        if asset is None:
            return
        captions = None
        if kind == "video":
            for candidate in (asset.path.with_suffix(".vi.vtt"), asset.path.with_suffix(".vtt")):
                if candidate.is_file():
                    captions = self.ctx.assets.add(candidate.name, loc, ("captions",), base=asset.path.parent)
                    break
        draft.blocks.append(Media(kind, title, loc, asset=asset, captions=captions))

    # --- ':::' blocks ---------------------------------------------------------

    def _fence(self, token: Token, draft: _SectionDraft, body_line: int) -> None:
        fence = self.fences.read(token, body_line)
        if fence is not None:
            getattr(self, f"_fence_{fence.name}")(fence, draft)

    def _fence_quiz(self, fence: Fence, draft: _SectionDraft) -> None:
        questions, self.next_number = read_quiz(fence, self.renderer, self.ctx.framework, self.diags, self.level,
                                                self.lesson_id, self.lesson_id, self.next_number)
        if questions:
            draft.blocks.append(QuizBlock(tuple(questions), fence.loc, in_video="in-video" in fence.options))

    def _fence_task(self, fence: Fence, draft: _SectionDraft) -> None:
        task = parse_task(fence.content, fence.first, fence.loc, self.renderer, self.diags, self.lesson_id)
        if task is None:
            return
        for criterion in task.criteria:
            check_competency(criterion.competency, criterion.loc, self.ctx.framework, self.diags)
        draft.blocks.append(TaskBlock(task, fence.loc))

    def _fence_teacher(self, fence: Fence, draft: _SectionDraft) -> None:
        rendered = self.renderer.render_text(fence.content, fence.first)
        draft.blocks.append(TeacherNote(rendered.html, rendered.text, fence.loc))

    def _fence_narration(self, fence: Fence, draft: _SectionDraft) -> None:
        if draft.narration is not None:
            self.diags.add(codes.NARRATION_TWICE, fence.loc, first=draft.narration.loc.line)
            return
        audio = None
        if "audio" in fence.options:
            audio = self.ctx.assets.add(fence.options["audio"], fence.loc, ("audio",), base=self.path.parent)
        text = self.renderer.render_text(fence.content, fence.first, context=f"{self.lesson_id}/{draft.scope}/narration").text
        draft.narration = Narration(" ".join(text.split()), fence.loc, audio)


def spoken_default(draft: _SectionDraft) -> str:
    """What is said over a section without a '::: narration' block: its title and points."""
    return " ".join(filter(None, [draft.title, *draft.points]))


def _host(url: str) -> str | None:
    """The host of an URL, or None (also for one urllib cannot split, like 'https://[x')."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def load_lesson(path: Path, ctx: LoadContext) -> Lesson | None:
    """Load one lesson file (see :class:`LessonLoader`)."""
    return LessonLoader(path, ctx).load()


def load_bank(path: Path, ctx: LoadContext) -> list[Question]:
    """An item-bank file: Markdown whose '::: quiz' blocks hold certification items.

    Prose and headings between blocks are notes for authors and are ignored;
    front matter, if any, is skipped.  Blocks are read by the same
    :class:`FenceReader` and :func:`read_quiz` as a lesson's.
    """
    text = read_text(path, ctx.diags, base=ctx.root)
    if text is None:
        return []
    try:
        parts = split_front_matter(text)
    except FrontMatterUnclosedError:
        ctx.diags.add(codes.FRONT_MATTER_UNCLOSED, Location(path, 1, 1))
        return []
    body, body_line = (parts[1], parts[2]) if parts else (text, 1)
    lines = text.split("\n")
    renderer = Renderer(ctx.md, path, lines, ctx.assets, ctx.diags)
    fences = FenceReader(path, lines, ctx.diags, allowed=("quiz",), not_allowed_hint=terms.BANK_ONLY_QUIZ)
    prefix = f"bank-{slug(path.stem)}"
    if ctx.translator is not None:
        renderer.translate = partial(ctx.translator, prefix)
    questions: list[Question] = []
    number = 1
    for token in renderer.parse(body):
        fence = fences.read(token, body_line) if token.type == "colon_fence" else None
        if fence is not None:
            found, number = read_quiz(fence, renderer, ctx.framework, ctx.diags, "", prefix, None, number)
            questions += found
    return questions
