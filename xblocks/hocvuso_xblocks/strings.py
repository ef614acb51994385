"""Learner- and staff-facing text: Vietnamese (``VI``), and the learner's words in English and Khmer."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

VI = {
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

# The learner's words in the other languages a course may be built in (hocvuso's docs/translation.md): the
# item bank's course.language picks them. A word missing here is shown in Vietnamese (staff words stay
# Vietnamese). The Khmer words are a DRAFT machine-assisted translation, to be reviewed by a native speaker.
TRANSLATIONS: dict[str, dict[str, str]] = {
    "en": {
        "intro": "The final assessment checks each digital competency of the learner profile, following the digital "
                 "competency framework (Circular 02/2025/TT-BGDĐT). Learners who pass get the course's certificate.",
        "official_note": "This certificate is the course's own; it does not replace the confirmation of basic digital "
                         "skills, which is made on VNeID as the competent authorities direct.",
        "form_size": "The assessment has {items} questions drawn at random from the item bank, shared among "
                     "{competencies} competencies.",
        "time_limit": "Time allowed: {minutes} minutes.",
        "no_time_limit": "No time limit.",
        "attempts": "Attempts: {used} of {max} used.",
        "attempts_unlimited": "Attempts: {used} used (no limit).",
        "wait_rule": "After an attempt that does not pass, wait {hours} hours before trying again.",
        "rule": "You pass with at least {competency}% right in each competency and {overall}% overall.",
        "competencies_heading": "The competencies assessed",
        "target": "target {level}",
        "start": "Start the assessment",
        "resume": "Continue the assessment",
        "retake": "Take the assessment again",
        "submit": "Submit",
        "confirm_unanswered": "{n} question(s) are not answered. Submit anyway?",
        "question": "Question {n}",
        "choose": "— Choose —",
        "numeric_label": "Enter a number (a comma or a point for decimals)",
        "text_label": "Enter your answer",
        "dropdown_label": "Choose an answer",
        "step": "Step {n}",
        "order_help": "Choose the right place for each item (Step 1 is done first).",
        "multiple_help": "Choose every right answer.",
        "time_left": "Time left:",
        "form_heading": "Assessment: {title}",
        "result_heading": "Assessment result",
        "passed": "Congratulations! You passed the final assessment in every competency assessed.",
        "failed": "Not passed yet. Review the suggested lessons, then try again.",
        "overall": "Right overall: {share}% (needed {need}%).",
        "attempt_of": "Attempt {n}.",
        "expired_attempt": "This attempt ran out of time before it was submitted, so it counts as not passed.",
        "profile_caption": "Your competency profile",
        "col_competency": "Competency",
        "col_target": "Level needed",
        "col_score": "Right",
        "col_status": "Status",
        "col_level": "Level shown",
        "col_review": "Lessons to review",
        "reached": "Reached",
        "not_reached": "Not reached",
        "no_level": "not determined",
        "certificate_heading": "Certificate",
        "download_png": "Download the certificate (PNG image)",
        "download_credential": "Download the digital credential (Open Badges 3.0, .jwt file)",
        "credential_note": "The digital credential is signed: anyone can check it without connecting to the system.",
        "no_key_learner": "The digital credential is not issued yet: the course organiser has not set up a signing "
                          "key. Your result is saved.",
        "wait_until": "You can try again after {when}.",
        "no_attempts_left": "You have used all your attempts.",
        "already_passed": "You have passed this assessment.",
        "bank_problem": "The assessment cannot be used yet: its item bank has errors.",
        "placement_intro": "The starting check shows which competencies you already master before the lessons. It is "
                           "not graded, gives no certificate and is taken once.",
        "placement_result": "This is your starting check result (not graded). Look at the lessons suggested for review.",
        "placement_done": "You have taken the starting check.",
        "err_expired": "The time is over; this attempt is not graded.",
        "err_not_passed": "No certificate yet: you have not passed the assessment.",
        "err_no_form": "You have not started the assessment (or it was submitted already).",
    },
    "km": {
        "intro": "ការវាយតម្លៃចុងវគ្គ ពិនិត្យសមត្ថភាពឌីជីថលនីមួយៗនៃប្រវត្តិរូបសិក្សា តាមក្របខណ្ឌសមត្ថភាពឌីជីថល "
                 "(សារាចរណែនាំ 02/2025/TT-BGDĐT)។ អ្នកដែលជាប់ នឹងទទួលវិញ្ញាបនបត្ររបស់វគ្គសិក្សា។",
        "official_note": "វិញ្ញាបនបត្រនេះជារបស់វគ្គសិក្សា មិនជំនួសការបញ្ជាក់ជំនាញឌីជីថលមូលដ្ឋានទេ "
                         "ដែលធ្វើនៅលើ VNeID តាមការណែនាំរបស់អាជ្ញាធរមានសមត្ថកិច្ច។",
        "form_size": "ការវាយតម្លៃមានសំណួរ {items} ជ្រើសដោយចៃដន្យពីធនាគារសំណួរ ចែកស្មើគ្នាសម្រាប់សមត្ថភាព {competencies}។",
        "time_limit": "រយៈពេលធ្វើ៖ {minutes} នាទី។",
        "no_time_limit": "មិនកំណត់ពេល។",
        "attempts": "ចំនួនដងធ្វើ៖ បានប្រើ {used} / {max}។",
        "attempts_unlimited": "ចំនួនដងធ្វើ៖ បានប្រើ {used} (មិនកំណត់)។",
        "wait_rule": "ក្រោយធ្វើមិនទាន់ជាប់ម្ដងៗ ត្រូវរង់ចាំ {hours} ម៉ោង ទើបធ្វើម្ដងទៀតបាន។",
        "rule": "ជាប់ នៅពេលសមត្ថភាពនីមួយៗត្រឹមត្រូវពី {competency}% ឡើងទៅ ហើយទាំងមូលត្រឹមត្រូវពី {overall}% ឡើងទៅ។",
        "competencies_heading": "សមត្ថភាពដែលត្រូវវាយតម្លៃ",
        "target": "គោលដៅ {level}",
        "start": "ចាប់ផ្ដើមការវាយតម្លៃ",
        "resume": "បន្តការវាយតម្លៃ",
        "retake": "ធ្វើការវាយតម្លៃម្ដងទៀត",
        "submit": "ដាក់ស្នើ",
        "confirm_unanswered": "នៅសល់សំណួរ {n} មិនទាន់ឆ្លើយ។ តើអ្នកនៅតែចង់ដាក់ស្នើឬ?",
        "question": "សំណួរទី {n}",
        "choose": "— ជ្រើស —",
        "numeric_label": "វាយបញ្ចូលលេខ (ប្រើក្បៀស ឬចំណុច សម្រាប់ទសភាគ)",
        "text_label": "វាយបញ្ចូលចម្លើយ",
        "dropdown_label": "ជ្រើសចម្លើយ",
        "step": "ជំហានទី {n}",
        "order_help": "ជ្រើសលំដាប់ត្រឹមត្រូវសម្រាប់ធាតុនីមួយៗ (ជំហានទី 1 ធ្វើមុនគេ)។",
        "multiple_help": "ជ្រើសចម្លើយត្រឹមត្រូវទាំងអស់។",
        "time_left": "ពេលនៅសល់៖",
        "form_heading": "ការវាយតម្លៃ៖ {title}",
        "result_heading": "លទ្ធផលការវាយតម្លៃ",
        "passed": "សូមអបអរសាទរ! អ្នកបានជាប់ការវាយតម្លៃចុងវគ្គ ក្នុងគ្រប់សមត្ថភាពដែលត្រូវវាយតម្លៃ។",
        "failed": "អ្នកមិនទាន់ជាប់ទេ។ សូមរំលឹកមេរៀនដែលបានណែនាំ ហើយធ្វើម្ដងទៀត។",
        "overall": "ត្រឹមត្រូវទាំងមូល៖ {share}% (ត្រូវការ {need}%)។",
        "attempt_of": "ការធ្វើលើកទី {n}។",
        "expired_attempt": "ការធ្វើលើកនេះអស់ពេលមុនពេលដាក់ស្នើ ដូច្នេះរាប់ថាមិនទាន់ជាប់។",
        "profile_caption": "ប្រវត្តិរូបសមត្ថភាពរបស់អ្នក",
        "col_competency": "សមត្ថភាព",
        "col_target": "កម្រិតត្រូវការ",
        "col_score": "ត្រឹមត្រូវ",
        "col_status": "ស្ថានភាព",
        "col_level": "កម្រិតបានបង្ហាញ",
        "col_review": "មេរៀនគួររំលឹក",
        "reached": "សម្រេច",
        "not_reached": "មិនទាន់សម្រេច",
        "no_level": "មិនទាន់កំណត់",
        "certificate_heading": "វិញ្ញាបនបត្រ",
        "download_png": "ទាញយកវិញ្ញាបនបត្រ (រូបភាព PNG)",
        "download_credential": "ទាញយកវិញ្ញាបនបត្រឌីជីថល (Open Badges 3.0 ឯកសារ .jwt)",
        "credential_note": "វិញ្ញាបនបត្រឌីជីថលមានហត្ថលេខាអេឡិចត្រូនិក៖ នរណាក៏អាចពិនិត្យបាន ដោយមិនចាំបាច់ភ្ជាប់ប្រព័ន្ធ។",
        "no_key_learner": "វិញ្ញាបនបត្រឌីជីថលមិនទាន់ចេញទេ៖ អ្នករៀបចំវគ្គសិក្សាមិនទាន់កំណត់កូនសោចុះហត្ថលេខា។ "
                          "លទ្ធផលរបស់អ្នកត្រូវបានរក្សាទុកហើយ។",
        "wait_until": "អ្នកអាចធ្វើម្ដងទៀតបានក្រោយ {when}។",
        "no_attempts_left": "អ្នកបានប្រើចំនួនដងធ្វើអស់ហើយ។",
        "already_passed": "អ្នកបានជាប់ការវាយតម្លៃនេះហើយ។",
        "bank_problem": "ការវាយតម្លៃមិនទាន់ប្រើបានទេ៖ ធនាគារសំណួរមានកំហុស។",
        "placement_intro": "ការពិនិត្យមុនពេលរៀន ជួយអ្នកដឹងថាអ្នកស្ទាត់សមត្ថភាពណាខ្លះហើយ។ វាមិនដាក់ពិន្ទុ "
                           "មិនចេញវិញ្ញាបនបត្រ ហើយធ្វើតែម្ដង។",
        "placement_result": "នេះជាលទ្ធផលការពិនិត្យមុនពេលរៀន (មិនដាក់ពិន្ទុ)។ សូមយកចិត្តទុកដាក់មេរៀនដែលណែនាំឱ្យរំលឹក។",
        "placement_done": "អ្នកបានធ្វើការពិនិត្យមុនពេលរៀនហើយ។",
        "err_expired": "អស់ពេលធ្វើហើយ ការធ្វើលើកនេះមិនត្រូវបានដាក់ពិន្ទុទេ។",
        "err_not_passed": "មិនទាន់មានវិញ្ញាបនបត្រទេ៖ អ្នកមិនទាន់ជាប់ការវាយតម្លៃ។",
        "err_no_form": "អ្នកមិនទាន់ចាប់ផ្ដើមការវាយតម្លៃទេ (ឬបានដាក់ស្នើរួចហើយ)។",
    },
}
_LANGUAGE: ContextVar[str] = ContextVar("hocvuso_language", default="vi")


class Words(Mapping[str, str]):
    """A words table read in the language of the view or handler being run (see :func:`speaking`)."""

    def __init__(self, source: dict[str, str]) -> None:
        self._source = source

    def __getitem__(self, key: str) -> str:
        language = _LANGUAGE.get()
        own = TRANSLATIONS.get(language) or TRANSLATIONS.get(language.partition("-")[0]) or {}
        return own.get(key) or self._source[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within the block, ``T`` gives the words of ``language`` (the block sets it per view and handler)."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


T = Words(VI)

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
