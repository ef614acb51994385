"""The ``hocvuso`` command."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from hocvuso import __version__
from hocvuso.diagnostics import CompilerError, Diagnostics, Severity

if TYPE_CHECKING:
    from hocvuso.model import Course


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hocvuso", description="Biên dịch bài học Markdown thành khoá học Open edX, SCORM, trình chiếu và video."
    )
    parser.add_argument("--version", action="version", version=f"hocvuso {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("groups", nargs="*", help="course folders to use (default: all)")
        p.add_argument("--courses", type=Path, default=Path("courses"), help="the courses folder (default: courses)")
        p.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("HOCVUSO_LANG", "vi"), help="language of messages")
        p.add_argument("--ignore", action="append", default=[], metavar="CODE",
                       help="ignore a code (HV205, html.removed, html.*)")

    check = sub.add_parser("check", help="report every problem in the courses")
    common(check)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")

    build = sub.add_parser("build", help="check, then build every output into build/")
    common(build)
    build.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    build.add_argument("--only", default="", help="comma-separated emitters, e.g. olx,scorm")
    build.add_argument("--no-video", action="store_true", help="skip narrated video (quick build)")
    build.add_argument("--tts", default="", metavar="ENGINE",
                       help="narration voice: espeak[:VOICE[:WPM]] (default espeak:vi:150) or piper:/path/to/voice.onnx; "
                            "LANG=SPEC for a translation's language, comma-separated (km=piper:/path/km.onnx)")
    build.add_argument("--force", action="store_true", help="rebuild even unchanged courses")
    build.add_argument("--scorm-per-lesson", action="store_true",
                       help="also write one SCORM package per lesson (build/scorm12/<group>/<lesson>.zip)")

    cover = sub.add_parser("coverage", help="competencies × lessons, questions, items and rubric criteria")
    common(cover)

    items = sub.add_parser("items", help="answer cues per course: longest keys, key positions, hints (docs/items.md)")
    common(items)

    outline = sub.add_parser("outline", help="print the courses' lessons and competencies as Markdown")
    common(outline)
    outline.add_argument("--update", type=Path, metavar="FILE", help="replace the course list between the markers in FILE")

    verify = sub.add_parser("verify", help="check a certificate's signed credential (.jwt) offline")
    verify.add_argument("credential", type=Path, help="the credential file (VC-JWT) a learner downloaded")
    verify.add_argument("--key", type=Path, help="the issuer's published public key (PEM or JWK)")
    verify.add_argument("--jwks", type=Path, help="the issuer's published JWK Set (the key is chosen by the credential's kid)")
    verify.add_argument("--status-list", type=Path, help="the issuer's status list (.jwt from statusListCredential): checks revocation")
    verify.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("HOCVUSO_LANG", "vi"), help="language of messages")
    verify.add_argument("--courses", type=Path, default=Path("courses"),
                        help="courses folder whose framework.yaml lists the competency codes (default: courses)")
    verify.add_argument("--json", action="store_true", help="also print the credential's content")

    preview = sub.add_parser("preview", help="play a course's SCORM package in a local SCORM run-time (127.0.0.1)")
    preview.add_argument("group", help="the course folder, e.g. citizens")
    preview.add_argument("--courses", type=Path, default=Path("courses"), help="the courses folder (default: courses)")
    preview.add_argument("--out", type=Path, default=Path("build"), help="the build folder (default: build)")
    preview.add_argument("--version", choices=("12", "2004"), default="2004", help="SCORM version shown first")
    preview.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    preview.add_argument("--no-build", action="store_true", help="use the packages already in build/")
    preview.add_argument("--no-video", action="store_true", help="build without narrated video")
    preview.add_argument("--open", action="store_true", help="open the preview in the web browser")
    preview.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("HOCVUSO_LANG", "vi"), help="language of messages")
    preview.add_argument("--ignore", action="append", default=[], metavar="CODE", help="ignore a code")

    from hocvuso.commands.report import add_parser as add_report_parser

    add_report_parser(sub)

    from hocvuso.commands.i18n import add_parser as add_i18n_parser
    common(add_i18n_parser(sub))

    sub.add_parser("errors", help="list every diagnostic code").add_argument(
        "--markdown", action="store_true", help="print docs/errors.md")
    return parser


def _report(diags: Diagnostics, lang: str) -> None:
    for diag in diags:
        print(diags.render(diag, lang), file=sys.stderr)
    if len(diags):
        print(diags.summary(lang), file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from hocvuso.project import Project, load

    diags = Diagnostics(args.ignore)
    load(Project(args.courses), args.groups, diags, translations=True, voices="")
    _report(diags, args.lang)
    worst = diags.worst()
    if worst is None:
        print("Không có lỗi." if args.lang == "vi" else "No problems found.")
    return 1 if worst is not None and (worst >= Severity.ERROR or (args.strict and worst >= Severity.WARNING)) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from hocvuso.build import Builder
    from hocvuso.emitters import registry
    from hocvuso.options import BuildOptions
    from hocvuso.project import Project

    names = [n.strip() for n in args.only.split(",") if n.strip()] or None
    unknown = sorted(set(names or ()) - set(registry()))
    if unknown:
        print(f"hocvuso: unknown emitter(s) {', '.join(unknown)}; known: {', '.join(registry())}", file=sys.stderr)
        return 2
    if args.tts and not args.no_video:
        from hocvuso.media.tts import engine_from_spec

        for entry in args.tts.split(","):  # 'espeak:vi', 'km=piper:/path/km.onnx', … (media/voices.py)
            engine_from_spec(entry.partition("=")[2] if "=" in entry else entry).key()  # a bad one stops here
    options = BuildOptions(video=not args.no_video, tts=args.tts or None, scorm_per_lesson=args.scorm_per_lesson)
    diags = Diagnostics(args.ignore)
    builder = Builder(Project(args.courses), args.out, names, options, args.force,
                      log=lambda m: print(m, file=sys.stderr))
    report = builder.run(args.groups, diags)
    _report(diags, args.lang)
    if not report.ok:
        print("Biên dịch thất bại; thư mục build/ không thay đổi." if args.lang == "vi"
              else "Build failed; build/ was left unchanged.", file=sys.stderr)
        return 1
    for group in report.unchanged:
        print(f"{group}: không đổi" if args.lang == "vi" else f"{group}: unchanged")
    for path in report.written:
        print(f"{args.out / path}")
    return 0


def _load_clean(args: argparse.Namespace) -> list[Course] | None:
    """The chosen courses, or None after reporting their errors (for commands that read the model)."""
    from hocvuso.project import Project, load

    diags = Diagnostics(args.ignore)
    _, courses = load(Project(args.courses), args.groups, diags)
    if diags.has_errors():
        _report(diags, args.lang)
        return None
    return courses


def cmd_coverage(args: argparse.Namespace) -> int:
    from hocvuso.commands.coverage import coverage, render

    courses = _load_clean(args)
    if courses is None:
        return 1
    gaps = 0
    for course in courses:
        table = coverage(course)
        print(render(table) + "\n")
        gaps += len(table.gaps)
    print(f"{gaps} chỗ thiếu." if args.lang == "vi" else f"{gaps} gap(s).")
    return 1 if gaps else 0


def cmd_items(args: argparse.Namespace) -> int:
    """Print each course's cue figures; exit 1 when a course is over a documented limit."""
    from hocvuso.checks import cues
    from hocvuso.commands.items import always_drawn, course_figures, render

    courses = _load_clean(args)
    if courses is None:
        return 1
    over = 0
    for course in courses:
        rows = course_figures(course)
        print(render(course.group, rows))
        print(f"  bank items on every certification form: {always_drawn(course)} of {len(course.bank)}\n")
        whole = rows[-1]
        over += (not cues.MIN_LONGEST_SHARE <= whole.longest_share <= cues.MAX_LONGEST_SHARE
                 or whole.position_share > cues.MAX_POSITION_SHARE)
    return 1 if over else 0


