"""The shared runtime (``generator/runtime/``) as each package gets it: which modules, copied
as they are (already in black's layout; a test holds them to it)."""

from __future__ import annotations

from docbind.backends.env import static
from docbind.ir.model import Api

# The shared runtime (``generator/runtime/``), copied as it is into every package.
RUNTIME_MODULES = (
    "_answer.py",
    "_arguments.py",
    "_body.py",
    "_checks.py",
    "_clock.py",
    "_crypto.py",
    "_dates.py",
    "_deadline.py",
    "_encode.py",
    "_errors.py",
    "_extra.py",
    "_fake.py",
    "_fake_server.py",
    "_fault.py",
    "_http.py",
    "_logs.py",
    "_operation.py",
    "_prepare.py",
    "_rsa.py",
    "_runtime.py",
    "_timing.py",
    "_token.py",
    "_url.py",
    "_values.py",
    "_webhooks.py",
)
WEBHOOKS_MODULE = "_webhooks.py"  # only where the spec documents notifications
CRYPTO_MODULE = "_crypto.py"  # only where a request field is encrypted (needs cryptography)
RSA_MODULE = "_rsa.py"  # only where a signer signs with RSA (needs cryptography)


def static_files(api: Api) -> dict[str, str]:
    """Modules that are the same in every package, written already in black's layout (a test
    holds them to it), so they are copied as they are."""
    names = [n for n in RUNTIME_MODULES if api.webhooks or n != WEBHOOKS_MODULE]
    names = [n for n in names if api.encrypts or n != CRYPTO_MODULE]
    names = [n for n in names if api.signs_rsa or n != RSA_MODULE]
    return {f"{api.package}/{name}": static(name) for name in names}
