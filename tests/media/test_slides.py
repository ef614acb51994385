"""Slides: every Vietnamese letter drawn from a real glyph; long text continued on the next slide, never cut."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageStat

from hocvuso.media.fonts import font, font_path
from hocvuso.media.layout import BODY_BOTTOM, MARGIN, MIN_SIZE, SIZE, drawn_text, paginate, place
from hocvuso.media.slides import SlideSpec, alt_text, render_slide
from hocvuso.media.text import draw_text, line_height
from hocvuso.media.theme import theme_for

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang, huyền, sắc, hỏi, ngã, nặng


def vietnamese_letters() -> list[str]:
    """Every vowel with each of the five tone marks (and without), đ, in lower and upper case (NFC)."""
    lower = [unicodedata.normalize("NFC", v + tone) for v in VOWELS for tone in TONES] + ["đ"]
    return lower + [ch.upper() for ch in lower]


def test_the_letter_list_is_complete():
    letters = vietnamese_letters()
    assert len(letters) == len(set(letters)) == 2 * (12 * 6 + 1)
    assert all(len(ch) == 1 for ch in letters), "every letter has a precomposed code point"
    assert {"ặ", "Ặ", "ữ", "Ữ", "ỵ", "Ỵ", "đ", "Đ", "ớ", "Ợ"} <= set(letters)


def test_slide_fonts_have_a_glyph_for_every_vietnamese_letter():
    for weight in ("regular", "bold"):
        cmap = TTFont(font_path(weight), lazy=True).getBestCmap()
        missing = [ch for ch in vietnamese_letters() if ord(ch) not in cmap]
        assert missing == [], f"{font_path(weight).name} lacks {missing}"


def test_no_letter_is_drawn_as_the_missing_glyph_box():
    face = font(44)
    notdef = face.getmask("\ue000")  # a private-use code point: the font draws its .notdef box
    notdef_box = notdef.getbbox()
    for ch in vietnamese_letters():
        mask = face.getmask(ch)
        assert mask.getbbox() is not None, ch
        assert (mask.getbbox(), bytes(mask)) != (notdef_box, bytes(notdef)), f"{ch} is drawn as the missing-glyph box"


def test_a_slide_with_every_diacritic_renders_the_font_glyphs(artifacts: Path):
    letters = vietnamese_letters()
    half = len(letters) // 2
    points = tuple(" ".join(letters[i:i + 25]) for i in range(0, len(letters), 25))
    spec = SlideSpec(theme_for("citizens"), "Đủ dấu tiếng Việt: Ặ Ữ Ỵ Đ ặ ữ ỵ đ", points, "Bảng chữ cái tiếng Việt", 1, 1)
    laid_out = place(spec.title, spec.points, image=False)
    assert drawn_text([laid_out]).split() == letters, "every letter is on the slide"
    slide = render_slide(spec)
    slide.save(artifacts / "slide-diacritics.png")
    assert slide.size == SIZE
    # The fast glyph-stamping path draws the glyphs Pillow's own text layout draws: the same ink,
    # at the same heights (marks above and below), over the same width (at most a pixel of rounding).
    for text in (" ".join(letters[:half]), " ".join(letters[half:])):
        ours, pillows = (Image.new("L", (2600, 80), 0) for _ in range(2))
        draw_text(ImageDraw.Draw(ours), (10, 10), text, font(36), 255)
        ImageDraw.Draw(pillows).text((10, 10), text, font=font(36), fill=255)
        ink_ours, ink_pillow = ImageStat.Stat(ours).sum[0], ImageStat.Stat(pillows).sum[0]
        assert abs(ink_ours - ink_pillow) <= 0.01 * ink_pillow
        assert ours.getbbox()[1::2] == pillows.getbbox()[1::2]
        assert abs(ours.getbbox()[2] - pillows.getbbox()[2]) <= 1
        rows_ours, rows_pillow = (img.resize((1, img.height), Image.Resampling.BOX) for img in (ours, pillows))
        assert max(abs(a - b) for a, b in zip(rows_ours.getdata(), rows_pillow.getdata(), strict=True)) <= 2


def test_long_points_continue_on_the_next_slide_in_full_at_a_readable_size():
    long = ("Đặt mật khẩu khó đoán gồm chữ hoa, chữ thường, chữ số và ký hiệu đặc biệt, không dùng ngày sinh hay số điện "
            "thoại của mình. Ghi mật khẩu vào sổ riêng và cất ở nhà, không lưu trong tin nhắn hay ảnh chụp màn hình.")
    pages = paginate("Mật khẩu", [long] * 9, image=False).pages
    assert len(pages) > 1
    assert [p.title for p in pages[1:]] == ["Mật khẩu (tiếp)"] * (len(pages) - 1)
    layouts = [place(p.title, p.points, p.image, p.carried) for p in pages]
    assert drawn_text(layouts).split() == long.split() * 9
    for layout in layouts:
        for line in layout.lines:
            assert line.size >= MIN_SIZE
            assert line.x + line.width <= SIZE[0] - MARGIN + 1
            assert line.y + line_height(line.size) <= BODY_BOTTOM


def test_an_overfull_section_draws_nothing_in_the_caption_band_or_margin(artifacts: Path):
    points = tuple(f"Ý số {n}: không bấm vào đường link lạ trong tin nhắn, kể cả khi tin nhắn mang tên ngân hàng quen."
                   for n in range(1, 16))
    theme = theme_for("officials")
    pages = paginate("Một trang có quá nhiều ý để đọc hết trong một lần nhìn", points, image=False).pages
    for number, page in enumerate(pages, start=1):
        slide = render_slide(SlideSpec(theme, page.title, page.points, "Bài", number, len(pages), carried=page.carried))
        band = slide.crop((0, BODY_BOTTOM, SIZE[0], SIZE[1]))  # where the captions show
        assert band.getcolors() == [(band.width * band.height, theme.paper)]
        right = slide.crop((SIZE[0] - MARGIN + 4, 200, SIZE[0], BODY_BOTTOM))
        assert right.getcolors() == [(right.width * right.height, theme.paper)]
    slide.save(artifacts / "slide-continued.png")


def test_numbered_steps_keep_their_numbers_and_nested_points_are_indented():
    layout = place("Các bước", ("1. Mở ứng dụng.", "2. Chọn Quét mã.", "– Giữ máy yên.", "3. Xác nhận."), image=False)
    steps = [line.text for line in layout.lines if line.role == "step"]
    assert steps == ["1.", "2.", "3."]
    texts = {line.text: line.x for line in layout.lines if line.role == "point"}
    assert texts["Giữ máy yên."] > texts["Mở ứng dụng."]
    assert len(layout.dots) == 1 and not layout.dots[0].filled  # only the nested point has a (hollow) bullet


def test_alt_text_is_the_title_every_point_in_full_and_the_image_alt():
    spec = SlideSpec(theme_for("students"), "Mã OTP", ("Không đọc mã cho ai", "Gác máy."), "Bài", 1, 2,
                     image="x.png", image_sha256="0", image_alt="Tin nhắn có mã OTP")
    assert alt_text(spec) == "Mã OTP. Không đọc mã cho ai. Gác máy. Hình minh hoạ: Tin nhắn có mã OTP."


def test_each_learner_group_has_its_own_colour():
    colours = {theme_for(g).primary for g in ("citizens", "officials", "students", "workers")}
    assert len(colours) == 4
    spec = SlideSpec(theme_for("workers"), "Tiêu đề", ("Ý một",), "Bài", 1, 1)
    assert render_slide(spec).getpixel((5, 5)) == theme_for("workers").primary
    assert line_height(44) > 44  # lines never touch, even with stacked marks (Ấ, Ỗ)


def test_a_word_longer_than_many_slides_is_carried_over_them_letter_for_letter():
    word = "ẢnhChụpMànHình" * 300  # 4,200 letters and no space: cut between letters, never lost
    pages = paginate("Một từ rất dài", [word], image=False)
    assert pages.cut and len(pages.pages) > 5
    layouts = [place(p.title, p.points, p.image, p.carried) for p in pages.pages]
    assert drawn_text(layouts).replace(" ", "") == word
    assert all(line.size >= MIN_SIZE for layout in layouts for line in layout.lines)
