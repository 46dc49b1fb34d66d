"""datamodel-code-generator's output (formatters off, imports sorted by isort) in black's layout.

That output is a narrow set of line shapes: imports, ``class X(Base):``, one-line docstrings,
``name: Annotated[type, Field(...)] = default`` fields, ``NAME = 'value'`` enum members and the
exploded ``ConfigDict(...)`` call. What black does to them is mechanical: double quotes, one
blank line after a class docstring, and a field too long for its line split inside
``Annotated[...]`` (on one line if it fits, else one element a line with a trailing comma, a call
split the same way). ``lay_out`` does exactly that, and answers None for anything else (a
comment, a quote or backslash inside a string, a multi-line docstring, a line it cannot split):
black formats that module. ``tests/test_model_layout.py`` compares it with black on every models
module of the seeds and of a synthetic API.
"""

from __future__ import annotations

import re

from docbind.backends.pylit import INDENT, LINE_LENGTH, str_width

_QUOTED = re.compile(r"'[^'\n]*'")
_FIELD = re.compile(r"^( *)(\w+: Annotated\[)(.*)\]( = [^\[\](){}\"]*)?$")
_CALL = re.compile(r"^(\w+\()(.*)\)$")
_CLASS = re.compile(r"^ *class \w+(\([\w., ]*\))?:$")


def lay_out(text: str, header: str) -> str | None:
    """``text`` as black writes it, or None when a line is not of a shape this module knows.
    ``header`` is the module docstring the text starts with (written in black's layout)."""
    if not text.startswith(header + "\n"):
        return None
    if not text.endswith("\n"):
        text += "\n"  # black ends a file with one newline
    lines = text[len(header) + 1 : -1].split("\n")
    out = [header]
    after_class = False  # the previous line opened a class
    after_class_doc = False  # the previous statement was a class's docstring
    blank = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            blank += 1
            if after_class:
                return None
            out.append(line)
            after_class_doc = False
            continue
        if blank > (1 if line.startswith(" ") else 2):
            return None  # black keeps at most one blank line in a class, two outside
        if after_class_doc:
            out.append("")  # black: one blank line after a class docstring
        blank = 0
        is_doc = line.lstrip(" ").startswith('"""')
        if is_doc and line.strip() == '"""':
            size = _multiline_docstring(lines, index - 1)
            if size is None:
                return None
            laid: list[str] | None = lines[index - 1 : index - 1 + size]
            index += size - 1
        else:
            laid = _docstring(line) if is_doc else _code(line)
        if laid is None:
            return None
        out += laid
        after_class_doc = after_class and is_doc
        after_class = _CLASS.match(line) is not None
    if after_class or blank:
        return None
    return "\n".join(out) + "\n"


def _multiline_docstring(lines: list[str], start: int) -> int | None:
    """The number of lines of the docstring opening at ``start`` (quotes alone on its first
    and last line), when black leaves it as it is: every line of text at the docstring's
    indent or deeper, at least one exactly there, no trailing blanks, quotes or backslashes."""
    indent = lines[start][: -len('"""')]
    depths: list[int] = []
    for end in range(start + 1, len(lines)):
        line = lines[end]
        if line == f'{indent}"""':
            ok = bool(depths) and min(depths) == len(indent)
            return end - start + 1 if ok else None
        if not line:
            continue
        text = line.lstrip(" ")
        if not line.startswith(indent) or line != line.rstrip() or '"""' in line:
            return None
        if "\\" in line or "\t" in line:
            return None
        depths.append(len(line) - len(text))
    return None


def _docstring(line: str) -> list[str] | None:
    """A one-line docstring black leaves as it is, or None."""
    body = line.lstrip(" ")[3:]
    if not body.endswith('"""') or len(body) < 4:
        return None
    body = body[:-3]
    if body.endswith('"') or '"""' in body or "\\" in body or "\t" in body or body != body.strip():
        return None
    return [line]


def _code(source: str) -> list[str] | None:
    """One line of code in black's layout (split when too long), or None."""
    if '"' in source or "\\" in source or "#" in source or "\t" in source:
        return None
    line = _double_quoted(source)
    if line is None or line != line.rstrip():
        return None
    if str_width(line) <= LINE_LENGTH:
        return [line]
    field = _FIELD.match(line)
    if field is None:
        return None
    indent, head, body, tail = field.groups()
    if not _balanced(body):
        return None
    if tail:
        # black wraps the value in parentheses when the target's line then fits
        target = f"{indent}{head}{body}]{tail[:3]}("
        value = f"{indent}{INDENT}{tail[3:]}"
        if str_width(target) <= LINE_LENGTH:
            return [target, value, f"{indent})"] if str_width(value) <= LINE_LENGTH else None
    return _split(indent, head, _elements(body), "]" + (tail or ""))


def _double_quoted(line: str) -> str | None:
    """Single-quoted strings (with neither quote nor backslash inside) double-quoted, as black
    writes them; None when a quote opens a prefixed string or is left unpaired."""
    spans = [m.span() for m in _QUOTED.finditer(line)]
    if line.count("'") != 2 * len(spans):
        return None
    for start, _ in spans:
        if start and (line[start - 1].isalnum() or line[start - 1] == "_"):
            return None  # a string prefix (b'', r'', f''): black's rules differ
    return line.replace("'", '"')


def _balanced(text: str) -> bool:
    depth = 0
    for char in _strings_blanked(text):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth < 0:
            return False
    return depth == 0


def _strings_blanked(text: str) -> str:
    """``text`` with every string's content blanked, so brackets and commas in it do not count
    (strings hold no quotes here: ``_code`` refused those)."""
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


def _elements(body: str) -> list[str]:
    """``body`` split at its top-level commas."""
    blanked = _strings_blanked(body)
    elements, depth, start = [], 0, 0
    for index, char in enumerate(blanked):
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            elements.append(body[start:index].strip())
            start = index + 1
    last = body[start:].strip()
    if last:
        elements.append(last)
    return elements


def _split(indent: str, opening: str, elements: list[str], closing: str) -> list[str] | None:
    """black's split of ``opening`` elements ``closing``: the elements on one line if they fit,
    else one a line with a trailing comma, a call among them split the same way."""
    inner = indent + INDENT
    first = indent + opening
    last = indent + closing
    if str_width(first) > LINE_LENGTH or str_width(last) > LINE_LENGTH or not elements:
        return None
    one = inner + ", ".join(elements)
    if str_width(one) <= LINE_LENGTH:
        return [first, one, last]
    lines = [first]
    for element in elements:
        if str_width(f"{inner}{element},") <= LINE_LENGTH:
            lines.append(f"{inner}{element},")
            continue
        call = _CALL.match(element)
        if call is None or not _balanced(call.group(2)):
            return None
        nested = _split(inner, call.group(1), _elements(call.group(2)), "),")
        if nested is None:
            return None
        lines += nested
    lines.append(last)
    return lines
