"""`docbind import`: drafts from the seed documents recover the seed specs' field facts, validate,
and every layout (Markdown, the KONA PLATE listing, HTML, Korean headers) is read.

The seed documents are read from their transcriptions in tests/documents/ (see its README).

Recall is measured against `docbind inspect --json` of the hand-written seed specs, over the facts
the documents state (fields and code values with ``source: document``): name, type, length (byte
or character length, min/max), requiredness and code values.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from docbind.cli.commands import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "documents"
CASES = Path(__file__).resolve().parent / "cases" / "import"
KINDS = ("name", "type", "length", "required", "codes")
DOCUMENTS = {"kicc_easypay": "kicc_easypay_refund.md", "konaplate": "konaplate_refund_fee.txt"}
Json = dict[str, Any]
Key = tuple[str, tuple[str, ...]]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def inspect(spec: Path, capsys: pytest.CaptureFixture[str]) -> Json:
    code, out, err = run(["inspect", str(spec), "--json"], capsys)
    assert code == 0, err
    result: Json = json.loads(out)
    return result


def draft(document: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> Json:
    code, _, err = run(["import", str(document), "-o", str(out)], capsys)
    assert code == 0, err
    code, _, err = run(["validate", str(out)], capsys)
    assert code == 0, f"the draft of {document.name} does not validate:\n{err}"
    return inspect(out, capsys)


def index(ir: Json) -> dict[Key, Json]:
    found: dict[Key, Json] = {}

    def walk(location: str, prefix: tuple[str, ...], fields: list[Json]) -> None:
        for f in fields:
            path = (*prefix, f["wire_name"])
            found.setdefault((location, path), f)
            walk(location, path, f["fields"])

    walk("headers", (), ir["headers"])
    for op in ir["operations"]:
        for part in ("request", "response"):
            walk("headers", (), op[part]["headers"])
            walk(f"{part}.body", (), op[part]["body"])
    return found


def codes_of(ir: Json, field: Json, document_only: bool) -> set[str]:
    table = next((t for t in ir["codes"] if t["name"] == field["codes"]), None)
    if table is None:
        return set()
    return {v["code"] for v in table["values"] if not document_only or v["source"] == "document"}


def recall(seed: Json, drafted: Json) -> dict[str, tuple[int, int]]:
    """(recovered, total) per fact kind, over the seed's document-sourced facts."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    mine = index(drafted)

    def fact(kind: str, ok: bool) -> None:
        counts[kind][0] += ok
        counts[kind][1] += 1

    for key, f in index(seed).items():
        if f["source"] != "document":
            continue
        d = mine.get(key)
        fact("name", d is not None)
        fact("type", d is not None and d["type"] == f["type"])
        fact("required", d is not None and d["required"] == f["required"])
        limits = ("max_bytes", "max_chars", "minimum", "maximum")
        if any(f[k] is not None for k in limits):
            fact("length", d is not None and all(_same(d[k], f[k]) for k in limits))
        for code in codes_of(seed, f, document_only=True):
            fact("codes", d is not None and code in codes_of(drafted, d, document_only=False))
    return {kind: (counts[kind][0], counts[kind][1]) for kind in KINDS}


def _same(a: object, b: object) -> bool:
    return a == b or (a is not None and b is not None and float(str(a)) == float(str(b)))


