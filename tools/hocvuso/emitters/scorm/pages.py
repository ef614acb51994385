"""The player's page: every lesson of the course as one accessible HTML document.

A SCO must keep one run-time session from start to finish, so the package is
a single page that shows one "page" (home, a lesson, results) at a time; all
lesson content is ordinary HTML in it.  Teacher notes are never written here.
Vietnamese UI strings live in this module and in the player script.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from hocvuso.emitters.olx.video import youtube_id
from hocvuso.emitters.scorm.data import HOME, RESULTS, data_script
from hocvuso.emitters.scorm.questions import h, question_html
from hocvuso.emitters.scorm.video import video_html
from hocvuso.model import Media, Prose, QuizBlock, TaskBlock, TeacherNote

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hocvuso.media.outputs import LessonVideo
    from hocvuso.model import Block, Course, Lesson, Section, Task


def index_html(course: Course, data: dict[str, object], videos: dict[str, LessonVideo | None]) -> str:
    """The launch page of the package."""
    lang = escape(course.language or "vi")
    lessons = course.lessons
    pages = [home_page(course), *(lesson_page(course, lesson, n, len(lessons), videos.get(lesson.id))
                                  for n, lesson in enumerate(lessons, 1)), results_page(course)]
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(course.title)}</title>
<link rel="stylesheet" href="player/hocvuso.css">
<noscript><style>.page[hidden]{{display:block}}</style></noscript>
</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="bar">
<p class="brand">{escape(course.title)}</p>
<button type="button" id="hv-menu" aria-expanded="false" aria-controls="hv-toc">Mục lục</button>
</header>
{toc(course)}
<main id="main" tabindex="-1">
{"".join(pages)}
</main>
<nav class="pager" aria-label="Chuyển trang">
<button type="button" id="hv-prev">‹ Trước</button>
<span id="hv-pos"></span>
<button type="button" id="hv-next">Tiếp ›</button>
</nav>
<p id="hv-status" class="status" role="status"></p>
<script type="application/json" id="hv-data">{data_script(data)}</script>
<script src="player/hocvuso.js"></script>
</body>
</html>
"""


def toc(course: Course) -> str:
    items = [f'<li><a href="#p-{HOME}" data-go="{HOME}">Trang đầu</a></li>']
    items += [f'<li><a href="#p-{lesson.id}" data-go="{lesson.id}">{escape(lesson.title)}</a></li>' for lesson in course.lessons]
    items.append(f'<li><a href="#p-{RESULTS}" data-go="{RESULTS}">Kết quả</a></li>')
    return f'<nav id="hv-toc" class="toc" aria-label="Mục lục" hidden><ol>{"".join(items)}</ol></nav>'


def _page(page_id: str, title: str, body: str, hidden: bool = True) -> str:
    return (f'<section class="page" id="p-{page_id}" data-page="{page_id}" aria-labelledby="h-{page_id}"'
            f'{" hidden" if hidden else ""}>\n<h1 id="h-{page_id}" tabindex="-1">{escape(title)}</h1>\n{body}\n</section>\n')


def home_page(course: Course) -> str:
    lessons = "".join(f'<li><a href="#p-{lesson.id}" data-go="{lesson.id}">{escape(lesson.title)}</a> '
                      f'<span class="muted">({lesson.duration} phút)</span></li>' for lesson in course.lessons)
    names = course.framework.competencies
    skills = "".join(f"<li><strong>{escape(code)}</strong> {escape(names[code].name) if code in names else ''}</li>"
                     for code in course.competencies)
    count = len(course.questions)
    body = (f'<p class="lead">{escape(course.description)}</p>' if course.description else "") + (
        f'<p><button type="button" class="primary" data-go="{course.lessons[0].id if course.lessons else RESULTS}">'
        f"Bắt đầu học</button></p>"
        f"<h2>Các bài học</h2><ol class=\"lessons\">{lessons}</ol>"
        f"<h2>Năng lực số của khoá học</h2><ul>{skills}</ul>"
        f"<p>Khoá học có {count} câu hỏi luyện tập. Kết quả của từng câu được ghi theo năng lực.</p>")
    return _page(HOME, course.title, body, hidden=False)


