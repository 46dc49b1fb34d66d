"""A validated request by wire name, as signers read it and as it is sent (written by docbind,
the same in every generated package): an encrypted field is read as its ciphertext, and
``plain`` gives the values before encryption."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._operation import Credentials, Operation, crypto

if TYPE_CHECKING:
    from pydantic import BaseModel


class WireValues(Mapping[str, Any]):
    """The validated request by wire name, each value serialized when it is read: signers read
    two or three fields, and dumping the whole model for them cost more than signing."""

    def __init__(
        self,
        model: BaseModel,
        attributes: Mapping[str, str],
        sealed: Mapping[str, str] | None = None,
    ) -> None:
        self._model = model
        self._attributes = attributes
        self._sealed = sealed or {}

    @property
    def plain(self) -> Mapping[str, Any]:
        """The values before encryption, for a signer's {plain: ...} item
        (``_http.plain_text``); a property, not an attribute holding ``self``: that cycle
        kept every request's model alive until the garbage collector came by."""
        return WireValues(self._model, self._attributes) if self._sealed else self

    def __getitem__(self, wire: str) -> Any:
        if wire in self._sealed:  # as sent: the ciphertext
            return self._sealed[wire]
        name = self._attributes[wire]
        value = getattr(self._model, name)
        if value is None:  # left out of the body, as by model_dump(exclude_none=True)
            raise KeyError(wire)
        if value.__class__ is str:
            return value
        return self._model.model_dump(mode="json", include={name})[name]

    def __iter__(self) -> Iterator[str]:
        return (
            wire
            for wire, name in self._attributes.items()
            if getattr(self._model, name) is not None
        )

    def __len__(self) -> int:
        return sum(1 for _ in self)


def seal_fields(
    op: Operation[Any], model: BaseModel, credentials: Credentials
) -> dict[str, str]:
    """The ciphertext of the encrypted fields, once the plain values passed every check."""
    if not op.encrypted:
        return {}
    sealed: dict[str, str] = crypto().seal(
        op, WireValues(model, op.attributes), credentials
    )
    return sealed
