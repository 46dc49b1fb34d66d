"""The sync and async send loops build each request themselves (``_body.request_for``): it must
be the request ``httpx.Client.build_request`` builds, whatever the caller's client holds."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from kicc_easypay import _body

HEADERS = {
    "Content-Type": "application/json; charset=utf-8",
    "Accept": "application/json",
    "Accept-Encoding": "gzip, deflate",
    "User-Agent": "kicc-easypay/0.1.0 (docbind)",
}
TIMEOUT = httpx.Timeout(3.0, connect=1.0).as_dict()


def _shown(request: httpx.Request) -> tuple[Any, ...]:
    return (
        request.method,
        str(request.url),
        request.headers.multi_items(),
        request.content,
        request.extensions,
    )


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"headers": {"User-Agent": "theirs", "X-Trace": "1", "ACCEPT": "text/plain"}},
        {"headers": [("X-Twice", "a"), ("X-Twice", "b")]},
        {"cookies": {"session": "s1"}},
        {"params": {"tenant": "t1"}},
        {"base_url": "https://api.example.com/v1"},
    ],
    ids=["defaults", "headers", "repeated", "cookies", "params", "base_url"],
)
@pytest.mark.parametrize(
    "url",
    ["https://pg.example.com/api/trades/revise", "https://pg.example.com/x?a=1", "/relative"],
)
@pytest.mark.parametrize("fixed_url", [False, True])
@pytest.mark.parametrize("make", [httpx.Client, httpx.AsyncClient])
def test_the_request_is_the_one_build_request_makes(
    make: Any, fixed_url: bool, url: str, options: dict[str, Any]
) -> None:
    http = make(**options)
    body = b'{"amount":1004}'

    def httpx_own() -> httpx.Request:
        built = http.build_request("POST", url, headers=HEADERS, content=body, timeout=3.0)
        built.extensions["timeout"] = TIMEOUT  # what the send loop passes for 3 s, 1 s
        return built

    def ours() -> httpx.Request:
        return _body.request_for(http, "POST", url, HEADERS, body, TIMEOUT, fixed_url)

    assert _outcome(ours) == _outcome(httpx_own)
    assert _outcome(ours) == _outcome(httpx_own)  # the second time from the parsed URL


def _outcome(build: Any) -> Any:
    """The request as seen on the wire, or the kind of error building it raised (httpx cannot
    build a relative URL with cookies and no base URL)."""
    try:
        return _shown(build())
    except Exception as exc:  # noqa: BLE001  # compared, not hidden
        return type(exc)
