"""Which slow test groups run: the real-process tests only when asked (CRISISBOT_PROCESS_TESTS=1)."""
import os

import pytest

PROCESS_TESTS = pytest.mark.skipif(not os.environ.get("CRISISBOT_PROCESS_TESTS"), reason=(
    "real-process tests (minutes on 2 cores) run with CRISISBOT_PROCESS_TESTS=1; they fail today on known "
    "faults listed in issue 10's notes (kill -9 right after an ack loses the work; two replicas can post a "
    "notice twice)"))
