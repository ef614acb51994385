"""A lesson file: YAML front matter, then Markdown cut into slide-sized sections.

A '#' or '##' heading starts a section, and so does a '---' line (keeping the
title).  Inside a section, ':::' blocks hold questions (``quiz``), a rubric
task (``task``), notes for the teacher (``teacher``) and the spoken text of
the slide (``narration``).  Audio and video are written like images, alone
in their paragraph: ``![Title](video/clip.mp4)``.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from hocvuso.diagnostics import Location, codes
from hocvuso.loader.assets import kind_of, slug
from hocvuso.loader.files import read_text
from hocvuso.loader.framework import check_competency, check_level
from hocvuso.loader.ids import is_valid_id
from hocvuso.loader.markdown import Renderer, inline_text
from hocvuso.loader.quiz import QuizDefaults, QuizParser
from hocvuso.loader.task import parse_task
from hocvuso.loader.yamlsource import Field, Schema, did_you_mean, get_int, get_str, get_str_list, parse_yaml
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
    from hocvuso.model import Framework

FRONT_MATTER = Schema("the lesson's front matter", (
    Field("id", "stable id, e.g. vneid-muc-2", required=True),
    Field("title", "lesson title", required=True),
    Field("competencies", "competency codes the lesson teaches, e.g. [2.6, 4.2]", required=True),
    Field("level", "target level, e.g. CB2", required=True),
    Field("duration", "minutes, e.g. 10", required=True),
    Field("objectives", "what learners will be able to do", required=True),
    Field("sources", "documents backing the lesson's facts"),
    Field("summary", "one or two sentences for course outlines"),
))
FENCES = ("quiz", "task", "teacher", "narration")
FENCE_OPTIONS = {"quiz": ("competency", "level", "points"), "narration": ("audio",), "task": (), "teacher": ()}
FENCE_FLAGS = {"quiz": ("in-video",)}
VIDEO_HOSTS = ("youtube.com", "www.youtube.com", "youtu.be", "m.youtube.com")


@dataclass(slots=True)
class LoadContext:
    """What every file of one course is loaded with."""

    root: Path
    framework: Framework
    md: MarkdownIt
    assets: AssetRegistry
    diags: Diagnostics


@dataclass(slots=True)
class _SectionDraft:
    title: str
    loc: Location
    blocks: list[Block] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    narration: Narration | None = None


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, 1-based line of the body's first line), or None."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    return None


class LessonLoader:
    """Builds one :class:`Lesson`; all problems go to the context's diagnostics."""

    def __init__(self, path: Path, ctx: LoadContext) -> None:
        self.path = path
        self.ctx = ctx
        self.diags = ctx.diags
        self.question_count = 0

    def load(self) -> Lesson | None:
        text = read_text(self.path, self.diags, base=self.ctx.root)
        if text is None:
            return None
        parts = split_front_matter(text)
        if parts is None:
            self.diags.add(codes.LESSON_NO_FRONT_MATTER, Location(self.path, 1, 1))
            return None
        front, body, body_line = parts
        node = parse_yaml(front, self.path, self.diags, 1)
        if node is None and front.strip():
            return None  # the YAML syntax error is reported; missing fields would only repeat it
        meta = FRONT_MATTER.read(node, Location(self.path, 1, 1), self.diags)
        if meta is None:
            return None
        lesson_id = get_str(meta, "id", self.diags) or ""
        if lesson_id and not is_valid_id(lesson_id):
            self.diags.add(codes.ID_INVALID, meta.items["id"].loc, id=lesson_id)
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
        title = get_str(meta, "title", self.diags) or self.lesson_id
        lines = text.split("\n")
        self.renderer = Renderer(self.ctx.md, self.path, lines, self.ctx.assets, self.diags)
        sections = self._sections(body, body_line, title)
        return Lesson(
            id=self.lesson_id, title=title, path=self.path, loc=Location(self.path, 1, 1),
            competencies=tuple(code for code, _ in competencies), level=self.level, duration=duration or 0,
            objectives=tuple(o for o, _ in get_str_list(meta, "objectives", self.diags)),
            sections=sections, sources=tuple(s for s, _ in get_str_list(meta, "sources", self.diags)),
            summary=get_str(meta, "summary", self.diags, "") or "",
        )

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
                new_title = inline_text(tokens[i + 1]) if token.type == "heading_open" else drafts[-1].title
                line = body_line + (token.map or (0, 0))[0]
                drafts.append(_SectionDraft(new_title, Location(self.path, line, 1)))
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

    def _finish(self, drafts: list[_SectionDraft]) -> tuple[Section, ...]:
        sections: list[Section] = []
        for number, draft in enumerate(drafts):
            if not draft.blocks and draft.narration is None:
                if number > 0:
                    self.diags.add(codes.SECTION_EMPTY, draft.loc, title=draft.title)
                continue
            sections.append(Section(
                index=len(sections), title=draft.title, loc=draft.loc, blocks=tuple(draft.blocks),
                points=tuple(draft.points), images=tuple(draft.images), narration=draft.narration,
            ))
        return tuple(sections)

    def _flush(self, prose: list[Token], draft: _SectionDraft, body_line: int) -> None:
        if not prose:
            return
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
        return kind_of(src) in ("audio", "video") or urlsplit(src).hostname in VIDEO_HOSTS

    def _media(self, inline: Token, draft: _SectionDraft, body_line: int) -> None:
        image = next(c for c in inline.children or () if c.type == "image")
        src = unquote(str(image.attrs.get("src", "")))
        first, last = self.renderer.span(inline, body_line)
        loc = self.renderer.locate(src, first, last)
        title = "".join(c.content for c in image.children or ()).strip()
        if not title:
            self.diags.add(codes.MEDIA_NO_TITLE, loc, path=src)
        if urlsplit(src).scheme:
            if urlsplit(src).scheme != "https":
                self.diags.add(codes.LINK_UNSAFE, loc, url=src, reason="only https:// video links are allowed")
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
        start = body_line + (token.map or (0, 0))[0]
        loc = Location(self.path, start, 1)
        try:
            name, *args = shlex.split(token.info.strip()) or [""]
        except ValueError:
            name, *args = token.info.split() or [""]
        if name not in FENCES:
            self.diags.add(codes.FENCE_UNKNOWN, loc, name=name, suggestion=did_you_mean(name, list(FENCES)))
            return
        if not self._closed(token, body_line):
            self.diags.add(codes.FENCE_UNCLOSED, loc, name=name)
            return
        options = self._options(name, args, loc)
        if options is None:
            return
        content, first = token.content, start + 1
        getattr(self, f"_fence_{name}")(content, first, loc, options, draft)

    def _closed(self, token: Token, body_line: int) -> bool:
        last_line = body_line + (token.map or (0, 1))[1] - 1
        text = self.renderer.lines[last_line - 1].strip() if 0 < last_line <= len(self.renderer.lines) else ""
        return last_line > body_line + (token.map or (0, 0))[0] and set(text) == {":"} and len(text) >= 3

    def _options(self, name: str, args: list[str], loc: Location) -> dict[str, str] | None:
        options: dict[str, str] = {}
        allowed = FENCE_OPTIONS[name]
        for arg in args:
            if arg in FENCE_FLAGS.get(name, ()):
                options[arg] = "true"
                continue
            key, sep, value = arg.partition("=")
            if not sep or key not in allowed:
                self.diags.add(codes.FENCE_BAD_OPTION, loc, option=arg, name=name,
                               allowed=", ".join(f"{a}=…" for a in allowed) or "không tuỳ chọn nào")
                return None
            options[key] = value
        return options

    def _fence_quiz(self, content: str, first: int, loc: Location, options: dict[str, str], draft: _SectionDraft) -> None:
        questions = self.read_questions(content, first, loc, options, self.lesson_id)
        if questions:
            draft.blocks.append(QuizBlock(tuple(questions), loc, in_video="in-video" in options))

    def read_questions(self, content: str, first: int, loc: Location, options: dict[str, str], prefix: str) -> list[Question]:
        """Questions of one quiz block; also used for item-bank files."""
        defaults = QuizDefaults(options.get("competency", ""), options.get("level", self.level), options.get("points", "1"))
        parser = QuizParser(self.renderer, self.diags, defaults, prefix, self.lesson_id if prefix == self.lesson_id else None)
        before = self.diags.count_errors()
        questions = parser.build(content.split("\n"), first, self.question_count + 1)
        self.question_count += len(parser.drafts)
        for q in questions:
            check_competency(q.competency, q.loc, self.ctx.framework, self.diags)
            check_level(q.level, q.loc, self.ctx.framework, self.diags)
        if not parser.drafts and self.diags.count_errors() == before:
            self.diags.add(codes.QUIZ_EMPTY_BLOCK, loc)
        return questions

    def _fence_task(self, content: str, first: int, loc: Location, options: dict[str, str], draft: _SectionDraft) -> None:
        task = parse_task(content, first, loc, self.renderer, self.diags, self.lesson_id)
        if task is None:
            return
        for criterion in task.criteria:
            check_competency(criterion.competency, criterion.loc, self.ctx.framework, self.diags)
        draft.blocks.append(TaskBlock(task, loc))

    def _fence_teacher(self, content: str, first: int, loc: Location, options: dict[str, str], draft: _SectionDraft) -> None:
        rendered = self.renderer.render_text(content, first)
        draft.blocks.append(TeacherNote(rendered.html, rendered.text, loc))

    def _fence_narration(self, content: str, first: int, loc: Location, options: dict[str, str], draft: _SectionDraft) -> None:
        if draft.narration is not None:
            self.diags.add(codes.NARRATION_TWICE, loc, first=draft.narration.loc.line)
            return
        audio = None
        if "audio" in options:
            audio = self.ctx.assets.add(options["audio"], loc, ("audio",), base=self.path.parent)
        text = self.renderer.render_text(content, first).text
        draft.narration = Narration(" ".join(text.split()), loc, audio)


