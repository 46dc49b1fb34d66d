"""The spec's publishing metadata (``license``, ``urls``, ``authors``) and its documented
request-id header: what a package index shows of the generated package."""

from __future__ import annotations

from typing import Any

from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

from docbind.frontend.load import Document
from docbind.ir.diagnostics import Collector
from docbind.ir.publishing import Author, Publishing

URL_KEYS = ("homepage", "documentation", "repository", "issues")


def publishing(doc: Document, diag: Collector) -> Publishing:
    data: dict[str, Any] = doc.data
    license_ = data.get("license")
    if license_ is not None:
        try:
            license_ = canonicalize_license_expression(str(license_))
        except InvalidLicenseExpression as exc:
            diag.error(
                doc.loc(("license",)),
                f"license {str(license_)!r} is not an SPDX license expression ({exc}); "
                "write one such as MIT or Apache-2.0",
            )
            license_ = None
    urls = data.get("urls") or {}
    return Publishing(
        license=license_,
        urls=tuple((key, str(urls[key]).rstrip("/")) for key in URL_KEYS if key in urls),
        authors=tuple(Author(str(a["name"]), a.get("email")) for a in data.get("authors") or ()),
    )
