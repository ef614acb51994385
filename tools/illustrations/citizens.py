"""Step-by-step pictures for the citizens course (courses/citizens/images/).

Run from the repository root: ``.venv/bin/python tools/illustrations/citizens.py``.
Every screen is a schematic mock-up (see mockup.py): no real screenshots, no logos.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mockup import Box, Picture, Row, Screen, render, render_cards

OUT = Path(__file__).resolve().parents[2] / "courses" / "citizens" / "images"
GREEN = (25, 135, 84)
TEAL = (13, 122, 138)
RED = (176, 42, 55)
VIOLET = (102, 16, 242)
ORANGE = (200, 90, 20)

FOUR_T = (
    Box("Tiểu thương", ("Người bán ở chợ, hộ kinh doanh nhỏ", "Nông dân bán nông sản", "Người làm du lịch"), ORANGE),
    Box("Thương mại điện tử", ("Đăng bán trên mạng xã hội, sàn thương mại điện tử", "Ảnh thật, giá rõ, mô tả đúng"), (13, 110, 253)),
    Box("Thanh toán không dùng tiền mặt", ("Mã QR của cửa hàng", "Xem tiền về trong ứng dụng ngân hàng"), GREEN),
    Box("Tiết kiệm số", ("Gửi tiết kiệm trên ứng dụng chính thức của ngân hàng", "Ghi chép thu chi trên điện thoại"), VIOLET),
)

SAVINGS = Picture(
    "Gửi tiết kiệm trên ứng dụng ngân hàng",
    (
        Screen("Ngân hàng của tôi", (Row("Chuyển tiền"), Row("Quét mã QR"), Row("Tiết kiệm trực tuyến", tap=True), Row("Lịch sử giao dịch")),
               "Mở ứng dụng chính thức, chọn mục tiết kiệm", VIOLET),
        Screen("Mở sổ tiết kiệm", (Row("Số tiền gửi", "field"), Row("Kỳ hạn: 6 tháng", "field"), Row("Lãi suất hiện ra ở đây", "note"), Row("Tiếp tục", "button", tap=True)),
               "Nhập số tiền, chọn kỳ hạn, đọc lãi suất", VIOLET),
        Screen("Xác nhận", (Row("Kiểm tra lại số tiền và kỳ hạn", "note"), Row("Tự nhập mã OTP hoặc xác thực khuôn mặt", "field"), Row("Xác nhận", "button", tap=True)),
               "Tự xác nhận, không nhờ người lạ", VIOLET),
        Screen("Sổ tiết kiệm", (Row("Đã mở sổ tiết kiệm", "title"), Row("Xem sổ trong mục Tiết kiệm trực tuyến", "note"), Row("Về trang chủ", "button")),
               "Xem sổ ngay trong ứng dụng", VIOLET),
    ),
)

DIGITAL_LIFE = (
    Box("Giấy tờ", ("Trước: mang nhiều giấy tờ bản giấy", "Nay: nhiều giấy tờ tích hợp trên VNeID"), (13, 110, 253)),
    Box("Thủ tục", ("Trước: đi lại, xếp hàng", "Nay: nộp hồ sơ trên Cổng Dịch vụ công"), TEAL),
    Box("Tiền bạc", ("Trước: chỉ dùng tiền mặt", "Nay: quét mã QR, chuyển khoản"), GREEN),
    Box("Sức khỏe", ("Trước: giữ sổ khám bằng giấy", "Nay: sổ sức khỏe điện tử trên VNeID"), RED),
    Box("Buôn bán", ("Trước: chỉ bán ở chợ", "Nay: bán thêm trên mạng"), ORANGE),
    Box("Học tập", ("Trước: chỉ học ở lớp", "Nay: học trên nền tảng trực tuyến"), VIOLET),
    Box("An toàn", ("Kẻ gian cũng dùng mạng", "Giữ kín mật khẩu, mã OTP"), RED),
    Box("Không ai bị bỏ lại", ("Tổ công nghệ số cộng đồng", "Người thân hướng dẫn nhau"), TEAL),
)

LEARNING = Picture(
    "Học trên nền tảng Bình dân học vụ số",
    (
        Screen("Trình duyệt", (Row("Gõ đúng địa chỉ ở thanh trên cùng", "note"), Row("Kiểm tra đuôi .gov.vn", "note"), Row("Đăng nhập", "button", tap=True)),
               "Gõ đúng địa chỉ binhdanhocvuso.gov.vn", TEAL, "binhdanhocvuso.gov.vn"),
        Screen("Đăng nhập", (Row("Đăng nhập bằng tài khoản định danh điện tử VNeID", "button", tap=True), Row("Xác nhận trên ứng dụng VNeID của chính bạn", "note")),
               "Đăng nhập bằng tài khoản VNeID", TEAL, "binhdanhocvuso.gov.vn"),
        Screen("Khoá học", (Row("Kỹ năng số cho người dân", tap=True), Row("An toàn trên không gian mạng"), Row("Chuyển đổi số là gì?")),
               "Chọn khoá học phù hợp", TEAL, "binhdanhocvuso.gov.vn"),
        Screen("Bài 1", (Row("Xem video bài giảng", "item"), Row("Học xong bài trước mới mở bài sau", "note"), Row("Làm bài kiểm tra", "button")),
               "Học lần lượt từng bài, rồi làm bài kiểm tra", TEAL, "binhdanhocvuso.gov.vn"),
    ),
)

VNEID_WALLET = Picture(
    "Tích hợp thẻ bảo hiểm y tế vào VNeID",
    (
        Screen("VNeID", (Row("Ví giấy tờ", tap=True), Row("Thủ tục hành chính"), Row("Dịch vụ khác")),
               "Đăng nhập, chọn Ví giấy tờ"),
        Screen("Ví giấy tờ", (Row("Thẻ căn cước"), Row("Tích hợp thông tin", tap=True)),
               "Chọn Tích hợp thông tin"),
        Screen("Tích hợp thông tin", (Row("Tạo mới yêu cầu", "button", tap=True), Row("Chọn loại giấy tờ: thẻ bảo hiểm y tế", "field"), Row("Tự nhập passcode của bạn", "note")),
               "Tạo yêu cầu, chọn loại giấy tờ"),
        Screen("Ví giấy tờ", (Row("Thẻ căn cước"), Row("Thẻ bảo hiểm y tế"), Row("Giấy tờ hiện ra sau khi được duyệt", "note")),
               "Xem lại giấy tờ trong Ví giấy tờ"),
    ),
)

BANK_ACCOUNT = Picture(
    "Mở tài khoản trên ứng dụng ngân hàng",
    (
        Screen("Kho ứng dụng", (Row("Tìm tên ngân hàng bạn chọn", "field"), Row("Xem tên nhà phát triển là ngân hàng", "note"), Row("Cài đặt", "button", tap=True)),
               "Cài ứng dụng chính thức từ kho ứng dụng", GREEN),
        Screen("Mở tài khoản", (Row("Chụp hai mặt thẻ căn cước", tap=True), Row("Hoặc xác thực qua VNeID", "item"), Row("Đọc kỹ điều khoản", "note")),
               "Chụp thẻ căn cước hoặc xác thực qua VNeID", GREEN),
        Screen("Khuôn mặt", (Row("Nhìn thẳng, đủ sáng, không đeo kính râm", "note"), Row("Bắt đầu quay khuôn mặt", "button", tap=True)),
               "Tự quay khuôn mặt của chính bạn", GREEN),
        Screen("Hoàn tất", (Row("Tự đặt mật khẩu", "field"), Row("Số điện thoại chính chủ nhận OTP", "field"), Row("Xong", "button", tap=True)),
               "Tự đặt mật khẩu, không nói cho ai", GREEN),
    ),
)

HEALTH_BOOK = Picture(
    "Xem sổ sức khỏe điện tử trên VNeID",
    (
        Screen("VNeID", (Row("Ví giấy tờ"), Row("Sổ sức khỏe điện tử", tap=True), Row("Dịch vụ khác")),
               "Đăng nhập tài khoản mức 2, chọn sổ sức khỏe", RED),
        Screen("Xác thực", (Row("Nhập passcode", "field", tap=True), Row("Tự nhập, che màn hình khi có người đứng gần", "note")),
               "Tự nhập passcode", RED),
        Screen("Sổ sức khỏe", (Row("Thông tin cá nhân"), Row("Lịch sử khám chữa bệnh", tap=True), Row("Đơn thuốc"), Row("Giấy hẹn khám lại")),
               "Chọn mục muốn xem", RED),
        Screen("Lịch sử khám", (Row("Ngày khám, nơi khám", "note"), Row("Chẩn đoán, đơn thuốc", "note"), Row("Mở cho nhân viên y tế xem khi cần", "note")),
               "Cho nhân viên y tế xem tại nơi khám", RED),
    ),
)

FEEDBACK = Picture(
    "Gửi phản ánh, kiến nghị trên Cổng Dịch vụ công quốc gia",
    (
        Screen("Cổng Dịch vụ công", (Row("Đăng nhập bằng VNeID", "button"), Row("Phản ánh kiến nghị", tap=True), Row("Tra cứu hồ sơ")),
               "Vào đúng cổng, chọn Phản ánh kiến nghị", TEAL, "dichvucong.gov.vn"),
        Screen("Gửi phản ánh", (Row("Tiêu đề ngắn gọn", "field"), Row("Nội dung: việc gì, ở đâu, khi nào", "field"), Row("Đơn vị tiếp nhận", "field")),
               "Viết ngắn, rõ, đúng sự việc", TEAL, "dichvucong.gov.vn"),
        Screen("Đính kèm", (Row("Ảnh chụp, giấy hẹn (nếu có)", "item"), Row("Không gửi ảnh giấy tờ của người khác", "note"), Row("Gửi phản ánh", "button", tap=True)),
               "Đính kèm ảnh cần thiết rồi gửi", TEAL, "dichvucong.gov.vn"),
        Screen("Đã gửi", (Row("Mã phản ánh của bạn", "title"), Row("Ghi lại mã này để tra cứu kết quả trả lời", "note")),
               "Ghi lại mã để theo dõi", TEAL, "dichvucong.gov.vn"),
    ),
)

FAMILY_KIT = (
    Box("1. Chọn người hướng dẫn", ("Một người trong nhà đã học kỹ năng số", "Có thể là con, cháu đang đi học"), TEAL),
    Box("2. Hỏi người học cần gì", ("Gọi video với con cháu", "Xem sổ sức khỏe, quét mã QR"), (13, 110, 253)),
    Box("3. Mỗi lần một việc", ("Làm mẫu một lần, chậm", "Người học tự bấm trên máy của mình"), GREEN),
    Box("4. Viết ra giấy", ("Các bước viết chữ to", "Dán cạnh chỗ để điện thoại"), ORANGE),
    Box("5. Giữ an toàn", ("Không hỏi mật khẩu, mã OTP", "Người học tự nhập"), RED),
    Box("6. Ôn lại sau vài ngày", ("Hỏi: còn nhớ không?", "Khen khi làm được"), VIOLET),
)

PHONE_SETTINGS = Picture(
    "Chữ to, Wi-Fi và khoá màn hình trong Cài đặt",
    (
        Screen("Cài đặt", (Row("Tìm: cỡ chữ", "field", tap=True), Row("Wi-Fi"), Row("Màn hình khoá"), Row("Âm thanh")),
               "Mở Cài đặt, gõ \"cỡ chữ\" vào ô tìm kiếm"),
        Screen("Cỡ chữ", (Row("Chữ mẫu: Xin chào", "title"), Row("Kéo thanh trượt sang phải", "field", tap=True), Row("Chữ to hơn, dễ đọc hơn", "note")),
               "Kéo thanh trượt cho chữ to hơn"),
        Screen("Wi-Fi", (Row("Wi-Fi: Bật", "button"), Row("Tên mạng của nhà văn hoá", tap=True), Row("Nhập mật khẩu mạng", "field")),
               "Bật Wi-Fi, chọn tên mạng, nhập mật khẩu"),
        Screen("Màn hình khoá", (Row("Mã số (PIN)", tap=True), Row("Không dùng ngày sinh, 123456", "note"), Row("Lưu", "button")),
               "Đặt mã khoá chỉ mình bạn biết"),
    ),
)

INSTALL_APP = Picture(
    "Cài một ứng dụng từ kho chính thức",
    (
        Screen("CH Play / App Store", (Row("Tìm tên ứng dụng", "field", tap=True), Row("Chỉ cài từ kho có sẵn trong máy", "note")),
               "Mở kho ứng dụng, gõ tên ứng dụng", GREEN),
        Screen("Kết quả", (Row("Tên ứng dụng", "title"), Row("Nhà phát triển: tên cơ quan, công ty", "note"), Row("Nhiều lượt tải, nhận xét tốt", "note"), Row("Cài đặt / Nhận", "button", tap=True)),
               "Xem nhà phát triển rồi mới cài", GREEN),
        Screen("Ứng dụng xin quyền", (Row("Cho phép truy cập danh bạ?", "title"), Row("Chỉ cho phép khi thật cần", "note"), Row("Không cho phép", "button", tap=True)),
               "Đọc kỹ quyền trước khi chọn", GREEN),
        Screen("Màn hình chính", (Row("Nhấn giữ biểu tượng ứng dụng", "note"), Row("Gỡ cài đặt", "button", tap=True)),
               "Nhấn giữ biểu tượng để gỡ ứng dụng không dùng", GREEN),
    ),
)

SEARCH_CHECK = Picture(
    "Tìm đúng trang chính thức",
    (
        Screen("Trình duyệt", (Row("Cổng Dịch vụ công quốc gia", "field", tap=True), Row("Gõ hoặc chạm micro để nói", "note")),
               "Gõ hoặc nói điều cần tìm", TEAL),
        Screen("Kết quả tìm kiếm", (Row("Quảng cáo · trang lạ", "item"), Row("dichvucong.gov.vn", tap=True), Row("Bài đăng trên mạng xã hội", "item")),
               "Bỏ qua quảng cáo, chọn địa chỉ đúng", TEAL),
        Screen("Cổng Dịch vụ công", (Row("Nhìn lại thanh địa chỉ", "note"), Row("Đuôi .gov.vn là cơ quan nhà nước", "note")),
               "Nhìn lại địa chỉ trên thanh trên cùng", TEAL, "dichvucong.gov.vn"),
    ),
)

VIDEO_CALL = Picture(
    "Gửi tin nhắn thoại và gọi video",
    (
        Screen("Tin nhắn", (Row("Con gái", tap=True), Row("Nhóm gia đình"), Row("Anh Hai")),
               "Chạm tên người thân", VIOLET),
        Screen("Con gái", (Row("Nhấn giữ nút micro, nói, rồi thả tay", "field", tap=True), Row("Tin nhắn thoại được gửi đi", "note")),
               "Nhấn giữ micro, nói, thả tay để gửi", VIOLET),
        Screen("Con gái", (Row("Nút máy quay ở góc trên", "button", tap=True), Row("Cầm máy ngang tầm mặt, chỗ đủ sáng", "note")),
               "Chạm nút máy quay để gọi video", VIOLET),
        Screen("Đang gọi video", (Row("Thấy mặt người thân", "note"), Row("Kết thúc", "button", tap=True)),
               "Chạm nút đỏ để kết thúc", RED),
    ),
)

VNEID_ACTIVATE = Picture(
    "Kích hoạt tài khoản định danh điện tử trên VNeID",
    (
        Screen("VNeID", (Row("Kích hoạt tài khoản định danh điện tử", "button", tap=True), Row("Đăng nhập")),
               "Cài từ kho chính thức, chọn kích hoạt"),
        Screen("Kích hoạt", (Row("Số định danh cá nhân", "field"), Row("Số điện thoại chính chủ", "field"), Row("Gửi yêu cầu", "button", tap=True)),
               "Nhập số định danh và số điện thoại"),
        Screen("Mã OTP", (Row("Nhập mã 6 số trong tin nhắn", "field", tap=True), Row("Tự nhập, không đọc cho ai", "note")),
               "Tự nhập mã OTP"),
        Screen("Bảo mật", (Row("Đặt mật khẩu", "field"), Row("Đặt passcode", "field"), Row("Hoàn tất", "button", tap=True)),
               "Tự đặt mật khẩu và passcode"),
    ),
)

PUBLIC_SERVICE = Picture(
    "Tra cứu thủ tục trên Cổng Dịch vụ công quốc gia",
    (
        Screen("Cổng Dịch vụ công", (Row("Tìm thủ tục", "field", tap=True), Row("Đăng nhập bằng VNeID", "button")),
               "Gõ đúng địa chỉ, tìm ô tìm thủ tục", TEAL, "dichvucong.gov.vn"),
        Screen("Kết quả", (Row("Đăng ký khai sinh", tap=True), Row("Chọn đúng nơi bạn ở", "note")),
               "Gõ tên thủ tục, chọn đúng thủ tục", TEAL, "dichvucong.gov.vn"),
        Screen("Thông tin thủ tục", (Row("Thành phần hồ sơ", "item"), Row("Thời hạn giải quyết", "item"), Row("Phí, lệ phí", "item"), Row("Cơ quan thực hiện", "item")),
               "Đọc bốn điều trước khi nộp", TEAL, "dichvucong.gov.vn"),
        Screen("Đã nộp", (Row("Mã hồ sơ của bạn", "title"), Row("Ghi lại mã để tra cứu", "note")),
               "Nộp xong, ghi lại mã hồ sơ", TEAL, "dichvucong.gov.vn"),
    ),
)

HOSPITAL_BOOKING = Picture(
    "Tìm kênh đặt lịch khám chính thức",
    (
        Screen("Trình duyệt", (Row("Tên đầy đủ của bệnh viện", "field", tap=True),),
               "Gõ tên đầy đủ của bệnh viện", RED),
        Screen("Kết quả tìm kiếm", (Row("Quảng cáo · đặt lịch nhanh", "item"), Row("Trang chính thức của bệnh viện", tap=True), Row("Bỏ qua kết quả Quảng cáo", "note")),
               "Bỏ qua quảng cáo, mở trang chính thức", RED),
        Screen("Trang bệnh viện", (Row("Đặt lịch khám", tap=True), Row("Số điện thoại đặt lịch", "item")),
               "Tìm mục đặt lịch hoặc số điện thoại", RED),
        Screen("So sánh", (Row("Số trên trang web", "field"), Row("Số trên giấy hẹn, bảng thông báo", "field"), Row("Hai số khớp nhau thì dùng", "note")),
               "So với số trên giấy hẹn", RED),
    ),
)

ASK_AI = Picture(
    "Hỏi trợ lý AI rồi kiểm tra lại",
    (
        Screen("Trợ lý AI", (Row("Tôi bán rau ở chợ. Viết giúp tôi lời chào khách ngắn, dễ hiểu.", "field", tap=True), Row("Không gõ mật khẩu, mã OTP, số giấy tờ", "note")),
               "Hỏi câu rõ: bạn là ai, cần gì", VIOLET),
        Screen("Trợ lý AI", (Row("Câu trả lời của AI", "title"), Row("Viết ngắn hơn", "field", tap=True)),
               "Chưa vừa ý thì hỏi tiếp", VIOLET),
        Screen("Kiểm tra", (Row("Việc sức khoẻ, tiền bạc, pháp luật", "note"), Row("Xem trang của cơ sở y tế", "item"), Row("Hỏi nhân viên y tế", "item", tap=True)),
               "Việc quan trọng thì hỏi lại người có chuyên môn", VIOLET),
    ),
)


def main() -> None:
    """Write every picture of the course."""
    render_cards("Mô hình học tập 4T", FOUR_T, OUT / "4t-cho-so.png",
                 "Tiểu thương - Thương mại điện tử - Thanh toán không dùng tiền mặt - Tiết kiệm số")
    render(SAVINGS, OUT / "gui-tiet-kiem-ung-dung.png")
    render_cards("Chuyển đổi số trong đời sống hằng ngày", DIGITAL_LIFE, OUT / "chuyen-doi-so-doi-song.png")
    render(LEARNING, OUT / "hoc-binh-dan-hoc-vu-so.png")
    render(VNEID_WALLET, OUT / "vneid-vi-giay-to.png")
    render(BANK_ACCOUNT, OUT / "mo-tai-khoan-ngan-hang.png")
    render(HEALTH_BOOK, OUT / "so-suc-khoe-vneid.png")
    render(FEEDBACK, OUT / "phan-anh-kien-nghi.png")
    render_cards("Gia đình số: sáu bước hướng dẫn người thân", FAMILY_KIT, OUT / "gia-dinh-so-6-buoc.png", columns=3)
    render(PHONE_SETTINGS, OUT / "cai-dat-chu-to-wifi-khoa.png")
    render(INSTALL_APP, OUT / "cai-ung-dung-kho-chinh-thuc.png")
    render(SEARCH_CHECK, OUT / "tim-trang-chinh-thuc.png")
    render(VIDEO_CALL, OUT / "tin-nhan-thoai-goi-video.png")
    render(VNEID_ACTIVATE, OUT / "kich-hoat-vneid.png")
    render(PUBLIC_SERVICE, OUT / "tra-cuu-thu-tuc-dvc.png")
    render(HOSPITAL_BOOKING, OUT / "tim-kenh-dat-lich-kham.png")
    render(ASK_AI, OUT / "hoi-tro-ly-ai.png")


if __name__ == "__main__":
    main()
