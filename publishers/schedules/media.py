"""The media of a paused post fetched again from where its scheduler showed them, to be attached once more when the
post is resumed: a failure names the file (never a token) and leaves the post paused, nothing posted without it."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from crisis.errors import PublishFailed
from crisis.monitor.mentions import SourceDown
from sources.http import HttpClient, redact_url

MAX_MEDIA_BYTES = 100_000_000
"""The largest file fetched (Mastodon takes videos up to 99 MB, images up to 16 MB)."""


@dataclass(frozen=True)
class MediaFile:
    name: str
    data: bytes
    content_type: str


def is_url(reference: str) -> bool:
    """A stored media reference that is a link (else it is the provider's own media id)."""
    return urlsplit(reference).scheme in ("http", "https")


def fetch_media(url: str, http: HttpClient | None = None) -> MediaFile:
    """The file at `url` (fetched without credentials: media live on a CDN of their own); PublishFailed, not
    permanent, when it cannot be had, so people can try again or attach it by hand."""
    client = http or HttpClient(timeout=30.0, max_bytes=MAX_MEDIA_BYTES)
    try:
        response = client.get(url)
    except SourceDown as failure:
        raise PublishFailed(f"the attached file {redact_url(url)[:200]} could not be fetched again "
                            f"({failure})") from None
    name = urlsplit(url).path.rpartition("/")[2] or "media"
    kind = response.headers.get("Content-Type", "application/octet-stream").split(";")[0].strip()
    return MediaFile(name, response.body, kind)
