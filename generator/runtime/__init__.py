"""The code every generated package shares, as real modules (docs/runtime.md).

docbind copies the modules listed in ``RUNTIME_MODULES`` as they are into each package it
generates: ``_errors.py``, ``_fake.py``, ``_runtime.py`` (with ``_dates.py`` and
``_encode.py``), ``_http.py`` and its parts (``_operation.py``, ``_arguments.py``,
``_prepare.py``, ``_body.py``, ``_answer.py``), and ``_webhooks.py`` where the spec documents
notifications
(``docbind.backends.package.runtime_files.RUNTIME_MODULES``); the wheel ships this folder as
``docbind/runtime``. What differs between APIs is data in the package's generated ``_api.py``;
the ``_api.py`` here is a stand-in of the same shape, so that these modules are linted, type
checked and unit-tested where they live (``tests/test_runtime_*.py``). It is never copied, and
neither is this file.
"""