@pytest.mark.parametrize("package", sorted(DOCUMENTS))
def test_import_recovers_the_seed_specs_field_facts(
    package: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = SEEDS / DOCUMENTS[package]
    if not document.is_file():
        pytest.fail(f"source document {document} is missing")
    drafted = draft(document, tmp_path / "draft", capsys)
    figures = recall(inspect(ROOT / "spec" / package, capsys), drafted)
    got, total = (sum(figures[k][i] for k in KINDS) for i in (0, 1))
    lines = [f"import recall {DOCUMENTS[package]} ({package}): {got}/{total} = {got / total:.1%}"]
    lines += [f"  {kind:<8} {g}/{t}" for kind, (g, t) in figures.items()]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert got / total >= 0.95, "\n".join(lines)


def test_korean_headers_and_marks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ir = draft(CASES / "korean.md", tmp_path / "ko", capsys)
    body = {f["wire_name"]: f for f in ir["operations"][0]["request"]["body"]}
    assert body["가맹점ID"]["max_bytes"] == 10 and body["가맹점ID"]["required"]  # ●
    assert body["orderNo"]["required"] and body["orderNo"]["max_chars"] == 40  # Y, no unit
    assert not body["reason"]["required"]  # ○
    assert body["cancelDate"]["type"] == "date" and body["cancelDate"]["format"] == "yyyyMMdd"
    assert body["amount"]["type"] == "integer"
    pay_type = ir["operations"][0]["response"]["body"][1]
    assert codes_of(ir, pay_type, document_only=False) == {"11", "21"}
    text = (tmp_path / "ko" / "api.yaml").read_text(encoding="utf-8")
    assert "TODO: Lengths are written without a unit" in text
    assert "TODO: No ASCII name" in text


def test_html_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ir = draft(CASES / "page.html", tmp_path / "html", capsys)
    op = ir["operations"][0]
    assert (op["method"], op["path"]) == ("GET", "/v2/refunds/status")
    assert ir["environments"][0]["url"] == "https://api.example.com"
    # A GET request has no body: the table's fields are drafted as its query parameters.
    assert op["request"]["body"] == []
    request = {f["wire_name"]: f for f in op["request"]["query"]}
    assert request["refundId"]["required"] and request["refundId"]["doc"] == "Refund ID & key"
    response = {f["wire_name"]: f for f in op["response"]["body"]}
    assert [f["wire_name"] for f in response["info"]["fields"]] == ["amount"]
    assert response["refundedAt"]["format"] == "yyyyMMddHHmmss"
    assert op["samples"][0]["payload"]["status"] == "RF02"


def test_kicc_draft_marks_what_it_could_not_decide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft(SEEDS / DOCUMENTS["kicc_easypay"], tmp_path / "k", capsys)
    op = (tmp_path / "k" / "payment_refund.yaml").read_text(encoding="utf-8")
    api = (tmp_path / "k" / "api.yaml").read_text(encoding="utf-8")
    assert "https://TODO.invalid" in api and "without a usable host" in api
    assert "Shifted row in the document: the Length column holds ✅" in op
    assert "path: reviseTypeCode" in op and "'40' is not a code of ReviseType" in op
    assert "TODO: The document describes a signing recipe" in op
    assert "Typed Number with no decimal places" in api  # said once, with the fields
    assert "ReviseInfoRefundInfo" in op  # two objects named refundInfo get distinct models


def test_printing_the_draft_without_output_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["import", str(SEEDS / DOCUMENTS["konaplate"])], capsys)
    assert code == 0, err
    assert "# ---- api.yaml ----" in out and "refundPolicy:" in out
    assert "listing layout" in err and "TODO" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        (b"\x00\x01binary", "binary file"),
        (b"Just some prose.\nNo tables at all.\n", "no field table found"),
    ],
)
def test_bad_input_is_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    doc = tmp_path / "doc.txt"
    if content is not None:
        doc.write_bytes(content)
    code, _, err = run(["import", str(doc), "-o", str(tmp_path / "out")], capsys)
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft"
    args = ["import", str(CASES / "page.html"), "-o", str(out)]
    assert run(args, capsys)[0] == 0
    code, _, err = run(args, capsys)
    assert code == 2 and "--force" in err
    assert run([*args, "--force"], capsys)[0] == 0
    code, _, err = run(["import", str(CASES / "page.html"), "-o", str(tmp_path / "x.yaml")], capsys)
    assert code == 2 and "a spec is a folder" in err


PATH_PARAMS = """# Cancel a payment

POST https://api.example.com/v1/payments/{paymentKey}/cancel/{tid}

## Request

| Field | Type | Length | Required | Description |
|---|---|---|---|---|
| paymentKey | String | 200 | Y | The payment key |
| cancelReason | String | 200 | Y | Why |
"""


