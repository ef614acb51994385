"""Written Vietnamese → what the voice should say (text normalisation before TTS).

espeak-ng reads digits and symbols literally: "gọi 113" became "một trăm
mười ba", "13/2023/NĐ-CP" a string of numbers and letters, "VNeID" four
syllables of noise.  :func:`normalise` rewrites the narration only; captions
and transcripts keep the written form.  The rules run in a fixed order, from
the most specific pattern (a URL, a legal document number, a date) to the
most general (a plain number), so a later rule never sees the digits an
earlier one already read.  Numbers are read by num2words' Vietnamese speller,
with the one reading it gets wrong for a year fixed ("hai nghìn không trăm
hai mươi lăm", not "hai nghìn lẻ hai mươi lăm").

A course adds its own readings through ``lexicon`` (word → reading); they
take precedence over the built-in ones below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from num2words import num2words

# Brand names, abbreviations and letters as Vietnamese speakers say them.
LEXICON: dict[str, str] = {
    "VNeID": "vê en e ai đi",
    "VNPT": "vê en pê tê",
    "OTP": "ô tê pê",
    "QR": "kiu a",
    "AI": "ây ai",
    "SMS": "ét em ét",
    "PIN": "pin",
    "Wi-Fi": "wai phai",
    "WiFi": "wai phai",
    "Zalo": "da lô",
    "Facebook": "phây búc",
    "YouTube": "diu túp",
    "Google": "gu gồ",
    "email": "i meo",
    "Email": "i meo",
    "USB": "u ét bê",
    "PDF": "pê đê ép",
    "CCCD": "căn cước công dân",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TP.": "thành phố",
    "ChatGPT": "chát gi pi ti",
    "OCOP": "ô cóp",
    "MOOC": "mút",
    "eKYC": "i kê oai xê",
    "CB1": "cơ bản một", "CB2": "cơ bản hai", "TC1": "trung cấp một", "TC2": "trung cấp hai",
    "NC1": "nâng cao một", "NC2": "nâng cao hai", "CS1": "chuyên sâu một", "CS2": "chuyên sâu hai",
}

# A legal document's kind and issuer, as read aloud.
DOCUMENT_TYPES: dict[str, tuple[str, str]] = {
    "NĐ-CP": ("nghị định", "của Chính phủ"),
    "NQ-CP": ("nghị quyết", "của Chính phủ"),
    "QĐ-TTg": ("quyết định", "của Thủ tướng Chính phủ"),
    "CT-TTg": ("chỉ thị", "của Thủ tướng Chính phủ"),
    "TT-BGDĐT": ("thông tư", "của Bộ Giáo dục và Đào tạo"),
    "TT-BTTTT": ("thông tư", "của Bộ Thông tin và Truyền thông"),
    "QĐ-BKHCN": ("quyết định", "của Bộ Khoa học và Công nghệ"),
    "QĐ-BTTTT": ("quyết định", "của Bộ Thông tin và Truyền thông"),
    "QĐ-UBND": ("quyết định", "của Ủy ban nhân dân"),
    "KH-UBND": ("kế hoạch", "của Ủy ban nhân dân"),
    "NQ/TW": ("nghị quyết", "của Bộ Chính trị"),
}

EMERGENCY = {"111", "112", "113", "114", "115"}  # always read digit by digit
PHONE_CONTEXT = re.compile(r"(gọi|số|đường dây|tổng đài|hotline|nhắn|máy)\s*$", re.IGNORECASE)
DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
MONTHS = ["", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"]


def number(value: int) -> str:
    """A whole number as Vietnamese words (num2words, with the year reading fixed)."""
    words: str = num2words(value, lang="vi")
    # num2words skips the empty hundreds after "nghìn": 2025 is "hai nghìn không trăm hai mươi lăm".
    words = re.sub(r"nghìn lẻ (\S+ mươi)", r"nghìn không trăm \1", words)
    words = re.sub(r"nghìn lẻ (?!\S+ mươi)", "nghìn không trăm lẻ ", words)
    return words.replace("nghìn lẻ mười", "nghìn không trăm mười")


def digits(text: str) -> str:
    """Each digit of ``text`` as a word ("113" → "một một ba"); other characters are dropped."""
    return " ".join(DIGITS[int(ch)] for ch in text if ch.isdigit())


def decimal(text: str) -> str:
    """A Vietnamese-written number: '.' groups thousands, ',' marks the decimals ("1.500.000", "0,5")."""
    whole, _, fraction = text.replace(".", "").partition(",")
    spoken = number(int(whole or "0"))
    if fraction:
        spoken += " phẩy " + (number(int(fraction)) if not fraction.startswith("0") else digits(fraction))
    return spoken


def _day(day: int) -> str:
    return f"mùng {number(day)}" if day <= 10 else number(day)


def _date(match: re.Match[str]) -> str:
    day, month, year = int(match["d"]), int(match["m"]), match["y"]
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match[0]
    prefix = "" if match["ngay"] else "ngày "
    spoken = f"{match['ngay'] or ''}{prefix}{_day(day)} tháng {MONTHS[month]}"
    return spoken + (f" năm {number(int(year))}" if year else "")


def _kind_and_issuer(code: str, before: str) -> str:
    """'nghị định của Chính phủ', or only 'của Chính phủ' when the text just named the kind."""
    kind, issuer = DOCUMENT_TYPES.get(code, ("", ""))
    if not kind or before.rstrip().lower().endswith(kind):
        return issuer
    return f"{kind} {issuer}"


def _document(match: re.Match[str], text: str) -> str:
    spoken = f"số {number(int(match['n']))}"
    if match["y"]:
        spoken += f" năm {number(int(match['y']))}"
    return f"{spoken} {_kind_and_issuer(match['kind'], text[: match.start()])}".strip()


def _resolution(match: re.Match[str], text: str) -> str:
    return f"số {number(int(match['n']))} {_kind_and_issuer('NQ/TW', text[: match.start()])}"


def _time(match: re.Match[str]) -> str:
    hours, minutes = int(match["h"]), int(match["min"] or 0)
    if hours > 24 or minutes > 59:
        return match[0]
    return f"{number(hours)} giờ" + (f" {number(minutes)} phút" if minutes else "")


def _url(match: re.Match[str]) -> str:
    address = re.sub(r"^(https?://)?(www\.)?", "", match[0]).rstrip("/")
    parts = re.split(r"([./])", address)
    said = {".": " chấm ", "/": " gạch chéo "}
    return "".join(said.get(p, p) for p in parts if p)


def _phone(match: re.Match[str], text: str) -> str:
    raw = match[0]
    plain = re.sub(r"\D", "", raw)
    before = text[: match.start()]
    if plain in EMERGENCY or (plain.startswith("0") and len(plain) >= 3) or (
            PHONE_CONTEXT.search(before) and len(plain) >= 3 and "," not in raw):
        return digits(raw)
    return decimal(raw)


def _money(match: re.Match[str]) -> str:
    amount = decimal(match["amount"])
    unit = {"k": " nghìn", "K": " nghìn", "tr": " triệu", "triệu": " triệu", "nghìn": " nghìn"}.get(match["unit"] or "", "")
    return f"{amount}{unit} đồng"


def _replace_words(text: str, words: Mapping[str, str]) -> str:
    if not words:
        return text
    names = sorted(words, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return pattern.sub(lambda m: words[m[1]], text)


Rule = Callable[[str], str]


def _rules() -> list[Rule]:
    url = re.compile(r"\b(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|gov|org|net|edu)(?:\.vn)?(?:/[\w./-]*)?",
                     re.IGNORECASE)
    document = re.compile(r"\b(?P<n>\d{1,4})/(?:(?P<y>\d{4})/)?(?P<kind>[A-ZĐ]{2,4}-[A-Za-zĐđ]{2,8})\b")
    resolution = re.compile(r"\b(?P<n>\d{1,3})-NQ/TW\b")
    date = re.compile(r"(?P<ngay>(?i:ngày)\s+)?\b(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?\b")
    clock = re.compile(r"\b(?P<h>\d{1,2})(?:h|giờ|:)(?P<min>\d{2})?\b")
    percent = re.compile(r"(?P<v>\d[\d.]*(?:,\d+)?)\s?%")
    money = re.compile(r"(?P<amount>\d[\d.]*(?:,\d+)?)\s?(?P<unit>k|K|tr|triệu|nghìn)?\s?(?:đồng|đ|VNĐ|VND)\b")
    phone_or_number = re.compile(r"\b0\d{2,3}(?:[ .]\d{3}){2}\b|\b\d[\d.]*(?:,\d+)?\b")
    thousands = re.compile(r"\b(?P<v>\d{1,3})k\b")  # "200k": colloquial for thousands of đồng
    service = re.compile(r"\b1[89]00[ .]?\d{3,4}(?:[ .]?\d{2,4})?\b")  # 1900/1800 hotlines, read digit by digit
    weekday = re.compile(r"\b[Tt]hứ (?P<n>[2-7])\b")
    return [
        lambda t: url.sub(_url, t),
        lambda t: resolution.sub(lambda m: _resolution(m, t), t),
        lambda t: document.sub(lambda m: _document(m, t), t),
        lambda t: service.sub(lambda m: digits(m[0]), t),
        lambda t: date.sub(_date, t),
        lambda t: clock.sub(_time, t),
        lambda t: percent.sub(lambda m: f"{decimal(m['v'])} phần trăm", t),
        lambda t: money.sub(_money, t),
        lambda t: thousands.sub(lambda m: f"{number(int(m['v']))} nghìn", t),
        lambda t: weekday.sub(lambda m: f"thứ {MONTHS[int(m['n'])]}", t),
        lambda t: phone_or_number.sub(lambda m: _phone(m, t), t),
    ]


def normalise(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """What the voice says for the written narration ``text``."""
    words = {**LEXICON, **(lexicon or {})}
    spoken = _replace_words(text, words)
    for rule in _rules():
        spoken = rule(spoken)
    return re.sub(r"[ \t]{2,}", " ", spoken).strip()
