"""Section headings, as providers write them: which message and part the next table belongs to.

A heading is a short line made only of section words, in English or Korean, singular or plural,
numbered or not, with an aside in parentheses: ``Request Parameter``, ``## 11.3 Response
Parameters``, ``11.1 Request Parameter (Merchant -> Provider)``, ``요청 명세``, ``Path 파라미터``,
``헤더`` (the part of the message last named). A line with any other word is prose, so a sentence
that mentions a request never moves a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docbind.importers import vocab

_NUMBERING = re.compile(r"^(?:[#■□▶●○◆◇\-*•]+\s*)?(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[가-힣]\.)?\s*")
_ASIDE = re.compile("\\s*[(\\[\uff08][^)\\]\uff09]*[)\\]\uff09]\\s*")

_DIRECTION_WORDS = {
    "request": "request",
    "requests": "request",
    "req": "request",
    "요청": "request",
    "요청부": "request",
    "input": "request",
    "arguments": "request",
    "response": "response",
    "responses": "response",
    "res": "response",
    "응답": "response",
    "응답부": "response",
    "returns": "response",
    "output": "response",
    "결과": "response",
}
_PART_WORDS = {
    "header": "headers",
    "headers": "headers",
    "헤더": "headers",
    "path": "path",
    "경로": "path",
    "query": "query",
    "쿼리": "query",
    "body": "body",
    "본문": "body",
    "바디": "body",
    "parameters": "body",
    "parameter": "body",
    "params": "body",
    "param": "body",
}
_FILLER = frozenset(
    {
        "파라미터",
        "명세",
        "데이터",
        "항목",
        "전문",
        "필드",
        "정보",
        "fields",
        "field",
        "attributes",
        "attribute",
        "data",
        "message",
        "messages",
        "specification",
        "schema",
        "spec",
        "string",
        "object",
        "the",
        "of",
        "and",
        "값",
        "목록",
        "상세",
    }
)
_ERROR_WORDS = frozenset({"error", "errors", "에러", "오류", "status", "상태"})
_ENCRYPTED = re.compile(r"암호화|복호화|encrypt|decrypt|\[enc\]", re.I)


@dataclass(frozen=True)
class Heading:
    kind: str  # "section" | "errors" | "encrypted"
    direction: str | None = None
    part: str = "body"
    target: str = ""  # the encrypted field a payload heading names


def bare(text: str) -> str:
    """The heading without its numbering, Markdown marks and asides in parentheses."""
    text = _NUMBERING.sub("", text.strip().lstrip("#").strip(), count=1)
    return _ASIDE.sub(" ", text).strip(" :-")


def read_heading(text: str) -> Heading | None:
    """The section a heading opens; ``Request body schema: application/json`` is read by the
    words before the colon."""
    heading = _classify(text)
    if heading is None and ":" in text:
        heading = _classify(text.split(":", 1)[0])
    return heading


def _classify(text: str) -> Heading | None:
    words = _words(bare(text))
    if not words or len(words) > 6 or not any(w for w in words):
        return None
    if _is_errors(words):
        return Heading("errors")
    if not all(w in _DIRECTION_WORDS or w in _PART_WORDS or w in _FILLER for w in words):
        return None
    directions = {_DIRECTION_WORDS[w] for w in words if w in _DIRECTION_WORDS}
    parts = [_PART_WORDS[w] for w in words if w in _PART_WORDS]
    if len(directions) > 1 or not (directions or parts or "파라미터" in words):
        return None
    direction = directions.pop() if directions else None
    part = next((p for p in parts if p != "body"), "body")
    if part in ("path", "query"):
        direction = "request"
    return Heading("section", direction, part)


def read_payload_heading(text: str, names: set[str]) -> Heading | None:
    """``DATA 암호화 대상``, ``Fields inside encData (encrypted)``: a table of what an
    encrypted field holds once decrypted, named by that field."""
    plain = bare(text) if len(text) < 80 else ""
    if not plain or not _ENCRYPTED.search(text):
        return None
    target = next((w for w in re.findall(r"[A-Za-z_][\w.-]*", text) if w in names), "")
    return Heading("encrypted", target=target) if target else None


def _words(text: str) -> list[str]:
    spaced = re.sub(r"([a-z])([가-힣])|([가-힣])([a-z])", r"\1\3 \2\4", vocab.norm(text))
    return [w for w in re.split(r"[\s/,&·>-]+", spaced) if w]


def _is_errors(words: list[str]) -> bool:
    joined = "".join(words)
    if any(w in ("error", "errors", "에러", "오류") for w in words):
        return True
    return bool(
        re.fullmatch(r"(http)?(status|상태)(codes?|코드)?|응답코드|결과코드|http코드", joined)
    )
