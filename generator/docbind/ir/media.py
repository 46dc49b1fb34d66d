"""The body formats a generated client can send, by Content-Type (see ``build_media``)."""

from __future__ import annotations

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
DEFAULT_CONTENT_TYPE = "application/json; charset=utf-8"  # sent when the spec names none


def media_type(content_type: str) -> tuple[str, dict[str, str]]:
    """``("application/json", {"charset": "utf-8"})`` from a Content-Type value."""
    media, *params = (part.strip() for part in content_type.split(";"))
    pairs = (p.partition("=") for p in params if p)
    return media.lower(), {k.strip().lower(): v.strip().strip('"') for k, _, v in pairs}
