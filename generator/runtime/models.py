"""A stand-in for the ``models`` module docbind generates into each package (``_http`` imports
the request and response classes from it by name). Never copied."""
