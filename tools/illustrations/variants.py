"""Draw the pictures of the variant courses and student tracks into their courses/<folder>/images/.

Run from the repository root: ``.venv/bin/python tools/illustrations/variants.py``.
The pictures are schematic (see mockup.py): no real app screens, logos or
people's data; app names on them are placeholders, not real apps.
"""

from __future__ import annotations

from pathlib import Path

from mockup import ACCENT, BACKGROUND, HEIGHT, INK, LINE, MUTED, WHITE, WIDTH, Box, Picture, Row, Screen, font, render, render_cards
from PIL import Image, ImageDraw

COURSES = Path(__file__).resolve().parents[2] / "courses"
GREEN = (25, 135, 84)
ORANGE = (253, 126, 20)
PURPLE = (111, 66, 193)
FOOTER = "Hình minh hoạ, không phải ảnh chụp ứng dụng thật. Tên ứng dụng trên hình là giả định."


def local_app() -> Path:
    """citizens-tra-vinh: three steps to the province's app in use now."""
    screens = (
        Screen("Hỏi trước", (Row("Ủy ban xã, phường", "title"),
                             Row("Ứng dụng nào của tỉnh đang dùng để làm thủ tục?", "note"),
                             Row("Cán bộ viết tên ứng dụng ra giấy", tap=True),
                             Row("Hoặc hỏi Đại sứ số, Tổ công nghệ số cộng đồng", "note")),
               "Hỏi tên ứng dụng đang dùng ở xã, phường", GREEN),
        Screen("Kho ứng dụng", (Row("Tên ứng dụng xã, phường cho", "field"),
                                Row("Kết quả tìm kiếm", "title"),
                                Row("Ứng dụng của tỉnh (tên như cán bộ viết)", tap=True),
                                Row("Ứng dụng tên gần giống, nhà phát triển lạ")),
               "Tìm trong CH Play hoặc App Store"),
        Screen("Thông tin ứng dụng", (Row("Ứng dụng của tỉnh", "title"),
                                      Row("Nhà phát triển: cơ quan nhà nước của tỉnh", tap=True),
                                      Row("Cài đặt", "button"),
                                      Row("Nhà phát triển lạ: không cài", "note")),
               "Xem nhà phát triển rồi mới cài", ORANGE),
    )
    picture = Picture("Tìm đúng ứng dụng của địa phương sau khi hợp nhất tỉnh", screens, FOOTER)
    return render(picture, COURSES / "citizens-tra-vinh" / "images" / "tim-ung-dung-dia-phuong.png")


