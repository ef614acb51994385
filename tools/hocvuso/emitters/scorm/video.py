"""A lesson's narrated video (from the media pipeline) inside its lesson page.

The MP4 plays with its WebVTT captions; at the end of a section's cue the
player pauses it and asks that section's in-video questions, moved into the
panel under the video (one copy of each question, so an answer counts once).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Lesson

FOLDER = "video"


def video_files(lesson: Lesson, video: LessonVideo) -> dict[str, Path]:
    """Package path → file for the lesson's video, captions, poster and transcript (ASCII names from the lesson id)."""
    return {
        f"{FOLDER}/{lesson.id}.mp4": video.mp4,
        f"{FOLDER}/{lesson.id}.vtt": video.vtt,
        f"{FOLDER}/{lesson.id}-poster{video.poster.suffix.lower()}": video.poster,
        f"{FOLDER}/{lesson.id}-transcript{video.transcript.suffix.lower()}": video.transcript,
    }


def video_html(lesson: Lesson, video: LessonVideo) -> str:
    files = list(video_files(lesson, video))
    mp4, vtt, poster, transcript = files
    title = escape(lesson.title)
    return (f'<figure class="lesson-video" data-video="{escape(lesson.id)}">'
            # Nothing loads until the learner opens this lesson's page (the player then sets the
            # poster): a package holds every lesson, and learners may be on slow mobile data.
            f'<video controls preload="none" playsinline data-poster="{poster}" aria-label="Video bài học: {title}">'
            f'<source src="{mp4}" type="video/mp4">'
            f'<track kind="captions" src="{vtt}" srclang="vi" label="Tiếng Việt" default></video>'
            f'<figcaption>Video bài học, có phụ đề. <a href="{transcript}" target="_blank">Đọc lời thuyết minh</a></figcaption>'
            '<div class="vq" hidden><p class="vq-title"><strong>Dừng lại một chút: trả lời câu hỏi</strong></p>'
            '<div class="vq-slot"></div><p><button type="button" class="vq-go">Xem tiếp video</button></p></div>'
            "</figure>")
