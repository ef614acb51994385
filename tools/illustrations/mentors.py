"""Draw the step-by-step pictures of the mentors course into courses/mentors/images/.

Run from the repository root: ``.venv/bin/python tools/illustrations/mentors.py``.
The pictures are schematic mock-ups (see mockup.py): no real app screens, logos or
people's data; names and numbers on them are invented.
"""

from __future__ import annotations

from pathlib import Path

from mockup import (
    ACCENT,
    BACKGROUND,
    HEIGHT,
    INK,
    LINE,
    MUTED,
    TAP,
    WHITE,
    WIDTH,
    Box,
    Picture,
    Row,
    Screen,
    font,
    render,
    render_cards,
    wrap,
)
from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "courses" / "mentors" / "images"
GREEN = (25, 135, 84)
FOOTER = "Hình minh hoạ, không phải ảnh chụp ứng dụng thật. Tên và số liệu là giả định."


def five_steps() -> Path:
    """Lesson 3: the five steps of a one-to-one session."""
    boxes = (
        Box("1. Hỏi", ("Bác cần làm việc gì hôm nay?", "Máy của bác là loại nào?", "Bác đã tự làm được bước nào?")),
        Box("2. Làm mẫu", ("Làm chậm một lần trên máy của mình", "Nói tên từng nút", "Chỉ dạy một việc mỗi buổi")),
        Box("3. Tự bấm", ("Tay người học cầm máy", "Mình chỉ nói, không bấm hộ", "Khen khi làm đúng một bước")),
        Box("4. Làm lại", ("Người học tự làm lại từ đầu", "Mình chỉ nhắc khi bị kẹt", "Hỏi lại: bước tiếp theo là gì?")),
        Box("5. Ghi và hẹn", ("Viết các bước ra giấy, chữ to", "Hẹn buổi sau", "Ghi sổ theo dõi tối thiểu")),
    )
    return render_cards("Năm bước của một buổi hướng dẫn một kèm một", boxes, OUT / "nam-buoc-huong-dan.png",
                        subtitle="Tay người học làm, người hướng dẫn nói và chờ.", columns=5)


def first_questions() -> Path:
    """Lesson 2: what to ask and look at before teaching anything."""
    boxes = (
        Box("1. Việc cần làm", ("Hôm nay bác cần làm được việc gì?", "Việc đó gấp hay không?")),
        Box("2. Đã biết gì", ("Bác đã tự làm được bước nào?", "Lần trước vướng ở đâu?")),
        Box("3. Máy và sức khoẻ", ("Máy là loại nào, còn pin không?", "Bác nghe, nhìn có rõ không?",
                                  "Bác có đeo kính không?")),
        Box("Rồi mới chọn", ("Chọn một việc nhỏ làm được ngay", "Ghi các việc còn lại cho buổi sau"), colour=GREEN),
    )
    return render_cards("Hỏi trước, dạy sau: ba điều cần biết về người học", boxes, OUT / "hoi-truoc-day-sau.png",
                        subtitle="Mỗi người cần một việc khác nhau. Bắt đầu từ việc của họ.")


def handout() -> Path:
    """Lesson 4: from the teacher's guide to a one-page handout."""
    screens = (
        Screen("Sổ tay giáo viên", (Row("Bài 5: VNeID", tap=True), Row("Bài 6: Dịch vụ công"),
                                    Row("Bài 9: Nhận diện lừa đảo")), "Mở sổ tay, chọn đúng bài"),
        Screen("Bài 5: VNeID", (Row("Kế hoạch buổi học", "title"), Row("Chuẩn bị gì"),
                               Row("Lỗi hay gặp", tap=True), Row("Đáp án câu hỏi")), "Đọc kế hoạch và lỗi hay gặp"),
        Screen("Tờ hướng dẫn", (Row("Các bước (chữ to)", "title"), Row("1. Mở ứng dụng"),
                               Row("2. Tự nhập mật mã"), Row("Không đọc mã OTP cho ai", "note")),
               "Chép các bước ra một trang, chữ to", colour=GREEN),
        Screen("Gửi tài liệu", (Row("In giấy cho người học"), Row("Gửi tệp vào nhóm của tổ", tap=True),
                               Row("Không kèm ảnh giấy tờ của ai", "note")), "In hoặc gửi đúng nơi", colour=GREEN),
    )
    return render(Picture("Từ sổ tay giáo viên đến tờ hướng dẫn phát tay", screens, FOOTER), OUT / "to-huong-dan.png")