def _label(draw: ImageDraw.ImageDraw, text: str, anchor: tuple[int, int], at: tuple[int, int], colour: tuple[int, int, int]) -> None:
    """A label at ``at`` with a line to the part at ``anchor``."""
    face = font(22, True)
    width = int(draw.textlength(text, font=face))
    x, y = at
    draw.line((anchor, (x + width // 2, y + 16)), fill=colour, width=3)
    draw.ellipse((anchor[0] - 7, anchor[1] - 7, anchor[0] + 7, anchor[1] + 7), fill=colour)
    draw.rounded_rectangle((x - 10, y - 4, x + width + 10, y + 34), radius=10, fill=WHITE, outline=colour, width=3)
    draw.text((x, y), text, font=face, fill=INK)


def device_parts() -> Path:
    """students-primary: a computer and a phone with their main parts named."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((40, 24), "Máy tính và điện thoại: các bộ phận chính", font=font(32, True), fill=INK)
    # Computer: screen, case, keyboard, mouse.
    draw.rounded_rectangle((120, 150, 520, 420), radius=14, fill=INK)
    draw.rectangle((140, 170, 500, 400), fill=(207, 226, 255))
    draw.rectangle((300, 420, 340, 470), fill=MUTED)
    draw.rounded_rectangle((230, 470, 410, 486), radius=6, fill=MUTED)
    draw.rounded_rectangle((560, 190, 650, 486), radius=10, fill=(73, 80, 87))
    draw.ellipse((593, 220, 617, 244), fill=GREEN)
    draw.rounded_rectangle((120, 520, 480, 600), radius=10, fill=WHITE, outline=LINE, width=3)
    for row in range(3):
        for col in range(12):
            x = 134 + col * 28
            y = 532 + row * 22
            draw.rounded_rectangle((x, y, x + 22, y + 16), radius=3, fill=LINE)
    draw.rounded_rectangle((520, 530, 580, 610), radius=28, fill=WHITE, outline=LINE, width=3)
    draw.line((550, 534, 550, 566), fill=LINE, width=3)
    _label(draw, "Màn hình", (320, 285), (250, 100), ACCENT)
    _label(draw, "Thân máy", (605, 330), (640, 130), ACCENT)
    _label(draw, "Bàn phím", (300, 600), (150, 640), ACCENT)
    _label(draw, "Chuột", (550, 610), (560, 640), ACCENT)
    # Phone: touch screen, side button, camera, charging port.
    draw.rounded_rectangle((860, 130, 1060, 560), radius=30, fill=INK)
    draw.rounded_rectangle((874, 170, 1046, 520), radius=12, fill=(207, 226, 255))
    draw.ellipse((950, 143, 966, 159), fill=(73, 80, 87))
    draw.rectangle((1060, 230, 1068, 300), fill=(73, 80, 87))
    draw.rounded_rectangle((940, 536, 980, 548), radius=5, fill=(73, 80, 87))
    _label(draw, "Màn hình cảm ứng", (960, 345), (760, 340), ORANGE)
    _label(draw, "Máy ảnh (camera)", (958, 151), (850, 80), ORANGE)
    _label(draw, "Nút nguồn", (1066, 265), (1090, 200), ORANGE)
    _label(draw, "Cổng sạc", (960, 542), (1000, 600), ORANGE)
    draw.text((40, HEIGHT - 28), "Hình minh hoạ. Máy của em có thể khác hình.", font=font(13), fill=MUTED)
    path = COURSES / "students-primary" / "images" / "bo-phan-thiet-bi.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path


def safe_use() -> Path:
    """students-primary: safe use of devices, as four cards."""
    boxes = (
        Box("Ngồi đúng", ("Lưng thẳng, chân chạm sàn", "Màn hình xa mắt khoảng một cánh tay")),
        Box("Đủ ánh sáng", ("Phòng sáng, không dùng máy trong bóng tối", "Cho mắt nghỉ, nhìn ra xa")),
        Box("Điện và sạc", ("Tay khô khi cắm sạc", "Rút sạc ở phích, không kéo dây", "Máy nóng, phồng: báo người lớn"),
            colour=ORANGE),
        Box("Hỏi người lớn", ("Trước khi cài ứng dụng mới", "Khi thấy điều lạ, sợ hãi", "Khi máy hỏng, rơi vỡ"),
            colour=GREEN),
    )
    return render_cards("Dùng máy tính, điện thoại an toàn", boxes,
                        COURSES / "students-primary" / "images" / "dung-thiet-bi-an-toan.png",
                        subtitle="Bốn điều em nhớ mỗi lần dùng máy.")


def footprint() -> Path:
    """students-upper-secondary: checking and tidying one's digital footprint."""
    boxes = (
        Box("1. Tìm tên mình", ("Tìm họ tên và tên tài khoản", "Xem ai cũng thấy được gì")),
        Box("2. Xem quyền riêng tư", ("Ai xem được bài đăng, ảnh", "Tắt chia sẻ vị trí không cần")),
        Box("3. Dọn dẹp", ("Ẩn hoặc xoá bài không muốn giữ", "Gỡ ứng dụng lạ khỏi tài khoản"), colour=ORANGE),
        Box("4. Bảo vệ tài khoản", ("Mật khẩu riêng cho từng tài khoản", "Bật xác thực hai bước"), colour=GREEN),
    )
    return render_cards("Kiểm tra dấu chân số của em", boxes,
                        COURSES / "students-upper-secondary" / "images" / "dau-chan-so.png",
                        subtitle="Làm mỗi học kỳ một lần, và trước khi nộp hồ sơ học tập, việc làm.")


def teamwork() -> Path:
    """students-higher: a group project in a shared folder, step by step."""
    boxes = (
        Box("1. Thống nhất", ("Mục tiêu, hạn nộp", "Ai làm phần nào", "Kênh trao đổi chung")),
        Box("2. Thư mục chung", ("Một thư mục cho nhóm", "Quy tắc đặt tên tệp", "Quyền xem, quyền sửa")),
        Box("3. Cùng soạn", ("Ghi chú ai sửa gì", "Xem lịch sử phiên bản", "Góp ý bằng bình luận"), colour=ORANGE),
        Box("4. Nộp và lưu", ("Một người kiểm tra bản cuối", "Ghi rõ đóng góp", "Sao lưu bản đã nộp"), colour=GREEN),
    )
    return render_cards("Làm bài nhóm trên tài liệu dùng chung", boxes,
                        COURSES / "students-higher" / "images" / "lam-bai-nhom.png",
                        subtitle="Một nơi để tệp, một quy tắc đặt tên, mọi người biết việc của mình.")


def main() -> None:
    for make in (local_app, device_parts, safe_use, footprint, teamwork):
        print(make())


if __name__ == "__main__":
    main()
