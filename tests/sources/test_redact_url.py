"""redact_url: userinfo and token-like parameters out of every URL shown in a message or a log line."""
from hypothesis import given
from hypothesis import strategies as st

from sources.http import redact_url

SECRET_NAMES = ["token", "access_token", "api_key", "apikey", "key", "secret", "client_secret", "password", "sig",
                "X-Amz-Signature", "auth_token"]
secrets = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=8, max_size=40)
SECRET_WORDS = {"token", "accesstoken", "apikey", "key", "secret", "password", "passwd", "pwd", "sig", "signature",
                "credential", "auth", "session"}
plain = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)


def test_examples():
    assert redact_url("https://user:pass@feeds.example/rss?q=acme&token=abc#top") == \
        "https://***@feeds.example/rss?q=acme&token=***#top"
    assert redact_url("https://feeds.example/rss?api_key=abc;sig=x") == "https://feeds.example/rss?api_key=***;sig=***"
    assert redact_url("see https://t@h.example/a?x=1 and http://h.example/b?secret=s") == \
        "see https://***@h.example/a?x=1 and http://h.example/b?secret=***"
    assert redact_url("https://mastodon.social/@acme?monkey=1&keyword=x") == \
        "https://mastodon.social/@acme?monkey=1&keyword=x"


@given(scheme=st.sampled_from(["http", "https"]), user=secrets, password=secrets, host=plain,
       path=st.lists(plain, max_size=3), name=st.sampled_from(SECRET_NAMES), value=secrets,
       others=st.lists(st.tuples(plain, plain), max_size=3), fragment=st.booleans())
def test_no_secret_survives(scheme, user, password, host, path, name, value, others, fragment):
    query = "&".join([f"{k}={v}" for k, v in others] + [f"{name}={value}"])
    url = f"{scheme}://{user}:{password}@{host}.example/{'/'.join(path)}?{query}" + (f"#{name}={value}" if fragment
                                                                                     else "")
    redacted = redact_url(url)
    assert user not in redacted and password not in redacted and value not in redacted
    assert redacted.startswith(f"{scheme}://***@{host}.example/") and all(f"{k}={v}" in redacted for k, v in others)
    assert redact_url(redacted) == redacted


@given(host=plain, path=st.lists(plain, max_size=3), params=st.lists(st.tuples(plain, plain), max_size=4))
def test_urls_without_secrets_are_unchanged(host, path, params):
    params = [(k, v) for k, v in params if k.removesuffix("s") not in SECRET_WORDS]
    url = f"https://{host}.example/{'/'.join(path)}" + ("?" + "&".join(f"{k}={v}" for k, v in params) if params else "")
    assert redact_url(url) == url
