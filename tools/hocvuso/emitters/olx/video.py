"""Video components: YouTube references from lessons, and (with the media
pipeline) each lesson's narrated video with its transcript."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from hocvuso.emitters.olx.xmlutil import el

if TYPE_CHECKING:
    from lxml import etree

    from hocvuso.emitters.olx.writer import CourseWriter
    from hocvuso.model import Course, Lesson, Media


def youtube_id(url: str) -> str:
    """The video id of a youtube.com/watch?v=… or youtu.be/… URL ('' if none)."""
    parts = urlsplit(url)
    if parts.hostname == "youtu.be":
        return parts.path.strip("/")
    return parse_qs(parts.query).get("v", [""])[0]


def youtube(writer: CourseWriter, url_name: str, media: Media) -> etree._Element:
    """Write video/<url_name>.xml for a YouTube or https video; return its pointer."""
    vid = youtube_id(media.url)
    attrs: dict[str, object] = {"display_name": media.title or "Video", "download_video": False}
    if vid:
        attrs |= {"youtube": f"1.00:{vid}", "youtube_id_1_0": vid}
    else:
        attrs |= {"html5_sources": f'["{media.url}"]', "youtube_id_1_0": ""}
    writer.put_xml(f"video/{url_name}.xml", el("video", attrs))
    return el("video", {"url_name": url_name})


def lesson_verticals(writer: CourseWriter, lesson: Lesson) -> list[str]:
    """Verticals to put first in the lesson's sequential: its narrated video (with
    transcript and in-video questions) when the build makes videos; none otherwise."""
    return []


def advanced_modules(course: Course) -> set[str]:
    return set()
