"""Write examples/mentions-demo.jsonl: the demo's stream of brand mentions, deterministic and seeded.

The story: Acme Coffee, a coffee-shop chain. Four quiet days of ordinary mentions (Saturday
2026-11-21 to Tuesday 2026-11-24) with a daily rhythm and a weekend dip, a harmless spam burst on
Sunday afternoon, a few Dutch, Spanish and German mentions throughout; then on Wednesday
2026-11-25 at about 14:00 UTC a promoted ad video ("Night Shift") is read as mocking nurses and
the mentions explode until the stream ends at 18:00 UTC. Each mention names its network (`platform`), as a
listening tool's export does; the wave runs mostly on X and TikTok.

The Dutch stream (`--lang nl`, examples/mentions-demo-nl.jsonl, played by `crisisbot demo --lang nl`) tells the
same story at the same moments for Acme Koffie's Dutch shops: Dutch texts (demo_mention_texts_nl.py) with a few
English, German and French ones, the daily rhythm on Amsterdam's clock.

Run `python examples/make_demo_mentions.py [--lang nl] [OUTPUT]`: the same bytes every time (fixed seed, no
clock, standard library only). All texts are written for this project.
"""
from __future__ import annotations

import importlib
import json
import math
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

SEED = 20261125
START = datetime(2026, 11, 21, tzinfo=timezone.utc)  # a Saturday
END = datetime(2026, 11, 25, 18, tzinfo=timezone.utc)
BUCKET = timedelta(minutes=5)
WAVE_START = datetime(2026, 11, 25, 14, tzinfo=timezone.utc)
SPAM_START = datetime(2026, 11, 22, 15, 10, tzinfo=timezone.utc)
SPAM_MINUTES = 40
OUTPUTS = {"en": Path(__file__).with_name("mentions-demo.jsonl"),
           "nl": Path(__file__).with_name("mentions-demo-nl.jsonl")}
TEXTS = {"en": "demo_mention_texts", "nl": "demo_mention_texts_nl"}
SITE = "https://social.example"
PLATFORMS = {  # the network a listening tool says each post is on (weights): the ad's wave runs on X and TikTok
    "ordinary": ((45, "X"), (25, "Instagram"), (15, "Facebook"), (15, "TikTok")),
    "wave": ((55, "X"), (30, "TikTok"), (10, "Instagram"), (5, "Facebook")),
}

# Mentions per 5 minutes on a weekday, at the middle of each hour on the shops' clock (the texts' ZONE).
WEEKDAY_RATE = (2.4, 2.0, 1.8, 1.7, 1.8, 2.2, 3.0, 4.4, 5.6, 6.0, 6.5, 7.8,
                10.5, 11.0, 9.0, 8.4, 8.0, 7.4, 6.4, 5.6, 4.8, 4.0, 3.3, 2.8)
WEEKEND_FACTOR = 0.75  # 10:00-21:00 on a weekend: no commute, no office crowd
WEEKEND_MORNING_FACTOR = 0.6  # 06:00-10:00 on a weekend: people sleep in
# The wave: times the normal volume, by minutes since WAVE_START (linear in between).
WAVE = ((0, 1.0), (5, 4.0), (10, 8.5), (15, 10.5), (30, 11.0), (60, 11.0), (120, 10.0), (240, 9.5))
SPAM_RATE = 32.0  # spam posts per 5 minutes during the burst

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the texts sit next to this script


def texts_of(language: str) -> ModuleType:
    """The words of the stream in `language` (demo_mention_texts.py, demo_mention_texts_nl.py)."""
    return importlib.import_module(TEXTS[language])


# --- generation ----------------------------------------------------------------------------------

class _Slots(dict):
    """format_map source: each slot filled from its choices on first use."""

    def __init__(self, rng: random.Random, slots: dict[str, tuple[str, ...]], fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self.rng, self.slots = rng, slots

    def __missing__(self, key: str) -> str:
        base = key.rstrip("0123456789")
        choices = self.slots[base]
        value = self.rng.choice(choices)
        while base != key and value in self.values() and len(choices) > 1:  # drink2 != drink
            value = self.rng.choice(choices)
        self[key] = value
        return value


_A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=[aeiouAEIOU])")


