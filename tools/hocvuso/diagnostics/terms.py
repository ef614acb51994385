"""Words and phrases that diagnostics name, in both languages.

A caller never composes the text of a message: it passes a :class:`Term`
(an enumerated value of this module) or a :class:`Suggestion`, and the
message is filled in the reader's language when it is rendered.  Values
the author wrote (a path, a field name, a code) are passed as they are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase of the catalogue, in English and Vietnamese."""

    en: str
    vi: str

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True, slots=True)
class Suggestion:
    """'Did you mean …?' naming a close match (or a better path); empty when there is none."""

    word: str | None

    def text(self, lang: str) -> str:
        if not self.word:
            return ""
        return f"Có phải là '{self.word}'? " if lang == "vi" else f"Did you mean '{self.word}'? "


def did_you_mean(word: str, choices: list[str]) -> Suggestion:
    """The closest of ``choices`` to ``word``, if any is close enough."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return Suggestion(close[0] if close else None)


def shown(value: str, limit: int = 80) -> str:
    """An author's value as a message may quote it: control characters made visible, cut at ``limit``."""
    visible = "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in value)
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


# --- kinds of YAML values (HV106 'must be {expected}, not {found}') ---------------
TEXT = Term("text", "văn bản")
NUMBER = Term("a number", "một số")
WHOLE_NUMBER = Term("a whole number", "một số nguyên")
BOOLEAN = Term("true or false", "true hoặc false")
DATE = Term("a date YYYY-MM-DD", "ngày dạng YYYY-MM-DD")
LIST = Term("a list", "một danh sách")
MAPPING = Term("a mapping", "một nhóm trường")
EMPTY = Term("empty", "để trống")
FIELD_LINES = Term("a list of 'field: value' lines", "các dòng 'trường: giá trị'")

# --- why a value is refused (HV107, HV206, HV113) ------------------------------------
NOT_AN_ASSESSMENT = Term("not a kind of assessment", "không phải một kiểu chấm")
USE_ASSESSMENTS = Term("Use self, peer and/or staff.", "Dùng self, peer và/hoặc staff.")
UNKNOWN_FEEDBACK = Term("unknown choice", "lựa chọn không có")
USE_FEEDBACK = Term("Use optional, required or disabled.", "Dùng optional, required hoặc disabled.")
UNKNOWN_ENGINE = Term("unknown engine", "bộ chấm không có")
USE_ENGINES = Term("Use xblock or capa.", "Dùng xblock hoặc capa.")
ONLY_HTTPS_VIDEO = Term("only https:// video links are allowed", "chỉ nhận liên kết video https://")
SCHEME_REFUSED = Term("this kind of link can run code or open other programs",
                      "kiểu liên kết này có thể chạy mã hoặc mở chương trình khác")
HTTP_REFUSED = Term("http:// is not encrypted; use https://", "http:// không được mã hoá; dùng https://")
PROTOCOL_RELATIVE = Term("a link starting with '//' has no https:// in front",
                         "liên kết bắt đầu bằng '//' thiếu https:// ở đầu")
NUL_IN_PATH = Term("it contains a control character (such as %00)", "nó chứa ký tự điều khiển (ví dụ %00)")
NAME_TOO_LONG = Term("a folder or file name in it is longer than 255 bytes",
                     "tên thư mục hoặc tên tệp trong đó dài hơn 255 byte")
PATH_TOO_LONG = Term("it is longer than 1024 characters", "nó dài hơn 1024 ký tự")

HTML_TOO_DEEP = Term("HTML elements nested more than 100 deep", "thẻ HTML lồng nhau sâu hơn 100 tầng")

# --- what a repeated or misplaced part belongs to (HV314) ----------------------------
CHOICE = Term("choice", "lựa chọn")
QUESTION = Term("question", "câu hỏi")

# --- fences (HV207, HV209) ------------------------------------------------------------
NO_OPTIONS = Term("no options", "không tuỳ chọn nào")
BANK_ONLY_QUIZ = Term("Item-bank files hold only '::: quiz' blocks. ",
                      "Tệp ngân hàng câu hỏi chỉ chứa khối '::: quiz'. ")

