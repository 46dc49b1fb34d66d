"""The jinja2 environment every template renders in: strict, whitespace-tidy, literal-safe."""

from __future__ import annotations

from functools import cache

import jinja2

from docbind.backends.pylit import py_block, py_literal
from docbind.resources import runtime_dir, templates_dir


def _escape_char(ch: str) -> str:
    if ch == "\n" or ch.isprintable():
        return ch
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code <= 0xFF
        else f"\\u{code:04x}"
        if code <= 0xFFFF
        else f"\\U{code:08x}"
    )


def docstring(text: str) -> str:
    """Text that is safe inside a triple-quoted docstring, its meaning unchanged."""
    cleaned = text.replace("\\", "\\\\")
    if not cleaned.replace("\n", "").isprintable():  # else every character stays as it is
        cleaned = "".join(_escape_char(ch) for ch in cleaned)
    cleaned = cleaned.strip()
    cleaned = cleaned.replace('"""', '\\"\\"\\"')
    if cleaned.endswith('"'):
        cleaned = cleaned[:-1] + '\\"'
    return cleaned or "-"


def toml_str(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped, every other
    character as it is (JSON's ``\ud83d`` surrogate escapes are not valid TOML)."""
    out = []
    for ch in text:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def comment(text: str) -> str:
    """One line of text safe to put after ``#``."""
    return " ".join(docstring(text).split())


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Python and TOML output; values go through py_literal/docstring
    )
    env.filters["py"] = py_literal  # a literal makes any spec string inert data in generated code
    env.filters["pyblock"] = py_block
    env.filters["docstring"] = docstring
    env.filters["comment"] = comment
    env.filters["toml"] = toml_str
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


@cache
def static(name: str) -> str:
    """A module that is the same in every package, as it is (``generator/runtime/``)."""
    return (runtime_dir() / name).read_text(encoding="utf-8")
