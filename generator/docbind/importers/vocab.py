"""The words documentation tables use, in English and Korean, and what they mean to docbind.

Header aliases map a column title to a column role; cell readers turn ``8Byte``, ``✅``, ``●``,
``Y``, ``Number`` or ``숫자`` into facts. Every reader returns ``None`` when it does not know,
so the caller can leave a TODO instead of guessing.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

# Column roles of a field table or a code table.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "field name",
        "field",
        "name",
        "parameter",
        "parameter name",
        "item",
        "key",
        "attribute",
        "property",
        "이름",
        "필드 이름",
        "요소",
        "필드명",
        "필드",
        "항목명",
        "항목",
        "파라미터",
        "파라미터명",
        "변수명",
        "요소명",
    ),
    "type": (
        "type",
        "data type",
        "format",
        "타입",
        "유형",
        "데이터 타입",
        "자료형",
        "형식",
        "속성",
    ),
    "length": (
        "length",
        "size",
        "max length",
        "byte",
        "bytes",
        "len",
        "길이",
        "크기",
        "최대길이",
        "최대 길이",
        "자리수",
        "byte 수",
        "size",
        "max",
    ),
    "required": (
        "required",
        "mandatory",
        "req",
        "required/optional",
        "필수",
        "필수여부",
        "필수 여부",
        "필수유무",
        "필수 유무",
        "m/o",
        "m/o/c",
        "필수값",
        "optional",
    ),
    "description": (
        "description",
        "desc",
        "remarks",
        "remark",
        "comment",
        "설명",
        "비고",
        "내용",
        "상세",
    ),
    "code": (
        "code",
        "value",
        "error code",
        "result code",
        "issue",
        "error name",
        "코드",
        "코드값",
        "값",
        "에러코드",
        "에러 코드",
        "오류코드",
        "오류 코드",
        "응답코드",
        "응답 코드",
    ),
    "status": (
        "http status",
        "status",
        "http status code",
        "http code",
        "상태",
        "http 상태",
        "http 상태코드",
        "http 상태 코드",
        "상태코드",
        "상태 코드",
        "http status codes",
    ),
    "message": (
        "message",
        "error message",
        "메시지",
        "메세지",
        "오류 메시지",
        "에러 메시지",
        "결과 메시지",
    ),
    "method": ("method", "http method", "메서드", "메소드"),
    "url": ("url", "uri", "endpoint", "api url", "요청 url", "request url"),
    "label": (
        "service name",
        "code name",
        "label",
        "meaning",
        "코드명",
        "서비스명",
        "의미",
        "명칭",
    ),
    "group": ("type group", "category", "구분", "분류"),
    "index": ("no", "no.", "#", "순번", "번호", "seq"),
    "example": (
        "example",
        "examples",
        "sample",
        "sample value",
        "example value",
        "예시",
        "예제",
        "샘플",
        "예",
    ),
}

REQUIRED_MARKS = frozenset(
    {
        "✅",
        "✓",
        "✔",
        "●",
        "o",
        "y",
        "yes",
        "required",
        "mandatory",
        "true",
        "m",
        "필수",
        "required*",
        "*",
    }
)
OPTIONAL_MARKS = frozenset({"○", "x", "n", "no", "optional", "false", "선택", "옵션", "-", ""})

TYPE_WORDS: dict[str, str] = {
    "string": "string",
    "str": "string",
    "char": "string",
    "varchar": "string",
    "an": "string",
    "ans": "string",
    "a": "string",
    "nvarchar": "string",
    "varchar2": "string",
    "enum": "string",
    "alphanumeric": "string",
    "text": "string",
    "문자": "string",
    "문자열": "string",
    "number": "number",
    "numeric": "number",
    "n": "number",
    "num": "number",
    "숫자": "number",
    "int": "integer",
    "integer": "integer",
    "long": "integer",
    "int32": "integer",
    "int64": "integer",
    "bigint": "integer",
    "정수": "integer",
    "decimal": "decimal",
    "double": "decimal",
    "float": "decimal",
    "실수": "decimal",
    "boolean": "boolean",
    "bool": "boolean",
    "불리언": "boolean",
    "object": "object",
    "객체": "object",
    "json": "object",
    "jsonobject": "object",
    "json object": "object",
    "map": "object",
    "dict": "object",
    "hash": "object",
    "array": "array",
    "jsonarray": "array",
    "json array": "array",
    "object[]": "array",
    "array[object]": "array",
    "array<object>": "array",
    "list": "array",
    "배열": "array",
}

# ``20``, ``8Byte``, ``Length : 20``, ``max 20``, ``최대 20``, ``1~20``, ``[0..80]``, ``10 (고정)``
_LENGTH = re.compile(
    r"^\[?(?:length\s*:?\s*|max\.?\s*:?\s*|up to\s+|최대\s*|~\s*|<=\s*|≤\s*|\d+\s*(?:~|-|\.\.)\s*)?"
    r"(\d+)\]?\s*\(?(byte|bytes|b|바이트|chars?|characters?|자)?\)?\s*(?:\(?(?:fixed|고정)\)?)?$",
    re.I,
)
_DATE_PATTERN = re.compile(r"\b(yy(?:yy)?MMdd(?:HH(?:mm|mi)(?:ss(?:SSS)?)?)?|HHmmss(?:SSS)?)\b")
_PAREN_LIST = re.compile(r"\((\w+(?:\s*/\s*\w+)+)\)")
_QUOTES = "'\"\u201c\u201d\u2018\u2019"  # straight and typographic quotes
_QUOTED_CODE = re.compile(rf"[{_QUOTES}](\w+)[{_QUOTES}]\s*:\s*([^,;)]+)")


def norm(text: str) -> str:
    """Compare words as a reader would: NFKC, case- and space-insensitive."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"\s+", " ", folded.strip("*: "))


