"""The ingest webhook: token-checked JSON batches, all or nothing, with a 4xx and a reason for every refusal."""
import io
import json
import threading
import urllib.request
from urllib.error import HTTPError
from wsgiref.simple_server import WSGIRequestHandler, make_server
from wsgiref.util import setup_testing_defaults

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisis.monitor.mentions import BadMentions
from sources.webhook import ingest_app
from tests.sources.helpers import NOW, source_config

TOKENS = {"LISTENER_TOKEN": "t0k3n"}
GOOD = {"id": "a1", "text": "acme lost my bag", "created_at": "2024-11-04T09:30:00+01:00", "author": "sam",
        "url": "https://x.example/a1", "language": "en"}


class Store:
    def __init__(self):
        self.batches = []

    def accept(self, source, mentions):
        self.batches.append((source, mentions))
        return len(mentions) - 1


@pytest.fixture
def store():
    return Store()


@pytest.fixture
def app(store):
    sources = [source_config("webhook", name="listener", token_env="LISTENER_TOKEN"),
               source_config("webhook", name="unset", token_env="UNSET_TOKEN"),
               source_config("rss", name="press", url="https://news.example/feed")]
    return ingest_app(sources, store.accept, lambda: NOW, environ_tokens=TOKENS, max_bytes=2_000_000, max_items=5_000)


class Unreadable(io.RawIOBase):
    def read(self, size=-1):
        raise AssertionError("the body must not be read")


def call(app, path="/ingest/listener", body=b"", method="POST", headers=None, token="t0k3n", length=None):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "wsgi.input": io.BytesIO(body),
               "CONTENT_LENGTH": str(len(body)) if length is None else length}
    if token:
        environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    environ.update(headers or {})
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    payload = b"".join(app(environ, start_response))
    assert answer["headers"]["Content-Type"].startswith("application/json")
    return answer["status"], json.loads(payload)


def batch(*items):
    return json.dumps(list(items)).encode()


def test_a_good_batch_is_accepted_in_one_call(app, store):
    second = GOOD | {"id": "a2", "text": "😡😡"}
    status, answer = call(app, body=batch(GOOD, second))
    assert (status, answer) == (200, {"ok": True, "received": 2, "stored": 1})
    [(source, mentions)] = store.batches
    assert source == "listener"
    assert [(m.source, m.feed, m.term, m.source_id) for m in mentions] == [
        ("webhook:listener", "listener", "acme", "a1"), ("webhook:listener", "listener", "acme", "a2")]
    assert mentions[0].created_at.isoformat() == "2024-11-04T08:30:00+00:00"


@pytest.mark.parametrize("claimed", ["twitter", "rss:press", "webhook:other", "", None, 5])
def test_an_item_cannot_choose_its_source(app, store, claimed):
    """Mentions are filed under the route's source whatever an item says: no collisions with another source's ids."""
    status, _ = call(app, body=batch(GOOD | {"source": claimed}))
    assert status == 200 and store.batches[0][1][0].source == "webhook:listener"


def test_an_item_names_its_platform_and_stays_under_the_webhooks_source(app, store):
    """A listening tool passes on posts from many networks: each item's `platform` is kept (one line, cut to 100
    characters; anything but a string is ignored), while the dedupe source stays the webhook's."""
    items = [GOOD | {"platform": "TikTok"}, GOOD | {"id": "a2", "platform": " X\n\x00<!here>" + "y" * 200},
             GOOD | {"id": "a3", "platform": 7}, GOOD | {"id": "a4"}]
    assert call(app, body=batch(*items))[0] == 200
    mentions = store.batches[0][1]
    assert {m.source for m in mentions} == {"webhook:listener"}
    assert [m.platform for m in mentions] == ["TikTok", ("X  <!here>" + "y" * 200)[:100], "", ""]


def test_control_characters_and_lone_surrogates_are_stripped_from_every_field(app, store):
    dirty = {"id": "a\x00\x1b1\n", "text": "lost\x00 my\ud800 bag\n", "author": "s\x00am\tk\u2028",
             "url": "https://x.exam\x00ple/a1\r\n", "language": "e\x00n\x7f", "created_at": GOOD["created_at"]}
    assert call(app, body=json.dumps([dirty]).encode())[0] == 200
    [mention] = store.batches[0][1]
    assert (mention.source_id, mention.text, mention.author, mention.url, mention.language) == (
        "a1", "lost  my  bag\n", "s am k\u2028", "https://x.example/a1", "en")
    fields = (mention.source_id, mention.text, mention.author, mention.url, mention.language)
    assert all(field.encode("utf-8") and "\x00" not in field for field in fields)


