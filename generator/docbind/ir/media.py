"""The body formats a generated client can send, by Content-Type (see ``build_media``)."""

from __future__ import annotations

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
DEFAULT_CONTENT_TYPE = "application/json; charset=utf-8"  # sent when the spec names none
# Methods whose request has no body (and no Content-Type) when the spec documents no body
# fields; a GET with body fields is refused by the checker.
NO_BODY_METHODS = ("GET", "DELETE")


def sends_body(method: str, body_fields: int) -> bool:
    """Whether a request of ``method`` with that many body fields carries a body at all."""
    return method not in NO_BODY_METHODS or body_fields > 0


def media_type(content_type: str) -> tuple[str, dict[str, str]]:
    """``("application/json", {"charset": "utf-8"})`` from a Content-Type value."""
    media, *params = (part.strip() for part in content_type.split(";"))
    pairs = (p.partition("=") for p in params if p)
    return media.lower(), {k.strip().lower(): v.strip().strip('"') for k, _, v in pairs}