def fill(rng: random.Random, template: str, slots: dict[str, tuple[str, ...]], english: bool = True,
         **fixed: str) -> str:
    """The template with its slots filled; in English "a" before a vowel becomes "an" ("an iced latte")."""
    text = re.sub(" {2,}", " ", template.format_map(_Slots(rng, slots, fixed))).strip()
    return _A_BEFORE_VOWEL.sub(r"\1n ", text) if english else text


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method (means here stay well below 700)."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def normal_rate(moment: datetime, zone: ZoneInfo | None = None) -> float:
    """Expected ordinary mentions in the 5 minutes from `moment` (time-of-day rhythm on `zone`'s clock, default
    UTC; weekend dip)."""
    moment = moment.astimezone(zone) if zone is not None else moment
    hours = moment.hour + moment.minute / 60 + 2.5 / 60 - 0.5
    low = math.floor(hours)
    share = hours - low
    rate = WEEKDAY_RATE[low % 24] * (1 - share) + WEEKDAY_RATE[(low + 1) % 24] * share
    if moment.weekday() >= 5 and 6 <= moment.hour < 21:
        rate *= WEEKEND_MORNING_FACTOR if moment.hour < 10 else WEEKEND_FACTOR
    return rate


def wave_factor(moment: datetime) -> float:
    """Times the normal volume the wave brings in the 5 minutes from `moment` (1 before it)."""
    minutes = (moment - WAVE_START).total_seconds() / 60 + 2.5
    if minutes < 0:
        return 1.0
    for (m0, f0), (m1, f1) in pairwise(WAVE):
        if minutes <= m1:
            return f0 + (f1 - f0) * (minutes - m0) / (m1 - m0)
    return WAVE[-1][1]


class _Authors:
    """Handles: a pool of ordinary people (some regulars), fresh voices for the wave, bots for spam."""

    def __init__(self, rng: random.Random, texts: ModuleType) -> None:
        self.rng, self.texts = rng, texts
        self.used: set[str] = set()
        self.regulars = [self.fresh() for _ in range(250)]

    def fresh(self) -> str:
        rng = self.rng
        while True:
            first, second = rng.choice(self.texts.FIRST), rng.choice(self.texts.SECOND)
            style = rng.random()
            if style < 0.4:
                handle = f"{first}_{second}"
            elif style < 0.7:
                handle = f"{first}{second}{rng.randint(1, 99)}"
            else:
                handle = f"{second}{first}" if len(second) > 2 else f"{first}{second}{rng.randint(70, 2005)}"
            if handle not in self.used:
                self.used.add(handle)
                return "@" + handle

    def ordinary(self) -> str:
        return self.rng.choice(self.regulars) if self.rng.random() < 0.3 else self.fresh()

    def bot(self) -> str:
        rng = self.rng
        while True:
            handle = rng.choice(self.texts.SPAM_WORDS) + "_" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789")
                                                           for _ in range(6))
            if handle not in self.used:
                self.used.add(handle)
                return "@" + handle


def _decorate(rng: random.Random, text: str, mood: str, slots: dict[str, tuple[str, ...]]) -> str:
    """A mention's small habits: a trailing emoji or hashtag, typing all in lowercase."""
    roll = rng.random()
    if roll < 0.18:
        text += " " + rng.choice(slots["neg_emoji"] if mood == "negative" else slots["pos_emoji"])
    elif roll < 0.30:
        text += " " + rng.choice(slots["tag"])
    if rng.random() < 0.1:
        text = text.lower()
    return text


def moment_phrase(rng: random.Random, when: datetime, texts: ModuleType) -> str:
    """A phrase for when it happened that fits the hour on the shops' clock (most of the time)."""
    if rng.random() < 0.15:
        return rng.choice(texts.SLOTS["moment"])
    hour = when.astimezone(ZoneInfo(texts.ZONE)).hour
    phrases = next(p for first, last, p in texts.MOMENTS if first <= hour <= last)
    return rng.choice(phrases)


def ordinary_text(rng: random.Random, when: datetime, texts: ModuleType) -> tuple[str, str]:
    """(text, language) of an everyday mention posted at `when`."""
    if rng.random() < texts.FOREIGN_SHARE:
        language = rng.choice(sorted(texts.FOREIGN))
        return fill(rng, rng.choice(texts.FOREIGN[language]), texts.FOREIGN_SLOTS, english=language == "en"
                    and texts.ENGLISH_ARTICLES), language
    group = _weighted(rng, texts.ORDINARY)
    mood = "negative" if group is texts.COMPLAINTS else "other"
    text = fill(rng, rng.choice(group), texts.SLOTS, english=texts.ENGLISH_ARTICLES,
                moment=moment_phrase(rng, when, texts))
    return _decorate(rng, text, mood, texts.SLOTS), texts.LANGUAGE


