"""Generated tests: each signer reproduces its documented recipe, computed here with hashlib/hmac.

Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import hashlib

from kakaopay import signing

KEY = "docbind-test-key"
TIME = "20240131090807"
