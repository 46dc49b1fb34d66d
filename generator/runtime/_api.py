"""A stand-in for the ``_api.py`` docbind generates into each package: the same names, an API
with no rules. Never copied; tests fill ``RULES`` to try the runtime on a model of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._runtime import Rules

USER_AGENT = "docbind-runtime/0 (docbind)"
ENCODING = "utf-8"  # byte lengths are counted in this encoding
RULES: dict[str, Rules] = {}  # model class name → its rules (``_runtime.Rules``)
# The provider's request id: the header the spec documents, else the usual ones.
REQUEST_ID_HEADERS: tuple[str, ...] = ("x-request-id", "request-id", "x-amzn-requestid")
LOG_VARIABLE = (
    "DOCBIND_RUNTIME_LOG"  # <PACKAGE>_LOG: "debug" or "info" turns logging on
)
