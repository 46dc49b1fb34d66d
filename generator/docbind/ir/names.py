"""Python names for spec identifiers, decided once while building the IR.

Field names follow what datamodel-code-generator makes of a wire name (the generated models'
attributes), so the reference docs, the client's keyword arguments and the models agree. Names
that cannot be made safe return None, and the caller reports a located error.
"""

from __future__ import annotations

import builtins
import keyword
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docbind.ir.model import Api, Field

_WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")
# Public attributes of a pydantic model; a field called so would shadow them, so it gets a `_`.
_MODEL_RESERVED = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "from_orm",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
        "mro",
    }
)
# Names every generated package defines or imports beside the classes a spec names.
_FIXED_CLASSES = frozenset(
    {
        "APIConnectionError",
        "APITimeoutError",
        "ApiError",
        "AuthenticationError",
        "BadRequestError",
        "ConflictError",
        "Error",
        "InternalServerError",
        "NotFoundError",
        "PermissionDeniedError",
        "RateLimitError",
        "RequestValidationError",
        "ResponseDecodeError",
        "ResponseTooLargeError",
        "UnprocessableEntityError",
        "Annotated",
        "Any",
        "AnyUrl",
        "BaseModel",
        "ConfigDict",
        "Decimal",
        "Enum",
        "Field",
        "Literal",
        "RequestBase",
        "ResponseBase",
        "RootModel",
        "StrEnum",
        "WireModel",
        "Self",
    }
)
RESERVED_CLASSES = frozenset(dir(builtins)) | _FIXED_CLASSES
# Import package names that would shadow the standard library, a dependency, or a test folder,
# or that cannot be a folder on every system.
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
)
RESERVED_PACKAGES = (
    frozenset(sys.stdlib_module_names)
    | _WINDOWS_DEVICES
    | frozenset(
        {
            "test",
            "tests",
            "docs",
            "src",
            "build",
            "dist",
            "site",
            "generated",
            "docbind",
            "generator",
            "pydantic",
            "pydantic_core",
            "httpx",
            "httpcore",
            "anyio",
            "idna",
            "h11",
            "certifi",
            "sniffio",
            "annotated_types",
            "typing_extensions",
            "typing_inspection",
            "tzdata",
            "pytest",
            "setuptools",
            "pip",
            "mypy",
            # imported by Python at start-up when present on the path: code that runs everywhere
            "sitecustomize",
            "usercustomize",
            # tools a developer's environment holds beside a client
            "pluggy",
            "packaging",
            "wheel",
            "virtualenv",
            "black",
            "ruff",
            "isort",
            "jinja2",
            "yaml",
            "hypothesis",
            "coverage",
            "tomli",
            "attr",
            "attrs",
            "six",
            "urllib3",
            "requests",
            "cryptography",
            "pkg_resources",
            "_pytest",
        }
    )
)
# A package name is a folder name and a distribution name: keep it well under every limit.
MAX_PACKAGE_NAME = 64


def words(name: str) -> list[str]:
    """Split camelCase, PascalCase, kebab-case, dotted and snake_case names into lowercase words."""
    spaced = _WORD_BREAK.sub(" ", name)
    return [w.lower() for w in _NON_WORD.split(spaced) if w]


def _keyword(name: str) -> bool:
    return keyword.iskeyword(name)


def _safe(name: str, prefix: str) -> str | None:
    if not name:
        return None
    if name[0].isdigit():
        name = f"{prefix}{name}"
    if not name.isidentifier() or not name.isascii():
        return None
    if _keyword(name) or name in _MODEL_RESERVED or name.startswith("model_"):
        return f"{name}_"
    return name


def snake(name: str) -> str | None:
    """``refundInfo`` → ``refund_info``, ``X-KM-Tran-Time`` → ``x_km_tran_time``, ``가맹점ID`` →
    ``id`` (non-ASCII letters are dropped); None when no ASCII letter or digit is left."""
    return _safe("_".join(words(name)), "field_")


def pascal(name: str) -> str | None:
    """``get_refund_fee`` → ``GetRefundFee``; None if no safe class name can be made."""
    return _safe("".join(w[:1].upper() + w[1:] for w in words(name)), "M")


def env_var(api: Api, credential: str) -> str:
    """The environment variable a credential not given is read from: ``KICC_EASYPAY_SECRET_KEY``
    (the generated client and its README name the same one)."""
    return f"{api.package}_{credential}".upper()


def constant(name: str) -> str | None:
    """``settlement_full_refund`` → ``SETTLEMENT_FULL_REFUND`` (enum members)."""
    return _safe("_".join(words(name)).upper(), "V_")


def class_problem(name: str) -> str | None:
    """Why ``name`` cannot be a class of a generated package, or None."""
    if not name.isidentifier() or not name.isascii():
        return "is not an ASCII Python identifier"
    if keyword.iskeyword(name):
        return "is a Python keyword"
    if name in RESERVED_CLASSES:
        return "would shadow a Python builtin or a name the generated package defines"
    return None


def package_problem(name: str) -> str | None:
    """Why ``name`` cannot be the import package (and folder) of a generated client, or None."""
    if not name.isidentifier() or not name.isascii():
        return "is not an ASCII Python identifier"
    if len(name) > MAX_PACKAGE_NAME:
        return f"is {len(name)} characters long; at most {MAX_PACKAGE_NAME}"
    if _keyword(name):
        return "is a Python keyword"
    if name in RESERVED_PACKAGES:
        return "would shadow a standard library module, a dependency or a reserved folder"
    return None


def identifier_problem(name: str, reserved: frozenset[str] = frozenset()) -> str | None:
    """Why ``name`` (used as written: a method, argument or function name) is unsafe, or None."""
    if not name.isidentifier() or not name.isascii():
        return "is not an ASCII Python identifier"
    if _keyword(name):
        return "is a Python keyword"
    if name in reserved:
        return "is already used by the generated code"
    return None


# The element limits that make a request array's item type an alias of its own (an
# ``Annotated`` type in ``_runtime``); an element without them is a plain ``str``/``int``/...
ITEM_LIMITS = ("max_bytes", "max_chars", "pattern", "minimum", "maximum", "places")


def item_type(owner: str, f: Field) -> str | None:
    """The name of the element type of array ``f`` in request model ``owner``, when its element
    is a scalar with limits (``OpRequestTagsItem``); None when the element needs no name."""
    items = f.items
    if items is None or items.type not in ("string", "integer", "decimal") or items.codes:
        return None
    if all(getattr(items, limit) is None for limit in ITEM_LIMITS):
        return None
    return f"{owner}{pascal(f.wire_name) or 'Array'}Item"


# Each separator a date/time pattern may hold, spelt out: ``yyyy-MM-dd`` and ``yyyy/MM/dd`` are
# different types, and the name stays a plain identifier (no ``_`` for datamodel-code-generator
# to fold away, so its models import the type instead of defining a string of their own).
_SEPARATORS = {"-": "Dash", "/": "Slash", ".": "Dot", ":": "Colon", " ": "Space"}


def wire_type_name(kind: str, fmt: str) -> str:
    """A stable class-like name for a documented date/time pattern: ``DateyyyyMMdd``,
    ``DateyyyyDashMMDashdd`` (``yyyy-MM-dd``)."""
    spelt = "".join(_SEPARATORS.get(ch, ch) for ch in fmt)
    return kind.capitalize() + re.sub(r"[^0-9A-Za-z]", "_", spelt)
