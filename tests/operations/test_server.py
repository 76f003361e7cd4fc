"""The production server: `crisisbot serve` runs it, a signed command goes through it, and its limits hold."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from handlers.after_acks import AfterAcks
from handlers.http_server import MAX_SLACK_BODY
from sandbox.slack_api import SlackSandbox
from sandbox.slack_user import FORM, SlackUser, signed_headers
from tests.operations.conftest import serving
from wiring.server import ProductionServer, ServerLimits

REPO = Path(__file__).resolve().parents[2]
PLAN = """\
organisation: Acme Coffee
announce_channel: "#general"
lead_role: crisis_lead
roles:
  crisis_lead: {name: Crisis lead, primary: dana@acme.example}
severities:
  SEV1: {description: Viral, ack_within: 5m, update_every: 30m}
  SEV2: {description: Spreading, ack_within: 10m, update_every: 1h}
  SEV3: {description: Contained, ack_within: 30m, update_every: 4h}
  SEV4: {description: Watch, ack_within: 2h, update_every: 1d}
"""


def test_a_signed_command_goes_through_the_production_server(served, local):
    _, slack = served
    status, _ = slack.command(local.users["opener"], "/crisis", "help", channel="general")
    local.settle()
    assert status == 200
    assert [r["user"] for r in local.sandbox.responses()] == [local.users["opener"]]


def test_crisisbot_serve_runs_the_production_server_and_stops_on_sigterm(tmp_path):
    sandbox = SlackSandbox().start()
    try:
        dana = sandbox.add_user("dana", email="dana@acme.example")
        general = sandbox.add_channel("general")
        (tmp_path / "plan.yaml").write_text(PLAN)
        env = {**os.environ, "SLACK_BOT_TOKEN": sandbox.token, "SLACK_API_URL": sandbox.api_url,
               "SLACK_SIGNING_SECRET": "serve-secret", "CRISIS_PLAN": str(tmp_path / "plan.yaml"),
               "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite'}", "LOG_FORMAT": "json"}
        process = subprocess.Popen([sys.executable, str(REPO / "bot.py"), "serve", "--host", "127.0.0.1", "--port", "0"],
                                   env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            port = _listening_port(process)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as health:
                assert health.read() == b"ok\n" and health.headers["Server"] == "crisisbot"
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as ready:
                assert ready.status == 200
            user = SlackUser(f"http://127.0.0.1:{port}", "serve-secret", sandbox)
            assert user.command(dana, "/crisis", "help", channel=general)[0] == 200
            assert user.command(dana, "/crisis", "help", channel=general,
                                signature="v0=" + "0" * 64)[0] == 401
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)
            stderr = process.stderr.read()
        lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
        assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
        assert sandbox.token not in stderr
    finally:
        sandbox.stop()


def _listening_port(process: subprocess.Popen) -> int:
    """The port `crisisbot serve --port 0` prints once it listens (read on a thread: the wait is bounded)."""
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=60)
    assert found and "listening on" in found[0], (found, process.poll())
    return int(found[0].split(":")[2].split("/")[0])


def _raw(port: int, data: bytes, timeout: float = 10) -> bytes:
    """What the server sends back (until it closes) for bytes written as they are."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(data)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return answer


def _echo(environ, start_response):
    body = environ["wsgi.input"].read()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


def test_kept_work_waits_while_the_server_answers_a_request_and_starts_once_it_is_answered():
    inside, answer = threading.Event(), threading.Event()

    def slow(environ, start_response):
        inside.set()
        assert answer.wait(10)
        return _echo(environ, start_response)

    after_acks = AfterAcks(kept_threads=2, while_answering=0)
    with serving(slow, answering=after_acks) as server, ThreadPoolExecutor(1) as client:
        sent = client.submit(_raw, server.server_port, b"POST /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                                                       b"Content-Length: 2\r\n\r\nhi")
        assert inside.wait(10)
        work = after_acks.submit_kept(lambda: "done")
        assert after_acks.held() == 1 and not work.done()
        answer.set()
        assert sent.result(10).endswith(b"hi")
        assert work.result(10) == "done"
    after_acks.shutdown()


def test_a_declared_length_over_the_servers_cap_is_413_before_the_body_is_read():
    limits = ServerLimits(max_body_bytes=1000)
    with serving(_echo, limits) as server:
        answer = _raw(server.server_port, b"POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\nabc")
        fits = _raw(server.server_port, b"POST /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                                        b"Content-Length: 1000\r\n\r\n" + b"x" * 1000)
    assert answer.startswith(b"HTTP/1.1 413")
    assert fits.startswith(b"HTTP/1.1 200") and fits.endswith(b"x" * 1000)


def test_headers_over_the_cap_are_refused():
    with serving(_echo, ServerLimits(max_header_bytes=2048)) as server:
        answer = _raw(server.server_port, b"GET /x HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 4096 + b"\r\n\r\n")
    assert answer.split(b"\r\n")[0].endswith(b" 431 Request Header Fields Too Large")


@pytest.mark.parametrize("sent", [b"POST /x HTTP/1.1\r\nHost: t\r\n",
                                  b"POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly this"])
def test_a_request_that_stalls_in_its_headers_or_body_is_closed_at_its_deadline(sent):
    limits = ServerLimits(header_seconds=0.1, body_seconds=0.3)
    with serving(_echo, limits) as server:
        assert _raw(server.server_port, sent) == b""


def test_the_apps_own_413_still_answers_for_slack_bodies_over_its_limit(served):
    _, slack = served
    body = b"x" * (MAX_SLACK_BODY + 1)
    headers = signed_headers("", "wrong", content_type=FORM)
    request = urllib.request.Request(slack.url, data=body, headers=headers, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    with refused.value:
        assert refused.value.code == 413
        assert str(MAX_SLACK_BODY) in json.loads(refused.value.read())["error"]


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_shutdown_stops_the_server_even_when_its_wake_up_pipe_is_gone():
    """A descriptor closed under the server (another part of the process closing a number twice) once made
    shutdown raise EBADF and leave the loop running."""
    server = ProductionServer(_echo, "127.0.0.1", 0, ServerLimits())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    os.close(server.trigger.trigger)
    server.shutdown()
    thread.join(timeout=15)
    assert not thread.is_alive()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.server_port), timeout=2).close()