def test_path_placeholders_become_path_parameters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "cancel.md"
    document.write_text(PATH_PARAMS, encoding="utf-8")
    ir = draft(document, tmp_path / "draft", capsys)
    request = ir["operations"][0]["request"]
    # The documented field moves to the path; an undescribed placeholder is drafted a string.
    assert [(f["wire_name"], f["type"], f["max_chars"]) for f in request["path"]] == [
        ("paymentKey", "string", 200),
        ("tid", "string", None),
    ]
    assert [f["wire_name"] for f in request["body"]] == ["cancelReason"]
    text = (tmp_path / "draft" / "cancel_a_payment.yaml").read_text(encoding="utf-8")
    assert "TODO: The document does not describe the path parameter {tid}." in text


ODD_DOCUMENTS = {
    "names.md": """# Odd names
POST https://{API 도메인}/{파트너 ID}/cancel
## Request
| Name | Type | Length | Required | Description |
|---|---|---|---|---|
| class | String | 10 | Y | a keyword |
| 1st | String | abc | maybe | starts with a digit |
| a b | Strange | -5 | Y | a space |
| class | String | 10 | Y | again |
| | String | 1 | Y | no name |
| └ orphan | String | 1 | Y | nested under nothing |
| x.y.z | String | 1 | Y | parents not in the table |
| items | array | | Y | elements not described |
| OpRequest | object | | Y | no fields |
## Response
| Name | Type | Required |
|---|---|---|
| status | String | Y |
## 에러 코드
| 코드 | 메시지 |
|---|---|
| E1 | 실패 |
| E1 | 실패 |
| | no code |
""",
    "broken.html": """<table><tr><th>Field<th>Type<th>Required
<tr><td rowspan=abc>a<td colspan=999>String<td>Y
<tr><td>&nbsp;&nbsp;b<td>object<td>Y</table>
<h2>Response</h2><table><tr><th>Field</th><th>Type</th></tr><tr><td>c</td></tr></table>
<pre>{"broken": </pre>""",
    "tabs.txt": "Request Parameter\nName\tType\tByte\tM/O\nid\tAN(x)\t\tO\n\tchild\tN(3)\tC\n",
    "header_only.md": "## Request\n| Name | Type |\n|---|---|\n\nPOST /v1/x\n",
}


@pytest.mark.parametrize("name", sorted(ODD_DOCUMENTS))
def test_odd_documents_still_draft_a_valid_spec(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / name
    document.write_text(ODD_DOCUMENTS[name], encoding="utf-8")
    draft(document, tmp_path / "draft", capsys)  # exit 0, and the draft validates
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "draft").iterdir())
    assert "TODO" in text and ", ," not in text and "(no field named)" not in text


