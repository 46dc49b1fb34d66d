"""`python -m generator`: the `docbind` command (``python -m docbind`` comes with the rename)."""

import sys

from .cli import main

sys.exit(main())
