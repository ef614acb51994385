"""Step-by-step pictures for the workers course (courses/workers/images/).

Run from the repository root: ``.venv/bin/python tools/illustrations/workers.py``.
Every screen is a schematic mock-up (see mockup.py): no real screenshots, no logos.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mockup import Picture, Row, Screen, render

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

TEAL = (13, 122, 138)
VIOLET = (102, 16, 242)
RED = (176, 42, 55)
ORANGE = (200, 90, 20)

EMAIL = Picture(
    "Soạn và gửi một email công việc",
    (
        Screen("Hộp thư", (Row("Soạn thư", "button", tap=True), Row("Hộp thư đến"), Row("Thư đã gửi")),
               "Bấm nút soạn thư mới", INDIGO),
        Screen("Thư mới", (Row("Người nhận: địa chỉ email", "field"), Row("Tiêu đề: việc gì, ai, ngày nào", "field"), Row("Nội dung: chào, việc chính, hạn chót, cảm ơn", "field")),
               "Điền người nhận, tiêu đề rõ, nội dung ngắn", INDIGO),
        Screen("Đính kèm", (Row("Biểu tượng kẹp giấy", "item", tap=True), Row("Chọn đúng tệp cần gửi", "note")),
               "Bấm kẹp giấy, chọn tệp", INDIGO),
        Screen("Kiểm tra", (Row("Đọc lại một lượt", "note"), Row("Gửi", "button", tap=True), Row("Xem trong Thư đã gửi", "note")),
               "Đọc lại rồi gửi, xem thư đã đi", INDIGO),
    ),
)

SHARED_FOLDER = Picture(
    "Chia sẻ thư mục đúng người, đúng quyền",
    (
        Screen("Lưu trữ trực tuyến", (Row("Thư mục mới", "button", tap=True), Row("Đặt tên: Thu-chia-se-ten-ban", "note")),
               "Tạo thư mục, đặt tên rõ", TEAL),
        Screen("Thu-chia-se", (Row("Tải tệp lên", "item"), Row("Chia sẻ", "button", tap=True)),
               "Tải tệp lên, bấm Chia sẻ", TEAL),
        Screen("Chia sẻ", (Row("Email của người cần xem", "field"), Row("Quyền: chỉ xem", "field", tap=True), Row("Gửi", "button")),
               "Gõ đúng email, chọn quyền chỉ xem", TEAL),
        Screen("Người có quyền", (Row("Người hướng dẫn: chỉ xem", "item"), Row("Gỡ quyền khi xong việc", "button", tap=True)),
               "Xong việc thì gỡ quyền", TEAL),
    ),
)

DATA_ENTRY = Picture(
    "Nhập số liệu ca sản xuất đúng cách",
    (
        Screen("Bảng tính", (Row("Ngày | Ca | Mã lô | Số đạt | Số lỗi | Người nhập", "note"), Row("Dòng 1 là tên cột", "note")),
               "Dòng 1: tên các cột có đơn vị", GREEN),
        Screen("Nhập một ca", (Row("2026-03-15", "field"), Row("L0315A", "field"), Row("480 (cái)", "field", tap=True)),
               "Nhập số bằng chữ số, đúng đơn vị", GREEN),
        Screen("Đọc lại", (Row("Số 0 hay chữ O?", "note"), Row("Đơn vị đúng là cái?", "note"), Row("Lưu", "button", tap=True)),
               "Đọc lại từng ô rồi mới lưu", GREEN),
    ),
)

FORMULAS = Picture(
    "Công thức bảng tính tự cộng và tự ghi chú",
    (
        Screen("Bảng tính", (Row("Cột B: sản lượng 7 ngày", "note"), Row("=SUM(B2:B8)", "field", tap=True)),
               "Ô B9: tổng sản lượng tuần", GREEN),
        Screen("Bảng tính", (Row("=AVERAGE(B2:B8)", "field", tap=True), Row("Trung bình mỗi ngày", "note")),
               "Ô B10: trung bình mỗi ngày", GREEN),
        Screen("Bảng tính", (Row('=IF(C2>5,"Kiểm tra","Đạt")', "field", tap=True), Row("Lỗi thì đổi dấu phẩy thành chấm phẩy", "note")),
               "Ô D2: tự ghi chú khi lỗi nhiều", GREEN),
        Screen("Bảng tính", (Row("Sao chép D2 xuống D3 đến D8", "item", tap=True), Row("Số lỗi 9 thì ghi chú đổi thành Kiểm tra", "note")),
               "Sao chép công thức xuống", GREEN),
    ),
)

PRODUCT_PHOTO = Picture(
    "Chụp ảnh và viết mô tả sản phẩm trung thực",
    (
        Screen("Máy ảnh", (Row("Gần cửa sổ, nền trơn", "note"), Row("Chụp", "button", tap=True)),
               "Chụp sản phẩm thật, đủ sáng", ORANGE),
        Screen("Bốn ảnh", (Row("Mặt trước", "item"), Row("Mặt có nhãn", "item"), Row("Bên trong", "item"), Row("Cạnh một vật quen thuộc", "item", tap=True)),
               "Chụp bốn góc, xoá ảnh mờ", ORANGE),
        Screen("Ghi chú", (Row("Tên, khối lượng, thành phần", "field"), Row("Nơi sản xuất, bảo quản, hạn dùng, giá", "field"), Row("Gạch bỏ câu nói quá", "note")),
               "Viết mô tả theo mẫu", ORANGE),
        Screen("Gửi duyệt", (Row("Gửi bản nháp cho người quản lý trang", "button", tap=True),),
               "Nhờ người quản lý duyệt trước khi đăng", ORANGE),
    ),
)

RECEIVE_PAYMENT = Picture(
    "Nhận tiền bằng mã QR và kiểm tra tiền đã về",
    (
        Screen("Ngân hàng", (Row("Nhận tiền bằng mã QR", tap=True), Row("Lịch sử giao dịch")),
               "Mở mục nhận tiền bằng mã QR", GREEN),
        Screen("Mã QR", (Row("Mã QR của tài khoản đơn vị", "title"), Row("Nội dung: THU DON 01", "field")),
               "Khách quét mã, ghi đúng nội dung", GREEN),
        Screen("Lịch sử giao dịch", (Row("+ tiền vào · THU DON 01", "item", tap=True), Row("Không tin ảnh chụp màn hình của khách", "note")),
               "Tự xem tiền đã vào trong ứng dụng", GREEN),
    ),
)

EMAIL_SECURITY = Picture(
    "Kiểm tra người gửi và bật xác thực hai bước",
    (
        Screen("Một thư lạ", (Row("Người gửi: Kế toán", "item", tap=True), Row("Địa chỉ thật: x9k2@mail-la.com", "note"), Row("Giục gấp, có đường liên kết lạ", "note")),
               "Bấm tên người gửi để xem địa chỉ thật", RED),
        Screen("Cài đặt tài khoản", (Row("Bảo mật", tap=True), Row("Thông tin cá nhân")),
               "Mở mục bảo mật của tài khoản", RED),
        Screen("Bảo mật", (Row("Xác thực hai bước: Bật", "button", tap=True), Row("Đổi mật khẩu", "item")),
               "Bật xác thực hai bước", RED),
        Screen("Mật khẩu mới", (Row("Cụm từ dài, có số và ký hiệu", "field"), Row("Không dùng chung cho nhiều tài khoản", "note")),
               "Đặt mật khẩu dài, riêng cho tài khoản này", RED),
    ),
)

DEVICE_LOCK = Picture(
    "Khoá thiết bị và cập nhật phần mềm",
    (
        Screen("Cài đặt", (Row("Màn hình khoá", tap=True), Row("Cập nhật phần mềm"), Row("Âm thanh")),
               "Mở Cài đặt trên điện thoại", INDIGO),
        Screen("Màn hình khoá", (Row("Mã khoá 6 số hoặc vân tay", "field"), Row("Tự khoá sau: 1 phút", "field", tap=True)),
               "Đặt mã khoá, tự khoá sau 1 phút", INDIGO),
        Screen("Cập nhật phần mềm", (Row("Có bản cập nhật bảo mật", "note"), Row("Cập nhật vào cuối ca", "button", tap=True)),
               "Cập nhật theo hướng dẫn của đơn vị", INDIGO),
        Screen("Máy tính", (Row("Windows + L", "button", tap=True), Row("Khoá máy mỗi khi rời bàn", "note")),
               "Rời bàn thì khoá máy tính", INDIGO),
    ),
)

AI_DRAFT = Picture(
    "Nhờ AI viết nháp, rồi tự điền thông tin thật",
    (
        Screen("Công cụ AI được phép", (Row("Viết email ngắn báo [Tên khách] đơn [Mã đơn] giao chậm 2 ngày", "field", tap=True), Row("Dùng chữ chung, không dán dữ liệu thật", "note")),
               "Dùng công cụ đơn vị cho phép, dùng chữ chung", VIOLET),
        Screen("Công cụ AI", (Row("Bản nháp của AI", "title"), Row("Viết ngắn hơn, khoảng 4 câu", "field", tap=True)),
               "Chưa vừa ý thì yêu cầu sửa", VIOLET),
        Screen("So sánh", (Row("Bản tóm tắt của AI", "item"), Row("Bài gốc", "item"), Row("Có ý nào sai hay thiếu?", "note")),
               "So kết quả với bản gốc", VIOLET),
        Screen("Ứng dụng email", (Row("Điền tên khách, mã đơn thật", "field"), Row("Đọc lại rồi mới gửi", "button", tap=True)),
               "Điền thông tin thật trong ứng dụng của đơn vị", VIOLET),
    ),
)

AI_CHECK = Picture(
    "Kiểm tra kết quả của AI trước khi gửi",
    (
        Screen("Thay chữ chung", (Row("[Khách hàng A], [số lượng], [giá], [ngày giao]", "field", tap=True), Row("Không dán tên, số điện thoại thật", "note")),
               "Thay thông tin thật bằng chữ chung", RED),
        Screen("Kết quả của AI", (Row("Xoá lời hứa bạn không yêu cầu", "item", tap=True), Row("Ví dụ: giảm giá, giao sớm", "note")),
               "Xoá những câu AI tự thêm", RED),
        Screen("Máy tính", (Row("200 × 85.000 = 17.000.000", "field", tap=True), Row("Tự tính lại tổng tiền", "note")),
               "Tự tính lại các con số", RED),
        Screen("Tin nhắn của đơn vị", (Row("Điền thông tin thật", "field"), Row("Đọc lại, rồi gửi", "button", tap=True)),
               "Điền thông tin thật, đọc lại rồi gửi", RED),
    ),
)


def main() -> None:
    """Write every picture of the course."""
    render(E_INVOICE, OUT / "hoa-don-dien-tu-ky-so.png")
    render(OCOP_LISTING, OUT / "dang-ban-ocop-truy-xuat.png")
    render(EMAIL, OUT / "soan-gui-email.png")
    render(SHARED_FOLDER, OUT / "chia-se-thu-muc.png")
    render(DATA_ENTRY, OUT / "nhap-so-lieu-ca.png")
    render(FORMULAS, OUT / "cong-thuc-bang-tinh.png")
    render(PRODUCT_PHOTO, OUT / "chup-anh-mo-ta-san-pham.png")
    render(RECEIVE_PAYMENT, OUT / "nhan-tien-ma-qr.png")
    render(EMAIL_SECURITY, OUT / "kiem-tra-nguoi-gui-xac-thuc-hai-buoc.png")
    render(DEVICE_LOCK, OUT / "khoa-thiet-bi-cap-nhat.png")
    render(AI_DRAFT, OUT / "ai-viet-nhap.png")
    render(AI_CHECK, OUT / "kiem-tra-ket-qua-ai.png")


if __name__ == "__main__":
    main()
