"""Narration is normalised before TTS: each written form and what the voice must say, worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from hocvuso.diagnostics import Diagnostics
from hocvuso.media.speech import normalise
from hocvuso.project import Project, load
from tests.media.conftest import load_course, write_course

CASES = [
    ('Gọi 113 khi có trộm.',
     'Gọi một một ba khi có trộm.'),
    ('Cấp cứu gọi 115.',
     'Cấp cứu gọi một một năm.'),
    ('Đường dây nóng 111 bảo vệ trẻ em.',
     'Đường dây nóng một một một bảo vệ trẻ em.'),
    ('Hạn nộp trước ngày 20/3.',
     'Hạn nộp trước ngày hai mươi tháng ba.'),
    ('Luật có hiệu lực từ 1/7/2025.',
     'Luật có hiệu lực từ ngày mùng một tháng bảy năm hai nghìn không trăm hai mươi lăm.'),
    ('Theo Nghị định 13/2023/NĐ-CP về dữ liệu cá nhân.',
     'Theo Nghị định số mười ba năm hai nghìn không trăm hai mươi ba của Chính phủ về dữ liệu cá nhân.'),
    ('Thông tư 02/2025/TT-BGDĐT quy định khung năng lực số.',
     'Thông tư số hai năm hai nghìn không trăm hai mươi lăm của Bộ Giáo dục và Đào tạo quy định khung năng lực số.'),
    ('Nghị quyết 57-NQ/TW về khoa học công nghệ.',
     'Nghị quyết số năm mươi bảy của Bộ Chính trị về khoa học công nghệ.'),
    ('Quyết định 757/QĐ-BKHCN.',
     'Quyết định số bảy trăm năm mươi bảy của Bộ Khoa học và Công nghệ.'),
    ('Mở ứng dụng VNeID.',
     'Mở ứng dụng vê en e ai đi.'),
    ('Không đưa mã OTP cho ai.',
     'Không đưa mã ô tê pê cho ai.'),
    ('Quét mã QR để thanh toán.',
     'Quét mã kiu a để thanh toán.'),
    ('Truy cập https://dichvucong.gov.vn để nộp hồ sơ.',
     'Truy cập dichvucong chấm gov chấm vn để nộp hồ sơ.'),
    ('Vào binhdanhocvuso.gov.vn để học.',
     'Vào binhdanhocvuso chấm gov chấm vn để học.'),
    ('Đạt 80% người dân.',
     'Đạt tám mươi phần trăm người dân.'),
    ('Lãi suất 0,5% mỗi tháng.',
     'Lãi suất không phẩy năm phần trăm mỗi tháng.'),
    ('Giá 50.000 đồng một kg.',
     'Giá năm mươi nghìn đồng một kg.'),
    ('Chuyển 1.500.000 đ cho người bán.',
     'Chuyển một triệu năm trăm nghìn đồng cho người bán.'),
    ('Ưu đãi 200k cho đơn đầu.',
     'Ưu đãi hai trăm nghìn cho đơn đầu.'),
    ('Họp lúc 8:30 sáng.',
     'Họp lúc tám giờ ba mươi phút sáng.'),
    ('Buổi học bắt đầu 14h.',
     'Buổi học bắt đầu mười bốn giờ.'),
    ('Gọi số 0912 345 678 của cán bộ xã.',
     'Gọi số không chín một hai ba bốn năm sáu bảy tám của cán bộ xã.'),
    ('Hotline 1900 1234.',
     'Hotline một chín không không một hai ba bốn.'),
    ('Có 24 năng lực và 8 bậc.',
     'Có hai mươi bốn năng lực và tám bậc.'),
    ('Năm 2026 có 100 người học.',
     'Năm hai nghìn không trăm hai mươi sáu có một trăm người học.'),
    ('Bài học dài 15 phút.',
     'Bài học dài mười lăm phút.'),
    ('Họp vào thứ 2 hằng tuần.',
     'Họp vào thứ hai hằng tuần.'),
    ('Họp vào thứ 4.',
     'Họp vào thứ tư.'),
    ('Ủy ban nhân dân TP. Hà Nội.',
     'Ủy ban nhân dân thành phố Hà Nội.'),
    ('Nộp tại UBND xã.',
     'Nộp tại Ủy ban nhân dân xã.'),
    ('Mang CCCD gắn chip.',
     'Mang căn cước công dân gắn chip.'),
    ('Kết nối Wi-Fi miễn phí.',
     'Kết nối wai phai miễn phí.'),
    ('Dùng Zalo để gọi video.',
     'Dùng da lô để gọi video.'),
    ('Tài khoản định danh mức 2.',
     'Tài khoản định danh mức hai.'),
    ('Mỗi Đại sứ số kèm 5 người.',
     'Mỗi Đại sứ số kèm năm người.'),
    ('Trên 60% người trưởng thành.',
     'Trên sáu mươi phần trăm người trưởng thành.'),
    ('Ngày 15/01/2026 khai giảng.',
     'Ngày mười lăm tháng một năm hai nghìn không trăm hai mươi sáu khai giảng.'),
    ('Khoá học có 11 bài.',
     'Khoá học có mười một bài.'),
    ('Mật khẩu dài ít nhất 12 ký tự.',
     'Mật khẩu dài ít nhất mười hai ký tự.'),
    ('Bậc CB2 của khung.',
     'Bậc cơ bản hai của khung.'),
    ('Gửi email cho khách hàng.',
     'Gửi i meo cho khách hàng.'),
    ('Tải tệp PDF về máy.',
     'Tải tệp pê đê ép về máy.'),
    ('Cắm USB vào máy tính.',
     'Cắm u ét bê vào máy tính.'),
    ('Dùng ChatGPT cẩn thận.',
     'Dùng chát gi pi ti cẩn thận.'),
    ('Sản phẩm OCOP 3 sao.',
     'Sản phẩm ô cóp ba sao.'),
    ('Giảm 1,5 triệu đồng.',
     'Giảm một phẩy năm triệu đồng.'),
    ('Xác thực eKYC khi mở tài khoản.',
     'Xác thực i kê oai xê khi mở tài khoản.'),
    ('Ngày 5/9 là ngày khai giảng.',
     'Ngày mùng năm tháng chín là ngày khai giảng.'),
    ('Tổng đài 18001091 hỗ trợ.',
     'Tổng đài một tám không không một không chín một hỗ trợ.'),
    ('Có 3,5 triệu người dùng.',
     'Có ba phẩy năm triệu người dùng.'),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_narration_is_read_as_a_vietnamese_speaker_would(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


def test_a_course_lexicon_overrides_the_built_in_reading() -> None:
    assert normalise("Mở VNeID.", {"VNeID": "vê nê ích"}) == "Mở vê nê ích."


def test_there_are_at_least_fifty_tricky_strings() -> None:
    assert len(CASES) >= 50


def test_course_yaml_pronunciations_reach_the_course_model(tmp_path: Path) -> None:
    courses = write_course(tmp_path)
    yaml_path = courses / "citizens" / "course.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + "pronunciations:\n  iHanoi: ai Hà Nội\n  VNeID: vê nê ích\n",
                         encoding="utf-8")
    course = load_course(courses)
    assert course.pronunciations == {"iHanoi": "ai Hà Nội", "VNeID": "vê nê ích"}
    assert normalise("Mở iHanoi và VNeID.", course.pronunciations) == "Mở ai Hà Nội và vê nê ích."


def test_pronunciations_that_are_not_a_mapping_are_reported_at_their_line(tmp_path: Path) -> None:
    courses = write_course(tmp_path)
    yaml_path = courses / "citizens" / "course.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    yaml_path.write_text(text + "pronunciations: VNeID\n", encoding="utf-8")
    diags = Diagnostics()
    load(Project(courses), [], diags)
    found = [(d.code.id, d.loc.line) for d in diags]
    assert ("HV106", text.count("\n") + 1) in found  # the field's own line, just after the existing ones
