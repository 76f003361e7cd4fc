"""SlackSandbox: a local fake of Slack's Web API over HTTP, with seeding, introspection and fault injection."""

from __future__ import annotations

import argparse
import copy
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from crisis.i18n import msg
from sandbox import response_urls, transcript
from sandbox.arguments import decode_json_args, missing_argument
from sandbox.faults import STATUS, InjectedFault, RandomFaults
from sandbox.methods import METHODS, files, views
from sandbox.methods.conversations import check_channel_name
from sandbox.server import SandboxServer
from sandbox.workspace import Conversation, SlackError, User, Workspace

DEFAULT_TOKEN = "xoxb-sandbox"
POLL_SECONDS = 0.02  # how soon stop() is noticed
FAULT_ERRORS = {429: "ratelimited", 500: "internal_error", 503: "service_unavailable"}

Answer = tuple[int, dict[str, Any], dict[str, str]]
"""HTTP status, JSON body, extra headers."""


@dataclass(frozen=True)
class Call:
    """One Web API call as the sandbox answered it."""

    method: str
    args: dict[str, Any]
    response: dict[str, Any]
    status: int
    at: float
    fault: str | None = None
    """The random fault injected into this call (see sandbox/faults.py), if any."""


@dataclass
class _Fault:
    method: str
    error: str
    status: int
    retry_after: int | None
    remaining: int
    when: Callable[[dict[str, Any]], bool] | None