def crisis_text(rng: random.Random, texts: ModuleType) -> tuple[str, str]:
    """(text, language) of a mention of the wave."""
    roll = rng.random()
    if roll < texts.CRISIS_FOREIGN_SHARE:
        language = rng.choice(sorted(texts.CRISIS_FOREIGN))
        return fill(rng, rng.choice(texts.CRISIS_FOREIGN[language]), texts.FOREIGN_SLOTS, english=False), language
    if roll < texts.CRISIS_FOREIGN_SHARE + 0.012:
        return rng.choice(texts.CRISIS_EMOJI_ONLY), "und"
    if roll < texts.CRISIS_FOREIGN_SHARE + 0.03:
        return fill(rng, rng.choice(texts.CRISIS_HTML), texts.CRISIS_SLOTS, english=texts.ENGLISH_ARTICLES), \
            texts.LANGUAGE
    group = _weighted(rng, texts.CRISIS_WEIGHTS)
    text = fill(rng, rng.choice(group), texts.CRISIS_SLOTS, english=texts.ENGLISH_ARTICLES)
    if rng.random() < 0.25 and "#" not in text and "://" not in text:
        text += " " + rng.choice(texts.CRISIS_SLOTS["tag"])
    if group is texts.CRISIS_NEGATIVE and rng.random() < 0.12:
        text = text.upper() if rng.random() < 0.3 else text.lower()
    elif rng.random() < 0.08:
        text = text.lower()
    return text, texts.LANGUAGE


def spam_text(rng: random.Random, texts: ModuleType) -> str:
    code = "".join(rng.choice("abcdefghijkmnopqrstuvwxyz0123456789") for _ in range(7))
    return (f"{rng.choice(texts.SPAM_OPENERS)} {rng.choice(texts.SPAM_EMOJI)} {rng.choice(texts.SPAM_MIDDLES)} "
            f"https://win-prizes.example/{code} {rng.choice(texts.SPAM_ENDS)}")


def _weighted(rng: random.Random, groups):
    total = sum(weight for weight, _ in groups)
    pick = rng.random() * total
    for weight, group in groups:
        pick -= weight
        if pick < 0:
            return group
    return groups[-1][1]


def build(seed: int = SEED, language: str = "en") -> list[dict[str, str]]:
    """All mentions of the demo in `language`'s stream, sorted by time, as the JSON objects written to the file."""
    texts = texts_of(language)
    zone = ZoneInfo(texts.ZONE)
    rng = random.Random(seed)
    authors = _Authors(rng, texts)
    rows: list[tuple[datetime, str, str, str]] = []  # (time, author, text, language)

    def at(start: datetime) -> datetime:
        return start + timedelta(seconds=rng.randrange(300))

    moment = START
    spam_end = SPAM_START + timedelta(minutes=SPAM_MINUTES)
    while moment < END:
        normal = normal_rate(moment, zone)
        for _ in range(poisson(rng, normal)):
            when = at(moment)
            text, spoken = ordinary_text(rng, when, texts)
            rows.append((when, authors.ordinary(), text, spoken))
        extra = normal * (wave_factor(moment) - 1)
        for _ in range(poisson(rng, extra)):
            text, spoken = crisis_text(rng, texts)
            author = authors.ordinary() if rng.random() < 0.1 else authors.fresh()
            rows.append((at(moment), author, text, spoken))
        if SPAM_START <= moment < spam_end:
            for _ in range(poisson(rng, SPAM_RATE)):
                rows.append((at(moment), authors.bot(), spam_text(rng, texts), texts.LANGUAGE))
        moment += BUCKET
    rant_at = WAVE_START + timedelta(minutes=47, seconds=31)
    tags = texts.CRISIS_SLOTS["tag"]
    rows.append((rant_at, authors.fresh(), fill(rng, texts.RANT, texts.CRISIS_SLOTS, tag=tags[2], tag2=tags[4]),
                 texts.LANGUAGE))
    rows.sort(key=lambda row: row[0])
    mentions, number = [], 310_000
    networks = random.Random(seed + 1)  # its own stream: the texts and times stay those of the seed alone
    for when, author, text, language in rows:
        number += rng.randint(1, 9)
        mentions.append({
            "id": str(number),
            "created_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "author": author,
            "text": text,
            "url": f"{SITE}/{author}/{number}",
            "language": language,
            "platform": _weighted(networks, PLATFORMS["wave" if when >= WAVE_START else "ordinary"]),
        })
    return mentions


def render(mentions: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in mentions).encode("utf-8")


def main(argv: list[str]) -> int:
    args = argv[1:]
    language = "en"
    if args[:1] == ["--lang"]:
        language, args = args[1], args[2:]
    path = Path(args[0]) if args else OUTPUTS[language]
    data = render(build(language=language))
    path.write_bytes(data)
    lines = data.count(b"\n")
    print(f"wrote {path}: {lines} mentions, {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
