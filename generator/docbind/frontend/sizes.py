"""Bounds on what docbind reads from a spec folder (a leaf module: importing it costs nothing)."""

MAX_FILE_BYTES = 1024 * 1024  # a hand-written spec file is a few KiB; 1 MiB is generous
