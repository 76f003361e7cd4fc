"""What drives a spike: the terms, hashtags and linked URLs whose share of mentions rose most against a
baseline (with counts), the split by platform, by source and by language with each one's negative share, and the
most shared posts. Pure: mentions in, numbers out; people see them through crisis.monitor.views."""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from crisis.monitor.language import language_code
from crisis.monitor.mentions import Mention, platform_of

TOP = 5
"""Items shown per kind (terms, hashtags, links) and slices per split."""
MIN_COUNT = 3
"""An item carried by fewer mentions of the window is never a driver."""
MIN_LIFT = 1.5
"""An item's smoothed share must be at least this many times its baseline share to count as risen."""
SHARED = 3

_MARKUP = re.compile(r"<[^<>]{0,500}>")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
_HASHTAG = re.compile(r"[#＃](\w*[^\W\d_]\w*)")
_WORD = re.compile(r"[^\W\d_]\w*")
_KEY_WORD = re.compile(r"#?[^\W\d_]\w*")
"""A word, or a hashtag marked by its #."""
_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_TRAILING = ".,;:!?)]}'\"’”…"
_TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|si|ref|ref_src|ref_url|"
                       r"s|t|cmpid|_ga|_hsenc|_hsmi|mkt_tok|yclid|spm)$", re.IGNORECASE)
STOPWORDS = frozenset("""
a about above after again against all almost also am an and any are aren arent as at be because been before
being below between both but by can cannot cant could couldn did didn didnt do does doesn doesnt doing don dont
down during each either else even ever every few for from further get gets getting got had hadn hadnt has hasn
hasnt have haven havent having he her here hers herself him himself his how however i if im in into is isn isnt
it its itself ive just let lets like me more most much must my myself neither no nor not now of off on once only
or other our ours ourselves out over own per rather re same shall she should shouldn shouldnt since so some such
than that thats the their theirs them themselves then there theres these they theyre this those though through
thus till to too under until up upon us very via was wasn wasnt we were weren werent what whats when where which
while who whom whose why will with within without won wont would wouldn wouldnt yet you youd youll your youre
yours yourself yourselves youve amp http https www com rt
""".split()) | frozenset("""
aan al alle als alleen ben bij dan dat de deze die dit door echt een en er even geen had heb hebben heeft het hier
hij hoe hun ik in is je jij jou jullie kan kunnen maar me met mij mijn moet moeten na naar niet nog nu of om onze
ons ook op over te toch tot u uit van voor waar wat was we wel werd weer wie wij wordt worden ze zij zijn zo zou
""".split())
"""Function words of English, then of Dutch (a general list, written by hand: nothing learned from mention data)."""


@dataclass(frozen=True)
class Riser:
    """A term, hashtag or link: the mentions carrying it in the window and the baseline, and how much its share rose
    (`lift`: smoothed window share / smoothed baseline share; None without a baseline)."""

    text: str
    count: int
    share: float
    baseline_count: int
    baseline_share: float | None
    lift: float | None


@dataclass(frozen=True)
class Slice:
    """The window's mentions from one platform, source or language: how many, their share, the negative share among
    the scored ones (None when none was scored), and the share it had of the baseline."""

    name: str
    count: int
    share: float
    negative_share: float | None
    baseline_share: float | None


@dataclass(frozen=True)
class SharedPost:
    """A post and its copies in the window (reposts, near-identical texts): how many, by how many authors."""

    mention: Mention
    copies: int
    authors: int


@dataclass(frozen=True)
class Drivers:
    """What drove the mentions of `term` in [start, end) against the `baseline_mentions` before it."""

    term: str
    start: datetime
    end: datetime
    mentions: int
    baseline_mentions: int
    terms: tuple[Riser, ...] = ()
    hashtags: tuple[Riser, ...] = ()
    links: tuple[Riser, ...] = ()
    platforms: tuple[Slice, ...] = ()
    sources: tuple[Slice, ...] = ()
    shared: tuple[SharedPost, ...] = ()
    languages: tuple[Slice, ...] = ()
    """Every language of the window, largest first ("" for a mention whose language nobody knows); unscored ones
    (a language without a scorer) are counted with a negative share of None."""

    @property
    def multilingual(self) -> bool:
        """More than one language in the window: only then is the split by language worth showing."""
        return len(self.languages) > 1


@dataclass(frozen=True)
class _Features:
    terms: frozenset[str]
    hashtags: frozenset[str]
    links: frozenset[str]
    copy_key: str
    """Its words and hashtags in order, lowercase, without "rt": the same for a post and its copies."""


def drivers(term: str, start: datetime, end: datetime, window: Sequence[Mention],
            baseline: Sequence[Mention]) -> Drivers:
    """The drivers of `window` (the mentions of the spike) against `baseline` (mentions from before it)."""
    extract = _extractor(term)
    now, before = _counts(window, extract), _counts(baseline, extract)
    n, nb = len(window), len(baseline)
    return Drivers(
        term=term, start=start, end=end, mentions=n, baseline_mentions=nb,
        terms=risers(now[0], n, before[0], nb), hashtags=risers(now[1], n, before[1], nb),
        links=risers(now[2], n, before[2], nb),
        platforms=split(window, baseline, platform_of), sources=split(window, baseline, lambda m: m.feed),
        shared=most_shared(window, lambda m: extract(m.text).copy_key),
        languages=split(window, baseline, language_of, top=None))


