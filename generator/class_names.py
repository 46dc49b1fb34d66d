"""One generated package is one namespace: no two classes may share a name, and no name a spec
gives (class, method, argument, function) may break or shadow what the package defines."""

from __future__ import annotations

from collections.abc import Iterator

from .diagnostics import Collector, Loc
from .ir import Api, Field
from .names import class_problem, identifier_problem

# Methods and attributes every generated client has; an operation (or its ``_raw`` twin) of the
# same name would replace them.
CLIENT_MEMBERS = frozenset({
    "close", "with_options", "base_url", "timeout", "max_retries", "aclose",
})
# Keyword arguments of the client constructor besides the credentials.
CLIENT_ARGUMENTS = frozenset({
    "self", "environment", "base_url", "timeout", "max_retries", "http_client", "request",
})
# Names signing.py defines or imports, and the keyword arguments of a signer.
SIGNING_NAMES = frozenset({"verify", "base64", "hashlib", "hmac", "annotations"})
SIGNER_ARGUMENTS = frozenset({"body", "time"})


def _nested(fields: tuple[Field, ...]) -> Iterator[tuple[str, Loc]]:
    for f in fields:
        if f.model is not None and (f.type == "object" or (f.items and f.items.type == "object")):
            yield f.model, f.loc
        yield from _nested(f.fields)
        if f.items is not None:
            yield from _nested(f.items.fields)


def class_names(api: Api) -> Iterator[tuple[str, str, Loc]]:
    """Every class the package will define: (name, what it is, where the spec names it)."""
    for table in api.codes:
        yield table.name, "code table", table.loc
    for error in api.errors.entries:
        yield error.exception, "exception", error.loc
    for hook in api.webhooks:
        yield hook.model, f"notification {hook.name}", hook.loc
        for name, loc in _nested(hook.body):
            yield name, f"object of notification {hook.name}", loc
    for op in api.operations:
        yield op.request.model, f"request model of {op.name}", op.loc
        yield op.response.model, f"response model of {op.name}", op.loc
        for message, side in ((op.request, "request"), (op.response, "response")):
            for name, loc in _nested(message.body):
                yield name, f"{side} object of {op.name}", loc


def check_class_names(api: Api, diag: Collector) -> None:
    seen: dict[str, tuple[str, Loc]] = {}
    for name, what, loc in class_names(api):
        problem = class_problem(name)
        if problem is not None:
            diag.error(loc, f"class name '{name}' ({what}) {problem}; set a different name")
        elif name in seen:
            first_what, first_loc = seen[name]
            diag.error(
                loc,
                f"class name '{name}' ({what}) is already used by the {first_what} "
                f"at {first_loc}; set a different `model:`",
            )
        else:
            seen[name] = (what, loc)
    check_identifiers(api, diag)


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
        for wire, py in zip(signer.fields, signer.field_py_names, strict=True):
            if py in taken:
                diag.error(signer.loc, f"signer {signer.name}: field '{wire}' becomes the argument "
                                       f"'{py}', which the signer already has")
            taken.add(py)
