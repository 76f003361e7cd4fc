"""LOG_FORMAT=json: one JSON object per line (level, logger, message, exception); tokens never written."""
from __future__ import annotations

import json
import logging
import subprocess
import sys

from wiring.logs import JsonLines, masked
from wiring.settings import Settings


def record(message: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("crisis.due", logging.ERROR, __file__, 1, message, args, exc_info)


def test_a_record_is_one_json_line_with_its_exception():
    try:
        raise ValueError("bad page xoxb-1234-abcd")
    except ValueError:
        line = JsonLines().format(record("page %s failed", 7, exc_info=sys.exc_info()))
    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["level"], entry["logger"], entry["message"]) == ("ERROR", "crisis.due", "page 7 failed")
    assert "ValueError: bad page xoxb-***" in entry["exception"] and "1234" not in entry["exception"]


def test_tokens_bearer_credentials_and_url_secrets_are_masked():
    text = masked("token xoxb-1-2-abc app xapp-1-A-9 user xoxp-9 auth Bearer s3cr3t url https://x.example/?token=t0p")
    assert text == "token xoxb-*** app xapp-*** user xoxp-*** auth Bearer *** url https://x.example/?token=***"


def test_log_format_setting():
    assert Settings({"LOG_FORMAT": "JSON "}).log_format == "json"
    assert Settings({}).log_format == Settings({"LOG_FORMAT": "logfmt"}).log_format == "text"


def test_configured_logging_writes_json_lines_to_stderr():
    code = ("from wiring import logs; import logging; logs.configure('INFO', 'json'); "
            "logging.getLogger('crisisbot').warning('hello %s', 'xoxb-42-secret')")
    stderr = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stderr
    entry = json.loads(stderr.strip())
    assert entry["message"] == "hello xoxb-***" and entry["level"] == "WARNING" and entry["logger"] == "crisisbot"