def test_a_numeric_author_is_kept_as_its_digits(app, store):
    """Some listening tools send the author's numeric user id."""
    assert call(app, body=batch(GOOD | {"author": 12345}, GOOD | {"id": "a2", "author": 0}))[0] == 200
    assert [m.author for m in store.batches[0][1]] == ["12345", "0"]


@pytest.mark.parametrize("author", [True, {"name": "sam"}, ["sam"], 1.5])
def test_an_author_that_is_no_name_is_refused_naming_the_author_field(app, store, author):
    status, answer = call(app, body=batch(GOOD | {"author": author}))
    assert status == 422 and answer["errors"] == [{"index": 0, "error": "author must be a string"}]


def test_direction_controls_are_removed_from_the_author_and_platform_but_kept_in_the_text(app, store):
    """U+202E and its kin make a name in chat read otherwise than it was written; the scorer reads the text."""
    item = GOOD | {"author": "\u202eacme_support\u2066\u200f", "platform": "\u202aTikTok\u202c",
                   "text": "\u202ethis is fine"}
    assert call(app, body=batch(item))[0] == 200
    [mention] = store.batches[0][1]
    assert (mention.author, mention.platform, mention.text) == ("acme_support", "TikTok", "\u202ethis is fine")


def test_mentions_the_monitor_refuses_are_a_422_with_reasons(store):
    def expired(source, mentions):
        raise BadMentions([(1, "created_at 2020-01-01 00:00 is older than the 30 days the plan keeps mentions")])

    app = ingest_app([source_config("webhook", name="listener", token_env="LISTENER_TOKEN")], expired, lambda: NOW,
                     environ_tokens=TOKENS)
    status, answer = call(app, body=batch(GOOD, GOOD | {"id": "a2"}))
    assert status == 422 and answer["error"] == "1 of 2 mentions are invalid; none were stored"
    assert answer["errors"] == [{"index": 1, "error": "created_at 2020-01-01 00:00 is older than the 30 days the "
                                                      "plan keeps mentions"}]


def test_the_token_may_come_in_its_own_header(app, store):
    status, _ = call(app, body=batch(GOOD), token=None, headers={"HTTP_X_CRISISBOT_TOKEN": "t0k3n"})
    assert status == 200 and len(store.batches) == 1


def test_an_empty_array_is_fine_and_stores_nothing(app, store):
    assert call(app, body=b"[]") == (200, {"ok": True, "received": 0, "stored": 0})
    assert store.batches == []


@pytest.mark.parametrize("token", [None, "wrong", "t0k3n-and-more"])
def test_a_missing_or_wrong_token_is_401(app, store, token):
    status, answer = call(app, body=batch(GOOD), token=token)
    assert status == 401 and "token" in answer["error"] and store.batches == []


def test_a_source_without_a_configured_token_is_503(app):
    status, answer = call(app, path="/ingest/unset", body=batch(GOOD))
    assert status == 503 and "UNSET_TOKEN" in answer["error"]


@pytest.mark.parametrize("path", ["/ingest/nobody", "/ingest/press", "/ingest/", "/ingest/listener/extra"])
def test_unknown_or_non_webhook_sources_are_404(app, path):
    assert call(app, path=path, body=batch(GOOD))[0] == 404


def test_only_post_is_allowed(app):
    assert call(app, method="GET")[0] == 405


@pytest.mark.parametrize("body,error", [
    (b"{not json", "the body is not JSON"),
    (b'{"id": "a1"}', "send a JSON array of mentions"),
    (b"\xff\xfe\x00garbage", "the body is not JSON"),
    (b"[" * 100_000 + b"]" * 100_000, "the body is not JSON"),
])
def test_bad_json_is_400(app, store, body, error):
    status, answer = call(app, body=body)
    assert status == 400 and answer["error"].startswith(error) and store.batches == []


def test_one_bad_item_refuses_the_whole_batch_with_reasons(app, store):
    items = [GOOD, {"id": "a2", "created_at": "2024-11-04T09:00:00Z"}, GOOD | {"id": "a3", "created_at": None},
             GOOD | {"id": "a4", "created_at": "2099-01-01T00:00:00Z"}, "text", GOOD | {"id": ""}]
    status, answer = call(app, body=batch(*items))
    assert status == 422 and store.batches == []
    assert answer["ok"] is False
    assert answer["errors"] == [
        {"index": 1, "error": "text is missing"}, {"index": 2, "error": "created_at is missing"},
        {"index": 3, "error": "created_at 2099-01-01T00:00:00Z is in the future"},
        {"index": 4, "error": "a mention must be an object"}, {"index": 5, "error": "id is missing"}]


