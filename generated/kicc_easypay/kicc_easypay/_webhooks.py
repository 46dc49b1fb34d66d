"""Reading the notifications a provider sends; the package's ``webhooks`` binds it to its API.

Shared by every package docbind generates whose spec documents notifications (copied as it is
from docbind's ``runtime`` folder); ``webhooks`` holds the API's kinds, sources and replies.
"""

from __future__ import annotations

import ipaddress
import json
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from . import _errors as errors
from ._operation import unique_keys

# Each documented kind: the (field, accepted values) it must hold, and its model.
Kinds = tuple[tuple[tuple[tuple[str, tuple[str, ...]], ...], type[BaseModel]], ...]


class UnknownNotificationError(errors.Error):
    """A body that is none of the documented notifications."""


def parse_notification(
    body: bytes | str | Mapping[str, Any], kinds: Kinds
) -> BaseModel:
    """The documented notification ``body`` is, read leniently (unknown fields are kept):
    the model of the first of ``kinds`` whose fields hold the values it names.

    Raises ``errors.ResponseDecodeError`` for a body that is not JSON (or repeats a key, or
    nests too deep) and ``UnknownNotificationError`` for JSON that is no documented kind.
    """
    if isinstance(body, Mapping):
        data: Any = dict(body)
    elif isinstance(body, bytes | bytearray | str):
        try:
            data = json.loads(body, object_pairs_hook=unique_keys)
        except (ValueError, RecursionError) as exc:
            raw = (
                body.encode("utf-8", "replace")
                if isinstance(body, str)
                else bytes(body)
            )
            deep = isinstance(exc, RecursionError)
            reason = "nests too deep" if deep else "is not JSON"
            raise errors.ResponseDecodeError(
                f"notification {reason}", body=raw
            ) from None
    else:
        raise UnknownNotificationError(
            f"a notification body is bytes, str or a mapping, not {type(body).__name__}"
        )
    if not isinstance(data, dict):
        raise UnknownNotificationError("notification is not a JSON object")
    for conditions, model in kinds:
        if all(str(data.get(name)) in accepted for name, accepted in conditions):
            try:
                parsed = model.model_validate(data)
            except ValidationError as exc:
                where = ", ".join(
                    ".".join(str(p) for p in e["loc"]) for e in exc.errors()
                )
                raise UnknownNotificationError(
                    f"{model.__name__} does not fit ({where})"
                ) from None
            return parsed
    raise UnknownNotificationError("no documented notification matches this body")


class SourceAllowlist:
    """Accepts a sender address only when it is in one of ``sources`` (addresses or CIDRs).

    With no sources it accepts nothing: configure the addresses the provider gives you.
    """

    def __init__(self, sources: Iterable[str]) -> None:
        networks = []
        for source in sources:
            try:
                # strict: "203.0.113.5/0" (host bits set) is a typo, not "everyone"
                networks.append(ipaddress.ip_network(source, strict=True))
            except (TypeError, ValueError) as exc:
                raise ValueError(
                    f"allowed source {source!r} is not an address or a network: {exc}"
                ) from None
        self.networks = tuple(networks)

    def allows(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        # A dual-stack socket reports an IPv4 sender as ::ffff:a.b.c.d.
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip in network for network in self.networks)


class DeduplicatorFull(errors.Error):
    """More distinct keys arrived within the window than the de-duplicator may hold. It refuses
    the notification rather than forget a key a replay could reuse: answer with the documented
    "send again" reply, and the provider retries later."""


class Deduplicator:
    """Remembers keys (e.g. transaction numbers) for ``window`` seconds, to drop repeats.

    A key is forgotten only once it is older than the window, never to make room for others:
    with ``capacity`` keys of the window held, ``seen`` raises ``DeduplicatorFull`` instead of
    letting a replay through. Keys are compared as text: ``123`` and ``"123"`` are the same.
    """

    def __init__(self, capacity: int = 100_000, window: float = 86_400.0) -> None:
        if capacity < 1:
            raise ValueError("capacity must be 1 or more")
        if not window > 0:
            raise ValueError("window must be more than 0 seconds")
        self.capacity = capacity
        self.window = window
        self._keys: OrderedDict[str, float] = (
            OrderedDict()
        )  # key -> first seen, oldest first

    def seen(self, key: str | int) -> bool:
        """True when ``key`` was seen within the window; otherwise remembers it, returns False."""
        key = str(key)
        now = time.monotonic()
        while self._keys:
            oldest, first_seen = next(iter(self._keys.items()))
            if now - first_seen < self.window:
                break
            del self._keys[oldest]
        if key in self._keys:
            return True
        if len(self._keys) >= self.capacity:
            raise DeduplicatorFull(
                f"{self.capacity} distinct keys within {self.window:g} s: refusing a new one "
                "rather than forget one a replay could reuse"
            )
        self._keys[key] = now
        return False
