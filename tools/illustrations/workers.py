"""Step-by-step pictures for the workers course (courses/workers/images/).

Run from the repository root: ``.venv/bin/python tools/illustrations/workers.py``.
Every screen is a schematic mock-up (see mockup.py): no real screenshots, no logos.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mockup import Picture, Row, Screen, render  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "courses" / "workers" / "images"
INDIGO = (52, 58, 140)
GREEN = (25, 135, 84)

E_INVOICE = Picture(
    "Lập và ký số một hoá đơn điện tử",
    (
        Screen("Phần mềm hoá đơn", (Row("Đơn hàng: 20 kg bưởi", "note"), Row("Lập hoá đơn mới", "button", tap=True), Row("Danh sách hoá đơn")),
               "Mở phần mềm hoá đơn của đơn vị", INDIGO),
        Screen("Hoá đơn mới", (Row("Người mua, mã số thuế (nếu có)", "field"), Row("Hàng hoá, số lượng, đơn giá", "field"), Row("Kiểm tra lại từng dòng", "note")),
               "Nhập đúng người mua, hàng, số lượng, giá", INDIGO),
        Screen("Ký số", (Row("Cắm thiết bị ký số hoặc mở ứng dụng ký số", "note"), Row("Tự nhập mã PIN", "field", tap=True), Row("Ký và phát hành", "button")),
               "Người được giao tự ký số, tự nhập mã PIN", INDIGO),
        Screen("Đã phát hành", (Row("Gửi hoá đơn cho người mua", "button", tap=True), Row("Lưu trong phần mềm và thư mục có sao lưu", "note")),
               "Gửi cho khách và lưu trữ đúng chỗ", INDIGO),
    ),
)

OCOP_LISTING = Picture(
    "Đăng bán sản phẩm OCOP có mã truy xuất nguồn gốc",
    (
        Screen("Sàn thương mại điện tử", (Row("Gian hàng của hợp tác xã", "title"), Row("Thêm sản phẩm", "button", tap=True), Row("Đơn hàng mới")),
               "Mở gian hàng của đơn vị, thêm sản phẩm", GREEN),
        Screen("Thông tin sản phẩm", (Row("Ảnh thật, nhiều góc", "item"), Row("Tên, khối lượng, giá", "field"), Row("Hạng sao OCOP đúng giấy chứng nhận", "field")),
               "Ảnh thật, thông tin đúng, không nói quá", GREEN),
        Screen("Nguồn gốc", (Row("Mã truy xuất nguồn gốc trên tem", "field", tap=True), Row("Khách quét mã để xem vùng trồng, ngày đóng gói", "note")),
               "Ghi mã truy xuất nguồn gốc", GREEN),
        Screen("Xem lại", (Row("Đọc lại cả tin đăng", "note"), Row("Không có thông tin của khách hàng", "note"), Row("Đăng bán", "button", tap=True)),
               "Đọc lại rồi mới đăng", GREEN),
    ),
)


def main() -> None:
    """Write every picture of the course."""
    render(E_INVOICE, OUT / "hoa-don-dien-tu-ky-so.png")
    render(OCOP_LISTING, OUT / "dang-ban-ocop-truy-xuat.png")


if __name__ == "__main__":
    main()
