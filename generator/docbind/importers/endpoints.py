"""Endpoints as documents give them: ``POST https://{domain}/path/{id}/cancel`` (a placeholder host
and path parameters), ``POST /v1/refunds``, a ``Method | URL`` table, and environment lines such
as ``운영 : https://spl.kcp.co.kr`` or ``- Sandbox: https://sandbox.example.com``."""

from __future__ import annotations

import re

from docbind.importers.model import DraftApi

METHODS = "GET|POST|PUT|PATCH|DELETE"
_ENDPOINT = re.compile(
    rf"^(?:\[?({METHODS})\]?\s*[:|]?\s+)?((?:https?://|/)(?:[^\s{{}}]|\{{[^{{}}]*\}})*)"
    rf"(?:\s+\[?({METHODS})\]?)?$",
    re.I,
)
_ENVIRONMENT = re.compile(  # "운영 : https://host", "Sandbox   https://host" (a PDF's gap)
    rf"^(?:[-*•·]\s*)?([\w가-힣][\w가-힣 ()]{{0,30}}?)(?:\s*[:\uff1a]\s*|\s{{2,}})"
    rf"(?:({METHODS})\s+)?(https?://[^\s/{{}}]+)(/\S*)?$"
)
_LABELLED = re.compile(
    rf"^(?:[-*•·]\s*)?(?:http\s+)?(?:method|메서드|메소드|(?:api\s+|요청\s*|request\s+)?ur[li]"
    rf"|endpoint)\s*[:\uff1a]\s*({METHODS}|(?:https?://|/)\S+)$",
    re.I,
)
_URL_PARTS = re.compile(r"^(https?://(?:\{[^{}]*\}|[^/\s{}])+)(/.*)?$")
_ENV_NAMES = {
    "운영": "production",
    "상용": "production",
    "리얼": "production",
    "live": "production",
    "real": "production",
    "prod": "production",
    "product": "production",
    "production": "production",
    "테스트": "test",
    "test": "test",
    "개발": "development",
    "dev": "development",
    "development": "development",
    "sandbox": "sandbox",
    "stage": "staging",
    "staging": "staging",
    "스테이징": "staging",
}


def read_endpoint(text: str, api: DraftApi) -> bool:
    """Take an endpoint or an environment line; False when the line is neither."""
    text = re.sub(r"[`*]", "", text)  # `POST` https://..., **POST** /v1/...
    if (m := _ENDPOINT.match(text.strip())) and (m.group(1) or m.group(3)):
        set_endpoint(api, (m.group(1) or m.group(3)).upper(), m.group(2))
        return True
    if m := _LABELLED.match(text.strip()):  # "Method: POST", "URL: https://...", "API URL : /x"
        if m.group(1).upper() in METHODS.split("|"):
            api.operation.method = api.operation.method or m.group(1).upper()
        elif api.operation.path is None:
            set_endpoint(api, api.operation.method or "", m.group(1))
        return True
    if m := _ENVIRONMENT.match(text.strip()):
        return add_environment(api, m.group(1).strip(), m.group(3), m.group(4), m.group(2))
    return sample_host(text, api)


def path_template(path: str) -> str:
    """``/payments/:id/refund`` → ``/payments/{id}/refund`` (the colon form of a placeholder)."""
    return re.sub(r"/:([A-Za-z_]\w*)", r"/{\1}", path)


def sample_host(text: str, api: DraftApi) -> bool:
    """A sample request (``curl -X POST https://host/v1/payments/pay_29Q/refund``) gives the host
    when the document gives none and its path fits the endpoint's path with values filled in."""
    op = api.operation
    m = re.search(r"(https?://[^/\s{}'\"]+)(/[^\s'\"]*)", text)
    if m is None or op.path is None or op.url or api.environments:
        return False
    pattern = re.sub(r"\\\{[^{}]*\\\}", "[^/]+", re.escape(op.path))
    if not re.fullmatch(pattern, m.group(2).split("?")[0]):
        return False
    op.url = m.group(1) + op.path
    op.notes.append(f"The host is taken from a sample request: {m.group(1)}.")
    return True


def add_environment(
    api: DraftApi, label: str, host: str, path: str | None, method: str | None = None
) -> bool:
    """An environment's host (and the endpoint's path and method when the line gives them)."""
    name = _ENV_NAMES.get(label.lower().split()[0], "") if label.split() else ""
    bare_host = path in (None, "/")  # an unknown label with a path is a link, not a host
    if not name and (len(label.split()) > 2 or not bare_host):
        return False
    api.environments.append((name or label, host))
    op = api.operation
    if path and op.path is None and path != "/":
        op.path = path
    if method and op.method is None:
        op.method = method.upper()
    return True


def set_endpoint(api: DraftApi, method: str, url: str) -> None:
    op = api.operation
    if op.method and op.path is not None:
        op.notes.append(f"The document also gives the endpoint {method} {url}.")
        return
    op.method = method or op.method or None
    url = path_template(url)
    if url.startswith("/"):
        op.path = url
        return
    op.url = url
    m = _URL_PARTS.match(url)
    op.path = (m.group(2) if m else None) or "/"


def endpoint_from_table(header: list[str], rows: list[list[str]], api: DraftApi) -> None:
    """A ``Method | URL`` table, or a key/value one (``HTTP Method | POST``, ``API URL | ...``,
    ``Content-Type | ...``): the cells say which is which; the first endpoint is taken."""
    cells = [c.strip() for c in (*header, *(c for row in rows for c in row))]
    method = next((c for c in cells if re.fullmatch(METHODS, c, re.I)), "")
    url = next((c for c in cells if re.match(r"^(https?://|/)\S", c)), "")
    if method and url:
        set_endpoint(api, method.upper(), url)
    for row in (r for r in [header, *rows] if len(r) == 2):  # 운영 | https://host/path
        if m := _URL_PARTS.match(row[1].strip()):
            add_environment(api, row[0].strip(), m.group(1), m.group(2))
    for key, value in (r[:2] for r in [header, *rows] if len(r) >= 2):
        if key.strip().lower() == "content-type" and api.operation.content_type is None:
            api.operation.content_type = value.strip()


def environment_name(label: str, index: int) -> str:
    """A snake_case environment name: the label's English word, else ``env_N``."""
    known = _ENV_NAMES.get(label.lower().split()[0] if label.split() else "", "")
    if known:
        return known
    ascii_label = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    return ascii_label if re.fullmatch(r"[a-z][a-z0-9_]*", ascii_label) else f"env_{index + 1}"
