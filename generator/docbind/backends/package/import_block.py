"""The import block of a datamodel-code-generator module, sorted as isort (profile black) sorts it.

datamodel-code-generator writes its imports one module a line in its own order; isort put them in
sections (``__future__``, the standard library, third party, the package itself), sorted, and
was 5 % of rendering a models module and an import on every worker. The blocks it writes are
simple (``from module import Name, Other`` and ``import module`` lines), and for those this is
isort's answer without isort (``tests/test_import_block.py`` holds the two equal on every models
module of the specs and of a synthetic API, and on random blocks); any other shape returns None,
and the caller runs isort.
"""

from __future__ import annotations

import re
import sys

from docbind.backends.pylit import INDENT, LINE_LENGTH

_FROM = re.compile(r"from ([A-Za-z_][\w.]*) import ([A-Za-z_]\w*(?:, [A-Za-z_]\w*)*)")
_IMPORT = re.compile(r"import ([A-Za-z_][\w.]*)")
_DIGITS = re.compile(r"(\d+)")


def sort_imports(text: str, package: str) -> str | None:
    """``text`` with its import block as isort writes it; None when the block has a line of
    another shape (an alias, a comment, a parenthesised list, a relative import)."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith(("from ", "import "))), None)
    if start is None:
        return text
    end = start
    while end < len(lines) and (not lines[end] or lines[end].startswith(("from ", "import "))):
        end += 1
    froms: dict[str, set[str]] = {}
    plain: set[str] = set()
    for line in lines[start:end]:
        if not line:
            continue
        if (found := _FROM.fullmatch(line)) is not None:
            froms.setdefault(found[1], set()).update(found[2].split(", "))
        elif (found := _IMPORT.fullmatch(line)) is not None:
            plain.add(found[1])
        else:
            return None
    if end == len(lines) or lines[end].startswith(("#", '"', "'")):
        return None  # the block ends the module, or a comment or string follows it
    sections = [_section(plain, froms, kind, package) for kind in range(4)]
    block = "\n\n".join(section for section in sections if section)
    after = 2 if lines[end].startswith(("class ", "def ", "async def ", "@")) else 1
    return "\n".join([*lines[:start], block, *[""] * after, *lines[end:]])


def _kind(module: str, package: str) -> int:
    """0 ``__future__``, 1 the standard library, 2 third party, 3 the package itself."""
    top = module.split(".")[0]
    if top == "__future__":
        return 0
    if top == package:
        return 3
    return 1 if top in sys.stdlib_module_names else 2


def _section(plain: set[str], froms: dict[str, set[str]], kind: int, package: str) -> str:
    lines = [f"import {m}" for m in sorted(plain, key=_module_key) if _kind(m, package) == kind]
    for module in sorted(froms, key=_module_key):
        if _kind(module, package) == kind:
            lines.append(_from_line(module, sorted(froms[module], key=_name_key)))
    return "\n".join(lines)


def _from_line(module: str, names: list[str]) -> str:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    inner = "".join(f"{INDENT}{name},\n" for name in names)
    return f"from {module} import (\n{inner})"


def _natural(text: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(text)]


def _module_key(module: str) -> list[str | int]:
    return _natural(module.lower())


def _name_key(name: str) -> list[str | int]:
    """isort's order by type: CONSTANTS, then Classes, then everything else, each without
    regard to case."""
    kind = "A" if name.isupper() and len(name) > 1 else "B" if name[:1].isupper() else "C"
    return _natural(kind + name.lower())
