"""Learner- and staff-facing text, in Vietnamese (the course language)."""

from __future__ import annotations

T = {
    "intro": "Bài đánh giá cuối khoá kiểm tra từng năng lực số của hồ sơ học tập, theo khung năng lực số "
             "(Thông tư 02/2025/TT-BGDĐT). Người đạt nhận giấy chứng nhận của khoá học.",
    "official_note": "Giấy chứng nhận này là của khoá học, không thay cho việc xác nhận phổ cập kỹ năng số: "
                     "xác nhận “phổ cập” chính thức được thực hiện trên VNeID theo hướng dẫn của cơ quan có thẩm quyền.",
    "form_size": "Bài gồm {items} câu hỏi, rút ngẫu nhiên từ ngân hàng câu hỏi, chia đều cho {competencies} năng lực.",
    "time_limit": "Thời gian làm bài: {minutes} phút.",
    "no_time_limit": "Không giới hạn thời gian.",
    "attempts": "Số lần làm bài: đã dùng {used} / {max}.",
    "attempts_unlimited": "Số lần làm bài: đã dùng {used} (không giới hạn).",
    "wait_rule": "Sau mỗi lần chưa đạt, cần chờ {hours} giờ trước khi làm lại.",
    "rule": "Đạt khi mỗi năng lực đúng từ {competency}% trở lên và toàn bài đúng từ {overall}% trở lên.",
    "competencies_heading": "Các năng lực được đánh giá",
    "target": "mục tiêu {level}",
    "start": "Bắt đầu làm bài",
    "resume": "Tiếp tục làm bài",
    "retake": "Làm lại bài đánh giá",
    "submit": "Nộp bài",
    "confirm_unanswered": "Còn {n} câu chưa trả lời. Bạn vẫn muốn nộp bài?",
    "question": "Câu {n}",
    "choose": "— Chọn —",
    "numeric_label": "Nhập số (dùng dấu phẩy hoặc dấu chấm cho phần thập phân)",
    "text_label": "Nhập câu trả lời",
    "dropdown_label": "Chọn đáp án",
    "step": "Bước {n}",
    "order_help": "Chọn thứ tự đúng (Bước 1 là việc làm đầu tiên) cho từng mục.",
    "multiple_help": "Chọn tất cả các đáp án đúng.",
    "time_left": "Thời gian còn lại:",
    "form_heading": "Bài đánh giá: {title}",
    "result_heading": "Kết quả bài đánh giá",
    "passed": "Chúc mừng! Bạn đã đạt bài đánh giá cuối khoá ở mọi năng lực được đánh giá.",
    "failed": "Bạn chưa đạt. Hãy ôn lại các bài được gợi ý rồi làm lại.",
    "overall": "Tỉ lệ đúng toàn bài: {share}% (cần {need}%).",
    "attempt_of": "Lần làm bài thứ {n}.",
    "expired_attempt": "Lần làm bài này đã hết giờ trước khi nộp nên được tính là chưa đạt.",
    "profile_caption": "Hồ sơ năng lực của bạn",
    "col_competency": "Năng lực",
    "col_target": "Mức cần đạt",
    "col_score": "Đúng",
    "col_status": "Trạng thái",
    "col_level": "Bậc thể hiện",
    "col_review": "Bài nên ôn lại",
    "reached": "Đạt",
    "not_reached": "Chưa đạt",
    "no_level": "chưa xác định",
    "nothing_to_review": "—",
    "certificate_heading": "Chứng nhận",
    "download_png": "Tải giấy chứng nhận (ảnh PNG)",
    "download_credential": "Tải chứng nhận số (Open Badges 3.0, tệp .jwt)",
    "credential_note": "Chứng nhận số có chữ ký điện tử: bất kỳ ai cũng kiểm tra được mà không cần kết nối với hệ thống.",
    "no_key_learner": "Chứng nhận số chưa được cấp: đơn vị tổ chức khoá học chưa cấu hình khoá ký. Kết quả của bạn đã được lưu.",
    "no_key_staff": "Dành cho nhân viên khoá học: không cấp được chứng nhận số ({reason}). Xem README của gói hocvuso-xblocks.",
    "test_key_staff": "Dành cho nhân viên khoá học: đang dùng KHOÁ THỬ công khai; chứng nhận cấp ra không có giá trị.",
    "wait_until": "Bạn có thể làm lại sau {when}.",
    "no_attempts_left": "Bạn đã dùng hết số lần làm bài.",
    "already_passed": "Bạn đã đạt bài đánh giá này.",
    "bank_problem": "Bài đánh giá chưa dùng được: ngân hàng câu hỏi có lỗi.",
    "bank_problem_staff": "Dành cho nhân viên khoá học: {problems}",
    "short_bank_staff": "Dành cho nhân viên khoá học: năng lực {codes} có ít câu hỏi hơn {n} câu cần rút.",
    # handler errors
    "err_method": "Yêu cầu này phải gửi bằng POST.",
    "err_too_large": "Dữ liệu gửi lên quá lớn (tối đa {limit} KB).",
    "err_json": "Dữ liệu gửi lên không phải JSON hợp lệ.",
    "err_object": "Dữ liệu gửi lên phải là một đối tượng JSON.",
    "err_no_form": "Bạn chưa bắt đầu bài đánh giá (hoặc bài đã được nộp).",
    "err_replayed": "Bài làm này đã được nộp rồi; không nộp lại được.",
    "err_form_id": "Mã bài làm không khớp với bài đang làm.",
    "err_answers": "Trường 'answers' phải là một đối tượng {{mã câu hỏi: câu trả lời}}.",
    "err_unknown_question": "Câu hỏi '{id}' không có trong bài làm của bạn.",
    "err_answer": "Câu trả lời cho '{id}' không hợp lệ: {reason}.",
    "err_expired": "Đã hết thời gian làm bài; bài làm không được chấm.",
    "err_not_passed": "Chưa có chứng nhận: bạn chưa đạt bài đánh giá.",
    "err_no_credential": "Chứng nhận số chưa cấp được lúc này. Kết quả của bạn đã được lưu; "
                         "vui lòng thử lại sau hoặc liên hệ đơn vị tổ chức khoá học.",
    "err_setting": "Giá trị '{field}' không hợp lệ: {reason}.",
    "err_unknown_setting": "Không có thiết lập '{field}'.",
    "err_cannot_start": "Chưa làm bài được: {reason}",
    "err_staff_only": "Chỉ nhân viên khoá học được làm việc này.",
    "err_no_credential_staff": "Dành cho nhân viên khoá học: chưa cấp được chứng nhận số ({reason}).",
    # what a setting needs (Studio, staff overrides)
    "need_text": "cần 1–{n} ký tự",
    "need_choice": "cần một trong: {choices}",
    "need_number": "cần một số",
    "need_integer": "cần một số nguyên",
    "need_range": "cần trong khoảng {low}–{high}",
    # placement check (pre-test)
    "placement_intro": "Bài kiểm tra đầu vào giúp bạn biết mình đã vững năng lực nào trước khi học. "
                       "Bài không tính điểm, không cấp chứng nhận và chỉ làm một lần.",
    "placement_result": "Đây là kết quả kiểm tra đầu vào (không tính điểm). Hãy chú ý các bài được gợi ý ôn.",
    "placement_done": "Bạn đã làm bài kiểm tra đầu vào.",
    # staff: extra attempts or time for one learner
    "override_heading": "Thêm lượt làm bài hoặc thời gian cho một học viên (dành cho nhân viên khoá học)",
    "override_help": "Nhập mã người dùng (User ID) của học viên trên hệ thống. Số mới thay cho số đã cho trước đó; "
                      "nhập 0 và 0 để bỏ.",
    "override_user": "Mã người dùng (User ID)",
    "override_attempts": "Số lượt làm bài thêm (0–{n})",
    "override_minutes": "Số phút thêm cho mỗi lượt (0–{n})",
    "override_button": "Lưu",
    "override_saved": "Đã lưu: học viên {user_id} có thêm {extra_attempts} lượt và {extra_minutes} phút.",
    "override_current": "Đang áp dụng: {items}.",
    "override_item": "{user_id}: +{extra_attempts} lượt, +{extra_minutes} phút",
    # Studio
    "studio_intro": "Thiết lập chính sách của bài đánh giá. Ngân hàng câu hỏi do trình biên dịch hocvuso tạo; "
                    "muốn sửa câu hỏi, hãy sửa tệp Markdown trong bank/ rồi biên dịch và nhập lại khoá học.",
    "studio_bank": "Ngân hàng câu hỏi: {total} câu.",
    "studio_key_ok": "Khoá ký chứng nhận: {alg}, đơn vị cấp {issuer}.",
    "save": "Lưu",
    "cancel": "Huỷ",
}