def load_lesson(path: Path, ctx: LoadContext) -> Lesson | None:
    """Load one lesson file (see :class:`LessonLoader`)."""
    return LessonLoader(path, ctx).load()


def load_bank(path: Path, ctx: LoadContext) -> list[Question]:
    """An item-bank file: Markdown whose '::: quiz' blocks hold certification items.

    Prose and headings between blocks are notes for authors and are ignored.
    """
    loader = LessonLoader(path, ctx)
    text = read_text(path, ctx.diags, base=ctx.root)
    if text is None:
        return []
    loader.lesson_id, loader.level = slug(Path(path).stem), ""
    loader.renderer = Renderer(ctx.md, path, text.split("\n"), ctx.assets, ctx.diags)
    parts = split_front_matter(text)
    body, body_line = (parts[1], parts[2]) if parts else (text, 1)
    questions: list[Question] = []
    for token in loader.renderer.parse(body):
        if token.type != "colon_fence":
            continue
        loc = Location(path, body_line + (token.map or (0, 0))[0], 1)
        name, *args = token.info.split() or [""]
        if name != "quiz":
            ctx.diags.add(codes.FENCE_UNKNOWN, loc, name=name, suggestion="Tệp ngân hàng câu hỏi chỉ chứa khối '::: quiz'. ")
            continue
        options = loader._options(name, args, loc)
        if options is not None and loader._closed(token, body_line):
            questions += loader.read_questions(token.content, loc.line + 1, loc, options, f"bank-{loader.lesson_id}")
        elif options is not None:
            ctx.diags.add(codes.FENCE_UNCLOSED, loc, name=name)
    return questions