def header_role(title: str) -> str | None:
    key = norm(title)
    for candidate in (key, re.sub(r"\s*\([^)]*\)\s*", "", key).strip()):
        for role, aliases in HEADER_ALIASES.items():
            if candidate in aliases:
                return role
    return "length" if re.fullmatch(r"bytes?|max(imum)? ?(length|size)", key) else None


def header_unit(title: str) -> str | None:
    """The unit a column title gives its lengths: ``Length (Byte)``, ``Size(byte)``, ``Bytes``."""
    key = norm(title)
    if re.search(r"byte|바이트", key):
        return "bytes"
    return "chars" if re.search(r"\bchar|글자|문자 ?수", key) else None


_TYPE_LENGTH = re.compile(r"^(.*?)\s*\(\s*(\d+)\s*(bytes?|b|chars?|자)?\s*\)$", re.I)


def type_and_length(cell: str) -> tuple[str, tuple[int, str] | None]:
    """``AN(12)``, ``varchar(9)``, ``String(20)``, ``Number(12)`` → the type word and length."""
    m = _TYPE_LENGTH.match(norm(cell))
    if m is None or not m.group(1):
        return cell, None
    unit = (m.group(3) or "").lower()
    kind = "bytes" if unit.startswith("b") else "chars" if unit else "plain"
    return m.group(1), (int(m.group(2)), kind)


_CONDITIONAL_MARKS = frozenset({"조건부", "조건부 필수", "conditional", "c", "cond", "조건", "△"})


def is_conditional(cell: str) -> bool:
    return norm(cell) in _CONDITIONAL_MARKS


_DOC_LENGTH = re.compile(
    r"(?:최대\s*)?(\d+)\s*자(?![리])|(?:max(?:imum)?\.?\s*(?:length)?\s*:?\s*)(\d+)\s*char"
    r"|(\d+)\s*characters? max|\b(?:max(?:imum)?\s+)?length\s*:\s*(\d+)\b",
    re.I,
)


