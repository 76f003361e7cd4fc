"""How long a statement is on each target: characters counted the way each platform counts them (X weighs URLs,
emoji and CJK; Bluesky counts graphemes), and the text cut into posts of a thread where a platform threads."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from crisis.plan import CrisisPlan, Target
from crisis.statements.model import Statement

URL_LENGTH = 23
"""X (and Mastodon) count every link as this many characters, whatever its real length."""

class LengthCheck(NamedTuple):
    count: int
    limit: int | None
    over: bool

def length_check(statement: Statement, plan: CrisisPlan, text: str | None = None) -> LengthCheck:
    """Characters of the current text (or `text`) as the target's platform counts them (its publisher's type,
    else the target's key), against its limit; a group target is checked against each target it includes, and
    the strictest check (the most over, else the closest to its limit) is its own."""
    text = statement.current.text if text is None else text
    target = plan.statements.target(statement.target)
    if target is None:
        return LengthCheck(count_characters(text, statement.target), None, False)
    members = [plan.statements.target(key) for key in target.includes] or [target]
    checks = [_check(text, member) for member in members if member is not None]
    limited = [check for check in checks if check.limit is not None]
    return max(limited, key=lambda c: c.count - (c.limit or 0)) if limited else checks[0]


def _check(text: str, target: Target) -> LengthCheck:
    count = count_characters(text, target.publisher.get("type", target.key))
    return LengthCheck(count, target.limit, target.limit is not None and count > target.limit)

def count_characters(text: str, target: str) -> int:
    """Count as the platform does, closely enough: X weighs text (links 23, CJK and emoji 2, NFC);
    Mastodon counts links as 23 and a remote @user@server as @user; Bluesky counts graphemes; everything else
    is len()."""
    if target == "x":
        return _x_length(text)
    if target == "bluesky":
        return len(graphemes(text))
    if target == "mastodon":
        for start, end in reversed(_scheme_spans(text)):
            text = text[:start] + "x" * URL_LENGTH + text[end:]
        return len(_REMOTE_MENTION.sub(lambda m: m.group(1), text))
    return len(text)

_GENERIC_TLDS = ("com|org|net|edu|gov|mil|int|info|biz|name|pro|aero|coop|museum|mobi|jobs|travel|app|dev|"
                 "blog|shop|online|site|store|tech|xyz|news|media|cloud|page|live|world|global|company")

_SCHEME_URL = re.compile(r"(?<![\w@])https?://[^\s<>\"]+", re.IGNORECASE)

_BARE_URL = re.compile(
    r"(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    rf"(?:(?P<generic>{_GENERIC_TLDS})|(?P<cc>[a-z]{{2}}))"
    r"(?![\w-])(?::\d{1,5})?(?P<path>[/?#][^\s<>\"]*)?",
    re.IGNORECASE)

_TRAILING = ".,;:!?'\")]}"

_REMOTE_MENTION = re.compile(r"(?<![\w@])(@\w+)@[\w.-]+\w")

_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
"""Code points X counts as one character; every other counts as two (twitter-text v3 config)."""

_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2300, 0x23FF), (0x2B00, 0x2BFF), (0x3030, 0x3030),
                 (0x303D, 0x303D), (0x3297, 0x3299), (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C),
                 (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139), (0x2194, 0x21AA))

_EMOJI_TAIL = {0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))

_ZWJ = 0x200D

_KEYCAP_BASE = set(map(ord, "#*0123456789"))

def _scheme_spans(text: str) -> list[tuple[int, int]]:
    """The http(s) links of a text, without the punctuation that ends a sentence or closes a bracket after them (X
    and Mastodon both leave it out of the link)."""
    return [(m.start(), m.start() + len(m.group(0).rstrip(_TRAILING))) for m in _SCHEME_URL.finditer(text)]

def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans X turns into t.co links: http(s) URLs, and bare domains (a country-code domain only with a path)."""
    spans = _scheme_spans(text)
    for match in _BARE_URL.finditer(text):
        if any(s <= match.start() < e for s, e in spans):
            continue
        if match.group("cc") and not match.group("path"):
            continue
        spans.append((match.start(), match.start() + len(match.group(0).rstrip(_TRAILING))))
    return sorted(spans)

def _x_length(text: str) -> int:
    text = unicodedata.normalize("NFC", text)
    count, position = 0, 0
    for start, end in url_spans(text):
        count += _x_weigh(text[position:start]) + URL_LENGTH
        position = end
    return count + _x_weigh(text[position:])