@pytest.mark.parametrize("created_at", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:30:00+01:00"])
def test_a_time_whose_utc_is_out_of_range_is_one_bad_item_not_a_500(app, store, created_at):
    status, answer = call(app, body=batch(GOOD, GOOD | {"id": "far", "created_at": created_at}))
    assert status == 422 and store.batches == []
    assert answer["errors"] == [{"index": 1, "error": f"created_at: '{created_at}' is out of range"}]


def test_at_most_twenty_errors_are_listed(app):
    status, answer = call(app, body=batch(*[{"id": str(i)} for i in range(50)]))
    assert status == 422 and len(answer["errors"]) == 20 and answer["error"].startswith("50 of 50")


def test_huge_texts_are_truncated_and_odd_texts_stored(app, store):
    items = [GOOD | {"id": "big", "text": "x" * 100_000}, GOOD | {"id": "bin", "text": "\x00\x01\x02"},
             GOOD | {"id": "html", "text": "<b>bad</b>"}, GOOD | {"id": "empty", "text": ""}]
    assert call(app, body=batch(*items))[0] == 200
    big, binary, html, empty = store.batches[0][1]
    assert big.truncated and len(big.text) == 10_000
    assert (binary.text, html.text, empty.text) == ("   ", "<b>bad</b>", "")


def test_a_declared_length_over_the_limit_is_413_without_reading(app, store):
    environ_input = {"wsgi.input": Unreadable()}
    status, answer = call(app, length="999999999", headers=environ_input)
    assert status == 413 and "smaller batches" in answer["error"]


@pytest.mark.parametrize("length,status", [("", 411), ("abc", 400), ("10", 400)])
def test_a_missing_or_wrong_content_length_is_refused(app, length, status):
    assert call(app, body=b"[]", length=length)[0] == status


def test_a_flood_of_ten_thousand_mentions_over_http_is_413(app, store):
    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, app, handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        flood = batch(*[GOOD | {"id": str(i)} for i in range(10_000)])
        request = urllib.request.Request(f"http://127.0.0.1:{server.server_port}/ingest/listener", data=flood,
                                         headers={"Authorization": "Bearer t0k3n", "Content-Type": "application/json"})
        with pytest.raises(HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        with refused.value:
            assert refused.value.code == 413
            error = json.loads(refused.value.read())["error"]
            assert error == "10000 mentions in one request; send at most 5000 per request"
        assert store.batches == []
    finally:
        server.shutdown()
        server.server_close()


def test_a_failing_store_is_a_json_500(store):
    def broken(source, mentions):
        raise RuntimeError("database is locked")

    app = ingest_app([source_config("webhook", name="listener", token_env="LISTENER_TOKEN")], broken, lambda: NOW,
                     environ_tokens=TOKENS)
    status, answer = call(app, body=batch(GOOD))
    assert status == 500 and answer == {"ok": False, "error": "the mentions could not be stored; try again later"}


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                     max_leaves=8)
_FIELD = st.sampled_from(["id", "text", "created_at", "author", "url", "language", "lang", "source", "source_id"])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.dictionaries(_FIELD, _JSON | st.sampled_from(["2024-11-04T09:30:00Z", 1730710000])) | _JSON,
                max_size=4))
def test_any_batch_is_stored_or_refused_with_reasons(items):
    store = Store()
    app = ingest_app([source_config("webhook", name="listener", token_env="LISTENER_TOKEN")], store.accept,
                     lambda: NOW, environ_tokens=TOKENS)
    status, answer = call(app, body=json.dumps(items).encode())
    assert status in (200, 422)
    if status == 422:
        assert store.batches == [] and all(error["error"] for error in answer["errors"])
    else:
        for mention in store.batches[0][1] if store.batches else []:
            fields = (mention.source_id, mention.text, mention.author, mention.url, mention.language or "")
            assert mention.source == "webhook:listener" and all("\x00" not in field for field in fields)


def test_a_token_mounted_from_a_file_with_its_newline_is_accepted(store):
    sources = [source_config("webhook", name="listener", token_env="LISTENER_TOKEN")]
    app = ingest_app(sources, store.accept, lambda: NOW, environ_tokens={"LISTENER_TOKEN": "t0k3n\n"})
    assert call(app, body=batch(GOOD))[0] == 200
    assert call(app, body=batch(GOOD), token="t0k3n-wrong")[0] == 401
