"""The help epilogs: examples and exit statuses for `docbind --help` and each command's help."""

from __future__ import annotations

_EXIT_CHECKED = "  2  bad input: a spec has errors (each printed as file:line:col) or bad arguments"


def _epilog(examples: list[tuple[str, str]], exits: list[str]) -> str:
    width = max(len(command) for command, _ in examples) + 2
    lines = ["examples:"]
    lines += [f"  {command.ljust(width)}{what}" for command, what in examples]
    lines += ["", "exit status:", *exits]
    return "\n".join(lines)


MAIN = _epilog(
    [
        ("docbind validate", "check every spec under spec/"),
        ("docbind generate", "write generated/<package>/ for every spec"),
        ("docbind check", "fail when generated/ is stale (for CI)"),
        ("docbind COMMAND --help", "a command's options and examples"),
    ],
    [
        "  0  success",
        "  1  a difference: stale output (check), a breaking change (diff), or a package changed "
        "under an unchanged version (publish-check)",
        _EXIT_CHECKED,
    ],
)

COMMANDS = {
    "validate": _epilog(
        [
            ("docbind validate", "every spec folder under spec/"),
            ("docbind validate spec/kicc_easypay", "one spec folder (the folder holding api.yaml)"),
        ],
        ["  0  every spec is valid", _EXIT_CHECKED],
    ),
    "inspect": _epilog(
        [
            ("docbind inspect spec/kicc_easypay", "a summary of each operation"),
            ("docbind inspect spec/kicc_easypay --json", "the normalized spec as JSON"),
        ],
        ["  0  printed", _EXIT_CHECKED],
    ),
    "generate": _epilog(
        [
            ("docbind generate", "every spec under spec/ into generated/"),
            ("docbind generate spec/kicc_easypay -o out", "one spec into out/kicc_easypay/"),
            ("docbind generate -q", "no progress lines on stderr (for scripts)"),
        ],
        ["  0  written (or already up to date)", _EXIT_CHECKED],
    ),
    "check": _epilog(
        [
            ("docbind check", "compare generated/ with what the specs generate"),
            ("docbind check repo/spec/x -o repo/generated", "from any folder: paths are as given"),
        ],
        [
            "  0  the output is up to date",
            "  1  stale: the differences are printed; run `docbind generate`",
            _EXIT_CHECKED,
        ],
    ),
    "docs": _epilog(
        [
            ("docbind docs", "the reference site of every spec into site/"),
            ("docbind docs spec/kicc_easypay -o public", "one spec's site into public/"),
            ("docbind docs --format mkdocs -o ref", "mkdocs.yml and docs/ for mkdocs-material"),
        ],
        ["  0  written", _EXIT_CHECKED],
    ),
    "openapi": _epilog(
        [
            ("docbind openapi spec/kicc_easypay", "OpenAPI 3.1 as JSON on standard output"),
            ("docbind openapi spec/kicc_easypay -o api.yaml", "as YAML, written to api.yaml"),
        ],
        ["  0  exported", _EXIT_CHECKED],
    ),
    "import": _epilog(
        [
            ("docbind import refund.html", "print a draft spec made from pasted docs"),
            ("docbind import refund.txt -o spec/shop", "write the draft folder spec/shop/"),
        ],
        [
            "  0  drafted (review its TODO notes; the layouts read: docs/import.md)",
            "  2  nothing could be read from the document, or -o is bad",
        ],
    ),
    "diff": _epilog(
        [
            ("docbind diff HEAD~1:spec/shop spec/shop", "what the working copy changed"),
            ("docbind diff old/ new/ --format markdown", "as Markdown, for a pull request"),
        ],
        [
            "  0  no change at least as severe as --fail-on",
            "  1  a change at least as severe as --fail-on (default: breaking)",
            _EXIT_CHECKED,
        ],
    ),
    "release": _epilog(
        [
            ("docbind release spec/shop --dry-run", "show the bump, the version line, the section"),
            (
                "docbind release spec/shop --date 2026-11-30",
                "raise, date the changelog, regenerate",
            ),
            ("docbind release spec/shop --bump patch", "release although no spec change is seen"),
        ],
        [
            "  0  released, or nothing to release (said on stdout)",
            "  2  bad input: a spec error, no baseline spec.json, a version below the bump, "
            "a bad --date",
        ],
    ),
    "publish-check": _epilog(
        [
            ("docbind publish-check", "every package under generated/"),
            (
                "docbind publish-check --against v1.2.0",
                "also: changed since that tag, same version",
            ),
        ],
        [
            "  0  every package may be published",
            "  1  refused: contents changed while the version did not (each located)",
            "  2  bad input: not a package folder, or git cannot read --against",
        ],
    ),
    "completion": _epilog(
        [
            ("docbind completion bash > ~/.local/share/bash-completion/completions/docbind", ""),
            ("docbind completion zsh > ~/.zfunc/_docbind", "then fpath+=~/.zfunc; compinit"),
            ("docbind completion fish > ~/.config/fish/completions/docbind.fish", ""),
        ],
        ["  0  printed", "  2  an unknown shell"],
    ),
}