@pytest.mark.parametrize(
    ("header", "cell", "expected"),
    [
        ("Byte", "12", ("max_bytes", 12)),
        ("Bytes", "12", ("max_bytes", 12)),
        ("Length (Byte)", "12", ("max_bytes", 12)),
        ("Length(bytes)", "12", ("max_bytes", 12)),
        ("Size(byte)", "12", ("max_bytes", 12)),
        ("길이", "12", ("max_chars", 12)),
        ("최대길이", "12", ("max_chars", 12)),
    ],
)
def test_length_headers(
    header: str,
    cell: str,
    expected: tuple[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = tmp_path / "lengths.md"
    document.write_text(
        f"POST /v1/x\n## 요청 명세\n| 필드 | 타입 | {header} | 필수 |\n|---|---|---|---|\n"
        f"| orderId | String | {cell} | ● |\n| memo | String(20) | | ○ |\n",
        encoding="utf-8",
    )
    body = draft(document, tmp_path / "draft", capsys)["operations"][0]["request"]["body"]
    assert body[0][expected[0]] == expected[1] and body[0]["required"]
    assert body[1]["max_chars"] == 20 and not body[1]["required"]


NESTING_ROWS = {
    "dotted": ("| card | object | Y |", "| card.cardCode | String(4) | Y |"),
    "brackets": ("| card | array | Y |", "| card[].cardCode | String(4) | Y |"),
    "corner": ("| card | object | Y |", "| └ cardCode | String(4) | Y |"),
    "korean": ("| card | object | Y |", "| ㄴ cardCode | String(4) | Y |"),
    "dash": ("| card | object | Y |", "| - cardCode | String(4) | Y |"),
    "nbsp": ("| card | object | Y |", "| &nbsp;&nbsp;cardCode | String(4) | Y |"),
}


@pytest.mark.parametrize("form", sorted(NESTING_ROWS))
def test_nesting_forms(form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parent, child = NESTING_ROWS[form]
    document = tmp_path / "nested.md"
    document.write_text(
        "POST /v1/x\n## Request Parameter\n| Name | Type | Required |\n|---|---|---|\n"
        f"{parent}\n{child}\n| after | String | N |\n",
        encoding="utf-8",
    )
    body = draft(document, tmp_path / "draft", capsys)["operations"][0]["request"]["body"]
    assert [f["wire_name"] for f in body] == ["card", "after"]
    children = body[0]["items"]["fields"] if body[0]["type"] == "array" else body[0]["fields"]
    assert [(f["wire_name"], f["max_chars"], f["required"]) for f in children] == [
        ("cardCode", 4, True)
    ]


def test_html_rowspan_and_blank_first_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "spans.html"
    document.write_text(
        "<p>POST https://{domain}/v1/cancel</p><h3>요청 명세</h3><table>"
        "<tr><th colspan=2>파라미터</th><th>타입</th><th>필수</th></tr>"
        "<tr><td colspan=2>a</td><td>String</td><td rowspan=2>Y</td></tr>"
        "<tr><td colspan=2>card</td><td>Object</td></tr>"
        "<tr><td></td><td>cardNo</td><td>String</td><td>N</td></tr>"
        "</table><h3>응답 명세</h3><table><tr><th>파라미터</th><th>타입</th></tr>"
        "<tr><td>a</td><td>Number</td></tr></table>",
        encoding="utf-8",
    )
    op = draft(document, tmp_path / "draft", capsys)["operations"][0]
    request = {f["wire_name"]: f for f in op["request"]["body"]}
    assert request["a"]["required"] and request["card"]["required"]  # the spanned Y
    assert [(f["wire_name"], f["sensitive"]) for f in request["card"]["fields"]] == [
        ("cardNo", True)
    ]
    assert [(f["wire_name"], f["type"]) for f in op["response"]["body"]] == [("a", "integer")]
    assert op["path"] == "/v1/cancel"


def test_example_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "examples.md"
    document.write_text(
        "POST /v1/x\n## Request\n| Name | Type | Length | Example | Description |\n"
        "|---|---|---|---|---|\n| orderId | String | 10 | A-100 | order |\n"
        "| amount | Number | | 1,000 | amount |\n| code | String | 2 | TOO_LONG | code |\n",
        encoding="utf-8",
    )
    body = draft(document, tmp_path / "draft", capsys)["operations"][0]["request"]["body"]
    assert [f["example"] for f in body] == ["A-100", 1000, None]
    text = (tmp_path / "draft" / "operation.yaml").read_text(encoding="utf-8")
    assert "Example in the document: TOO_LONG" in text


def test_labelled_endpoint_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "labelled.md"
    document.write_text(
        "# Cancel\n- Method: POST\n- URL: https://api.example.com/v1/cancel/{id}\n"
        "## Request\n| Name | Type | Required |\n|---|---|---|\n| id | String | Y |\n",
        encoding="utf-8",
    )
    ir = draft(document, tmp_path / "draft", capsys)
    op = ir["operations"][0]
    assert (op["method"], op["path"]) == ("POST", "/v1/cancel/{id}")
    assert [e["url"] for e in ir["environments"]] == ["https://api.example.com"]
    assert [f["wire_name"] for f in op["request"]["path"]] == ["id"]


def _body(text: str, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Json:
    tmp_path.mkdir(exist_ok=True)
    document = tmp_path / name
    document.write_text(text, encoding="utf-8")
    return draft(document, tmp_path / "draft", capsys)


def test_space_aligned_pdf_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Columns by position (Hangul two columns wide), wrapped descriptions, indented children."""
    text = (
        "POST /v1/x\nRequest body\n"
        "Field          Type      Required    Max Length    Description\n"
        "orderId        string    Required    Max 45        Order\n"
        "memo           string    Optional                  A note that goes\n"
        "                                                   on a second line\n"
        "card           object    Optional\n"
        "  cardNo       string    Required    ~16           카드 번호\n\n"
        "Error codes\n\nHTTP status    Code         Description\n"
        "400            BAD_AMOUNT   Amount is wrong\n"
    )
    ir = _body(text, "aligned.txt", tmp_path, capsys)
    body = {f["wire_name"]: f for f in ir["operations"][0]["request"]["body"]}
    assert list(body) == ["orderId", "memo", "card"]
    assert body["orderId"]["max_chars"] == 45 and body["orderId"]["required"]
    assert body["memo"]["doc"] == "A note that goes on a second line"
    assert [(f["wire_name"], f["max_chars"]) for f in body["card"]["fields"]] == [("cardNo", 16)]
    assert [(e["http_status"], e["code"]) for e in ir["errors"]["entries"]] == [(400, "BAD_AMOUNT")]


def test_hangul_aligned_columns_label_column_areas_moc_and_encryption(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "POST /v1/x\n요청 명세\n"
        "  항목명        필드명      타입(길이)   필수   암호화   비고\n"
        "  헤더 영역     params      (object)     M\n"
        "  상점아이디    mchtId      AN(10)       M               상점\n"
        "  데이터 영역   data        (object)     M\n"
        "  취소금액      cnclAmt     N(12)        M      Y        금액\n"
        "  과세금액      taxAmt      N(12)        C      Y        복합과세인 경우\n"
        "  사유          reason      AN(100)      O               사유\n"
    )
    body = _body(text, "hangul.txt", tmp_path, capsys)["operations"][0]["request"]["body"]
    assert [f["wire_name"] for f in body] == ["params", "data"]
    params, data = ({f["wire_name"]: f for f in part["fields"]} for part in body)
    assert list(params) == ["mchtId"] and params["mchtId"]["max_chars"] == 10
    assert [(n, f["required"], f["sensitive"]) for n, f in data.items()] == [
        ("cnclAmt", True, True),
        ("taxAmt", False, True),
        ("reason", False, False),
    ]


def test_decimal_precision_and_scale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "POST /v1/x\n## Request\n| Name | Type | Required |\n|---|---|---|\n"
    text += "| a | N(12,2) | Y |\n"
    body = _body(text, "decimal.md", tmp_path, capsys)["operations"][0]["request"]["body"]
    assert (body[0]["type"], body[0]["places"], body[0]["max_chars"]) == ("decimal", 2, None)


def test_required_badge_in_the_name_cell_and_nested_html_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "<p>POST /v1/x</p><table><tr><td>Sandbox</td><td>https://sandbox.example.com</td></tr>"
        "</table><h2>Request body</h2><table><tr><th>Name</th><th>Type</th><th>Description</th>"
        "</tr><tr><td>id <span>required</span></td><td>string</td><td>Maximum length: 20.</td>"
        "</tr><tr><td>amount</td><td>object</td><td>Amount<table><tr><th>Name</th><th>Type</th>"
        "<th>Description</th></tr><tr><td>value required</td><td>string</td><td>v</td></tr>"
        "</table></td></tr><tr><td>note</td><td>string</td><td>n</td></tr></table>"
    )
    ir = _body(text, "badges.html", tmp_path, capsys)
    body = {f["wire_name"]: f for f in ir["operations"][0]["request"]["body"]}
    assert list(body) == ["id", "amount", "note"]
    assert body["id"]["required"] and body["id"]["max_chars"] == 20
    assert [(f["wire_name"], f["required"]) for f in body["amount"]["fields"]] == [("value", True)]
    assert [e["url"] for e in ir["environments"]] == ["https://sandbox.example.com"]


def test_environment_lines_with_gaps_and_url_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "# Cancel\n  테스트 서버   POST https://test.example.com/v1/cancel.do\n"
        "  운영 서버     POST https://api.example.com/v1/cancel.do\n"
        "## Request\n| Name | Type | Required |\n|---|---|---|\n| id | String | Y |\n"
    )
    ir = _body(text, "env.md", tmp_path, capsys)
    op = ir["operations"][0]
    assert (op["method"], op["path"]) == ("POST", "/v1/cancel.do")
    assert sorted(e["url"] for e in ir["environments"]) == [
        "https://api.example.com",
        "https://test.example.com",
    ]
    text = (
        "# Remove\n| 구분 | URL |\n|---|---|\n| 테스트 | https://t.example.com/api/remove |\n"
        "## 요청\n| 필드명 | 타입 | 필수여부 |\n|---|---|---|\n| id | String | 필수 |\n"
    )
    ir = _body(text, "env_table.md", tmp_path / "2", capsys)
    assert ir["operations"][0]["path"] == "/api/remove"
    assert [e["url"] for e in ir["environments"]] == ["https://t.example.com"]


def test_a_type_described_by_its_own_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "POST /v1/x\n## Request\n| Name | Type | Required |\n|---|---|---|\n"
        "| amount_money | Money | Required |\n| fee_money | Money | Optional |\n"
        "| reason | string | Optional |\n\n### Money\n| Name | Type | Required |\n|---|---|---|\n"
        "| amount | integer | Optional |\n| currency | string | Optional |\n"
    )
    body = _body(text, "money.md", tmp_path, capsys)["operations"][0]["request"]["body"]
    fields = {f["wire_name"]: f for f in body}
    assert list(fields) == ["amount_money", "fee_money", "reason"]
    for name in ("amount_money", "fee_money"):
        assert fields[name]["type"] == "object"
        assert [f["wire_name"] for f in fields[name]["fields"]] == ["amount", "currency"]


def test_listing_as_api_reference_pages_paste(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """name / `*` / type / description; `value: meaning` after a line ending in `:`; a sample
    request's host; `:id`; fields after an object stay at the top unless their names share a
    word with it; one error code with two messages keeps the first."""
    text = (
        "Create a refund\nPOST\n/v1/payments/:id/refund\n"
        "curl -X POST https://api.example.com/v1/payments/pay_123/refund\n"
        "Path Parameters\nid\n*\nstring\nPayment to refund.\n"
        "Request Parameters\nspeed\nstring\nPossible values:\nnormal: slow\noptimum: fast\n"
        "notes\nobject\nKey-value pairs.\nreceipt\nstring\nYour reference.\n"
        "bank\nobject\nBank details.\nbankCode\nstring\nBank code.\n"
        "Errors\n400 | BAD_REQUEST | The amount is too small\n"
        "400 | BAD_REQUEST | Already refunded\n"
    )
    ir = _body(text, "listing.txt", tmp_path, capsys)
    op = ir["operations"][0]
    assert (op["method"], op["path"]) == ("POST", "/v1/payments/{id}/refund")
    assert [e["url"] for e in ir["environments"]] == ["https://api.example.com"]
    assert [(f["wire_name"], f["required"]) for f in op["request"]["path"]] == [("id", True)]
    body = {f["wire_name"]: f for f in op["request"]["body"]}
    assert list(body) == ["speed", "notes", "receipt", "bank"]
    assert [f["wire_name"] for f in body["bank"]["fields"]] == ["bankCode"]
    speed = next(t for t in ir["codes"] if t["name"] == body["speed"]["codes"])
    assert [v["code"] for v in speed["values"]] == ["normal", "optimum"]
    assert [(e["code"], e["message"]) for e in ir["errors"]["entries"]] == [
        ("BAD_REQUEST", "The amount is too small")
    ]


@pytest.mark.parametrize(
    ("cell", "doc", "chars"),
    [
        ("~192", "", 192),
        ("", "Maximum length: 127.", 127),
        ("", "Length: 3.", 3),
        ("Max. 50", "", 50),
        ("up to 50", "", 50),
        ("≤50", "", 50),
    ],
)
def test_more_length_forms(
    cell: str, doc: str, chars: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "POST /v1/x\n## Request\n| Name | Type | Max Length | Description |\n|---|---|---|---|\n"
        f"| a | string | {cell} | {doc} |\n"
    )
    body = _body(text, "lengths.md", tmp_path, capsys)["operations"][0]["request"]["body"]
    assert body[0]["max_chars"] == chars


def test_byte_cells_array_types_and_marks_with_a_condition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "POST /v1/x\n## Request\n| Name | Type | Length | Required |\n|---|---|---|---|\n"
        "| a | VARCHAR2 | 50 (byte) | Required |\n| b | List<String> | | Optional |\n"
        "| c | int64 | | Required (partial cancel only) |\n| d | enum | | O (부분취소 시 필수) |\n"
    )
    body = _body(text, "cells.md", tmp_path, capsys)["operations"][0]["request"]["body"]
    got = [(f["wire_name"], f["type"], f["max_bytes"], f["required"]) for f in body]
    assert got == [
        ("a", "string", 50, True),
        ("b", "array", None, False),
        ("c", "integer", None, False),
        ("d", "string", None, False),
    ]
    text = (tmp_path / "draft" / "operation.yaml").read_text(encoding="utf-8")
    assert text.count("add required_when") >= 2


def test_parameters_as_a_markdown_bullet_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "POST https://api.example.com/v2/payments/{paymentId}/refunds\n## Body parameters\n\n"
        "- `amount` (object, required): Amount to refund.\n"
        "  - `currency` (string, required): Currency code.\n"
        "  - `value` (string, required): Amount\n    as a string.\n\n"
        "- `reversals` (array of objects, optional): Per route.\n"
        "    - `id` (string, required): Route.\n"
        "- `note` (string): Max. 140 characters.\n"
    )
    body = _body(text, "bullets.md", tmp_path, capsys)["operations"][0]["request"]["body"]
    fields = {f["wire_name"]: f for f in body}
    assert list(fields) == ["amount", "reversals", "note"]
    assert [(f["wire_name"], f["required"]) for f in fields["amount"]["fields"]] == [
        ("currency", True),
        ("value", True),
    ]
    assert fields["amount"]["fields"][1]["doc"] == "Amount as a string."
    assert [f["wire_name"] for f in fields["reversals"]["items"]["fields"]] == ["id"]
    assert not fields["note"]["required"] and fields["note"]["max_chars"] == 140


def test_key_value_endpoint_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "# Cancel\n| 구분 | 내용 |\n|---|---|\n| Method | POST |\n"
        "| URL | https://api.example.com/v1/payments/{tid}/cancel |\n"
        "## Request 명세\n| 파라미터 | 타입 | 필수 |\n|---|---|---|\n"
        "| reason | String(100) | 필수 |\n"
    )
    ir = _body(text, "kv.md", tmp_path, capsys)
    op = ir["operations"][0]
    assert (op["method"], op["path"]) == ("POST", "/v1/payments/{tid}/cancel")
    assert [e["url"] for e in ir["environments"]] == ["https://api.example.com"]


def test_a_column_titled_optional(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Under an Optional title a yes mark means optional, a no mark required."""
    text = (
        "POST /v1/x\n## Request\n| Name | Type | Optional |\n|---|---|---|\n"
        "| a | string | Y |\n| b | string | N |\n| c | string | Required |\n"
    )
    body = _body(text, "optional.md", tmp_path, capsys)["operations"][0]["request"]["body"]
    assert [(f["wire_name"], f["required"]) for f in body] == [
        ("a", False),
        ("b", True),
        ("c", True),
    ]
