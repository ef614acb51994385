"""Draw the step-by-step pictures of the officials course into courses/officials/images/.

Run from the repository root: ``.venv/bin/python tools/illustrations/officials.py``.
The pictures are schematic mock-ups (see mockup.py): no real portal screens, logos or
people's data; codes and names on them are invented.
"""

from __future__ import annotations

from pathlib import Path

from mockup import Box, Picture, Row, Screen, render, render_cards

OUT = Path(__file__).resolve().parents[2] / "courses" / "officials" / "images"
GREEN = (25, 135, 84)
GREY = (73, 80, 87)
FOOTER = "Hình minh hoạ, không phải ảnh chụp cổng dịch vụ công hay ứng dụng thật. Mã hồ sơ là giả định."


def counter_support() -> Path:
    """Lesson 13: helping a citizen file online at the commune's public-service centre."""
    screens = (
        Screen("Đăng nhập", (Row("Đăng nhập bằng tài khoản định danh điện tử", "title"),
                             Row("Người dân tự mở VNeID trên máy của mình", "item", tap=True),
                             Row("Mã xác thực: người dân tự nhập", "note")),
               "Người dân tự đăng nhập", address="dichvucong.gov.vn"),
        Screen("Tìm thủ tục", (Row("Đăng ký khai sinh", "field", tap=True), Row("Thành phần hồ sơ", "title"),
                               Row("Tờ khai"), Row("Giấy chứng sinh")),
               "Cùng tìm và đọc thành phần hồ sơ", address="dichvucong.gov.vn"),
        Screen("Đính kèm", (Row("Tờ khai điện tử", "title"), Row("Tải ảnh giấy tờ lên", "button"),
                            Row("Quét ở quầy xong thì xoá ảnh khỏi máy của quầy", "note")),
               "Người dân tự điền, cán bộ chỉ cách", address="dichvucong.gov.vn"),
        Screen("Đã nộp", (Row("Nộp hồ sơ thành công", "title"), Row("Mã hồ sơ: H00.00-250101-0001"),
                          Row("Tra cứu tiến độ", tap=True)),
               "Ghi mã hồ sơ, chỉ cách tra cứu", colour=GREEN, address="dichvucong.gov.vn"),
    )
    return render(Picture("Hỗ trợ người dân nộp hồ sơ trực tuyến tại quầy", screens, FOOTER),
                  OUT / "ho-tro-nop-truc-tuyen.png")


def resolution_to_commune() -> Path:
    """Lesson 12: from Resolution 57 to the commune's plan and each official's tasks."""
    boxes = (
        Box("Nghị quyết 57-NQ/TW", ("Bộ Chính trị, 22/12/2024", "Đột phá khoa học, công nghệ, đổi mới sáng tạo, "
                                    "chuyển đổi số"), colour=GREY),
        Box("Kế hoạch 01-KH/BCĐTW", ("Ban Chỉ đạo Trung ương, 21/3/2025", "Phong trào \"Bình dân học vụ số\""),
            colour=GREY),
        Box("Kế hoạch của tỉnh, xã", ("Chỉ tiêu theo năm", "Giao việc cho từng cơ quan", "Báo cáo định kỳ")),
        Box("Việc của cán bộ", ("Tự học, đạt chuẩn kỹ năng số", "Gương mẫu, lan toả",
                               "Hỗ trợ người dân làm thủ tục trực tuyến"), colour=GREEN),
    )
    return render_cards("Từ Nghị quyết đến việc làm của mỗi cán bộ", boxes, OUT / "tu-nghi-quyet-den-viec-lam.png",
                        subtitle="Mỗi kế hoạch cụ thể hoá văn bản ở trên, đến tận cơ quan và từng người.")


def main() -> None:
    for make in (counter_support, resolution_to_commune):
        print(make().relative_to(OUT.parents[2]))


if __name__ == "__main__":
    main()