class SlackSandbox:
    """Slack's Web API on 127.0.0.1, answering like Slack (ok, ids, ts, Slack's error names), for tests and the demo.

    Point slack_sdk at it with `WebClient(token=sandbox.token, base_url=sandbox.api_url)`.
    """

    def __init__(self, tokens: Iterable[str] = (DEFAULT_TOKEN,), *, bot_user_id: str = "U0CRISISBOT",
                 bot_name: str = "crisisbot", team_id: str = "T0SANDBOX00", team_name: str = "Sandbox",
                 clock: Callable[[], float] = time.time, host: str = "127.0.0.1", port: int = 0,
                 seed: int = 0) -> None:
        self.tokens = tuple(tokens)
        self.latency = 0.0  # seconds added to every call: Web API, response URLs, uploads
        self.sleep: Callable[[float], None] = time.sleep  # how that time passes (tests record it instead)
        self._address = (host, port)
        self._lock = threading.RLock()
        self._ws = Workspace(team_id=team_id, team_name=team_name, bot_user_id=bot_user_id,
                             bot_name=bot_name, clock=clock, seed=seed)
        self._calls: list[Call] = []
        self._faults: list[_Fault] = []
        self._random_faults: RandomFaults | None = None
        self._injected: list[InjectedFault] = []
        self._stopping = threading.Event()
        self._server: SandboxServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ------------------------------------------------------------------------------

    def start(self) -> SlackSandbox:
        self._stopping.clear()
        self._server = SandboxServer(self._address, self)
        host, port = self._server.server_address[:2]
        self._ws.base_url = f"http://{host}:{port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(POLL_SECONDS,),
                                        name="slack-sandbox", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._stopping.set()  # lets connections held by a `timeout` fault go
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()  # type: ignore[union-attr]
            self._server = self._thread = None

    def __enter__(self) -> SlackSandbox:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        """The Web API base URL, ending in `/api/` as slack_sdk's base_url needs."""
        if not self._ws.base_url:
            raise RuntimeError("the sandbox is not started")
        return f"{self._ws.base_url}api/"

    @property
    def token(self) -> str:
        return self.tokens[0]

    @property
    def team_id(self) -> str:
        return self._ws.team_id

    @property
    def bot_user_id(self) -> str:
        return self._ws.bot_user_id

    @property
    def bot_id(self) -> str:
        return self._ws.bot_id

    @property
    def app_id(self) -> str:
        return self._ws.app_id

    # --- the Web API ----------------------------------------------------------------------------

    def call(self, method: str, args: dict[str, Any], token: str | None, fault: str | None = None) -> Answer:
        """Answer one Web API call (the HTTP server calls this); `fault` is the random fault it drew, if any."""
        args = decode_json_args(args)
        with self._lock:
            if fault is not None and not fault.startswith("lost_"):
                status, answer, headers = self._injected_answer(method, fault)
            else:
                status, answer, headers = self._answer(method, args, token)
            answer = copy.deepcopy(answer)  # it may hold live state, which other calls change while it is sent
            self._calls.append(Call(method, copy.deepcopy(args), answer, status, self._ws.now(), fault))
            if fault is not None:
                self._injected.append(InjectedFault(method, fault, fault.startswith("lost_"), self._ws.now()))
            return status, answer, headers

    def take_time(self) -> None:
        """Slack's time to answer a call (`latency`), outside the lock: Slack answers many calls at once."""
        if self.latency:
            self.sleep(self.latency)

    def _injected_answer(self, method: str, fault: str) -> Answer:
        """A fault before applying: a 429/500 answer, or (status 0) none at all, the connection being closed."""
        assert self._random_faults is not None
        if fault == "ratelimited":
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(self._random_faults.retry_after)}
        return STATUS.get(fault, 0), {"ok": False, "error": FAULT_ERRORS.get(STATUS.get(fault, 0), fault)}, {}

    def _answer(self, method: str, args: dict[str, Any], token: str | None) -> Answer:
        if method not in METHODS:
            return 200, {"ok": False, "error": "unknown_method", "req_method": method}, {}
        if not token:
            return 200, {"ok": False, "error": "not_authed"}, {}
        if token not in self.tokens:
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        self._ws.deliver_due_scheduled()
        fault = self._take_fault(method, args)
        if fault is not None:
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            return fault.status, {"ok": False, "error": fault.error}, headers
        missing = missing_argument(method, args)
        if missing is not None:
            error, name = missing
            extra = {"response_metadata": {"messages": [f"[ERROR] missing required field: {name}"]}}
            return 200, {"ok": False, "error": error, **(extra if error == "invalid_arguments" else {})}, {}
        try:
            return 200, {"ok": True, **METHODS[method](self._ws, args)}, {}
        except SlackError as refused:
            return 200, {"ok": False, "error": refused.error, **refused.extra}, {}

    def _take_fault(self, method: str, args: dict[str, Any]) -> _Fault | None:
        for fault in self._faults:
            if fault.method == method and (fault.when is None or fault.when(args)):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                return fault
        return None

    def receive_upload(self, key: str, data: bytes, fault: str | None = None) -> tuple[int, str]:
        """The upload URL handed out by files.getUploadURLExternal (the HTTP server calls this)."""
        with self._lock:
            return self._injected_text("upload", fault) or files.receive_upload(self._ws, key, data)

    def receive_response(self, key: str, body: bytes, fault: str | None = None) -> tuple[int, str]:
        """A response URL handed out by response_url() (the HTTP server calls this)."""
        with self._lock:
            return self._injected_text("response", fault) or response_urls.receive(self._ws, key, body)

    def _injected_text(self, route: str, fault: str | None) -> tuple[int, str] | None:
        """Record a fault on an upload or response URL; the answer when it fails before applying."""
        if fault is None:
            return None
        self._injected.append(InjectedFault(route, fault, fault.startswith("lost_"), self._ws.now()))
        return None if fault.startswith("lost_") else (STATUS.get(fault, 0), fault)

    # --- fault injection --------------------------------------------------------------------------

    def fail_next(self, method: str, *, error: str | None = None, status: int = 200, retry_after: int | None = None,
                  times: int = 1, when: Callable[[dict[str, Any]], bool] | None = None) -> None:
        """Make the next `times` calls of `method` (those `when(args)` accepts) fail.

        status=429 answers `ratelimited` with a Retry-After header (retry_after, default 1; 0 is allowed);
        status=500/503 answer a server error; status=200 needs the Slack `error` to answer.
        """
        if error is None and status not in FAULT_ERRORS:
            raise ValueError(f"say which error a status-{status} failure of {method} answers")
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._lock:
            self._faults.append(_Fault(method, error or FAULT_ERRORS[status], status, retry_after, times, when))

    def inject_faults(self, faults: RandomFaults | None) -> None:
        """From now on a share of calls fail as `faults` draws (None: no more random faults)."""
        with self._lock:
            self._random_faults = faults

    def draw_fault(self, route: str, content: str) -> str | None:
        """The random fault this call gets, if any (the HTTP server asks before handling each request)."""
        faults = self._random_faults
        return faults.draw(route, content) if faults is not None else None

    def hold(self) -> None:
        """Keep a connection unanswered past the client's timeout (a `timeout` fault), or until stop()."""
        faults = self._random_faults
        self._stopping.wait(faults.hold_seconds if faults is not None else 0)

    def injected_faults(self) -> list[InjectedFault]:
        """Every random fault injected so far, in order."""
        with self._lock:
            return list(self._injected)

    # --- seeding ----------------------------------------------------------------------------------

    def add_user(self, name: str, email: str | None = None, real_name: str | None = None, deleted: bool = False,
                 can_dm: bool = True, locale: str = "en-US") -> str:
        """A person in the workspace; `deleted` is a deactivated account, `can_dm=False` one the bot may not DM;
        `locale` the language they chose in Slack."""
        with self._lock:
            user = User(self._ws.new_id("U"), name, email, real_name or name, deleted=deleted, can_dm=can_dm,
                        locale=locale)
            self._ws.users[user.id] = user
            return user.id

    def set_locale(self, user_id: str, locale: str) -> None:
        """The person picks another language in Slack (users.info shows it with include_locale)."""
        with self._lock:
            self._ws.users[user_id].locale = locale

    def deactivate(self, user_id: str) -> dict[str, Any]:
        """An admin deactivates the person (as Slack does: the account stays, `deleted` true); returns them as
        users.info shows them now (what the `user_change` event carries)."""
        with self._lock:
            user = self._ws.users[user_id]
            user.deleted = True
            self._ws.log("workspace", "admin", [transcript.said(msg("demo.log.deactivated", user=f"@{user.name}"))])
            return user.to_api(self._ws.team_id)

    def add_channel(self, name: str, bot_is_member: bool = True, is_private: bool = False,
                    members: Iterable[str] = ()) -> str:
        """A channel someone else created; the bot is in it if `bot_is_member`, and so are `members`."""
        with self._lock:
            try:
                check_channel_name(name)
            except SlackError as refused:
                raise ValueError(f"{name!r}: {refused.error}") from None
            if self._ws.find_conversation(name):
                raise ValueError(f"{name!r}: name_taken")
            ws = self._ws
            joined = [ws.bot_user_id] if bot_is_member else []
            conv = Conversation(ws.new_id("C"), name, int(ws.now()), "USLACKBOT", is_private=is_private,
                                members=joined + [m for m in members if m not in joined])
            ws.conversations[conv.id] = conv
            return conv.id

    def add_message(self, channel: str, text: str, user: str, *, blocks: list[dict[str, Any]] | None = None,
                    thread_ts: str | None = None) -> str:
        """A message a person posted (the bot cannot edit it); returns its ts."""
        with self._lock:
            conv = self._conversation(channel)
            content = {"text": text, **({"blocks": blocks} if blocks else {})}
            return self._ws.post(conv, user, content, thread_ts=thread_ts)["ts"]

    def add_scheduled_message(self, channel: str, text: str, post_at: float, author: str | None = None) -> str:
        """A pending scheduled message (author: the bot by default; the bot sees only its own via the API)."""
        with self._lock:
            ws = self._ws
            sid = ws.new_id("Q")
            ws.scheduled[sid] = {"id": sid, "channel_id": self._conversation(channel).id, "post_at": int(post_at),
                                 "date_created": int(ws.now()), "author": author or ws.bot_user_id,
                                 "content": {"text": text}, "thread_ts": None}
            return sid

    def issue_trigger_id(self, user_id: str | None = None) -> str:
        """A trigger id as Slack puts in an interaction payload: 3 s by the sandbox clock, usable once."""
        with self._lock:
            return views.issue_trigger_id(self._ws, user_id)

    def response_url(self, user_id: str | None = None, channel_id: str | None = None,
                     message_ts: str | None = None) -> str:
        """A response URL as Slack puts in an interaction payload; what is POSTed there is applied and recorded."""
        with self._lock:
            return response_urls.issue(self._ws, user_id, channel_id, message_ts)

    def open_home(self, user_id: str, tab: str = "home") -> dict[str, Any]:
        """The person opens the app's Home (or Messages) tab: the `app_home_opened` event Slack sends then, with the
        app's direct conversation and the Home view published for them before, if any."""
        with self._lock:
            return copy.deepcopy(views.home_opened(self._ws, user_id, tab))

    def set_home_tab(self, enabled: bool) -> None:
        """The app's manifest enables the Home tab (or not: views.publish of a Home answers not_enabled)."""
        with self._lock:
            self._ws.home_tab_enabled = enabled

    def log_action(self, user_id: str, what: str, channel: str | None = None) -> None:
        """Put something a person did (ran a command, clicked a button) into the transcript."""
        with self._lock:
            conv = self._ws.find_conversation(channel) if channel else None
            self._ws.log(self._ws.where(conv) if conv else "Slack", self._ws.mention(user_id), [what])

    # --- introspection ----------------------------------------------------------------------------

    def _conversation(self, ref: str) -> Conversation:
        conv = self._ws.find_conversation(ref)
        if conv is None:
            raise KeyError(f"no conversation {ref!r}")
        return conv

    def _read(self, produce: Callable[[Workspace], Any]) -> Any:
        with self._lock:
            self._ws.deliver_due_scheduled()
            return copy.deepcopy(produce(self._ws))

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """The messages of a conversation (by id or name), oldest first, thread replies included."""
        return self._read(lambda ws: self._conversation(channel).messages)

    def pins(self, channel: str) -> list[dict[str, Any]]:
        """The pinned messages of a conversation, in the order they were pinned."""
        def produce(ws: Workspace) -> list[dict[str, Any] | None]:
            conv = self._conversation(channel)
            return [ws.find_message(conv, ts) for ts in conv.pins]
        return self._read(produce)

    def bookmarks(self, channel: str) -> list[dict[str, Any]]:
        return self._read(lambda ws: self._conversation(channel).bookmarks)

    def channel(self, ref: str) -> dict[str, Any] | None:
        """A conversation (by id, or name with or without `#`) as conversations.info shows it, plus `members`."""
        def produce(ws: Workspace) -> dict[str, Any] | None:
            conv = ws.find_conversation(ref)
            return {**conv.to_api(ws.bot_user_id, num_members=True), "members": conv.members} if conv else None
        return self._read(produce)

    def channel_by_name(self, name: str) -> dict[str, Any] | None:
        return self.channel(name if name.startswith("#") else f"#{name}")

    def user(self, user_id: str) -> dict[str, Any] | None:
        """A person as users.info shows them, or None."""
        return self._read(lambda ws: ws.users[user_id].to_api(ws.team_id) if user_id in ws.users else None)

    def conversations(self) -> list[dict[str, Any]]:
        """Every conversation: its id, and its `name` as the transcript shows it (#channel, DM @person)."""
        return self._read(lambda ws: [{"id": c.id, "name": ws.where(c)} for c in ws.conversations.values()])

    def entries(self) -> list[transcript.Entry]:
        """The transcript's entries, in the order they happened."""
        return self._read(lambda ws: ws.entries)

    def dm_channel(self, user_id: str) -> str | None:
        return self._read(lambda ws: (conv.id if (conv := ws.dm_with(user_id)) else None))

    def ephemeral_messages(self, user_id: str | None = None) -> list[dict[str, Any]]:
        """Messages only one person saw (chat.postEphemeral and ephemeral response_url replies)."""
        return self._read(lambda ws: [e for e in ws.ephemerals if user_id in (None, e["user"])])

    def responses(self) -> list[dict[str, Any]]:
        """Everything POSTed to response URLs: the URL's user/channel/message_ts and the `body`."""
        return self._read(lambda ws: ws.responses)

    def views_opened(self) -> list[dict[str, Any]]:
        """Modals opened or pushed, in order, as they are now (after any views.update)."""
        return self._read(lambda ws: [v for v in ws.views.values() if v["type"] == "modal"])

    def view(self, view_id: str) -> dict[str, Any] | None:
        return self._read(lambda ws: ws.views.get(view_id))

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        return self._read(lambda ws: ws.views.get(ws.home_views.get(user_id, "")))

    def scheduled_messages(self) -> list[dict[str, Any]]:
        """All pending scheduled messages, whoever scheduled them: id, channel_id, post_at, author, content."""
        return self._read(lambda ws: list(ws.scheduled.values()))

    def files(self) -> list[dict[str, Any]]:
        """Completed uploads as files.info shows them, plus their bytes under `content`."""
        return self._read(lambda ws: [{**files.describe(ws, r), "content": r["content"]}
                                      for r in ws.files.values() if r["completed"]])

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def transcript(self) -> str:
        """What each person would have seen in Slack, in time order, as readable text."""
        return self._read(lambda ws: transcript.render(ws.entries))


def main(argv: list[str] | None = None) -> None:
    """Run the sandbox standalone so a real bot can be pointed at it; prints the transcript when stopped."""
    parser = argparse.ArgumentParser(prog="python -m sandbox.slack_api", description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3333)
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the bot token the sandbox accepts")
    parser.add_argument("--users", default="", help="people to seed, comma-separated names")
    parser.add_argument("--channels", default="", help="channels to seed (the bot is in them), comma-separated")
    options = parser.parse_args(argv)
    sandbox = SlackSandbox((options.token,), host=options.host, port=options.port).start()
    print(f"Slack sandbox Web API at {sandbox.api_url} (SLACK_API_URL), bot token {sandbox.token}", flush=True)
    for name in filter(None, options.users.split(",")):
        print(f"  user @{name}: {sandbox.add_user(name, email=f'{name}@sandbox.example')}")
    for name in filter(None, options.channels.split(",")):
        print(f"  channel #{name}: {sandbox.add_channel(name)}")
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        stopped.wait()
    except KeyboardInterrupt:
        pass
    print(sandbox.transcript(), flush=True)
    sandbox.stop()


if __name__ == "__main__":
    main()
