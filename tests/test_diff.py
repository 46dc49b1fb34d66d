"""`docbind diff`: every change classified for callers, request and response told apart."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from docbind.cli.commands import main
from docbind.diff import compare, next_version, plain_ir
from docbind.diff.model import Change

ROOT = Path(__file__).resolve().parents[1]
KICC = ROOT / "spec" / "kicc_easypay"
KONA = ROOT / "spec" / "konaplate"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def edited(tmp_path: Path, source: Path, file: str, *edits: tuple[str, str]) -> Path:
    """A copy of a seed spec with text replacements (each must apply once)."""
    copy = tmp_path / source.name
    if not copy.exists():
        shutil.copytree(source, copy)
    path = copy / file
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return copy


def diff_json(
    old: Path | str, new: Path | str, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, dict[str, object]]:
    code, out, err = run(["diff", str(old), str(new), "--format", "json", *extra], capsys)
    assert code in (0, 1), err
    data: dict[str, object] = json.loads(out)
    return code, data


DEPOSIT_NAME = (
    "          bytes: 50\n          required: true\n          sensitive: true\n"
    '          doc: "Account Holder Name"'
)


def test_lowering_refund_deposit_name_is_breaking_and_major(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = edited(
        tmp_path,
        KICC,
        "refund.yaml",
        (DEPOSIT_NAME, DEPOSIT_NAME.replace("bytes: 50", "bytes: 40")),
    )
    code, data = diff_json(KICC, new, capsys)
    assert code == 1  # --fail-on breaking is the default
    # At 0.x a breaking change bumps the minor (semver's 0.x rule, as cargo applies it).
    assert data["bump"] == "major" and data["suggested_version"] == "0.2.0"
    (change,) = data["changes"]  # type: ignore[misc]
    assert change["severity"] == "breaking" and change["where"] == "request"
    assert change["kind"] == "max_length_lowered"
    assert change["path"] == "refund.request.body.refundInfo.refundDepositName"
    assert (change["old"], change["new"]) == (50, 40)


def test_adding_an_optional_response_field_is_minor_and_a_patch_release_at_0x(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = edited(
        tmp_path,
        KICC,
        "refund.yaml",
        (
            "    escrowUsed:\n",
            "    settlementRef:\n      type: string\n      bytes: 40\n      doc: Ref\n"
            "    escrowUsed:\n",
        ),
    )
    code, data = diff_json(KICC, new, capsys, "--fail-on", "warning")
    assert code == 0
    assert data["bump"] == "minor" and data["suggested_version"] == "0.1.1"
    assert [(c["severity"], c["kind"]) for c in data["changes"]] == [  # type: ignore[attr-defined]
        ("compatible", "field_added")
    ]


# (edit to the KONA PLATE seed, expected (severity, where, kind), expected bump)
Edit = tuple[str, str, tuple[str, str], tuple[str, str, str], str]
CASES: list[Edit] = [
    (
        "request required",
        "get_refund_fee.yaml",
        (
            "    userId:\n      type: string\n",
            "    userId:\n      type: string\n      required: true\n",
        ),
        ("breaking", "request", "required_changed"),
        "major",
    ),
    (
        "request code removed",
        "api.yaml",
        ('      - {code: "C", name: fee_charged, label: "Fee charged"}\n', ""),
        ("warning", "response", "code_removed"),
        "major",
    ),
    (
        "response code added",
        "api.yaml",
        (
            '      - {code: "C", name: fee_charged, label: "Fee charged"}\n',
            '      - {code: "C", name: fee_charged, label: "Fee charged"}\n'
            '      - {code: "X", name: other, label: "Other"}\n',
        ),
        ("warning", "response", "code_added"),
        "minor",
    ),
    (
        "request pattern added",
        "get_refund_fee.yaml",
        ("      chars: 16\n", '      chars: 16\n      pattern: "^[A-Z0-9]+$"\n'),
        ("breaking", "request", "pattern_added"),
        "major",
    ),
    (
        "response field removed",
        "get_refund_fee.yaml",
        (
            "    par:\n      type: string\n      chars: 27\n      required: true\n"
            '      doc: "Number that replaces PAN(Primary Account Number) of a card"\n',
            "",
        ),
        ("breaking", "response", "field_removed"),
        "major",
    ),
    (
        "response max raised",
        "get_refund_fee.yaml",
        ("      chars: 27\n", "      chars: 30\n"),
        ("warning", "response", "max_length_raised"),
        "minor",
    ),
    (
        "response max lowered",
        "get_refund_fee.yaml",
        ("      chars: 27\n", "      chars: 20\n"),
        ("compatible", "response", "max_length_lowered"),
        "patch",
    ),
    (
        "request max raised",
        "get_refund_fee.yaml",
        ("      chars: 16\n", "      chars: 32\n"),
        ("compatible", "request", "max_length_raised"),
        "minor",
    ),
    (
        "new optional request field",
        "get_refund_fee.yaml",
        ("    userId:\n", "    memo:\n      type: string\n      chars: 10\n    userId:\n"),
        ("compatible", "request", "field_added"),
        "minor",
    ),
    (
        "new required request field",
        "get_refund_fee.yaml",
        ("    userId:\n", "    memo:\n      type: string\n      required: true\n    userId:\n"),
        ("breaking", "request", "required_field_added"),
        "major",
    ),
    (
        "request field removed",
        "get_refund_fee.yaml",
        (
            "    userId:\n      type: string\n      source: provider-docs\n",
            "    userIdX:\n      type: string\n      source: provider-docs\n",
        ),
        ("breaking", "request", "field_removed"),
        "major",
    ),
    (
        "type changed",
        "get_refund_fee.yaml",
        ("    refundable:\n      type: boolean\n", "    refundable:\n      type: string\n"),
        ("breaking", "response", "type_changed"),
        "major",
    ),
    (
        "response now optional",
        "get_refund_fee.yaml",
        ('      required: true\n      doc: "Card balance"\n', '      doc: "Card balance"\n'),
        ("breaking", "response", "required_changed"),
        "major",
    ),
    (
        "doc only",
        "get_refund_fee.yaml",
        ('      doc: "Card balance"\n', '      doc: "The card balance"\n'),
        ("compatible", "response", "doc_changed"),
        "patch",
    ),
    (
        "error removed",
        "api.yaml",
        (
            '    - {http_status: 400, code: "009_004", message: "Refund denied.", doc: "Refund '
            'transaction rejected", exception: RefundDeniedError, notes: [{text: "The provider '
            'docs attribute this error to POST /api/v1/refund/card.", source: provider-docs}]}\n',
            "",
        ),
        ("breaking", "api", "error_removed"),
        "major",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_classification(case: Edit, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, file, edit, expected, bump = case
    new = edited(tmp_path, KONA, file, edit)
    if case[0] == "error removed":
        new = edited(tmp_path, KONA, "get_refund_fee.yaml", ('"009_003", "009_004"]', '"009_003"]'))
    _, data = diff_json(KONA, new, capsys, "--fail-on", "none")
    found = [(c["severity"], c["where"], c["kind"]) for c in data["changes"]]  # type: ignore[attr-defined]
    assert expected in found, found
    assert data["bump"] == bump


def test_output_formats_and_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(tmp_path, KONA, "get_refund_fee.yaml", ("      chars: 27\n", "      chars: 30\n"))
    code, out, err = run(["diff", str(KONA), str(new)], capsys)
    assert code == 0 and "warning:\n  [response] get_refund_fee.response.body.par" in out
    assert "suggested bump: minor (0.1.0 → 0.1.1)" in out
    code, out, err = run(
        ["diff", str(KONA), str(new), "--fail-on", "warning", "--format", "markdown"], capsys
    )
    assert code == 1 and "| warning | response | `get_refund_fee.response.body.par` |" in out
    assert "--fail-on warning" in err
    code, out, _ = run(["diff", str(KONA), str(KONA)], capsys)
    assert code == 0 and "no changes" in out


def test_git_revisions(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    tracked = subprocess.run(
        ["git", "ls-files", "spec/konaplate/api.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    if not tracked.strip():
        pytest.skip("not a git checkout")
    code, out, err = run(["diff", "HEAD:spec/konaplate", "HEAD:spec/konaplate"], capsys)
    assert code == 0 and "no changes" in out, err


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ("no/such/folder", "no such spec folder"),
        ("HEAD:spec/no_such_spec", "did not match"),
        ("no-such-revision-xyz:spec/konaplate", "unknown revision"),
    ],
)
def test_bad_arguments_exit_2(
    old: str, message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, _, err = run(["diff", old, str(KONA)], capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_a_broken_spec_is_reported_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = edited(tmp_path, KONA, "get_refund_fee.yaml", ("      chars: 27\n", "      chars: -1\n"))
    code, _, err = run(["diff", str(KONA), str(new)], capsys)
    assert code == 2 and "get_refund_fee.yaml:" in err and "nothing compared" in err


def test_semver() -> None:
    assert next_version("1.2.3", "major") == "2.0.0"
    assert next_version("1.2.3", "minor") == "1.3.0"
    assert next_version("1.2.3", "patch") == "1.2.4"
    assert next_version("1.2.3", "none") == "1.2.3"


@pytest.mark.parametrize(
    ("version", "bump", "expected"),
    [
        # 0.x: breaking bumps the minor, anything else the patch (semver's 0.x rule, cargo's way)
        ("0.1.0", "major", "0.2.0"),
        ("0.1.0", "minor", "0.1.1"),
        ("0.1.0", "patch", "0.1.1"),
        ("0.0.3", "major", "0.1.0"),
        ("0.3.7", "major", "0.4.0"),
        # a pre-release becomes its release when that release has room for the change
        ("1.0.0rc1", "major", "1.0.0"),
        ("1.0.0rc1", "patch", "1.0.0"),
        ("1.0.0-rc.1", "major", "1.0.0"),
        ("1.0.0.dev2", "minor", "1.0.0"),
        ("1.1.0rc1", "minor", "1.1.0"),
        ("1.1.0rc1", "major", "2.0.0"),
        ("1.0.1rc1", "minor", "1.1.0"),
        ("1.0.1rc1", "patch", "1.0.1"),
        ("0.2.0rc1", "major", "0.2.0"),
        ("0.1.1rc1", "major", "0.2.0"),
        # post-releases count as their release; epochs are kept; unreadable versions are kept
        ("1.0.0.post1", "patch", "1.0.1"),
        ("1!1.0.0", "major", "1!2.0.0"),
        ("1.0", "minor", "1.1.0"),
        ("latest", "major", "latest"),
        ("1.0.0rc1", "none", "1.0.0rc1"),
    ],
)
def test_semver_zero_x_and_pre_releases(version: str, bump: str, expected: str) -> None:
    assert next_version(version, bump) == expected  # type: ignore[arg-type]


TAGS = "    userId:\n"


def with_tags(folder: Path, max_items: int) -> Path:
    """The KONA PLATE seed with a request array ``tags`` of at most ``max_items`` strings."""
    folder.mkdir()
    return edited(
        folder,
        KONA,
        "get_refund_fee.yaml",
        (
            TAGS,
            (
                "    tags:\n      type: array\n      items: {type: string, chars: 10}\n"
                f"      max_items: {max_items}\n" + TAGS
            ),
        ),
    )


def test_lowering_max_items_on_a_request_array_is_breaking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = with_tags(tmp_path / "old", 5), with_tags(tmp_path / "new", 2)
    code, data = diff_json(old, new, capsys)
    assert code == 1
    (change,) = data["changes"]  # type: ignore[misc]
    assert (change["severity"], change["where"], change["kind"]) == (
        "breaking",
        "request",
        "max_items_lowered",
    )
    assert (change["old"], change["new"]) == (5, 2)
    assert change["path"] == "get_refund_fee.request.body.tags"
    assert data["bump"] == "major" and data["suggested_version"] == "0.2.0"


def test_a_response_field_becoming_optional_is_breaking_for_typed_callers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = edited(
        tmp_path,
        KONA,
        "get_refund_fee.yaml",
        ('      required: true\n      doc: "Card balance"\n', '      doc: "Card balance"\n'),
    )
    code, data = diff_json(KONA, new, capsys)
    assert code == 1  # fails the default --fail-on breaking
    (change,) = data["changes"]  # type: ignore[misc]
    assert (change["severity"], change["where"], change["kind"]) == (
        "breaking",
        "response",
        "required_changed",
    )
    assert "X | None" in change["message"]
    assert data["bump"] == "major" and data["suggested_version"] == "0.2.0"


def test_a_breaking_change_to_a_release_candidate_suggests_its_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = edited(tmp_path / "old", KONA, "api.yaml", ("version: 0.1.0", "version: 1.0.0rc1"))
    new = edited(tmp_path / "new", KONA, "api.yaml", ("version: 0.1.0", "version: 1.0.0rc1"))
    new = edited(
        tmp_path / "new", KONA, "get_refund_fee.yaml", ("      chars: 16\n", "      chars: 8\n")
    )
    _, data = diff_json(old, new, capsys)
    assert data["bump"] == "major" and data["suggested_version"] == "1.0.0"


def test_compare_is_pure_on_snapshots() -> None:
    from docbind.frontend.check import check_spec

    api = check_spec(KONA).api
    assert api is not None
    snapshot: dict[str, object] = json.loads(json.dumps(plain_ir(api)))
    report = compare(snapshot, plain_ir(api))
    assert report.changes == () and report.bump == "none"
    make: Callable[..., Change] = Change
    assert make("breaking", "major", "request", "k", "p", "m").as_json()["severity"] == "breaking"


# What the wire carries changes while the caller's code does not: a warning and a minor bump.
WIRE_CASES = [
    (
        "kg_inicis",
        "refund.yaml",
        ("      encrypt: iniapi_aes\n", ""),
        ("request", "encrypt_changed"),
    ),
    (
        "kg_inicis",
        "api.yaml",
        ("    key: api_key\n", "    key: api_iv\n"),
        ("api", "encryption_changed"),
    ),
    ("portone_v1", "api.yaml", ("  margin: 60s\n", "  margin: 30s\n"), ("api", "auth_changed")),
]


@pytest.mark.parametrize("case", WIRE_CASES, ids=[c[3][1] for c in WIRE_CASES])
def test_auth_and_encryption_changes_are_reported(
    case: tuple[str, str, tuple[str, str], tuple[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec, file, edit, (where, kind) = case
    source = ROOT / "spec" / spec
    new = edited(tmp_path, source, file, edit)
    _, data = diff_json(source, new, capsys, "--fail-on", "none")
    found = [(c["severity"], c["where"], c["kind"]) for c in data["changes"]]  # type: ignore[attr-defined]
    assert ("warning", where, kind) in found, found
    assert data["bump"] == "minor"
