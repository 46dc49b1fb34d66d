"""`make publish` against a real package index on loopback (pypiserver, started and stopped
here): a generated package's wheel and sdist are uploaded with twine, then pip installs the
package from that index into a fresh virtual environment, where it imports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "konaplate"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"pypiserver exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"pypiserver did not answer at {url}")


@pytest.fixture
def index(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A pypiserver on a free loopback port serving an empty folder; stopped whatever happens.
    No authentication, and no fallback to another index."""
    packages = tmp_path / "index"
    packages.mkdir()
    port = free_port()
    log = tmp_path / "pypiserver.log"
    command = [str(BIN / "pypi-server"), "run", "-i", "127.0.0.1", "-p", str(port)]
    command += ["-a", ".", "-P", ".", "--disable-fallback", str(packages)]
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(f"{url}/simple/", server, log)
        yield url, packages
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def publish(url: str, dist: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    settings = {
        "TWINE_REPOSITORY_URL": f"{url}/",
        "TWINE_USERNAME": "e2e",
        "TWINE_PASSWORD": "e2e",
    }
    return subprocess.run(
        ["make", "--no-print-directory", "publish", f"PUBLISH_PACKAGES={PACKAGE}", f"DIST={dist}"],
        cwd=ROOT,
        env={**env, **settings},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_publish_to_a_loopback_index_then_install_and_import(
    index: tuple[str, Path], tmp_path: Path, offline_env: dict[str, str], wheelhouse: Path
) -> None:
    url, packages = index
    done = publish(url, tmp_path / "dist", offline_env)
    assert done.returncode == 0, done.stdout + done.stderr
    version = next(
        line.split('"')[1]
        for line in (ROOT / "generated" / PACKAGE / "pyproject.toml").read_text().splitlines()
        if line.startswith("version = ")
    )
    uploaded = sorted(p.name for p in packages.iterdir())
    assert uploaded == [f"{PACKAGE}-{version}-py3-none-any.whl", f"{PACKAGE}-{version}.tar.gz"]
    with urllib.request.urlopen(f"{url}/simple/{PACKAGE}/", timeout=10) as answer:
        listing = answer.read().decode()
    assert f"{PACKAGE}-{version}.tar.gz" in listing

    # The same version again: the index refuses to replace what it serves (400 Bad Request).
    again = publish(url, tmp_path / "dist-again", offline_env)
    assert again.returncode != 0 and "Bad Request" in again.stdout
    assert sorted(p.name for p in packages.iterdir()) == uploaded

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--index-url", f"{url}/simple/"]
    pip += ["--find-links", str(wheelhouse), f"{PACKAGE}=={version}"]
    env = {k: v for k, v in offline_env.items() if k != "PIP_NO_INDEX"}
    installed = subprocess.run(pip, env=env, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    probe = (
        f"import importlib.metadata as m, {PACKAGE}; "
        f"print({PACKAGE}.__file__); print(m.version('{PACKAGE}')); print({PACKAGE}.Client)"
    )
    ran = subprocess.run(
        [str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    where, shown, client = ran.stdout.splitlines()
    assert Path(where).is_relative_to(venv) and shown == version and "Client" in client
    assert os.path.isdir(venv / "lib")
