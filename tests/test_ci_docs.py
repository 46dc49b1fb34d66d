"""docs/ci.md's table of exit codes says what the commands' help says, for every command (the
help epilogs are in turn checked against the code by the command tests)."""

from __future__ import annotations

import re
from pathlib import Path

from docbind.cli.commands import build_parser
from docbind.cli.help import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
ROW = re.compile(r"^\| `docbind ([a-z-]+)` \| ([0-9, ]+) \|", re.MULTILINE)


def documented() -> dict[str, set[int]]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return {m.group(1): {int(c) for c in m.group(2).split(",")} for m in ROW.finditer(text)}


def in_help(command: str) -> set[int]:
    status = COMMANDS[command].split("exit status:", 1)[1]
    return {int(code) for code in re.findall(r"^  (\d+)  ", status, re.MULTILINE)}


def test_every_command_is_in_the_table_with_the_codes_its_help_gives() -> None:
    table = documented()
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(table) == sorted(sub.choices or {})
    for command, codes in table.items():
        assert codes == in_help(command), command
