"""Emitters: IR in, ``{relative path: text}`` out. No emitter reads YAML or writes files."""
