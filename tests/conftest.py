"""Shared test options and fixtures."""

from __future__ import annotations

import pytest
from golden import Golden


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files (expected outputs) with what the code produces now",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare output with a golden file; ``--update-golden`` rewrites the file instead."""
    return Golden(bool(request.config.getoption("--update-golden")), request.node.nodeid)
