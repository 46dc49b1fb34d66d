"""One generated package is one namespace: no two classes may share a name, and no name a spec
gives (class, method, argument, function) may break or shadow what the package defines."""

from __future__ import annotations

from collections.abc import Iterator

from docbind.ir.diagnostics import Collector, Loc
from docbind.ir.model import Api, Field
from docbind.ir.names import class_problem, identifier_problem, item_type, wire_type_name

# Methods and attributes every generated client has; an operation (or its ``_raw`` twin) of the
# same name would replace them.
CLIENT_MEMBERS = frozenset(
    {
        "close",
        "with_options",
        "base_url",
        "timeout",
        "max_retries",
        "aclose",
    }
)
# Keyword arguments of the client constructor besides the credentials.
CLIENT_ARGUMENTS = frozenset(
    {
        "self",
        "environment",
        "base_url",
        "timeout",
        "max_retries",
        "http_client",
        "request",
    }
)
# Names signing.py defines or imports, and the keyword arguments of a signer.
SIGNING_NAMES = frozenset({"verify", "base64", "hashlib", "hmac", "annotations"})
SIGNER_ARGUMENTS = frozenset({"body", "time"})


def _nested(owner: str, fields: tuple[Field, ...], request: bool) -> Iterator[tuple[str, str, Loc]]:
    """(name, kind, where) of every class and type alias the fields of model ``owner`` need."""
    for f in fields:
        if f.type == "object" and f.model is not None:
            yield f.model, "object", f.loc
            yield from _nested(f.model, f.fields, request)
        if f.items is not None:
            named = item_type(owner, f) if request else None
            if named is not None:
                yield named, "array item type", f.loc
            yield from _nested(owner, (f.items,), request)
        if f.type in ("date", "datetime", "time") and f.format is not None:
            yield wire_type_name(f.type, f.format), "date/time type", f.loc


def class_names(api: Api) -> Iterator[tuple[str, str, Loc]]:
    """Every class the package will define: (name, what it is, where the spec names it)."""
    for table in api.codes:
        yield table.name, "code table", table.loc
    for error in api.errors.entries:
        yield error.exception, "exception", error.loc
    for hook in api.webhooks:
        yield hook.model, f"notification {hook.name}", hook.loc
        for name, kind, loc in _nested(hook.model, hook.body, False):
            yield name, f"{kind} of notification {hook.name}", loc
    for op in api.operations:
        yield op.request.model, f"request model of {op.name}", op.loc
        yield op.response.model, f"response model of {op.name}", op.loc
        for message, side in ((op.request, "request"), (op.response, "response")):
            for name, kind, loc in _nested(message.model, message.fields, side == "request"):
                yield name, f"{side} {kind} of {op.name}", loc


def check_class_names(api: Api, diag: Collector) -> None:
    """No two classes or type aliases of the package may share a name: a clash is an error
    here, never a silent rename by the models step."""
    seen: dict[str, tuple[str, Loc]] = {}
    for name, what, loc in class_names(api):
        first = seen.get(name)
        if first is not None and _SHARED in what and _SHARED in first[0]:
            continue  # every field with one date/time pattern shares its type
        problem = class_problem(name)
        if problem is not None:
            diag.error(loc, f"class name '{name}' ({what}) {problem}; set a different name")
        elif first is not None:
            diag.error(
                loc,
                f"class name '{name}' ({what}) is already used by the {first[0]} "
                f"at {first[1]}; {_remedy(what)}",
            )
        else:
            seen[name] = (what, loc)
    check_identifiers(api, diag)


_SHARED = "date/time type"


def _remedy(what: str) -> str:
    if "array item type" in what:
        return "rename the array or set a different `model:` on its message"
    if _SHARED in what:
        return "rename the code table, model or exception that takes this name"
    return "set a different `model:`"


def check_identifiers(api: Api, diag: Collector) -> None:
    """Operation, credential and signer names become Python names as written: check them."""
    methods = {op.name for op in api.operations}
    for op in api.operations:
        problem = identifier_problem(op.name, CLIENT_MEMBERS)
        if problem is None and f"{op.name}_raw" in methods:
            problem = f"clashes with the `{op.name}_raw` method of operation '{op.name}_raw'"
        if problem is not None:
            diag.error(op.loc, f"operation name '{op.name}' {problem}; rename the operation")
    for cred in api.credentials:
        problem = identifier_problem(cred.name, CLIENT_ARGUMENTS)
        if problem is not None:
            diag.error(cred.loc, f"credential name '{cred.name}' {problem}; rename it")
    for signer in api.signers:
        problem = identifier_problem(signer.name, SIGNING_NAMES)
        if problem is not None:
            diag.error(signer.loc, f"signer name '{signer.name}' {problem}; rename it")
        taken = set(SIGNER_ARGUMENTS) | ({signer.key} if signer.key else set())
        seen = set()
        for part in signer.parts:
            if part.kind not in ("field", "header", "credential") or part in seen:
                continue  # one argument per value, however often the recipe uses it
            seen.add(part)
            if part.py_name in taken:
                diag.error(
                    signer.loc,
                    f"signer {signer.name}: {part.kind} '{part.value}' becomes the argument "
                    f"'{part.py_name}', which the signer already has",
                )
            taken.add(part.py_name)