def no_otp() -> Path:
    """Lesson 5: the learner reads and types the one-time code; the mentor looks away."""
    screens = (
        Screen("Tin nhắn", (Row("Ngân hàng X", "title"), Row("Mã xác thực của bạn là ******. Không cung cấp mã "
                                                            "cho bất kỳ ai.", "note")),
               "Mã gửi về máy người học"),
        Screen("Nhập mã", (Row("Nhập mã xác thực", "title"), Row("• • • • • •", "field", tap=True),
                           Row("Xác nhận", "button")), "Người học tự đọc, tự nhập"),
        Screen("Người hướng dẫn", (Row("Quay mặt đi khi người học nhập", "item"),
                                   Row("Không hỏi, không đọc, không chụp mã", "item"),
                                   Row("Không giữ máy khi đang có mã", "item")), "Việc của người hướng dẫn",
               colour=TAP),
    )
    return render(Picture("Mã xác thực và mật khẩu: chỉ người học biết", screens, FOOTER), OUT / "khong-hoi-ma.png")


def vneid() -> Path:
    """Lesson 6: helping with the identity app while the learner keeps the passcode."""
    screens = (
        Screen("Ứng dụng định danh", (Row("Đăng nhập", "title"), Row("Số định danh cá nhân", "field"),
                                      Row("Mật khẩu", "field", tap=True), Row("Đăng nhập", "button")),
               "Người học tự gõ mật khẩu"),
        Screen("Xác thực", (Row("Nhập mã xác thực gửi về máy", "title"), Row("• • • • • •", "field", tap=True)),
               "Người học tự nhập mã"),
        Screen("Trang chủ", (Row("Ví giấy tờ", tap=True), Row("Thủ tục hành chính"), Row("Tiện ích khác")),
               "Cùng xem, người học tự bấm"),
        Screen("Kết thúc", (Row("Người học tự đăng xuất nếu máy dùng chung"), Row("Ghi sổ: mã người học, bài, ngày")),
               "Trả máy, ghi sổ tối thiểu", colour=GREEN),
    )
    return render(Picture("Hỗ trợ ứng dụng định danh mà không chạm vào mật khẩu", screens, FOOTER),
                  OUT / "ho-tro-dinh-danh.png")


def record_sheet() -> Path:
    """Lesson 7: the team's shared record (column names the report tool reads), and what never goes in it."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((40, 26), "Sổ chung của tổ: mỗi cột có một lý do", font=font(30, True), fill=INK)
    draw.text((40, 72), "Chỉ ghi những gì báo cáo kết quả cần.", font=font(18), fill=MUTED)
    heads = ("Mã người học", "Nhóm", "Xã, phường", "Mã người hướng dẫn", "Bài đã học", "Ngày")
    rows = (("ND-014", "Người dân", "Xã A", "DSS-03", "Bài 5", "12/01/2026"),
            ("ND-015", "Người dân", "Xã A", "DSS-03", "Bài 9", "12/01/2026"),
            ("ND-014", "Người dân", "Xã A", "DSS-03", "Bài 6", "19/01/2026"))
    x0, y0, col, rh = 40, 112, 200, 52
    for i, head in enumerate(heads):
        draw.rectangle((x0 + i * col, y0, x0 + (i + 1) * col, y0 + rh + 20), fill=GREEN, outline=WHITE)
        for j, line in enumerate(wrap(draw, head, font(17, True), col - 20)):
            draw.text((x0 + i * col + 10, y0 + 8 + 24 * j), line, font=font(17, True), fill=WHITE)
    top = y0 + rh + 20
    for r, row in enumerate(rows):
        y = top + rh * r
        for i, cell in enumerate(row):
            draw.rectangle((x0 + i * col, y, x0 + (i + 1) * col, y + rh), fill=WHITE, outline=LINE)
            draw.text((x0 + i * col + 10, y + 14), cell, font=font(17), fill=INK)
    why = ("đếm người, không trùng", "báo cáo theo nhóm", "báo cáo theo xã", "mỗi người giúp đủ 5 người?",
           "theo dõi tiến độ", "báo cáo theo tháng, quý")
    y = top + rh * 3 + 8
    for i, text in enumerate(why):
        for j, line in enumerate(wrap(draw, text, font(15), col - 16)):
            draw.text((x0 + i * col + 8, y + 20 * j), line, font=font(15), fill=MUTED)
    by = 470
    draw.rounded_rectangle((40, by, WIDTH - 40, HEIGHT - 50), radius=18, fill=WHITE, outline=TAP, width=3)
    draw.text((60, by + 16), "Không bao giờ ghi:", font=font(22, True), fill=TAP)
    never = ("Mật khẩu, mã OTP", "Số căn cước, số tài khoản", "Ảnh giấy tờ, ảnh màn hình", "Bệnh tật, hoàn cảnh riêng")
    for i, text in enumerate(never):
        x = 60 + (i % 2) * 580
        yy = by + 60 + (i // 2) * 40
        draw.line((x, yy + 13, x + 16, yy + 13), fill=TAP, width=4)
        draw.text((x + 28, yy), text, font=font(19), fill=INK)
    draw.text((60, by + 150), "Tên thật và số điện thoại để hẹn: ghi ở danh sách riêng, cất kín, huỷ khi hết việc.",
              font=font(17), fill=MUTED)
    draw.text((40, HEIGHT - 28), FOOTER, font=font(13), fill=MUTED)
    path = OUT / "so-theo-doi.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path


def offline_results() -> Path:
    """Lesson 7: saving the offline lesson's results file for the mentor."""
    screens = (
        Screen("Kết quả", (Row("Lưu kết quả để gửi người hướng dẫn", "title"), Row("Mã người học", "field"),
                           Row("Lưu tệp kết quả", "button")), "Mở trang Kết quả của bài học"),
        Screen("Kết quả", (Row("Mã người học", "title"), Row("ND-014", "field", tap=True),
                           Row("Mã do tổ đặt, không phải số căn cước", "note")), "Người học tự nhập mã của tổ"),
        Screen("Kết quả", (Row("Lưu tệp kết quả", "button", tap=True),
                           Row("Đã lưu tệp ketqua-ND-014.json", "note")), "Bấm lưu, máy tạo một tệp nhỏ"),
        Screen("Gửi tệp", (Row("Gửi tệp cho người hướng dẫn", tap=True), Row("Người hướng dẫn chuyển cho tổ trưởng"),
                           Row("Tệp chỉ có mã và kết quả, không có tên", "note")), "Gửi qua kênh của tổ", colour=GREEN),
    )
    return render(Picture("Học không cần mạng: lưu và gửi tệp kết quả", screens, FOOTER), OUT / "luu-ket-qua.png")


