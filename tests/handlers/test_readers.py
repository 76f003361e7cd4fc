"""Each person's language is looked up in Slack once: replies to one person that need it at the same time share the
lookup, and it is kept for later ones."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from slack_sdk import WebClient

from handlers.readers import ReaderLocales
from sandbox.slack_api import SlackSandbox

WAIT = 10  # seconds: a bound on waiting for what is due, never a pause
REPLIES = 12


def test_replies_to_one_person_at_the_same_time_share_one_users_info_call():
    with SlackSandbox() as sandbox:
        person = sandbox.add_user("anouk")
        sandbox.set_locale(person, "nl-NL")
        in_slack, answer = threading.Event(), threading.Event()

        def slack_takes_its_time(_seconds: float) -> None:  # every call waits until the test lets Slack answer
            in_slack.set()
            assert answer.wait(WAIT)

        sandbox.latency, sandbox.sleep = 1.0, slack_takes_its_time
        asked, all_asked, count = [], threading.Event(), threading.Lock()

        def clock() -> float:  # each lookup reads the clock first: it tells when all of them have begun
            with count:
                asked.append(1)
                if len(asked) == REPLIES:
                    all_asked.set()
            return 1000.0

        readers = ReaderLocales(WebClient(token=sandbox.token, base_url=sandbox.api_url), clock=clock)
        with ThreadPoolExecutor(REPLIES) as replies:
            languages = [replies.submit(readers.locale, person) for _ in range(REPLIES)]
            assert all_asked.wait(WAIT) and in_slack.wait(WAIT)
            answer.set()
            assert [language.result(WAIT) for language in languages] == ["nl"] * REPLIES
        assert readers.locale(person) == "nl"  # kept: no call
        assert len(sandbox.calls_to("users.info")) == 1
