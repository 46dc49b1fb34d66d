"""Generated code at run time, each figure a ratio against a baseline timed in the same process.

Run by ``benchmarks/run.py`` in a subprocess whose ``sys.path`` holds the freshly generated seed
packages (and openapi-python-client's, when present); prints one JSON object.

Method: for each (candidate, baseline) pair, ``rounds`` rounds; in each round both are timed
back to back (best of 5 batches of ``n`` calls, ``n`` calibrated to ~20 ms), and the round's ratio
is baseline_time / candidate_time (≥ 1 means the candidate is as fast or faster). Reported: median
ratio with min and max, and the median per-call times.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import hmac
import json
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import handwritten
import httpx

SECRET = "bench-secret-key-0123456789"
REQUEST = {
    "pgCno": "20240131000000012345",
    "reviseTypeCode": "62",
    "reviseSubTypeCode": "RF01",
    "amount": 1004,
    "remainAmount": 0,
    "clientIp": "127.0.0.1",
    "clientId": "admin01",
    "reviseMessage": "고객 변심으로 인한 환불",
    "refundInfo": {"refundBankCode": "088", "refundAccountNo": "12345678901",
                   "refundDepositName": "홍길동", "depositPgCno": "20240131000000099999"},
    "taxInfo": {"taxationAmount": 913, "taxFreeAmount": 0, "vatAmount": 91},
    "basketUsed": "Y",
    "basketInfo": {"productPgCno": "20240131000000011111", "sellerId": "seller01"},
}
FULL_REQUEST = {**REQUEST, "mallId": "T5102001", "shopTransactionId": "a" * 32,
                "cancelReqDate": "20240131", "msgAuthValue": "f" * 64}
RESPONSE = {
    "resCd": "0000", "resMsg": "정상처리", "shopTransactionId": "a" * 32, "mallId": "T5102001",
    "oriPgCno": "20240131000000012345", "cancelPgCno": "20240131000000054321",
    "cancelAmount": "1004", "remainAmount": 0, "transactionDate": "20240131120000",
    "statusCode": "RF01", "statusMessage": "환불요청", "escrowUsed": "N",
    "reviseInfo": {"payMethodTypeCode": "22", "approvalNo": "A0001",
                   "approvalDate": "20240131120000",
                   "refundInfo": {"refundDate": "20240201090000", "depositPgCno": "2024013100"},
                   "cashReceiptInfo": {"resCd": "0000", "resMsg": "ok"}},
    "undocumentedField": "kept",
}
RESPONSE_BYTES = json.dumps(RESPONSE, ensure_ascii=False).encode("utf-8")
SEOUL = ZoneInfo("Asia/Seoul")


# CPU time of this process (every thread: the loopback server's too), not wall time: on a
# machine shared with other work, time spent waiting for a core is not the code's cost.
CLOCK = time.process_time


def per_call(fn: Callable[[], Any], n: int) -> float:
    best = float("inf")
    for _ in range(5):
        started = CLOCK()
        for _ in range(n):
            fn()
        best = min(best, (CLOCK() - started) / n)
    return best


def calibrate(fn: Callable[[], Any], budget: float = 0.02) -> int:
    n = 1
    while True:
        started = CLOCK()
        for _ in range(n):
            fn()
        if CLOCK() - started > budget / 4 or n > 1_000_000:
            return max(1, int(n * (budget / max(CLOCK() - started, 1e-9))))
        n *= 4


def compare(
    name: str, candidate: Callable[[], Any], baseline: Callable[[], Any], rounds: int, note: str
) -> dict[str, Any]:
    candidate(), baseline()  # warm up, and fail early
    n_c, n_b = calibrate(candidate), calibrate(baseline)
    ratios, c_times, b_times = [], [], []
    for _ in range(rounds):
        c = per_call(candidate, n_c)
        b = per_call(baseline, n_b)
        c_times.append(c)
        b_times.append(b)
        ratios.append(b / c)
    result = {
        "name": name,
        "note": note,
        "ratio_median": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "candidate_us": statistics.median(c_times) * 1e6,
        "baseline_us": statistics.median(b_times) * 1e6,
    }
    print(
        f"  {name:<52} {result['ratio_median']:5.2f}× [{result['ratio_min']:.2f}–"
        f"{result['ratio_max']:.2f}]  {result['candidate_us']:8.1f} µs vs "
        f"{result['baseline_us']:8.1f} µs",
        file=sys.stderr,
        flush=True,
    )
    return result


# --- the pairs --------------------------------------------------------------------------------


def model_pairs(rounds: int) -> list[dict[str, Any]]:
    from kicc_easypay import models

    def gen_request() -> bytes:
        return models.RefundRequest.model_validate(FULL_REQUEST).model_dump_json(
            by_alias=True, exclude_none=True).encode()

    def hand_request() -> bytes:
        return handwritten.RefundRequest.model_validate(FULL_REQUEST).model_dump_json(
            by_alias=True, exclude_none=True).encode()

    def plain_request() -> bytes:
        return handwritten.PlainRefundRequest.model_validate(FULL_REQUEST).model_dump_json(
            exclude_none=True).encode()

    def gen_response() -> Any:
        return models.RefundResponse.model_validate_json(RESPONSE_BYTES)

    def hand_response() -> Any:
        return handwritten.RefundResponse.model_validate_json(RESPONSE_BYTES)

    assert json.loads(gen_request()) == json.loads(hand_request())
    return [
        compare("request validate+serialize: generated vs hand-written", gen_request,
                hand_request, rounds, "target ≥ 0.90"),
        compare("request validate+serialize: generated vs types-only floor", gen_request,
                plain_request, rounds, "target ≥ 0.50: pydantic-core floor, no limits"),
        compare("response parse: generated vs hand-written", gen_response, hand_response,
                rounds, "informational (no target); lenient both"),
    ]


def signer_pairs(rounds: int) -> list[dict[str, Any]]:
    from kicc_easypay import signing as kicc_signing
    from konaplate import signing as kona_signing

    def gen_kicc() -> str:
        return kicc_signing.msg_auth_value(SECRET, pg_cno="20240131000000012345",
                                           shop_transaction_id="a" * 32)

    def raw_kicc() -> str:
        message = "|".join(("20240131000000012345", "a" * 32)).encode()
        return hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()

    body = json.dumps(REQUEST, ensure_ascii=False).encode()

    def gen_kona() -> str:
        return kona_signing.tran_token(SECRET, body=body, time="20240131120000")

    def raw_kona() -> str:
        mac = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest())
        return f"KMV1:20240131120000:{mac.decode()}"

    assert gen_kicc() == raw_kicc() and gen_kona() == raw_kona()
    return [
        compare("signer kicc msg_auth_value vs raw hmac", gen_kicc, raw_kicc, rounds,
                "target ≥ 0.90"),
        compare("signer konaplate tran_token vs raw hmac", gen_kona, raw_kona, rounds,
                "target ≥ 0.90"),
    ]


def _raw_call(http: httpx.Client, base_url: str, validate: bool) -> Any:
    payload = {"mallId": "T5102001", "shopTransactionId": uuid.uuid4().hex, **REQUEST,
               "cancelReqDate": dt.datetime.now(SEOUL).strftime("%Y%m%d")}
    message = f"{payload['pgCno']}|{payload['shopTransactionId']}".encode()
    payload["msgAuthValue"] = hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()
    if validate:
        body = handwritten.RefundRequest.model_validate(payload).model_dump_json(
            by_alias=True, exclude_none=True).encode()
    else:
        body = json.dumps(payload, ensure_ascii=False).encode()
    response = http.post(base_url + "/api/trades/revise", content=body, headers={
        "Content-Type": "application/json; charset=utf-8", "Accept": "application/json"})
    data = response.json()
    if response.status_code != 200 or data.get("resCd") != "0000":
        raise RuntimeError(data)
    return handwritten.RefundResponse.model_validate(data) if validate else data


def _handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=RESPONSE_BYTES,
                          headers={"Content-Type": "application/json; charset=utf-8"})


class _Loopback(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body meet delayed ACKs: 40 ms a call

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(RESPONSE_BYTES)))
        self.end_headers()
        self.wfile.write(RESPONSE_BYTES)

    def log_message(self, *args: Any) -> None:
        pass


def client_pairs(rounds: int, oapc: bool) -> list[dict[str, Any]]:
    import kicc_easypay

    results = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Loopback)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    loop_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for where, base_url, make_http, n_rounds in (
            ("MockTransport", "http://bench.invalid",
             lambda **kw: httpx.Client(transport=httpx.MockTransport(_handler), **kw), rounds),
            ("loopback", loop_url, lambda **kw: httpx.Client(**kw), max(3, rounds // 2)),
        ):
            http = make_http()
            client = kicc_easypay.Client(secret_key=SECRET, mall_id="T5102001",
                                         base_url=base_url, http_client=http)
            request = {k: v for k, v in REQUEST.items()}

            def generated(client: Any = client, request: dict[str, Any] = request) -> Any:
                return client.refund(kicc_easypay.models.RefundRequest.model_validate(request))

            def raw(http: httpx.Client = http, base_url: str = base_url) -> Any:
                return _raw_call(http, base_url, validate=False)

            def raw_validated(http: httpx.Client = http, base_url: str = base_url) -> Any:
                return _raw_call(http, base_url, validate=True)

            results.append(compare(f"client call ({where}): generated vs raw httpx",
                                   generated, raw, n_rounds, "informational: no validation"))
            results.append(compare(
                f"client call ({where}): generated vs raw httpx + hand-written pydantic",
                generated, raw_validated, n_rounds, "target ≥ 0.90: the same validations"))
            if oapc:
                oapc_http = make_http(base_url=base_url)  # it sends relative URLs
                results.extend(_oapc_client(oapc_http, raw, where, n_rounds))
                oapc_http.close()
            http.close()
    finally:
        server.shutdown()
    return results


def _oapc_client(http: httpx.Client, raw: Callable[[], Any], where: str,
                 rounds: int) -> list[dict[str, Any]]:
    from kicc_oapc import Client as OapcClient
    from kicc_oapc.api.kicc_easy_pay import refund as oapc_refund
    from kicc_oapc.models import RefundRequest as OapcRequest

    client = OapcClient(base_url=str(http.base_url))
    client.set_httpx_client(http)

    def call() -> Any:
        payload = {"mallId": "T5102001", "shopTransactionId": uuid.uuid4().hex, **REQUEST,
                   "cancelReqDate": dt.datetime.now(SEOUL).strftime("%Y%m%d")}
        message = f"{payload['pgCno']}|{payload['shopTransactionId']}".encode()
        payload["msgAuthValue"] = hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()
        return oapc_refund.sync(client=client, body=OapcRequest.from_dict(payload))

    return [compare(f"client call ({where}): openapi-python-client vs raw httpx", call, raw,
                    rounds, "informational: the alternative's generated client")]


def oapc_model_pairs(rounds: int) -> list[dict[str, Any]]:
    from kicc_oapc.models import RefundRequest as OapcRequest
    from kicc_oapc.models import RefundResponse as OapcResponse

    def oapc_request() -> bytes:
        return json.dumps(OapcRequest.from_dict(copy.deepcopy(FULL_REQUEST)).to_dict(),
                          ensure_ascii=False).encode()

    def hand_request() -> bytes:
        return handwritten.RefundRequest.model_validate(FULL_REQUEST).model_dump_json(
            by_alias=True, exclude_none=True).encode()

    def oapc_response() -> Any:
        return OapcResponse.from_dict(json.loads(RESPONSE_BYTES))

    def hand_response() -> Any:
        return handwritten.RefundResponse.model_validate_json(RESPONSE_BYTES)

    return [
        compare("request from_dict+to_dict: openapi-python-client vs hand-written",
                oapc_request, hand_request, rounds, "informational: checks no limits"),
        compare("response parse: openapi-python-client vs hand-written", oapc_response,
                hand_response, rounds, "informational"),
    ]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    oapc = len(sys.argv) > 2 and sys.argv[2] == "oapc"
    results = [*model_pairs(rounds), *signer_pairs(rounds), *client_pairs(rounds, oapc)]
    if oapc:
        try:
            results.extend(oapc_model_pairs(rounds))
        except Exception as exc:  # the alternative's shapes may differ; say so, go on
            print(f"  openapi-python-client models: skipped ({exc!r})", file=sys.stderr)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