def results_page(course: Course) -> str:
    rule = course.certification.pass_rule
    body = (f"<p>Để đạt, bạn cần làm đúng ít nhất {round(rule.overall_threshold * 100)}% số điểm của cả khoá "
            f"và ít nhất {round(rule.competency_threshold * 100)}% ở mỗi năng lực có câu hỏi.</p>"
            '<div id="hv-results"></div>'
            '<p><button type="button" class="primary" id="hv-finish">Nộp kết quả và kết thúc</button></p>'
            '<p id="hv-finished" class="notice" hidden>Đã nộp kết quả. Bạn có thể đóng cửa sổ này.</p>')
    return _page(RESULTS, "Kết quả", body)


def lesson_page(course: Course, lesson: Lesson, number: int, total: int, video: LessonVideo | None) -> str:
    goals = "".join(f"<li>{escape(o)}</li>" for o in lesson.objectives)
    parts = [f'<p class="meta">Bài {number}/{total} · {lesson.duration} phút · Bậc {escape(lesson.level)}</p>']
    if lesson.summary:
        parts.append(f'<p class="lead">{escape(lesson.summary)}</p>')
    if goals:
        parts.append(f'<div class="goals"><h2>Mục tiêu bài học</h2><ul>{goals}</ul></div>')
    if video is not None:
        parts.append(video_html(lesson, video))
    counter = iter(range(1, len(lesson.questions) + 1))
    parts += [section_html(course, lesson, section, counter) for section in lesson.sections]
    if lesson.sources:
        sources = "".join(f"<li>{escape(s)}</li>" for s in lesson.sources)
        parts.append(f'<div class="sources"><h2>Nguồn tham khảo</h2><ul>{sources}</ul></div>')
    return _page(lesson.id, lesson.title, "\n".join(parts))


def section_html(course: Course, lesson: Lesson, section: Section, counter: Iterator[int]) -> str:
    heading = "" if section.title == lesson.title else f"<h2>{escape(section.title)}</h2>"
    blocks = "\n".join(block_html(course, block, counter) for block in section.blocks)
    return f'<section class="sec" id="s-{lesson.id}-{section.index + 1}">{heading}\n{blocks}\n</section>'


def block_html(course: Course, block: Block, counter: Iterator[int]) -> str:
    if isinstance(block, Prose):
        return h(block.html)
    if isinstance(block, Media):
        return media_html(block)
    if isinstance(block, QuizBlock):
        return '<div class="quiz">' + "\n".join(question_html(q, next(counter), course.framework)
                                                 for q in block.questions) + "</div>"
    if isinstance(block, TaskBlock):
        return task_html(block.task)
    if isinstance(block, TeacherNote):
        return ""  # for the teacher's guide only, never for learners
    raise TypeError(f"no SCORM page for {type(block).__name__}")


def media_html(media: Media) -> str:
    """A course audio or video file with its captions; an external video only as a link (no network)."""
    title = escape(media.title or "Video")
    if media.asset is None:
        where = "YouTube" if youtube_id(media.url) else "trang gốc"
        return (f'<p class="ext"><a href="{escape(media.url)}" target="_blank" rel="noopener">{title}</a> '
                f"<span class=\"muted\">(xem trên {where}, cần Internet)</span></p>")
    src = f"assets/{media.asset.name}"
    if media.kind == "audio":
        return f'<figure class="media"><audio controls preload="none" src="{src}"></audio><figcaption>{title}</figcaption></figure>'
    track = (f'<track kind="captions" src="assets/{media.captions.name}" srclang="vi" label="Tiếng Việt" default>'
             if media.captions else "")
    kind = media.asset.path.suffix.lstrip(".").lower()
    return (f'<figure class="media"><video controls preload="none" playsinline>'
            f'<source src="{src}" type="video/{kind}">{track}</video><figcaption>{title}</figcaption></figure>')


def task_html(task: Task) -> str:
    """A rubric task as instructions with its rubric; it is graded by a teacher, not by the package."""
    criteria = []
    for c in task.criteria:
        levels = "".join(f"<li><strong>{lv.points} điểm – {escape(lv.name)}:</strong> {escape(lv.explanation)}</li>"
                         for lv in c.levels)
        criteria.append(f"<li><h4>{escape(c.name)} <span class=\"muted\">(năng lực {escape(c.competency)})</span></h4>"
                        f"<p>{escape(c.prompt)}</p><ul>{levels}</ul></li>")
    return (f'<div class="task"><h3>Bài thực hành: {escape(task.title)}</h3>{h(task.prompt_html)}'
            f'<h4 class="rubric-title">Thang chấm</h4><ol class="rubric">{"".join(criteria)}</ol>'
            '<p class="muted">Bài thực hành do giáo viên hoặc người hướng dẫn chấm theo thang trên; '
            "điểm này không tính tự động trong gói bài học.</p></div>")
