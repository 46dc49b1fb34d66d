"""`python -m docbind`: the `docbind` command."""

import sys

from docbind.cli import main

sys.exit(main())
