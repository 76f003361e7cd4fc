"""Replying as the brand to anyone's post (crisis.webcare.ports.Replier) on Mastodon (POST /api/v1/statuses with
in_reply_to_id and an Idempotency-Key, kept about an hour: a retry first looks for our reply among the account's
statuses), X (POST /2/tweets with reply.in_reply_to_tweet_id; no key: the account's recent posts are searched for
the reply's exact text under the same post before a retry or after a duplicate refusal) and a Facebook Page (a
comment, POST /{post-id}/comments; no key: the post's comments by the Page are searched the same way)."""
from __future__ import annotations

import html
from datetime import datetime
from urllib.parse import quote, urlsplit

from crisis.errors import PublishFailed
from crisis.i18n import Number, msg
from crisis.takedowns.ports import PostUnavailable
from crisis.webcare.model import PostSeen
from publishers import mastodon_posts, x_posts
from publishers.answers import decode, failure, iso_time, success
from publishers.facebook import API_VERSION, _failed, _graph_error
from publishers.facebook_posts import FacebookPosts
from publishers.mastodon import check_length, find_own
from publishers.once import same_text
from publishers.x import MAX_WEIGHT, _detail, _match, _parents, fits
from sources.http import HttpClient

_DUPLICATE = "duplicate content"


class MastodonReplies:
    """Replies as the account of `token` on `instance`. A status linked on another instance (most mentions in the
    fediverse) is found through the instance's search (GET /api/v2/search, resolve=true): Mastodon replies only to
    statuses it knows by its own id."""

    def __init__(self, instance: str, token: str, http: HttpClient | None = None) -> None:
        self._instance = instance.rstrip("/")
        self._posts = mastodon_posts.MastodonPosts(instance, token, http)
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()

    def recognise(self, url: str) -> str | None:
        """The status id on our instance; a status link of another instance (its path as Mastodon's) is kept whole
        and resolved when it is read."""
        local = self._posts.recognise(url)
        if local:
            return local
        path = urlsplit(url).path
        return url if any(p.match(path) for p in mastodon_posts._STATUS_PATHS) else None

    def _local(self, post_id: str) -> str:
        """Our instance's id of the status: itself, or what the search finds for another instance's link."""
        if post_id.isdigit():
            return post_id
        response = self._http.send("GET", f"{self._instance}/api/v2/search?q={quote(post_id, safe='')}"
                                   "&type=statuses&resolve=true&limit=1", self._headers)
        answer = success("Mastodon", response, mastodon_posts._error)
        found = answer.get("statuses") if isinstance(answer, dict) else None
        if not found or not isinstance(found[0], dict) or not str(found[0].get("id", "")).isdigit():
            raise PostUnavailable("gone", f"not found through the search of {urlsplit(self._instance).netloc}")
        return str(found[0]["id"])

    def fetch(self, post_id: str) -> PostSeen:
        post_id = self._local(post_id)
        response = self._http.send("GET", f"{self._instance}/api/v1/statuses/{post_id}", self._headers)
        if response.status == 404:
            raise PostUnavailable("gone", "Mastodon answered 404")
        status = success("Mastodon", response, mastodon_posts._error)
        account = status.get("account") if isinstance(status, dict) else None
        if not isinstance(account, dict):
            raise PublishFailed("Mastodon answered without the status's account")
        return PostSeen(f"@{account.get('acct', '')}", mastodon_posts._plain(str(status.get("content") or "")),
                        str(status.get("url") or ""))

    def reply(self, post_id: str, text: str, key: str, retried: bool, since: datetime) -> str:
        """Mastodon keeps an Idempotency-Key for about an hour: a retry within it gets the status already made; a
        retry (`retried`) first looks for our reply under the post among the account's statuses since `since`, as
        the key may be forgotten by then (publishers.mastodon.find_own)."""
        check_length(text)
        parent = self._local(post_id)
        found = find_own(self._http, self._instance, self._headers, text, since, in_reply_to=parent) if retried \
            else None
        if found:
            return found
        response = self._http.post_form(f"{self._instance}/api/v1/statuses", {
            "status": text, "in_reply_to_id": parent, "visibility": "public"}, {**self._headers,
                                                                    "Idempotency-Key": key})
        answer = success("Mastodon", response, mastodon_posts._error)
        url = answer.get("url") if isinstance(answer, dict) else None
        if not isinstance(url, str) or not url:
            raise PublishFailed(f"Mastodon answered {response.status} without a status URL")
        return url


