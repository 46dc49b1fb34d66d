"""Synthetic docbind specs of any size, shaped like the payment APIs docbind is for.

    python benchmarks/synth.py --ops 100 -o /tmp/synth100      # writes /tmp/synth100/api.yaml ...

Every operation looks like a row-by-row copy of a Korean PG's documentation table: byte-limited
strings, code tables (shared ones and per-operation ones), integers with bounds, decimals with
places, documented date/time patterns, a nested object (sometimes two levels deep), an array of
objects, conditional requiredness, computed values (credential, idempotency key, today, a signature),
documented error codes, and sample request/response payloads that conform to the tables. The
output depends only on ``--ops`` and ``--seed`` (same bytes on every run), and passes
``docbind validate``. ``--change-one`` alters one operation's table (one more optional field), for
the one-operation-changed regeneration measurement.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

VERBS = ("create", "get", "cancel", "refund", "approve", "confirm", "query", "update", "void", "list")
NOUNS = (
    "payment", "order", "card", "account", "settlement", "transfer", "receipt", "escrow",
    "billing_key", "subscription", "invoice", "deposit", "merchant", "terminal", "point",
)
SHARED_CODES = {
    "YesNo": [("Y", "yes", "Yes"), ("N", "no", "No")],
    "PayMethod": [("11", "card", "Credit Card"), ("21", "bank_transfer", "Bank Transfer"),
                  ("22", "virtual_account", "Virtual Account"), ("31", "mobile", "Mobile Phone"),
                  ("50", "simple_pay", "Simple Pay")],
    "Currency": [("KRW", "krw", "Korean Won"), ("USD", "usd", "US Dollar"), ("JPY", "jpy", "Yen")],
    "BankCode": [("003", "ibk", "IBK"), ("004", "kb", "KB Kookmin"), ("011", "nh", "NongHyup"),
                 ("020", "woori", "Woori"), ("088", "shinhan", "Shinhan"), ("081", "hana", "Hana")],
    "DeviceType": [("PC", "pc", "Desktop"), ("MOBILE", "mobile", "Mobile web"), ("APP", "app", "App")],
}
ERRORS = [
    (400, "E001", "Invalid parameter.", "InvalidParameterError"),
    (400, "E002", "Duplicate request.", "DuplicateRequestError"),
    (401, "E101", "Authentication failed.", "AuthenticationFailedError"),
    (404, "E201", "Transaction not found.", "TransactionNotFoundError"),
    (409, "E301", "Already cancelled.", "AlreadyCancelledError"),
    (500, "E999", "System error.", "SystemFailureError"),
]


def pascal(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def camel(snake: str) -> str:
    first, *rest = snake.split("_")
    return first + "".join(p.capitalize() for p in rest)


class OperationMaker:
    """One operation: its spec mapping, plus sample payloads that conform to it."""

    def __init__(self, index: int, seed: int, extra_field: int = 0) -> None:
        self.rng = random.Random(seed * 100_003 + index)
        self.index = index
        verb = VERBS[index % len(VERBS)]
        noun = NOUNS[(index // len(VERBS)) % len(NOUNS)]
        self.name = f"{verb}_{noun}_{index:04d}"
        self.cls = pascal(self.name)
        self.extra_field = extra_field
        self.local_codes: dict[str, Any] = {}

    # --- field shapes -------------------------------------------------------------------

    def string(self, doc: str, size: int, required: bool = False, **extra: Any) -> dict[str, Any]:
        return {"type": "string", "bytes": size, "required": required, "doc": doc, **extra}

    def request(self) -> tuple[dict[str, Any], dict[str, Any]]:
        rng = self.rng
        status_table = f"{self.cls}Kind"
        self.local_codes[status_table] = {
            "doc": f"Kind codes of {self.name}",
            "values": [
                {"code": f"{k:02d}", "name": f"kind_{k:02d}", "label": f"Kind {k}",
                 "doc": f"Processing kind {k} of {self.name.replace('_', ' ')}"}
                for k in range(10, 10 + rng.randint(3, 8))
            ],
        }
        body: dict[str, Any] = {
            "mallId": self.string("Merchant ID assigned by the PG", 8, True,
                                  computed="credential(mall_id)"),
            "shopTransactionId": self.string("Merchant Transaction ID (API Idempotency Key)", 60,
                                             True, computed="idempotency_key"),
            "pgCno": self.string("Original PG Transaction ID", 20, True),
            "kindCode": {"type": "string", "bytes": 2, "required": True, "codes": status_table,
                         "doc": "Processing kind (See Codes)"},
            "payMethodTypeCode": {"type": "string", "bytes": 2, "codes": "PayMethod",
                                  "doc": "Payment Method Code"},
            "amount": {"type": "integer", "min": 0, "max": 9_999_999_999,
                       "required_when": {"kindCode": "11"}, "doc": "Amount. Required for kind 11."},
            "currency": {"type": "string", "bytes": 3, "exact": True, "codes": "Currency",
                         "doc": "Currency (ISO 4217)"},
            "feeRate": {"type": "decimal", "places": 1, "min": 0, "max": 99,
                        "doc": "Fee rate, down to one decimal place"},
            "reqDate": {"type": "date", "format": "yyyyMMdd", "bytes": 8, "required": True,
                        "computed": "today(Asia/Seoul)", "doc": "Request Date (yyyyMMdd)"},
            "clientIp": self.string("Requestor IP", 20),
            "deviceType": {"type": "string", "bytes": 6, "codes": "DeviceType",
                           "doc": "Device type"},
            "memo": self.string("Free text memo (Korean allowed; counted in bytes)", rng.choice(
                (50, 100, 200, 400))),
        }
        for k in range(rng.randint(0, 6)):  # documents vary in width
            body[f"reserved{k + 1}"] = self.string(f"Reserved field {k + 1}", rng.choice((20, 50)))
        if self.extra_field:  # a different change each time: never a cache hit
            body[f"changedNote{self.extra_field}"] = self.string(
                "A field the provider added in a later revision", 30)
        body["customerInfo"] = {
            "type": "object", "model": f"{self.cls}Customer", "doc": "Customer Info",
            "required": True,
            "fields": {
                "customerId": self.string("Customer ID", 40, True),
                "customerName": self.string("Customer Name", 50, sensitive=True),
                "customerPhone": {"type": "string", "bytes": 11, "pattern": "^[0-9]{10,11}$",
                                  "sensitive": True, "doc": "Mobile number, digits only"},
                "refundAccount": {
                    "type": "object", "model": f"{self.cls}Account", "doc": "Refund Account Info",
                    "fields": {
                        "bankCode": {"type": "string", "bytes": 3, "required": True,
                                     "codes": "BankCode", "doc": "Bank Code"},
                        "accountNo": self.string("Account Number", 14, True, sensitive=True),
                        "depositName": self.string("Account Holder Name", 50, True,
                                                   sensitive=True),
                    },
                },
            },
        }
        body["basketUsed"] = {"type": "string", "bytes": 1, "codes": "YesNo",
                              "doc": "Basket used (Y/N)"}
        body["basketInfo"] = {
            "type": "array", "model": f"{self.cls}BasketItem", "min_items": 1, "max_items": 20,
            "required_when": {"basketUsed": "Y"}, "doc": "Basket items (Required if basketUsed)",
            "items": {
                "type": "object", "model": f"{self.cls}BasketItem", "doc": "Basket item",
                "fields": {
                    "productPgCno": self.string("Individual Product PG Transaction ID", 20, True),
                    "sellerId": self.string("Seller ID", 50, True),
                    "productAmount": {"type": "integer", "min": 0, "max": 9_999_999_999,
                                      "required": True, "doc": "Product amount"},
                },
            },
        }
        body["msgAuthValue"] = self.string(
            "Message Integrity Verification Value", 200, True,
            computed="signature(msg_auth_value)", sensitive=True)
        sample = {
            "mallId": "T5102001", "shopTransactionId": f"shop-{self.index:06d}",
            "pgCno": f"{20240000000000 + self.index}", "kindCode": "11", "amount": 1004,
            "payMethodTypeCode": "11", "currency": "KRW", "feeRate": 3.5, "reqDate": "20240131",
            "clientIp": "127.0.0.1", "memo": "고객 변심",
            "customerInfo": {"customerId": f"cust{self.index}", "customerName": "홍길동",
                             "refundAccount": {"bankCode": "088", "accountNo": "12345678901",
                                               "depositName": "홍길동"}},
            "basketUsed": "Y",
            "basketInfo": [{"productPgCno": "P0001", "sellerId": "seller1",
                            "productAmount": 1004}],
            "msgAuthValue": "0" * 64,
        }
        return body, sample

    def response(self) -> tuple[dict[str, Any], dict[str, Any]]:
        rng = self.rng
        body: dict[str, Any] = {
            "resCd": self.string("Response Code (Success: \"0000\")", 4, True),
            "resMsg": self.string("Response Message", 1000, True),
            "shopTransactionId": self.string("Returns the value sent in the request", 60, True),
            "pgCno": self.string("PG Transaction ID", 20),
            "amount": {"type": "integer", "required": True, "doc": "Processed amount"},
            "statusCode": {"type": "string", "bytes": 2, "codes": f"{self.cls}Kind",
                           "doc": "Status (See Codes)"},
            "escrowUsed": {"type": "string", "bytes": 1, "codes": "YesNo", "doc": "Escrow (Y/N)"},
            "transactionDate": {"type": "datetime", "format": "yyyyMMddHHmmss", "bytes": 14,
                                "doc": "Transaction Date/Time (yyyyMMddHHmmss)"},
            "approvedAt": {"type": "datetime", "format": "yyyyMMddHHmmssSSS", "bytes": 17,
                           "doc": "Approval time with milliseconds"},
        }
        for k in range(rng.randint(0, 4)):
            body[f"extra{k + 1}"] = self.string(f"Additional value {k + 1}", 50)
        body["approvalInfo"] = {
            "type": "object", "model": f"{self.cls}Approval", "doc": "Approval detail",
            "fields": {
                "approvalNo": self.string("Approval Number", 50, True),
                "approvalDate": {"type": "datetime", "format": "yyyyMMddHHmmss", "bytes": 14,
                                 "required": True, "doc": "Approval Date/Time"},
                "cardInfo": {
                    "type": "object", "model": f"{self.cls}Card", "doc": "Card detail",
                    "fields": {
                        "cardNo": self.string("Masked card number", 20, sensitive=True),
                        "installment": {"type": "integer", "min": 0, "max": 36,
                                        "doc": "Installment months"},
                        "freeInterest": {"type": "boolean", "doc": "Interest-free installment"},
                    },
                },
            },
        }
        sample = {
            "resCd": "0000", "resMsg": "정상처리", "shopTransactionId": f"shop-{self.index:06d}",
            "pgCno": f"{20240000000000 + self.index}", "amount": 1004, "statusCode": "11",
            "escrowUsed": "N", "transactionDate": "20240131120000",
            "approvedAt": "20240131120000123",
            "approvalInfo": {"approvalNo": "A123", "approvalDate": "20240131120000",
                             "cardInfo": {"cardNo": "1234-****-****-5678", "installment": 0,
                                          "freeInterest": False}},
        }
        return body, sample

    def spec(self) -> dict[str, Any]:
        request, request_sample = self.request()
        response, response_sample = self.response()
        verb = self.name.split("_")[0]
        safe = verb in ("get", "query", "list", "refund", "cancel")
        return {
            "operation": self.name,
            "summary": f"{pascal(self.name)} ({self.index})",
            "doc": f"Synthetic operation {self.index}: {self.name.replace('_', ' ')}.",
            "method": "POST",
            "path": f"/api/v1/{self.name.replace('_', '/')}",
            "content_type": "application/json; charset=utf-8",
            "timeout": "30s",
            "idempotency_key": "shopTransactionId",
            "retry": ({"safe": True, "on": ["timeout", "connection", "http_5xx", "http_429"],
                       "max_retries": 2} if safe else {"safe": False}),
            "request": {"model": f"{self.cls}Request", "headers": {}, "body": request},
            "response": {"model": f"{self.cls}Response", "headers": {}, "body": response},
            "success": {"http_status": [200], "field": "resCd", "equals": "0000"},
            "errors": [code for _, code, _, _ in ERRORS[: 2 + self.index % 4]],
            "samples": [
                {"name": "document_request", "direction": "request",
                 "doc": "Sample request from the document.", "payload": request_sample},
                {"name": "document_response", "direction": "response",
                 "doc": "Sample response from the document.", "payload": response_sample},
            ],
            "notes": ["Synthetic: generated by benchmarks/synth.py."],
        }


def api_spec(ops: int, codes: dict[str, Any]) -> dict[str, Any]:
    shared = {
        name: {"doc": f"{name} codes", "values": [
            {"code": code, "name": member, "label": label} for code, member, label in values]}
        for name, values in SHARED_CODES.items()
    }
    return {
        "docbind": 1,
        "name": f"Synthetic PG {ops}",
        "package": f"synth_pg_{ops}",
        "version": "0.1.0",
        "summary": f"A synthetic payment API with {ops} operations (benchmarks/synth.py).",
        "encoding": "utf-8",
        "timeout": "30s",
        "environments": {"test": {"url": "https://testapi.example.com"},
                         "production": {"url": "https://api.example.com"}},
        "default_environment": "test",
        "credentials": {"secret_key": {"doc": "Merchant secret key", "secret": True},
                        "mall_id": {"doc": "Merchant ID"}},
        "headers": {},
        "codes": {**shared, **codes},
        "signers": {"msg_auth_value": {
            "doc": "HmacSHA256 over pgCno | shopTransactionId", "algorithm": "hmac-sha256",
            "key": "secret_key", "input": {"fields": ["pgCno", "shopTransactionId"],
                                           "separator": "|"},
            "output": "hex", "template": "{mac}"}},
        "errors": {"code_field": "resCd", "message_field": "resMsg", "table": [
            {"http_status": status, "code": code, "message": message, "doc": message,
             "exception": exception} for status, code, message, exception in ERRORS]},
        "operations": [f"{OperationMaker(i, 0).name}.yaml" for i in range(1, ops + 1)],
    }


def dump(data: Any) -> str:
    """YAML without a YAML library: JSON is YAML, one top-level key per line block."""
    lines = []
    for key, value in data.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False, indent=2)}")
    return "\n".join(lines) + "\n"


def write_spec(out: Path, ops: int, seed: int = 0, change_one: int = 0) -> Path:
    """``change_one=k`` (k ≥ 1) adds the field ``changedNote<k>`` to one operation."""
    out.mkdir(parents=True, exist_ok=True)
    codes: dict[str, Any] = {}
    changed = ops // 2 + 1
    for i in range(1, ops + 1):
        maker = OperationMaker(i, seed, extra_field=change_one if i == changed else 0)
        text = dump(maker.spec())
        codes.update(maker.local_codes)
        path = out / f"{maker.name}.yaml"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    api = dump(api_spec(ops, codes))
    if not (out / "api.yaml").exists() or (out / "api.yaml").read_text(encoding="utf-8") != api:
        (out / "api.yaml").write_text(api, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ops", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--change-one", type=int, default=0, metavar="K",
                        help="add the optional field changedNote<K> to one operation")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    print(write_spec(args.output, args.ops, args.seed, args.change_one))


if __name__ == "__main__":
    main()