def language_of(mention: Mention) -> str:
    """The mention's language code ("nl" for "nl-BE"), "" when neither its source nor the detector knew it."""
    return language_code(mention.language) or ""


def risers(window: Counter[str], n: int, baseline: Counter[str], nb: int, top: int = TOP) -> tuple[Riser, ...]:
    """The items whose share rose most, ranked by their excess: mentions carrying them beyond what their
    baseline share predicts. Shares are add-one smoothed, so an item seen a few times never outranks a
    common one by its ratio alone; without a baseline, the most frequent items."""
    found = []
    for item, count in window.items():
        if count < MIN_COUNT:
            continue
        before = baseline.get(item, 0)
        if nb:
            expected = (before + 1) / (nb + 1)
            lift = ((count + 1) / (n + 1)) / expected
            if lift < MIN_LIFT:
                continue
            excess = count - n * expected
        else:
            lift, excess = None, float(count)
        found.append((-excess, -count, item, Riser(item, count, count / n, before, before / nb if nb else None, lift)))
    return tuple(entry[-1] for entry in sorted(found)[:top])


def split(window: Sequence[Mention], baseline: Sequence[Mention], key: Callable[[Mention], str],
          top: int | None = TOP) -> tuple[Slice, ...]:
    """The window's mentions by `key` (platform, source or language), largest first (the `top` ones; None: all),
    each with its negative share."""
    counts: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    for mention in window:
        name = key(mention)
        counts[name] += 1
        if mention.label != "unscored":
            scored[name] += 1
            negative[name] += mention.label == "negative"
    before = Counter(key(m) for m in baseline)
    n, nb = len(window), len(baseline)
    return tuple(
        Slice(name, count, count / n, negative[name] / scored[name] if scored[name] else None,
              before[name] / nb if nb else None)
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top])


def most_shared(window: Sequence[Mention], key: Callable[[Mention], str], top: int = SHARED
                ) -> tuple[SharedPost, ...]:
    """The posts with the most copies in the window (reposts and near-identical texts: the same `key`, e.g. the same
    words once links, handles, numbers and punctuation are left out), then the most authors; each shown by its
    earliest copy."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in window:
        if copy := key(mention):
            groups[copy].append(mention)
    ranked = sorted(groups.values(), key=lambda copies: (
        -len(copies), -len({m.author for m in copies}), min(m.created_at for m in copies)))
    return tuple(SharedPost(min(copies, key=lambda m: (m.created_at, m.source_id)), len(copies),
                            len({m.author for m in copies})) for copies in ranked[:top] if len(copies) > 1)


def normalise_link(url: str) -> str:
    """A link as people compare it: host (lowercase, without www.) and path, without tracking parameters
    (utm_*, fbclid, ...), fragment, trailing slash or trailing punctuation; "" for what is not a web link."""
    url = url.rstrip(_TRAILING)
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not _HOST.match(host):
        return ""
    host = host.removeprefix("www.")
    path = quote(parts.path, safe="/%:@!$&'()*+,;=-._~").rstrip("/")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return host + path + (f"?{quote(query, safe='=&%+')}" if query else "")


def features(text: str, term_words: frozenset[str]) -> _Features:
    """The terms, hashtags and links one mention carries (each once), and its copy key."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    words: list[str] = []
    hashtags: list[str] = []
    links: set[str] = set()
    for token in text.split():  # one look at each token's start: much faster than one regex over the text
        first = token[0]
        if first in "@＠":
            continue
        if first in "#＃" and (hashtag := _HASHTAG.match(token)):
            hashtags.append(hashtag[1])
            words.append("#" + hashtag[1])
            token = token[hashtag.end():]
        elif "://" in token or token[:4].lower() == "www.":
            links.update(_URL.findall(token))
            token = _URL.sub(" ", token)
        words.append(token)
    lowered = _KEY_WORD.findall(" ".join(words).lower())
    terms = {w for w in lowered if len(w) > 2 and w[0] != "#"} - STOPWORDS - term_words
    return _Features(frozenset(terms), frozenset(h.casefold() for h in hashtags) - term_words,
                     frozenset(filter(None, map(_link, links))), " ".join(w for w in lowered if w != "rt"))


_link = lru_cache(maxsize=50_000)(normalise_link)
"""normalise_link, remembered: the same links come back in many mentions."""


def _extractor(term: str) -> Callable[[str], _Features]:
    """features() for the monitored term (its words and its hashtag form are never drivers), cached per text:
    reposts and copies are extracted once."""
    words = [w.casefold() for w in _WORD.findall(term)]
    term_words = frozenset(words) | {"".join(words), term.casefold()}
    cache: dict[str, _Features] = {}

    def extract(text: str) -> _Features:
        found = cache.get(text)
        if found is None:
            found = cache[text] = features(text, term_words)
        return found

    return extract


def _counts(mentions: Iterable[Mention], extract: Callable[[str], _Features]
            ) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per kind, how many mentions carry each item."""
    terms: list[str] = []
    hashtags: list[str] = []
    links: list[str] = []
    for mention in mentions:
        found = extract(mention.text)
        terms.extend(found.terms)
        hashtags.extend(found.hashtags)
        links.extend(found.links)
    return Counter(terms), Counter(hashtags), Counter(links)
