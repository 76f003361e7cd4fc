"""Near-identical mention texts: how much of a bucket its largest group of copies takes (spam, coordination)."""

import re
from collections.abc import Sequence

from crisis.monitor.mention_text import clean

SHINGLE_CHARS = 5
MAX_TEXTS = 300  # a bucket's share of copies is estimated on its first texts
MAX_GROUPS = 100  # distinct groups a text is compared with

_NOT_LETTERS = re.compile(r"[\W\d_]+")


def normalise(text: str) -> str:
    """The words of a mention without links, handles, digits, punctuation or case."""
    return " ".join(_NOT_LETTERS.sub(" ", clean(text).lower()).split())


def shingles(text: str) -> frozenset[str]:
    """Overlapping character n-grams of a normalised text (the text itself when shorter)."""
    if len(text) <= SHINGLE_CHARS:
        return frozenset({text})
    return frozenset(text[i:i + SHINGLE_CHARS] for i in range(len(text) - SHINGLE_CHARS + 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets."""
    return len(a & b) / len(a | b) if a or b else 1.0


def largest_copy_share(texts: Sequence[str], threshold: float) -> float:
    """Share of `texts` in their largest group of near-identical copies (similarity >= threshold)."""
    texts = texts[:MAX_TEXTS]
    if not texts:
        return 0.0
    group_of: dict[str, int] = {}
    representatives: list[frozenset[str]] = []
    sizes: list[int] = []
    for text in texts:
        key = normalise(text)
        group = group_of.get(key)
        if group is None:
            mark = shingles(key)
            group = next((g for g, rep in enumerate(representatives[:MAX_GROUPS])
                          if similarity(mark, rep) >= threshold), None)
            if group is None:
                group = len(sizes)
                representatives.append(mark)
                sizes.append(0)
            group_of[key] = group
        sizes[group] += 1
    return max(sizes) / len(texts)
