"""How fast narrated lesson videos are made: minutes of video per minute of wall time, 720p.

For one whole course (a real one from courses/, or a generated one of similar size) it prints
  pipeline  everything `hocvuso build` does for the course's media from an empty cache:
            text-to-speech, slides, thumbnails, captions, transcript, MP4 + audio-only M4A,
  floor     a direct ffmpeg encode of the same slides and the same joined narration into the
            same MP4 (same codecs and settings), lesson by lesson, two lessons at a time as the
            pipeline does: the least any tool that encodes these slides must spend,
and the targets: pipeline ≥ 20× real time, pipeline / floor ≤ 1.5.

Run by hand:  .venv/bin/python benchmarks/media_video.py [--course citizens] [--generated] [--rounds 3]
Absolute times on a shared machine are noise; read the ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from hocvuso.diagnostics import Diagnostics
from hocvuso.media import encode
from hocvuso.media.outputs import video_of
from hocvuso.media.pipeline import CPS_LIMIT, PAUSE_S, WORKERS, LessonPlan, RenderResult, reading_time, render_course
from hocvuso.options import BuildOptions
from hocvuso.project import Project, load

if TYPE_CHECKING:
    from hocvuso.model import Course

ROOT = Path(__file__).resolve().parents[1]

POINTS = [
    "Mã OTP là mật khẩu dùng một lần mà ngân hàng gửi qua tin nhắn.",
    "Kẻ gian thường giả danh nhân viên ngân hàng hoặc cơ quan nhà nước.",
    "Nếu ai đó gọi điện xin mã OTP, hãy từ chối và gác máy.",
    "Không bấm vào đường link lạ trong tin nhắn.",
]


def generated_course(root: Path, lessons: int = 11, sections: int = 7) -> Path:
    """A course shaped like courses/citizens: 11 lessons of 7 slides with narration."""
    courses = root / "courses"
    folder = courses / "citizens"
    (folder / "lessons").mkdir(parents=True)
    shutil.copyfile(ROOT / "courses" / "framework.yaml", courses / "framework.yaml")
    names = []
    for n in range(1, lessons + 1):
        body = [f"---\nid: bai-{n:02d}\ntitle: Bài {n} — Bảo vệ mã OTP\ncompetencies: [4.2]\nlevel: CB2\n"
                "duration: 10\nobjectives:\n  - Nhận biết cuộc gọi xin mã OTP là lừa đảo\n---\n\n"
                "Bài này giúp bạn giữ an toàn cho tài khoản ngân hàng.\n"]
        for s in range(1, sections):
            points = "\n".join(f"- {p}" for p in POINTS)
            body.append(f"\n## Phần {s}: giữ an toàn\n\n{points}\n\n::: narration\n{' '.join(POINTS)}\n:::\n")
        (folder / "lessons" / f"bai-{n:02d}.md").write_text("".join(body), encoding="utf-8")
        names.append(f"      - lessons/bai-{n:02d}.md")
    (folder / "course.yaml").write_text(
        'org: BDHVS\ncourse: BENCH\nrun: "2026-1"\ntitle: Khoá đo tốc độ\nstart: 2026-01-15\nchapters:\n'
        "  - id: chuong-1\n    title: Chương 1\n    lessons:\n" + "\n".join(names) + "\n", encoding="utf-8")
    return courses


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (workers, ffmpeg): other load on the machine does not count."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def floor_inputs(plan: LessonPlan, work: Path) -> list[str]:
    """The joined narration and the slide list of one lesson (prepared outside the timing)."""
    folder = work / plan.lesson_id
    folder.mkdir(parents=True)
    rate = encode.RATE
    spans = encode.join_narration([plan.store.audio(s.audio_key) for s in plan.slides], round(PAUSE_S * rate),
                                  [round(reading_time(s.spec) * rate) for s in plan.slides], folder / "narration.wav")
    bounds = [(round(s.start * 1000 / rate), round(s.end * 1000 / rate)) for s in spans]
    (folder / "slides.ffconcat").write_text(encode.concat_list(plan.slide_paths(), bounds), encoding="utf-8")
    args = encode.encode_args(str(folder / "slides.ffconcat"), str(folder / "narration.wav"), str(folder / "floor.mp4"))
    return [encode.ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args]


def measure(course: Course, work: Path) -> tuple[float, float, float, float, float, RenderResult]:
    """One round from an empty cache: (pipeline wall, CPU, floor wall, CPU, narrated seconds, media)."""
    options = BuildOptions(video=True, cache=work / "cache")
    start, cpu = time.perf_counter(), cpu_seconds()
    media = render_course(course, options, stream=sys.stderr)
    pipeline, pipeline_cpu = time.perf_counter() - start, cpu_seconds() - cpu
    narrated = sum(video.duration for plan in media.plans if (video := video_of(plan)) is not None)

    commands = [floor_inputs(plan, work / "floor") for plan in media.plans]
    start, cpu = time.perf_counter(), cpu_seconds()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(lambda c: subprocess.run(c, check=True), commands))
    floor, floor_cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return pipeline, pipeline_cpu, floor, floor_cpu, narrated, media


def reading_speeds(media: RenderResult) -> list[float]:
    """On-screen characters per second of every slide: its title and points over the time it is shown."""
    speeds = []
    for plan in media.plans:
        video = video_of(plan)
        if video is None:
            continue
        for slide, (start, end) in zip(plan.slides, video.slide_times, strict=True):
            speeds.append((len(slide.spec.title) + sum(len(p) for p in slide.spec.points)) / (end - start))
    return sorted(speeds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--course", default="citizens", help="course folder under courses/ (default: citizens)")
    parser.add_argument("--generated", action="store_true", help="use a generated course of similar size instead")
    parser.add_argument("--rounds", type=int, default=3, help="rounds from an empty cache; the best of each is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-media-") as tmp:
        courses = generated_course(Path(tmp)) if args.generated else ROOT / "courses"
        group = "citizens" if args.generated else args.course
        diags = Diagnostics()
        _, loaded = load(Project(courses), [group], diags)
        if not loaded:
            print("\n".join(diags.render(d, "en") for d in diags), file=sys.stderr)
            return 1
        rounds = [measure(loaded[0], Path(tmp) / f"round-{n}") for n in range(args.rounds)]
        speeds = reading_speeds(rounds[0][5])  # while the cache is still there
    pipeline, pipeline_cpu, floor, floor_cpu = (min(r[i] for r in rounds) for i in range(4))
    narrated, media = rounds[0][4], rounds[0][5]
    print(f"course           {group}{' (generated)' if args.generated else ''}: {len(media.plans)} lessons, "
          f"{sum(len(p.slides) for p in media.plans)} slides, {narrated / 60:.1f} min of narrated video, 1280×720")
    print(f"made per round   {media.counts}; best of {args.rounds} rounds, {os.cpu_count()} cores")
    print("                 wall                        CPU (all processes)")
    print(f"pipeline         {pipeline:6.2f} s {narrated / pipeline:6.1f}× real time   {pipeline_cpu:6.2f} s   (target ≥ 20× real time)")
    print(f"floor (ffmpeg)   {floor:6.2f} s {narrated / floor:6.1f}× real time   {floor_cpu:6.2f} s")
    print(f"pipeline/floor   {pipeline / floor:6.2f}                     {pipeline_cpu / floor_cpu:6.2f}     (target ≤ 1.5)")
    print(f"on-screen text   max {speeds[-1]:.1f} cps, p95 {speeds[int(0.95 * (len(speeds) - 1))]:.1f} cps over "
          f"{len(speeds)} slides (limit {CPS_LIMIT:g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
