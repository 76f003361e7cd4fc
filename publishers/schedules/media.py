"""A paused post's files fetched from the links its scheduler showed: copied at pause (kept in the database) and,
for a file with no copy, at resume. A failure names the file (never a token)."""
from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from crisis.errors import PublishFailed
from crisis.monitor.mentions import SourceDown
from crisis.schedules.model import MediaCopy
from sources.http import HttpClient, redact_url

MAX_MEDIA_BYTES = 100_000_000
"""The largest file fetched (Mastodon takes videos up to 99 MB, images up to 16 MB)."""


def is_url(reference: str) -> bool:
    """A stored media reference that is a link (else it is the provider's own media id)."""
    return urlsplit(reference).scheme in ("http", "https")


def media_client() -> HttpClient:
    # a 99 MB video needs longer than three timeouts on a modest link
    return HttpClient(timeout=30.0, max_bytes=MAX_MEDIA_BYTES, total=600.0)


def fetch_media(url: str, http: HttpClient | None = None) -> MediaCopy:
    """The file at `url` (fetched without credentials: media live on a CDN of their own); PublishFailed, not
    permanent, when it cannot be had."""
    try:
        response = (http or media_client()).get(url)
    except SourceDown as failure:
        raise PublishFailed(f"the attached file {redact_url(url)[:200]} could not be fetched again "
                            f"({failure})") from None
    name = urlsplit(url).path.rpartition("/")[2] or "media"
    kind = response.headers.get("Content-Type", "application/octet-stream").split(";")[0].strip()
    return MediaCopy(url, name, kind, response.body)


def copies_of(media: Sequence[str], http: HttpClient | None = None) -> list[MediaCopy]:
    """A copy of each linked file, in order (media given by id are the provider's to keep)."""
    client = http or media_client()
    return [fetch_media(m, client) for m in media if is_url(m)]


def kept_or_fetched(reference: str, files: Sequence[MediaCopy], http: HttpClient | None = None) -> MediaCopy:
    """The copy kept of the file at pause, else the file fetched from its link now."""
    return next((f for f in files if f.reference == reference), None) or fetch_media(reference, http)