def length_in_text(text: str) -> int | None:
    """A length written in a description: ``최대 200자``, ``10자``, ``Maximum length: 80 chars``."""
    m = _DOC_LENGTH.search(text)
    if m is None:
        return None
    return int(next(g for g in m.groups() if g))


def read_required(cell: str) -> bool | None:
    """True/False for a requiredness mark, None when the cell holds something else (text)."""
    key = norm(cell)
    if key in REQUIRED_MARKS:
        return True
    if key in OPTIONAL_MARKS:
        return False
    return None


_ARRAY_TYPE = re.compile(r"^(?:(?:array|list)\s*(?:<.+>|of\s+\w+)|\w+\s*\[\])$")


def read_type(cell: str) -> str | None:
    """The documented type word as a docbind-ish type (``number`` still to be decided);
    ``List<String>``, ``String[]`` and ``array of objects`` are arrays."""
    key = norm(cell).split("(")[0].strip()
    return TYPE_WORDS.get(key) or ("array" if _ARRAY_TYPE.match(key) else None)


def read_length(cell: str) -> tuple[int, str] | None:
    """``8Byte`` → (8, "bytes"); ``20`` or ``Length : 20`` → (20, "plain"); else None."""
    m = _LENGTH.match(norm(cell))
    if m is None:
        return None
    unit = (m.group(2) or "").lower()
    if unit in ("byte", "bytes", "b", "바이트"):
        return int(m.group(1)), "bytes"
    if unit:
        return int(m.group(1)), "chars"
    return int(m.group(1)), "plain"


def date_format(text: str) -> str | None:
    """A date/time pattern written in a description: ``(yyyyMMdd)``, ``Format : yyyyMMddHHmmss``."""
    m = _DATE_PATTERN.search(text)
    return m.group(1) if m else None


def date_type(pattern: str) -> str:
    has_date, has_time = "dd" in pattern, "HH" in pattern
    if has_date and has_time:
        return "datetime"
    return "date" if has_date else "time"


_CODE_PAIR = re.compile(
    r"(?<![\w'\"])([A-Z][A-Z0-9_]*(?: [A-Z][A-Z0-9_]*)*|[A-Za-z0-9_]+)"
    r"\s*[:=]\s*([^,;:=()]+?)\s*(?=[,;)]|$)"
)


def inline_codes(text: str) -> list[tuple[str, str]]:
    """Values a description lists inline: ``(Y/N)``, ``('Y': Query)`` or a list of pairs such as
    ``card:신용카드, vbank:가상계좌`` (two or more, separated by commas)."""
    if m := _PAREN_LIST.search(text):
        return [(v.strip(), "") for v in m.group(1).split("/")]
    if quoted := _QUOTED_CODE.findall(text):
        return [(code, label.strip()) for code, label in quoted]
    pairs = [(m.group(1), m.group(2).strip(), m.start()) for m in _CODE_PAIR.finditer(text)]
    if len(pairs) < 2 or not _separated(text, [p[2] for p in pairs]):
        return []
    return [(code, label) for code, label, _ in pairs]


def _separated(text: str, starts: list[int]) -> bool:
    """The pairs form one list: only a comma (or semicolon) and spaces between them."""
    for before, after in itertools.pairwise(starts):
        between = text[before:after]
        if not re.search(r"[,;]\s*$", between):
            return False
    return True


def one_decimal_place(text: str) -> int | None:
    """``Down to one decimal place`` / ``소수점 1자리`` → 1."""
    words = {"one": 1, "two": 2, "three": 3}
    if m := re.search(r"(?:down to|up to)?\s*(one|two|three|\d)\s+decimal places?", text, re.I):
        value = m.group(1).lower()
        return words.get(value) or int(value)
    if m := re.search(r"소수점\s*(?:이하\s*)?(\d)\s*자리", text):
        return int(m.group(1))
    return None
