"""Emitters: IR in, ``{relative path: text}`` out. No emitter reads YAML or writes files.

The interface is in ``emitter`` (``Emitter``, ``Emitted``, ``SlowJob``); the emitters that
`docbind generate` runs are registered in ``registry.EMITTERS``.
"""
