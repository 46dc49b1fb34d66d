"""Generated tests: the KICC EasyPay models against the documents' own rules.

Each case states what the spec says must happen (accepted or refused, and the words the error
must contain). Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from kicc_easypay import models

MISSING = "<missing>"
Edits = tuple[tuple[tuple[str, ...], Any], ...]

# A payload per request model that obeys every documented rule.
VALID: dict[str, dict[str, Any]] = {
    "RefundRequest": {
        "mallId": "AAAAAAAA",
        "shopTransactionId": "AAAAAAAA",
        "pgCno": "AAAAAAAA",
        "reviseTypeCode": "60",
        "reviseSubTypeCode": "RF01",
        "amount": 1,
        "remainAmount": 1,
        "clientIp": "AAAAAAAA",
        "clientId": "AAAAAAAA",
        "cancelReqDate": "20240131",
        "msgAuthValue": "AAAAAAAA",
        "reviseMessage": "AAAAAAAA",
        "refundQueryFlag": "Y",
        "refundInfo": {
            "refundBankCode": "003",
            "refundAccountNo": "AAAAAAAA",
            "refundDepositName": "AAAAAAAA",
            "depositPgCno": "AAAAAAAA",
        },
        "taxInfo": {"taxationAmount": 1, "taxFreeAmount": 1, "vatAmount": 1},
        "basketUsed": "Y",
        "basketInfo": {"productPgCno": "AAAAAAAA", "sellerId": "AAAAAAAA"},
    }
}

# (id, model, edits to VALID, accepted, words the error must contain)
LIMIT_CASES: list[tuple[str, str, Edits, bool, str]] = [
    ("RefundRequest-valid", "RefundRequest", (), True, ""),
    (
        "RefundRequest-unknown-field",
        "RefundRequest",
        ((("undocumentedField",), "x"),),
        False,
        "Extra inputs are not permitted",
    ),
    (
        "RefundRequest-mallId-left-to-the-client",
        "RefundRequest",
        ((("mallId",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-mallId-at-limit",
        "RefundRequest",
        ((("mallId",), "AAAAAAAA"),),
        True,
        "",
    ),
    (
        "RefundRequest-mallId-over-limit",
        "RefundRequest",
        ((("mallId",), "AAAAAAAAA"),),
        False,
        "at most 8 bytes",
    ),
    (
        "RefundRequest-mallId-korean-at-limit",
        "RefundRequest",
        ((("mallId",), "가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-mallId-korean-over-limit",
        "RefundRequest",
        ((("mallId",), "가가가"),),
        False,
        "at most 8 bytes",
    ),
    (
        "RefundRequest-shopTransactionId-left-to-the-client",
        "RefundRequest",
        ((("shopTransactionId",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-shopTransactionId-at-limit",
        "RefundRequest",
        (
            (
                ("shopTransactionId",),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        True,
        "",
    ),
    (
        "RefundRequest-shopTransactionId-over-limit",
        "RefundRequest",
        (
            (
                ("shopTransactionId",),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        False,
        "at most 60 bytes",
    ),
    (
        "RefundRequest-shopTransactionId-korean-at-limit",
        "RefundRequest",
        ((("shopTransactionId",), "가가가가가가가가가가가가가가가가가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-shopTransactionId-korean-over-limit",
        "RefundRequest",
        ((("shopTransactionId",), "가가가가가가가가가가가가가가가가가가가가가"),),
        False,
        "at most 60 bytes",
    ),
    (
        "RefundRequest-pgCno-missing",
        "RefundRequest",
        ((("pgCno",), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-pgCno-at-limit",
        "RefundRequest",
        ((("pgCno",), "AAAAAAAAAAAAAAAAAAAA"),),
        True,
        "",
    ),
    (
        "RefundRequest-pgCno-over-limit",
        "RefundRequest",
        ((("pgCno",), "AAAAAAAAAAAAAAAAAAAAA"),),
        False,
        "at most 20 bytes",
    ),
    (
        "RefundRequest-pgCno-korean-at-limit",
        "RefundRequest",
        ((("pgCno",), "가가가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-pgCno-korean-over-limit",
        "RefundRequest",
        ((("pgCno",), "가가가가가가가"),),
        False,
        "at most 20 bytes",
    ),
    (
        "RefundRequest-reviseTypeCode-missing",
        "RefundRequest",
        ((("reviseTypeCode",), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-reviseTypeCode-undocumented-code",
        "RefundRequest",
        ((("reviseTypeCode",), "ZZ"),),
        False,
        "Input should be",
    ),
    (
        "RefundRequest-reviseSubTypeCode-omitted",
        "RefundRequest",
        ((("reviseSubTypeCode",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-reviseSubTypeCode-undocumented-code",
        "RefundRequest",
        ((("reviseSubTypeCode",), "ZZ"),),
        False,
        "Input should be",
    ),
    (
        "RefundRequest-amount-required-when",
        "RefundRequest",
        ((("reviseTypeCode",), "62"), (("amount",), "<missing>")),
        False,
        "amount is required when reviseTypeCode is 62",
    ),
    (
        "RefundRequest-amount-given-when-required",
        "RefundRequest",
        ((("reviseTypeCode",), "62"),),
        True,
        "",
    ),
    (
        "RefundRequest-amount-omitted-otherwise",
        "RefundRequest",
        ((("reviseTypeCode",), "60"), (("amount",), "<missing>")),
        True,
        "",
    ),
    (
        "RefundRequest-remainAmount-omitted",
        "RefundRequest",
        ((("remainAmount",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-clientIp-omitted",
        "RefundRequest",
        ((("clientIp",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-clientIp-at-limit",
        "RefundRequest",
        ((("clientIp",), "AAAAAAAAAAAAAAAAAAAA"),),
        True,
        "",
    ),
    (
        "RefundRequest-clientIp-over-limit",
        "RefundRequest",
        ((("clientIp",), "AAAAAAAAAAAAAAAAAAAAA"),),
        False,
        "at most 20 bytes",
    ),
    (
        "RefundRequest-clientIp-korean-at-limit",
        "RefundRequest",
        ((("clientIp",), "가가가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-clientIp-korean-over-limit",
        "RefundRequest",
        ((("clientIp",), "가가가가가가가"),),
        False,
        "at most 20 bytes",
    ),
    (
        "RefundRequest-clientId-omitted",
        "RefundRequest",
        ((("clientId",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-clientId-at-limit",
        "RefundRequest",
        ((("clientId",), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),),
        True,
        "",
    ),
    (
        "RefundRequest-clientId-over-limit",
        "RefundRequest",
        ((("clientId",), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),),
        False,
        "at most 32 bytes",
    ),
    (
        "RefundRequest-clientId-korean-at-limit",
        "RefundRequest",
        ((("clientId",), "가가가가가가가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-clientId-korean-over-limit",
        "RefundRequest",
        ((("clientId",), "가가가가가가가가가가가"),),
        False,
        "at most 32 bytes",
    ),
    (
        "RefundRequest-cancelReqDate-left-to-the-client",
        "RefundRequest",
        ((("cancelReqDate",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-cancelReqDate-wrong-format",
        "RefundRequest",
        ((("cancelReqDate",), "2024-01-31T09:08:07"),),
        False,
        "yyyyMMdd",
    ),
    (
        "RefundRequest-msgAuthValue-left-to-the-client",
        "RefundRequest",
        ((("msgAuthValue",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-msgAuthValue-at-limit",
        "RefundRequest",
        (
            (
                ("msgAuthValue",),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        True,
        "",
    ),
    (
        "RefundRequest-msgAuthValue-over-limit",
        "RefundRequest",
        (
            (
                ("msgAuthValue",),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        False,
        "at most 200 bytes",
    ),
    (
        "RefundRequest-msgAuthValue-korean-at-limit",
        "RefundRequest",
        (
            (
                ("msgAuthValue",),
                "가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가",
            ),
        ),
        True,
        "",
    ),
    (
        "RefundRequest-msgAuthValue-korean-over-limit",
        "RefundRequest",
        (
            (
                ("msgAuthValue",),
                "가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가",
            ),
        ),
        False,
        "at most 200 bytes",
    ),
    (
        "RefundRequest-reviseMessage-omitted",
        "RefundRequest",
        ((("reviseMessage",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-reviseMessage-at-limit",
        "RefundRequest",
        (
            (
                ("reviseMessage",),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        True,
        "",
    ),
    (
        "RefundRequest-reviseMessage-over-limit",
        "RefundRequest",
        (
            (
                ("reviseMessage",),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        False,
        "at most 100 bytes",
    ),
    (
        "RefundRequest-reviseMessage-korean-at-limit",
        "RefundRequest",
        (
            (
                ("reviseMessage",),
                "가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가",
            ),
        ),
        True,
        "",
    ),
    (
        "RefundRequest-reviseMessage-korean-over-limit",
        "RefundRequest",
        (
            (
                ("reviseMessage",),
                "가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가가",
            ),
        ),
        False,
        "at most 100 bytes",
    ),
    (
        "RefundRequest-refundQueryFlag-omitted",
        "RefundRequest",
        ((("refundQueryFlag",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundQueryFlag-undocumented-code",
        "RefundRequest",
        ((("refundQueryFlag",), "ZZ"),),
        False,
        "Input should be",
    ),
    (
        "RefundRequest-refundInfo-missing",
        "RefundRequest",
        ((("refundInfo",), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-refundInfo.refundBankCode-missing",
        "RefundRequest",
        ((("refundInfo", "refundBankCode"), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-refundInfo.refundBankCode-at-limit",
        "RefundRequest",
        ((("refundInfo", "refundBankCode"), "AAA"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.refundBankCode-over-limit",
        "RefundRequest",
        ((("refundInfo", "refundBankCode"), "AAAA"),),
        False,
        "at most 3 bytes",
    ),
    (
        "RefundRequest-refundInfo.refundBankCode-korean-at-limit",
        "RefundRequest",
        ((("refundInfo", "refundBankCode"), "가"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.refundBankCode-korean-over-limit",
        "RefundRequest",
        ((("refundInfo", "refundBankCode"), "가가"),),
        False,
        "at most 3 bytes",
    ),
    (
        "RefundRequest-refundInfo.refundAccountNo-missing",
        "RefundRequest",
        ((("refundInfo", "refundAccountNo"), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-refundInfo.refundAccountNo-at-limit",
        "RefundRequest",
        ((("refundInfo", "refundAccountNo"), "AAAAAAAAAAAAAA"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.refundAccountNo-over-limit",
        "RefundRequest",
        ((("refundInfo", "refundAccountNo"), "AAAAAAAAAAAAAAA"),),
        False,
        "at most 14 bytes",
    ),
    (
        "RefundRequest-refundInfo.refundAccountNo-korean-at-limit",
        "RefundRequest",
        ((("refundInfo", "refundAccountNo"), "가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.refundAccountNo-korean-over-limit",
        "RefundRequest",
        ((("refundInfo", "refundAccountNo"), "가가가가가"),),
        False,
        "at most 14 bytes",
    ),
    (
        "RefundRequest-refundInfo.refundDepositName-missing",
        "RefundRequest",
        ((("refundInfo", "refundDepositName"), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-refundInfo.refundDepositName-at-limit",
        "RefundRequest",
        (
            (
                ("refundInfo", "refundDepositName"),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.refundDepositName-over-limit",
        "RefundRequest",
        (
            (
                ("refundInfo", "refundDepositName"),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        False,
        "at most 50 bytes",
    ),
    (
        "RefundRequest-refundInfo.refundDepositName-korean-at-limit",
        "RefundRequest",
        ((("refundInfo", "refundDepositName"), "가가가가가가가가가가가가가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.refundDepositName-korean-over-limit",
        "RefundRequest",
        ((("refundInfo", "refundDepositName"), "가가가가가가가가가가가가가가가가가"),),
        False,
        "at most 50 bytes",
    ),
    (
        "RefundRequest-refundInfo.depositPgCno-omitted",
        "RefundRequest",
        ((("refundInfo", "depositPgCno"), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.depositPgCno-at-limit",
        "RefundRequest",
        ((("refundInfo", "depositPgCno"), "AAAAAAAAAAAAAAAAAAAA"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.depositPgCno-over-limit",
        "RefundRequest",
        ((("refundInfo", "depositPgCno"), "AAAAAAAAAAAAAAAAAAAAA"),),
        False,
        "at most 20 bytes",
    ),
    (
        "RefundRequest-refundInfo.depositPgCno-korean-at-limit",
        "RefundRequest",
        ((("refundInfo", "depositPgCno"), "가가가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-refundInfo.depositPgCno-korean-over-limit",
        "RefundRequest",
        ((("refundInfo", "depositPgCno"), "가가가가가가가"),),
        False,
        "at most 20 bytes",
    ),
    (
        "RefundRequest-taxInfo-omitted",
        "RefundRequest",
        ((("taxInfo",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-taxInfo.taxationAmount-missing",
        "RefundRequest",
        ((("taxInfo", "taxationAmount"), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-taxInfo.taxFreeAmount-missing",
        "RefundRequest",
        ((("taxInfo", "taxFreeAmount"), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-taxInfo.vatAmount-missing",
        "RefundRequest",
        ((("taxInfo", "vatAmount"), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-basketUsed-omitted",
        "RefundRequest",
        ((("basketUsed",), "<missing>"),),
        True,
        "",
    ),
    (
        "RefundRequest-basketUsed-undocumented-code",
        "RefundRequest",
        ((("basketUsed",), "ZZ"),),
        False,
        "Input should be",
    ),
    (
        "RefundRequest-basketInfo-required-when",
        "RefundRequest",
        ((("basketUsed",), "Y"), (("basketInfo",), "<missing>")),
        False,
        "basketInfo is required when basketUsed is Y",
    ),
    (
        "RefundRequest-basketInfo-given-when-required",
        "RefundRequest",
        ((("basketUsed",), "Y"),),
        True,
        "",
    ),
    (
        "RefundRequest-basketInfo-omitted-otherwise",
        "RefundRequest",
        ((("basketUsed",), "N"), (("basketInfo",), "<missing>")),
        True,
        "",
    ),
    (
        "RefundRequest-basketInfo.productPgCno-missing",
        "RefundRequest",
        ((("basketInfo", "productPgCno"), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-basketInfo.productPgCno-at-limit",
        "RefundRequest",
        ((("basketInfo", "productPgCno"), "AAAAAAAAAAAAAAAAAAAA"),),
        True,
        "",
    ),
    (
        "RefundRequest-basketInfo.productPgCno-over-limit",
        "RefundRequest",
        ((("basketInfo", "productPgCno"), "AAAAAAAAAAAAAAAAAAAAA"),),
        False,
        "at most 20 bytes",
    ),
    (
        "RefundRequest-basketInfo.productPgCno-korean-at-limit",
        "RefundRequest",
        ((("basketInfo", "productPgCno"), "가가가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-basketInfo.productPgCno-korean-over-limit",
        "RefundRequest",
        ((("basketInfo", "productPgCno"), "가가가가가가가"),),
        False,
        "at most 20 bytes",
    ),
    (
        "RefundRequest-basketInfo.sellerId-missing",
        "RefundRequest",
        ((("basketInfo", "sellerId"), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "RefundRequest-basketInfo.sellerId-at-limit",
        "RefundRequest",
        (
            (
                ("basketInfo", "sellerId"),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        True,
        "",
    ),
    (
        "RefundRequest-basketInfo.sellerId-over-limit",
        "RefundRequest",
        (
            (
                ("basketInfo", "sellerId"),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ),
        False,
        "at most 50 bytes",
    ),
    (
        "RefundRequest-basketInfo.sellerId-korean-at-limit",
        "RefundRequest",
        ((("basketInfo", "sellerId"), "가가가가가가가가가가가가가가가가"),),
        True,
        "",
    ),
    (
        "RefundRequest-basketInfo.sellerId-korean-over-limit",
        "RefundRequest",
        ((("basketInfo", "sellerId"), "가가가가가가가가가가가가가가가가가"),),
        False,
        "at most 50 bytes",
    ),
]

# (id, model, payload as the document gives it, its contradictions: (path, what the spec says))
SAMPLES: list[
    tuple[str, str, dict[str, Any], tuple[tuple[tuple[str, ...], str], ...]]
] = [
    # The sample uses reviseTypeCode "40", which the document's Change Type Codes table (60, 62, 63) does not list. The provider docs list 40 (full cancel) on the same endpoint, so the ReviseType table includes it and the sample is valid as written.
    (
        "refund-document_request",
        "RefundRequest",
        {
            "mallId": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "pgCno": "AAAAAAAA",
            "reviseTypeCode": "40",
            "cancelReqDate": "20240131",
            "msgAuthValue": "AAAAAAAA",
            "reviseMessage": "Customer Changed Mind",
            "refundInfo": {
                "refundBankCode": "003",
                "refundAccountNo": "AAAAAAAA",
                "refundDepositName": "John Doe",
                "depositPgCno": "AAAAAAAA",
            },
        },
        (),
    ),
    (
        "refund-document_response",
        "RefundResponse",
        {
            "resCd": "0000",
            "resMsg": "Refund Successful",
            "mallId": "{Requested Merchant ID}",
            "shopTransactionId": "{Requested API Idempotency Key}",
            "oriPgCno": "{Original PG Transaction ID}",
            "cancelPgCno": "{Refund PG Transaction ID}",
            "shopOrderNo": "{Merchant Order No}",
            "cancelAmount": "51004",
            "remainAmount": "0",
            "transactionDate": "20210326090200",
            "statusCode": "RF01",
            "statusMessage": "Refund Requested",
            "reviseInfo": {
                "payMethodTypeCode": "11",
                "approvalDate": "20210326090200",
                "refundInfo": {
                    "refundDate": "20210326090200",
                    "depositPgCno": "{Deposit Transaction ID}",
                },
            },
        },
        (
            (("shopOrderNo",), "Not listed in the document's response table."),
            (
                ("cancelAmount",),
                'Sent as a string ("51004") although the table types it Number.',
            ),
            (
                ("remainAmount",),
                'Sent as a string ("0") although the table types it Number.',
            ),
        ),
    ),
]

# (id, model, payload, path, value the server sent, value the model must hold)
LENIENT_CASES: list[tuple[str, str, dict[str, Any], tuple[str, ...], Any, Any]] = [
    (
        "RefundResponse-keeps-unknown-field",
        "RefundResponse",
        {
            "resCd": "AAAA",
            "resMsg": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "mallId": "AAAAAAAA",
            "oriPgCno": "AAAAAAAA",
            "cancelPgCno": "AAAAAAAA",
            "cancelAmount": 1,
            "remainAmount": 1,
            "transactionDate": "20240131090807",
            "statusCode": "RF01",
            "statusMessage": "AAAAAAAA",
            "escrowUsed": "Y",
            "reviseInfo": {
                "payMethodTypeCode": "11",
                "approvalNo": "AAAAAAAA",
                "approvalDate": "20240131090807",
                "refundInfo": {
                    "refundDate": "20240131090807",
                    "depositPgCno": "AAAAAAAA",
                },
                "cashReceiptInfo": {
                    "resCd": "AAAA",
                    "resMsg": "AAAAAAAA",
                    "approvalNo": "AAAAAAAA",
                    "cancelDate": "20240131090807",
                },
            },
        },
        ("undocumentedField",),
        "kept",
        "kept",
    ),
    (
        "RefundResponse-cancelAmount-numeric-string",
        "RefundResponse",
        {
            "resCd": "AAAA",
            "resMsg": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "mallId": "AAAAAAAA",
            "oriPgCno": "AAAAAAAA",
            "cancelPgCno": "AAAAAAAA",
            "cancelAmount": 1,
            "remainAmount": 1,
            "transactionDate": "20240131090807",
            "statusCode": "RF01",
            "statusMessage": "AAAAAAAA",
            "escrowUsed": "Y",
            "reviseInfo": {
                "payMethodTypeCode": "11",
                "approvalNo": "AAAAAAAA",
                "approvalDate": "20240131090807",
                "refundInfo": {
                    "refundDate": "20240131090807",
                    "depositPgCno": "AAAAAAAA",
                },
                "cashReceiptInfo": {
                    "resCd": "AAAA",
                    "resMsg": "AAAAAAAA",
                    "approvalNo": "AAAAAAAA",
                    "cancelDate": "20240131090807",
                },
            },
        },
        ("cancelAmount",),
        "51004",
        51004,
    ),
    (
        "RefundResponse-remainAmount-numeric-string",
        "RefundResponse",
        {
            "resCd": "AAAA",
            "resMsg": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "mallId": "AAAAAAAA",
            "oriPgCno": "AAAAAAAA",
            "cancelPgCno": "AAAAAAAA",
            "cancelAmount": 1,
            "remainAmount": 1,
            "transactionDate": "20240131090807",
            "statusCode": "RF01",
            "statusMessage": "AAAAAAAA",
            "escrowUsed": "Y",
            "reviseInfo": {
                "payMethodTypeCode": "11",
                "approvalNo": "AAAAAAAA",
                "approvalDate": "20240131090807",
                "refundInfo": {
                    "refundDate": "20240131090807",
                    "depositPgCno": "AAAAAAAA",
                },
                "cashReceiptInfo": {
                    "resCd": "AAAA",
                    "resMsg": "AAAAAAAA",
                    "approvalNo": "AAAAAAAA",
                    "cancelDate": "20240131090807",
                },
            },
        },
        ("remainAmount",),
        "51004",
        51004,
    ),
    (
        "RefundResponse-statusCode-unknown-code",
        "RefundResponse",
        {
            "resCd": "AAAA",
            "resMsg": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "mallId": "AAAAAAAA",
            "oriPgCno": "AAAAAAAA",
            "cancelPgCno": "AAAAAAAA",
            "cancelAmount": 1,
            "remainAmount": 1,
            "transactionDate": "20240131090807",
            "statusCode": "RF01",
            "statusMessage": "AAAAAAAA",
            "escrowUsed": "Y",
            "reviseInfo": {
                "payMethodTypeCode": "11",
                "approvalNo": "AAAAAAAA",
                "approvalDate": "20240131090807",
                "refundInfo": {
                    "refundDate": "20240131090807",
                    "depositPgCno": "AAAAAAAA",
                },
                "cashReceiptInfo": {
                    "resCd": "AAAA",
                    "resMsg": "AAAAAAAA",
                    "approvalNo": "AAAAAAAA",
                    "cancelDate": "20240131090807",
                },
            },
        },
        ("statusCode",),
        "ZZZZ",
        "ZZZZ",
    ),
    (
        "RefundResponse-escrowUsed-unknown-code",
        "RefundResponse",
        {
            "resCd": "AAAA",
            "resMsg": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "mallId": "AAAAAAAA",
            "oriPgCno": "AAAAAAAA",
            "cancelPgCno": "AAAAAAAA",
            "cancelAmount": 1,
            "remainAmount": 1,
            "transactionDate": "20240131090807",
            "statusCode": "RF01",
            "statusMessage": "AAAAAAAA",
            "escrowUsed": "Y",
            "reviseInfo": {
                "payMethodTypeCode": "11",
                "approvalNo": "AAAAAAAA",
                "approvalDate": "20240131090807",
                "refundInfo": {
                    "refundDate": "20240131090807",
                    "depositPgCno": "AAAAAAAA",
                },
                "cashReceiptInfo": {
                    "resCd": "AAAA",
                    "resMsg": "AAAAAAAA",
                    "approvalNo": "AAAAAAAA",
                    "cancelDate": "20240131090807",
                },
            },
        },
        ("escrowUsed",),
        "ZZZZ",
        "ZZZZ",
    ),
]

# (id, model, payload, sensitive path, its value)
SENSITIVE: list[tuple[str, str, dict[str, Any], tuple[str, ...], str]] = [
    (
        "RefundRequest-msgAuthValue",
        "RefundRequest",
        {
            "mallId": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "pgCno": "AAAAAAAA",
            "reviseTypeCode": "60",
            "reviseSubTypeCode": "RF01",
            "amount": 1,
            "remainAmount": 1,
            "clientIp": "AAAAAAAA",
            "clientId": "AAAAAAAA",
            "cancelReqDate": "20240131",
            "msgAuthValue": "AAAAAAAA",
            "reviseMessage": "AAAAAAAA",
            "refundQueryFlag": "Y",
            "refundInfo": {
                "refundBankCode": "003",
                "refundAccountNo": "AAAAAAAA",
                "refundDepositName": "AAAAAAAA",
                "depositPgCno": "AAAAAAAA",
            },
            "taxInfo": {"taxationAmount": 1, "taxFreeAmount": 1, "vatAmount": 1},
            "basketUsed": "Y",
            "basketInfo": {"productPgCno": "AAAAAAAA", "sellerId": "AAAAAAAA"},
        },
        ("msgAuthValue",),
        "Zq9Zq9Zq9Zq9",
    ),
    (
        "RefundRequest-refundInfo.refundAccountNo",
        "RefundRequest",
        {
            "mallId": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "pgCno": "AAAAAAAA",
            "reviseTypeCode": "60",
            "reviseSubTypeCode": "RF01",
            "amount": 1,
            "remainAmount": 1,
            "clientIp": "AAAAAAAA",
            "clientId": "AAAAAAAA",
            "cancelReqDate": "20240131",
            "msgAuthValue": "AAAAAAAA",
            "reviseMessage": "AAAAAAAA",
            "refundQueryFlag": "Y",
            "refundInfo": {
                "refundBankCode": "003",
                "refundAccountNo": "AAAAAAAA",
                "refundDepositName": "AAAAAAAA",
                "depositPgCno": "AAAAAAAA",
            },
            "taxInfo": {"taxationAmount": 1, "taxFreeAmount": 1, "vatAmount": 1},
            "basketUsed": "Y",
            "basketInfo": {"productPgCno": "AAAAAAAA", "sellerId": "AAAAAAAA"},
        },
        ("refundInfo", "refundAccountNo"),
        "Zq9Zq9Zq9Zq9",
    ),
    (
        "RefundRequest-refundInfo.refundDepositName",
        "RefundRequest",
        {
            "mallId": "AAAAAAAA",
            "shopTransactionId": "AAAAAAAA",
            "pgCno": "AAAAAAAA",
            "reviseTypeCode": "60",
            "reviseSubTypeCode": "RF01",
            "amount": 1,
            "remainAmount": 1,
            "clientIp": "AAAAAAAA",
            "clientId": "AAAAAAAA",
            "cancelReqDate": "20240131",
            "msgAuthValue": "AAAAAAAA",
            "reviseMessage": "AAAAAAAA",
            "refundQueryFlag": "Y",
            "refundInfo": {
                "refundBankCode": "003",
                "refundAccountNo": "AAAAAAAA",
                "refundDepositName": "AAAAAAAA",
                "depositPgCno": "AAAAAAAA",
            },
            "taxInfo": {"taxationAmount": 1, "taxFreeAmount": 1, "vatAmount": 1},
            "basketUsed": "Y",
            "basketInfo": {"productPgCno": "AAAAAAAA", "sellerId": "AAAAAAAA"},
        },
        ("refundInfo", "refundDepositName"),
        "Zq9Zq9Zq9Zq9",
    ),
]


def _model(name: str) -> type[BaseModel]:
    cls = getattr(models, name)
    assert isinstance(cls, type) and issubclass(cls, BaseModel)
    return cls


def _apply(payload: dict[str, Any], edits: Edits) -> None:
    for path, value in edits:
        target = payload
        for key in path[:-1]:
            target = target.setdefault(key, {})
        if value == MISSING:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = value


def _get(payload: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        payload = payload[key] if isinstance(payload, dict) else getattr(payload, key)
    return payload


def _same(wire: Any, dumped: Any) -> bool:
    """Equal as the wire means it: a numeric string and the number it spells are the same."""
    if isinstance(wire, dict) and isinstance(dumped, dict):
        return wire.keys() == dumped.keys() and all(
            _same(wire[k], dumped[k]) for k in wire
        )
    if isinstance(wire, list) and isinstance(dumped, list):
        return len(wire) == len(dumped) and all(map(_same, wire, dumped))
    if (
        isinstance(wire, str)
        and isinstance(dumped, int | float)
        and not isinstance(dumped, bool)
    ):
        return wire.strip() == str(dumped)
    return bool(wire == dumped)


@pytest.mark.parametrize(
    ("model", "edits", "accepted", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in LIMIT_CASES],
)
def test_documented_limit(
    model: str, edits: Edits, accepted: bool, fragment: str
) -> None:
    payload = copy.deepcopy(VALID[model])
    _apply(payload, edits)
    if accepted:
        parsed = _model(model).model_validate(payload)
        assert _same(
            payload, parsed.model_dump(by_alias=True, exclude_none=True, mode="json")
        )
        return
    with pytest.raises(ValidationError) as info:
        _model(model).model_validate(payload)
    assert fragment in str(info.value)
    path = edits[-1][0]
    locations = [tuple(str(p) for p in error["loc"]) for error in info.value.errors()]
    assert any(loc[: len(path)] == path for loc in locations), locations


@pytest.mark.parametrize(
    ("model", "payload", "deviations"),
    [pytest.param(*case[1:], id=case[0]) for case in SAMPLES],
)
def test_document_sample(
    model: str,
    payload: dict[str, Any],
    deviations: tuple[tuple[tuple[str, ...], str], ...],
) -> None:
    parsed = _model(model).model_validate(payload)
    dumped = parsed.model_dump(by_alias=True, exclude_none=True, mode="json")
    assert _same(payload, dumped)
    # Each contradiction the spec records is read, not dropped: an undocumented field is kept,
    # a number sent as a string becomes the number it spells.
    for path, note in deviations:
        assert _same(_get(payload, path), _get(dumped, path)), note


@pytest.mark.parametrize(
    ("model", "payload", "path", "sent", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in LENIENT_CASES],
)
def test_response_is_lenient(
    model: str, payload: dict[str, Any], path: tuple[str, ...], sent: Any, expected: Any
) -> None:
    edited = copy.deepcopy(payload)
    _apply(edited, ((path, sent),))
    parsed = _model(model).model_validate(edited)
    value = _get(parsed.model_dump(by_alias=True), path)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("model", "payload", "path", "marker"),
    [pytest.param(*case[1:], id=case[0]) for case in SENSITIVE],
)
def test_sensitive_value_is_masked(
    model: str, payload: dict[str, Any], path: tuple[str, ...], marker: str
) -> None:
    edited = copy.deepcopy(payload)
    _apply(edited, ((path, marker),))
    parsed = _model(model).model_validate(edited)
    assert marker not in repr(parsed) and marker not in str(parsed)
    assert _same(_get(edited, path), _get(parsed.model_dump(by_alias=True), path))