def _x_weigh(text: str) -> int:
    points = [ord(c) for c in text]
    count, i = 0, 0
    while i < len(points):
        cp = points[i]
        if 0x1F1E6 <= cp <= 0x1F1FF and i + 1 < len(points) and 0x1F1E6 <= points[i + 1] <= 0x1F1FF:
            count, i = count + 2, i + 2  # a flag
            continue
        keycap = cp in _KEYCAP_BASE and (points[i + 1:i + 2] == [0x20E3] or points[i + 1:i + 3] == [0xFE0F, 0x20E3])
        if keycap or _is_emoji(cp, points[i + 1] if i + 1 < len(points) else None):
            i += 1
            while i < len(points):  # modifiers, variation selectors, tags and ZWJ-joined parts: one emoji
                if points[i] in _EMOJI_TAIL:
                    i += 1
                elif points[i] == _ZWJ and i + 1 < len(points):
                    i += 2
                else:
                    break
            count += 2
            continue
        count += 1 if any(lo <= cp <= hi for lo, hi in _LIGHT) else 2
        i += 1
    return count

def _is_emoji(cp: int, following: int | None) -> bool:
    if not any(lo <= cp <= hi for lo, hi in _EMOJI_RANGES):
        return False
    # text-default symbols (©, ™, ↔ ...) are emoji only when asked for with U+FE0F
    return cp >= 0x2300 or following == 0xFE0F


def graphemes(text: str) -> list[str]:
    """The text as user-perceived characters (Unicode extended grapheme clusters, closely enough: combining
    marks, emoji modifiers, variation selectors, ZWJ sequences, flags, keycaps, Hangul jamo and CR LF stay with
    their base)."""
    clusters: list[str] = []
    for char in text:
        if clusters and _joins(clusters[-1], ord(char)):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters

def split_posts(text: str, fits: Callable[[str], bool]) -> list[str]:
    """The text as a thread: the fewest posts, each cut after a sentence where one fits, else between words
    (a word longer than a post is cut between graphemes); one post when the whole text fits."""
    text = text.strip()
    posts: list[str] = []
    while text and not fits(text):
        cut = _longest_fit(text, fits)
        posts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*posts, text] if text or not posts else posts

def _longest_fit(text: str, fits: Callable[[str], bool]) -> int:
    """Where to end the next post: the last sentence end that fits, else the last space, else the last grapheme."""
    for pattern in (r"[.!?…](?=\s)", r"\s"):
        ends = [m.end() for m in re.finditer(pattern, text)]
        best = next((end for end in reversed(ends) if text[:end].strip() and fits(text[:end].rstrip())), None)
        if best is not None:
            return best
    cut = 0
    for cluster in graphemes(text):
        if not fits(text[:cut + len(cluster)]):
            break
        cut += len(cluster)
    return max(cut, len(graphemes(text)[0]))

_REGIONAL = range(0x1F1E6, 0x1F200)
_EXTENDERS = {_ZWJ, 0x20E3} | set(range(0xFE00, 0xFE10)) | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
_HANGUL_L, _HANGUL_V, _HANGUL_T = range(0x1100, 0x1160), range(0x1160, 0x11A8), range(0x11A8, 0x1200)

def _joins(cluster: str, cp: int) -> bool:
    last = ord(cluster[-1])
    if last == 0x0D:
        return cp == 0x0A
    if last == 0x0A or unicodedata.category(cluster[-1]) == "Cc":
        return False
    if cp in _EXTENDERS or unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc"):
        return True
    if last == _ZWJ:
        return len(cluster) > 1
    if cp in _REGIONAL and last in _REGIONAL:
        return sum(ord(c) in _REGIONAL for c in cluster) % 2 == 1
    return _hangul_joins(last, cp)

def _hangul_joins(last: int, cp: int) -> bool:
    syllable = 0xAC00 <= last <= 0xD7A3
    if last in _HANGUL_L:
        return cp in _HANGUL_L or cp in _HANGUL_V or 0xAC00 <= cp <= 0xD7A3
    if last in _HANGUL_V or (syllable and (last - 0xAC00) % 28 == 0):
        return cp in _HANGUL_V or cp in _HANGUL_T
    return (last in _HANGUL_T or syllable) and cp in _HANGUL_T
