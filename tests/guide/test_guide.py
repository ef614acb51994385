"""The printable teacher's guide: notes, answer keys and rubrics a mentor needs offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from hocvuso.emitters.guide import answer_key
from tests.olx.conftest import build, copy_sample

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "build" / "test-artifacts" / "guide"


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    courses = copy_sample(tmp_path_factory.mktemp("guide-course"))
    out = tmp_path_factory.mktemp("guide-build")
    build(courses, out, ["guide"])
    return out / "guide" / "citizens" / "index.html"


def test_guide_has_the_teacher_notes_and_every_practice_answer(guide: Path, sample_model):
    page = html.fromstring(guide.read_text(encoding="utf-8"))
    text = page.text_content()
    assert "Ghi chú chỉ dành cho giáo viên: chuẩn bị điện thoại mẫu." in text
    keys = {row.xpath("td//span[@class='stem']")[0].text_content(): row.xpath("td")[1].text_content()
            for row in page.xpath("//tbody/tr") if len(row.xpath("td")) == 3}
    assert len(keys) == len(sample_model.questions)
    assert keys["Một người gọi điện xin mã OTP. Bạn làm gì?"] == "b) Từ chối và gác máy"
    assert keys["Chọn các việc an toàn."] == "a) Bật khoá màn hình; c) Cập nhật ứng dụng"
    assert keys["Mã OTP thường có bao nhiêu chữ số?"] == "6 (± 2)"
    assert keys['"Mật khẩu dùng một lần" viết tắt là gì?'] == "OTP / mã OTP"
    assert keys["Sắp xếp các bước khi nghi bị lừa."] == "Gọi tổng đài ngân hàng → Yêu cầu khoá tài khoản → Báo công an"


def test_answer_key_of_matching_lists_the_pairs_without_distractors(sample_model):
    q = next(q for q in sample_model.questions if q.id == "ghep-noi")
    assert answer_key(q) == "Cuộc gọi xin mã OTP → Gác máy; Tin nhắn có đường link lạ → Không bấm link"


def test_guide_shows_each_task_rubric_with_its_levels(guide: Path, sample_model):
    text = html.fromstring(guide.read_text(encoding="utf-8")).text_content()
    task = sample_model.tasks[0]
    assert f"Bài thực hành: {task.title}" in text
    for criterion in task.criteria:
        for level in criterion.levels:
            assert f"{level.points} điểm — {level.name}: {level.explanation}" in text


def test_guide_is_accessible_and_looked_at(guide: Path, chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page(viewport={"width": 800, "height": 1000})
    try:
        page.goto(guide.as_uri())
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run()).violations
            .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)""")
        page.screenshot(path=str(ARTIFACTS / "guide.png"), full_page=True)
    finally:
        page.close()
    assert violations == []


def test_guide_has_each_lessons_steps_every_option_and_a_one_to_one_plan(guide: Path, sample_model):
    source = guide.read_text(encoding="utf-8")
    page = html.fromstring(source)
    text = page.text_content()
    lesson = sample_model.lessons[0]
    assert "Nội dung chính và các bước" in text
    for point in (p for s in lesson.sections for p in s.points):
        assert point.removeprefix("– ") in text
    assert text.count("Kèm một người (người hướng dẫn và một học viên") == len(sample_model.lessons)
    assert text.count("Buổi học nhóm") == len(sample_model.lessons)
    for q in (q for q in sample_model.questions if q.choices):
        options = [li.text_content() for li in page.xpath(f"//tr[td/span[@class='stem'][.={q.stem_text!r}]]//ul/li")]
        assert options == [f"{c.key}) {c.text}" + (" ✓" if c.correct else "") for c in q.choices]
    assert f"Tự học {lesson.duration} phút" in text
    assert 'counter(page) " / " counter(pages)' in source  # page numbers when printed


def test_an_authors_own_one_to_one_plan_replaces_the_generic_one(tmp_path: Path):
    courses = copy_sample(tmp_path / "src")
    lesson = next((courses / "citizens" / "lessons").glob("*.md"))
    text = lesson.read_text(encoding="utf-8")
    plan = ("Ghi chú chỉ dành cho giáo viên: chuẩn bị điện thoại mẫu.\n\n"
            "**Kèm một người (20 phút, trên điện thoại của học viên).**\n- Ngồi cạnh, để học viên tự bấm.\n")
    lesson.write_text(text.replace("Ghi chú chỉ dành cho giáo viên: chuẩn bị điện thoại mẫu.\n", plan, 1), encoding="utf-8")
    build(courses, tmp_path / "out", ["guide"])
    page = (tmp_path / "out" / "guide" / "citizens" / "index.html").read_text(encoding="utf-8")
    text = html.fromstring(page).text_content()
    assert "Buổi học nhóm và kèm một người (do người soạn bài viết)" in text
    assert "Kèm một người (20 phút, trên điện thoại của học viên)." in text
    assert "Kèm một người (người hướng dẫn và một học viên" not in text
