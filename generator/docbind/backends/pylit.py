"""Python literals for spec values, written the way black would write them.

Generated code goes through black; when a file is already in black's layout, black confirms it in
one pass instead of two and does no splitting, which is most of its cost. So literals come out
with black's quotes, and a literal too long for its line comes out exploded, one element per line
with a trailing comma (black keeps such a "magic trailing comma" layout as it is).
Only the value types a spec can hold are accepted; anything else is a generator bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

INDENT = "    "
LINE_LENGTH = 88  # black's default, the formatter of record (output.format uses it)


def str_width(text: str) -> int:
    """Columns as black counts them (East Asian wide characters count 2); black itself is
    imported only for text that is not ASCII, as it is slow to import."""
    if text.isascii():
        return len(text)
    from black.strings import str_width as black_width

    return black_width(text)


class InLayout(str):
    """A whole module already in black's layout (proven by its tests): written as it is."""

    __slots__ = ()


class Code(str):
    """Python source placed as it is (a name, a call), where a literal would otherwise go."""

    __slots__ = ()


@dataclass(frozen=True)
class Call:
    """A call such as ``frozenset(("a", "b"))`` or ``_http.Operation(name="x", ...)``: positional
    arguments, then keyword arguments, laid out like any other bracketed literal."""

    function: str
    args: tuple[object, ...] = ()
    kwargs: tuple[tuple[str, object], ...] = ()


def py_str(text: str | bytes) -> str:
    """A string literal with black's quote preference: double quotes unless they cost escapes."""
    prefix = "b" if isinstance(text, bytes) else ""
    quoted = repr(text)[len(prefix) :]
    if quoted[0] == '"':
        return prefix + quoted  # repr picked double quotes: the text has ' and no "
    if '"' not in quoted and "\\'" not in quoted:
        return prefix + '"' + quoted[1:-1] + '"'  # no quote inside: only the outer ones change
    body, escaped_single, plain_double = [], 0, 0
    chars = iter(quoted[1:-1])
    for ch in chars:
        if ch == "\\":
            nxt = next(chars)
            if nxt == "'":
                escaped_single += 1
                body.append("'")
            else:
                body.append(ch + nxt)
        elif ch == '"':
            plain_double += 1
            body.append('\\"')
        else:
            body.append(ch)
    if plain_double > escaped_single:
        return prefix + quoted  # black keeps the quotes that need fewer escapes
    return prefix + '"' + "".join(body) + '"'


def py_literal(value: object, memo: dict[int, str] | None = None) -> str:
    """``value`` as a one-line Python literal in black's style. ``memo`` keeps each container's
    literal by ``id`` while the values live (``py_block`` asks again for every nested one)."""
    if type(value) is str:
        return py_str(value)  # the commonest, first
    if memo is None:
        return _literal(value, None)
    known = memo.get(id(value))
    if known is None:
        known = memo[id(value)] = _literal(value, memo)
    return known


def _literal(value: object, memo: dict[int, str] | None) -> str:
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, Call):
        arguments = [py_literal(a, memo) for a in value.args]
        arguments += [f"{k}={py_literal(v, memo)}" for k, v in value.kwargs]
        return f"{value.function}({', '.join(arguments)})"
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, str | bytes):
        return py_str(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Decimal):
        return f"Decimal({py_str(str(value))})"
    if isinstance(value, dict):
        items = (f"{py_literal(k, memo)}: {py_literal(v, memo)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(v, memo) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(py_literal(v, memo) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, frozenset | set):
        return "{" + ", ".join(sorted(py_literal(v, memo) for v in value)) + "}"
    raise TypeError(f"no Python literal for {type(value).__name__}")


def _brackets(value: object) -> tuple[str, str, list[tuple[str, object]]] | None:
    """Opening and closing bracket, and (prefix, element) pairs, of a non-empty container."""
    if isinstance(value, dict) and value:
        return "{", "}", [(f"{py_literal(k)}: ", v) for k, v in value.items()]
    if isinstance(value, list) and value:
        return "[", "]", [("", v) for v in value]
    if isinstance(value, tuple) and value:
        return "(", ")", [("", v) for v in value]
    if isinstance(value, Decimal):
        return "Decimal(", ")", [("", str(value))]
    if isinstance(value, Call) and (value.args or value.kwargs):
        elements = [("", a) for a in value.args] + [(f"{k}=", v) for k, v in value.kwargs]
        return f"{value.function}(", ")", elements
    return None


def _lines(value: object, depth: int, head: str, tail: str, memo: dict[int, str]) -> list[str]:
    indent = INDENT * depth
    one = f"{indent}{head}{py_literal(value, memo)}{tail}"
    if str_width(one) <= LINE_LENGTH:
        return [one]
    parts = _brackets(value)
    rhs = head.endswith("= ") or head == "return "
    if parts is None:
        # black wraps a long right-hand side in parentheses when that makes it fit, or when the
        # target has brackets (an annotation such as ``dict[str, Any]``) it would rather not split
        wrapped = f"{indent}{INDENT}{py_literal(value, memo)}"
        if rhs and (str_width(wrapped) <= LINE_LENGTH or "[" in head):
            return [f"{indent}{head}(", wrapped, f"{indent}){tail}"]
        return [one]
    opening, closing, elements = parts
    if rhs and str_width(f"{indent}{head}{opening}") > LINE_LENGTH:
        # black puts a right-hand side whose first line does not fit in parentheses of its own
        inner = _lines(value, depth + 1, "", "", memo)
        return [f"{indent}{head}(", *inner, f"{indent}){tail}"]
    lines = [f"{indent}{head}{opening}"]
    for prefix, element in elements:
        lines += _lines(element, depth + 1, prefix, ",", memo)
    lines.append(f"{indent}{closing}{tail}")
    return lines


def py_block(value: object, head: str = "", depth: int = 0, tail: str = "") -> str:
    """``head`` + the literal + ``tail`` at ``depth`` indents, exploded where a line is too long.

    The first line carries no indent (the template places it); the rest carry their own.
    """
    memo: dict[int, str] = {}  # the values live until this returns, so their ids stay theirs
    return "\n".join(_lines(value, depth, head, tail, memo))[len(INDENT) * depth :]
