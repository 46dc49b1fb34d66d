"""Which generated modules go through black, and which are written in its layout already.

black (pinned) is the formatter of record: every byte written is what it makes of the code. Its
cost was most of generation, though it changes nothing in a file already in its layout. So the
templates render black's layout exactly (``tests/test_black_layout.py`` holds every template to
it, and ``tests/test_golden_black.py`` runs black over every generated file and expects no
change), and only the modules listed here are formatted by black. The models modules are laid
out by ``model_layout`` when it can, else formatted by black.
"""

from __future__ import annotations

# signing.py's recipes, and their test's independent recomputation, are expressions of any
# shape (an input of any length, signers or none): black lays them out.
NEEDS_BLACK = frozenset({"signing.py", "test_signing.py"})


def split_by_layout(files: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """``(for black, in black's layout)``: the Python modules black must format, and the rest
    (written as they are)."""
    black: dict[str, str] = {}
    ready: dict[str, str] = {}
    for path, text in files.items():
        needs = path.endswith(".py") and path.rsplit("/", 1)[-1] in NEEDS_BLACK
        (black if needs else ready)[path] = text
    return black, ready
