"""Fixtures of the end-to-end tests (`make release-e2e`, not part of `make test`): the wheelhouse
that `make` filled, and an environment in which pip reads no configuration of this machine and
reaches no index but those a test names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    folder = Path(os.environ.get("DOCBIND_WHEELHOUSE", ROOT / ".venv" / "wheelhouse"))
    assert any(folder.glob("*.whl")), f"{folder}: no wheels; run `make release-e2e`"
    return folder


@pytest.fixture(scope="session")
def offline_env(wheelhouse: Path) -> dict[str, str]:
    """The environment for pip and the tools that run it: no config file, no index, the
    wheelhouse as the only place to find a distribution."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "TWINE_"))}
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_COMPILE="1",  # no .pyc for a throwaway environment: about half the install time
        VIRTUALENV_NO_DOWNLOAD="1",
    )
    return env
