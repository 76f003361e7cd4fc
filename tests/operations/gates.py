"""Which slow test groups run: the real-process tests only when asked (CRISISBOT_PROCESS_TESTS=1)."""
import os

import pytest

PROCESS_TESTS = pytest.mark.skipif(not os.environ.get("CRISISBOT_PROCESS_TESTS"), reason=(
    "real-process tests (a minute or two on 2 cores) run with CRISISBOT_PROCESS_TESTS=1"))