def cascade() -> Path:
    """Lesson 8: one mentor, five learners, each of whom guides five more."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((40, 26), "Lan toả từ 1 đến 5: mỗi người hướng dẫn giúp ít nhất 5 người", font=font(30, True), fill=INK)

    def person(cx: int, cy: int, r: int, colour: tuple[int, int, int]) -> None:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
        draw.ellipse((cx - r // 2.6, cy - r * 0.7, cx + r // 2.6, cy - r * 0.05), fill=WHITE)
        draw.pieslice((cx - r * 0.62, cy - r * 0.05, cx + r * 0.62, cy + r * 1.1), 180, 360, fill=WHITE)

    top = (WIDTH // 2, 150)
    person(*top, 34, ACCENT)
    draw.text((top[0] + 46, top[1] - 14), "1 người hướng dẫn", font=font(20, True), fill=INK)
    mids = [(160 + i * 240, 330) for i in range(5)]
    for cx, cy in mids:
        draw.line((top[0], top[1] + 34, cx, cy - 26), fill=MUTED, width=3)
        person(cx, cy, 26, GREEN)
        for k in range(5):
            lx = cx - 88 + k * 44
            draw.line((cx, cy + 26, lx, 500), fill=LINE, width=2)
            person(lx, 514, 15, MUTED)
    draw.text((40, 240), "Vòng 1: 5 người học", font=font(20, True), fill=GREEN)
    draw.text((40, 560), "Vòng 2: mỗi người trong 5 người đó hướng dẫn tiếp 5 người", font=font(20, True), fill=INK)
    draw.text((40, 600), "Cần một người theo dõi chung để không ai bị bỏ sót và không ai bị đếm hai lần.",
              font=font(18), fill=MUTED)
    draw.text((40, HEIGHT - 28), "Sơ đồ minh hoạ mô hình người hướng dẫn - người học trong các kế hoạch "
              "\"Bình dân học vụ số\".", font=font(13), fill=MUTED)
    path = OUT / "lan-toa-1-5.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path


def main() -> None:
    for make in (first_questions, five_steps, handout, no_otp, vneid, record_sheet, offline_results, cascade):
        print(make().relative_to(OUT.parents[2]))


if __name__ == "__main__":
    main()