# --- YAML syntax problems PyYAML reports in English (HV103) --------------------------
CONTROL_CHARACTER = Term("a control character", "một ký tự điều khiển")
NESTED_TOO_DEEP = Term("lists or mappings nested too deeply", "danh sách hoặc nhóm trường lồng nhau quá sâu")
YAML_PROBLEMS: dict[str, Term] = {
    "mapping values are not allowed here": Term("':' is not allowed here",
                                                "không được có dấu ':' ở đây"),
    "could not find expected ':'": Term("a ':' is missing", "thiếu dấu ':'"),
    "did not find expected key": Term("a field name is missing (check the indentation)",
                                      "thiếu tên trường (kiểm tra thụt lề)"),
    "did not find expected '-' indicator": Term("a '-' is missing (check the indentation)",
                                                "thiếu dấu '-' (kiểm tra thụt lề)"),
    "found unexpected end of stream": Term("the text ends inside quotes or brackets",
                                           "văn bản kết thúc khi ngoặc chưa đóng"),
    "found unexpected ':'": Term("':' is not allowed here", "không được có dấu ':' ở đây"),
    "expected ',' or ']', but got '<stream end>'": Term("a ']' is missing", "thiếu dấu ']'"),
    "expected ',' or '}', but got '<stream end>'": Term("a '}' is missing", "thiếu dấu '}'"),
    "found character that cannot start any token": Term("a character that cannot start a value",
                                                        "ký tự không thể mở đầu một giá trị"),
    "mapping values are not allowed in this context": Term("':' is not allowed here (put the value in quotes)",
                                                           "không được có dấu ':' ở đây (đặt giá trị trong ngoặc kép)"),
    "block sequence entries are not allowed in this context": Term("a '- ' list item is not allowed here",
                                                                   "không được có mục danh sách '- ' ở đây"),
    "did not find expected alphabetic or numeric character": Term("a name is missing after '&' or '*'",
                                                                  "thiếu tên sau '&' hoặc '*'"),
    "did not find expected <document start>": Term("a second document starts here; only one is allowed",
                                                   "một tài liệu thứ hai bắt đầu ở đây; chỉ được có một"),
    "but found another document": Term("a second document starts here; only one is allowed",
                                       "một tài liệu thứ hai bắt đầu ở đây; chỉ được có một"),
    "did not find expected whitespace or line break": Term("a space or line break is missing",
                                                           "thiếu dấu cách hoặc xuống dòng"),
    "did not find expected comment or line break": Term("text follows a value that should end the line",
                                                        "có chữ sau một giá trị lẽ ra phải hết dòng"),
    "found unknown directive name": Term("a line starting with '%' is not allowed here",
                                         "không được có dòng bắt đầu bằng '%' ở đây"),
    "could not find expected directive name": Term("a line starting with '%' is not allowed here",
                                                   "không được có dòng bắt đầu bằng '%' ở đây"),
    "found undefined alias": Term("'*' names no '&' anchor (aliases are not allowed anyway)",
                                  "'*' không trỏ tới neo '&' nào (dù sao cũng không được dùng bí danh)"),
    "did not find expected node content": Term("a value is missing", "thiếu giá trị"),
}


def yaml_problem(problem: str) -> Term | str:
    """PyYAML's English problem text as a catalogue term when it is a known one."""
    key = re.sub(r"^found character .* that cannot", "found character that cannot", problem)
    if key.startswith("unacceptable character"):
        return CONTROL_CHARACTER
    return YAML_PROBLEMS.get(key, shown(problem))

# --- hocvuso report (HV8xx) ------------------------------------------------------------
ROSTER = Term("roster", "Danh sách người học")
A_LEARNER_ID = Term("a learner id", "một mã người học")
WHOLE_FROM_ONE = Term("a whole number from 1", "một số nguyên từ 1")
SHARE_0_1 = Term("a share from 0 to 1", "một tỉ lệ từ 0 đến 1")
DISABILITY_VALUES = Term("x / yes / 1 (disabled); empty / no / 0", "x / có / 1 (có khuyết tật); để trống / không / 0")
UNLISTED_UNIT = Term("(unit not in the plan)", "(đơn vị chưa có trong kế hoạch)")
MOODLE_QUESTION_RESULT = Term("Question i and Result i (turn on 'Question' and 'Result' in the report's settings)",
                              "Question i và Result i (bật 'Question' và 'Result' trong phần thiết lập của báo cáo)")