# The credential (read in wallets and by `hocvuso verify --json`) and the printed certificate.
# Honest wording: a course certificate of the competencies assessed, never the official "phổ cập" confirmation.
CREDENTIAL = {
    "name": "Chứng nhận hoàn thành khoá học “{course}”",
    "description": ("Người học đã đạt bài đánh giá cuối khoá “{course}”, đánh giá các năng lực số của hồ sơ “{profile}” "
                    "theo khung năng lực số (Thông tư 02/2025/TT-BGDĐT). Đây là chứng nhận của khoá học; việc xác nhận "
                    "“phổ cập” chính thức được thực hiện trên VNeID theo hướng dẫn của cơ quan có thẩm quyền."),
    "criteria": ("Bài đánh giá rút ngẫu nhiên ít nhất {items} câu cho mỗi năng lực, chấm trên máy chủ. "
                 "Đạt khi mỗi năng lực đúng từ {competency}% và toàn bài đúng từ {overall}%."),
    "overall": "Tỉ lệ đúng toàn bài",
    "status_list": "Danh sách thu hồi chứng nhận của {issuer}",
}
CERTIFICATE = {
    "movement": "BÌNH DÂN HỌC VỤ SỐ",
    "title": "CHỨNG NHẬN",
    "subtitle": "hoàn thành khoá học",
    "certifies": "Chứng nhận",
    "passed": "đã đạt bài đánh giá cuối khoá",
    "profile": "Hồ sơ năng lực: {profile} · theo khung năng lực số (Thông tư 02/2025/TT-BGDĐT)",
    "col_competency": "Năng lực được đánh giá",
    "col_level": "Bậc",
    "col_result": "Kết quả",
    "date": "Ngày cấp: {date}",
    "issuer": "Đơn vị cấp: {issuer}",
    "scan": "Quét để kiểm tra chứng nhận số",
    "id_line": "Mã chứng nhận: {id}  ·  dấu vân tay SHA-256: {fingerprint}",
    "official_note": ("Đây là giấy chứng nhận của khoá học. Việc xác nhận “phổ cập” kỹ năng số chính thức "
                      "được thực hiện trên VNeID theo hướng dẫn của cơ quan có thẩm quyền."),
}
# Staff: revoking a credential (Bitstring Status List) and the credential files.
STAFF = {
    "revoke_heading": "Thu hồi chứng nhận số (dành cho nhân viên khoá học)",
    "revoke_help": ("Nhập mã chứng nhận (urn:uuid:…, in dưới giấy chứng nhận). Thu hồi là vĩnh viễn: danh sách thu hồi "
                    "công khai tại {url} sẽ đánh dấu chứng nhận này."),
    "revoke_id": "Mã chứng nhận",
    "revoke_reason": "Lý do (ghi vào nhật ký)",
    "revoke_button": "Thu hồi",
    "revoked_count": "Đã thu hồi {n} chứng nhận.",
    "revoked_ok": "Đã thu hồi chứng nhận {id}.",
    "publish": "Khoá công khai (JWKS): {jwks} · Hồ sơ đơn vị cấp: {issuer}",
}
ERRORS = {
    "not_staff": "Chỉ nhân viên khoá học được làm việc này.",
    "unknown_credential": "Không tìm thấy chứng nhận '{id}' do bài đánh giá này cấp.",
    "already_revoked": "Chứng nhận '{id}' đã bị thu hồi trước đó.",
    "busy": "Hệ thống đang cập nhật danh sách thu hồi; hãy thử lại sau ít giây.",
    "revoked": "Chứng nhận số của bạn đã bị thu hồi.",
    "credential_missing": ("Không lấy lại được chứng nhận số đã cấp (tệp lưu trữ bị mất và khoá ký hoặc ngân hàng câu hỏi "
                           "đã đổi). Hãy liên hệ đơn vị tổ chức khoá học."),
    "all_indexes_revoked": "Không cấp lại được chứng nhận: người học này đã bị thu hồi quá nhiều chứng nhận.",
    "no_signer": "Chưa cấu hình khoá ký.",
}
