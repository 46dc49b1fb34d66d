"""What a package index shows of a generated package: the spec's ``license``, ``urls`` and
``authors``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Publishing:
    """What a package index shows of the generated package (the spec's ``license``, ``urls``
    and ``authors``); ``urls`` in the order homepage, documentation, repository, issues."""

    license: str | None = None
    urls: tuple[tuple[str, str], ...] = ()
    authors: tuple[Author, ...] = ()

    def url(self, key: str) -> str | None:
        return dict(self.urls).get(key)