def cmd_outline(args: argparse.Namespace) -> int:
    from hocvuso.commands.outline import outline_markdown, replace_outline

    courses = _load_clean(args)
    if courses is None:
        return 1
    text = outline_markdown(courses)
    if args.update:
        return 0 if replace_outline(args.update, text) else 1
    print(text, end="")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Exit 0 only when the signature checks out against a trusted key and nothing is wrong; else 1."""
    import json

    from hocvuso.commands.verify import framework_codes, verify_file
    from hocvuso.diagnostics import codes

    lang = args.lang
    known = framework_codes(args.courses)
    report = verify_file(args.credential, args.key, known, jwks_path=args.jwks, status_path=args.status_list)
    for found in report.passed:
        print(f"✔ {found.code.id} {found.message(lang)}")
    if known is None:
        print(f"! {codes.CRED_NO_FRAMEWORK.id} {codes.CRED_NO_FRAMEWORK.message(lang, {'path': str(args.courses / 'framework.yaml')})}")
    for found in report.notes:
        print(f"! {found.code.id} {found.message(lang)} {found.fix(lang)}")
    for found in report.problems:
        print(f"✘ {found.code.id} {found.message(lang)}\n  → {found.fix(lang)}", file=sys.stderr)
    if args.json and report.credential is not None:
        print(json.dumps(report.credential, ensure_ascii=False, indent=2))
    verdict = codes.CRED_VALID if report.ok else codes.CRED_INVALID
    print(verdict.message(lang, {}))
    return 0 if report.ok else 1


def cmd_errors(args: argparse.Namespace) -> int:
    from hocvuso.diagnostics.catalogue import catalogue_markdown, catalogue_text

    print(catalogue_markdown() if args.markdown else catalogue_text(), end="")
    return 0


def cmd_i18n(args: argparse.Namespace) -> int:
    from hocvuso.commands import i18n
    from hocvuso.project import Project, load

    if args.ui:
        return _i18n_ui(args)
    project = Project(args.courses)
    diags = Diagnostics(args.ignore)
    framework, courses = load(project, args.groups, diags)
    if framework is None or diags.has_errors():  # warnings are `check`'s business
        _report(diags, args.lang)
        return 1
    diags = Diagnostics(args.ignore)
    for course in courses:
        found = i18n.templates(course.root, framework, Diagnostics())
        if args.action == "extract":
            for path in i18n.write_templates(found, args.out / "gettext" / course.group):
                print(path)
            continue
        for language in args.language or [t.language for t in course.translations]:
            domains = i18n.wanted_domains(course, language, list(found))
            if args.action == "update":
                for path in i18n.update(course.root, language, found, domains, diags):
                    print(path)
            else:
                print(i18n.render_status(course.group, language, i18n.status(course.root, language, found, domains, diags)))
    _report(diags, args.lang)
    return 1 if diags.has_errors() else 0


def _i18n_ui(args: argparse.Namespace) -> int:
    """`hocvuso i18n … --ui`: the catalogues of the SCORM and OLX pages' words."""
    from hocvuso.commands import i18n

    diags = Diagnostics(args.ignore)
    found = i18n.ui_templates()
    if args.action == "extract":
        for path in i18n.write_templates(found, args.out / "gettext" / "ui"):
            print(path)
    for language in args.language or (i18n.ui_languages() if args.action != "extract" else []):
        if args.action == "update":
            for path in i18n.update_ui(language, found, diags):
                print(path)
        elif args.action == "status":
            print(i18n.render_status("ui", language, i18n.status(None, language, found, list(found), diags)))
    _report(diags, args.lang)
    return 1 if diags.has_errors() else 0


def cmd_preview(args: argparse.Namespace) -> int:
    from hocvuso.commands.preview import run_preview

    return run_preview(args)


def cmd_report(args: argparse.Namespace) -> int:
    from hocvuso.commands.report import run

    return run(args)


COMMANDS = {"check": cmd_check, "build": cmd_build, "verify": cmd_verify, "coverage": cmd_coverage, "items": cmd_items,
            "outline": cmd_outline,
            "errors": cmd_errors, "preview": cmd_preview, "report": cmd_report,
            "i18n": cmd_i18n}


def main(argv: list[str] | None = None) -> int:
    """Entry point: exit 0 on success, 1 when the sources have errors, 2 on misuse."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CompilerError as err:
        print(f"hocvuso: {err.category}: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug, not an author mistake: say so plainly
        if os.environ.get("HOCVUSO_DEBUG"):
            raise
        last = traceback.extract_tb(sys.exc_info()[2])[-1]
        print(f"hocvuso: internal error at {Path(last.filename).name}:{last.lineno}. "
              "This is a bug in hocvuso, not in your lesson; run again with HOCVUSO_DEBUG=1 and report it.",
              file=sys.stderr)
        return 3