class XReplies:
    """Replies as the user of `token` (scopes tweet.read, tweet.write, users.read)."""

    def __init__(self, token: str, api: str = "https://api.x.com", http: HttpClient | None = None) -> None:
        self._api = f"{api.rstrip('/')}/2"
        self._posts = x_posts.XPosts(token, api, http)
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()

    def recognise(self, url: str) -> str | None:
        return self._posts.recognise(url)

    def fetch(self, post_id: str) -> PostSeen:
        response = self._http.send("GET", f"{self._api}/tweets/{post_id}?expansions=author_id&user.fields=username",
                                   self._headers)
        post = self._posts._post(response)
        answer = decode(response)
        users = (answer.get("includes") or {}).get("users") if isinstance(answer, dict) else None
        author = next((u for u in users or [] if isinstance(u, dict) and u.get("id") == post.get("author_id")), {})
        name = str(author.get("username") or "")
        return PostSeen(f"@{name}" if name else str(post.get("author_id") or "?"),
                        html.unescape(str(post.get("text") or "")),
                        f"https://x.com/{name or 'i/web'}/status/{post_id}")

    def reply(self, post_id: str, text: str, key: str, retried: bool, since: datetime) -> str:
        if not fits(text):
            raise PublishFailed(msg("publish_reason.longer_than_a_post", platform="X", limit=Number(MAX_WEIGHT)),
                                permanent=True)
        found = self._find(text, post_id, since) if retried else None
        if found is None:
            response = self._http.send("POST", f"{self._api}/tweets", self._headers, json_body={
                "text": text, "reply": {"in_reply_to_tweet_id": post_id}})
            answer = decode(response)
            data = answer.get("data") if isinstance(answer, dict) else None
            if 200 <= response.status < 300 and isinstance(data, dict) and isinstance(data.get("id"), str):
                found = data["id"]
            elif response.status == 403 and _DUPLICATE in (_detail(answer) or "").lower():
                found = self._find(text, post_id, since)
            if found is None:
                raise failure("X", response, _detail(answer))
        return f"https://x.com/i/web/status/{found}"

    def _find(self, text: str, parent: str, since: datetime) -> str | None:
        """Our reply with this text under `parent` among the account's posts since `since`."""
        me = self._posts._user()["id"]
        start = since.strftime("%Y-%m-%dT%H:%M:%SZ")
        answer = success("X", self._http.send(
            "GET", f"{self._api}/users/{me}/tweets?max_results=100&start_time={start}"
                   "&tweet.fields=created_at,referenced_tweets", self._headers), _detail)
        posts = answer.get("data", []) if isinstance(answer, dict) else []
        return _match([p for p in posts if isinstance(p, dict) and _parents(p) == [parent]], text, parent)


class FacebookReplies:
    """Comments as the Page `page_id` (its Page access token) under posts on the Page."""

    def __init__(self, page_id: str, token: str, api: str = "https://graph.facebook.com",
                 api_version: str = API_VERSION, http: HttpClient | None = None) -> None:
        self._page = page_id
        self._graph = f"{api.rstrip('/')}/{api_version}"
        self._posts = FacebookPosts(page_id, token, api, api_version, http)
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()

    def recognise(self, url: str) -> str | None:
        return self._posts.recognise(url)

    def fetch(self, post_id: str) -> PostSeen:
        response = self._http.send("GET", f"{self._graph}/{post_id}?fields=id,message,from,permalink_url",
                                   self._headers)
        post = self._posts._answer(response)
        author = post.get("from") if isinstance(post.get("from"), dict) else {}
        return PostSeen(str(author.get("name") or author.get("id") or "?"), str(post.get("message") or ""),
                        str(post.get("permalink_url") or f"https://www.facebook.com/{post_id}"))

    def reply(self, post_id: str, text: str, key: str, retried: bool, since: datetime) -> str:
        found = self._find(post_id, text, since) if retried else None
        if found is None:
            response = self._http.send("POST", f"{self._graph}/{post_id}/comments", self._headers,
                                       form={"message": text})
            answer = decode(response)
            if not (200 <= response.status < 300 and isinstance(answer, dict) and isinstance(answer.get("id"), str)):
                raise _failed(response, _graph_error(answer))
            found = answer["id"]
        return f"https://www.facebook.com/{post_id}?comment_id={found.rpartition('_')[2]}"

    def _find(self, post_id: str, text: str, since: datetime) -> str | None:
        response = self._http.send("GET", f"{self._graph}/{post_id}/comments?fields=id,message,from,created_time"
                                   "&filter=stream&order=reverse_chronological&limit=100", self._headers)
        answer = decode(response)
        if not 200 <= response.status < 300 or not isinstance(answer, dict):
            raise _failed(response, _graph_error(answer), looking=True)
        for comment in answer.get("data") or []:
            if not isinstance(comment, dict) or (comment.get("from") or {}).get("id") != self._page:
                continue
            made = iso_time(str(comment.get("created_time", "")).replace("+0000", "+00:00"))
            if made is not None and made >= since and same_text(text, str(comment.get("message", ""))):
                return str(comment.get("id"))
        return None
