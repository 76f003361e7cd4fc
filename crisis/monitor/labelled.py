"""Labelled mentions read for training: the checks on labels, and each scorable text's reading (cleaned text,
language, VADER scores, crisis cues), shared by the n-gram and encoder tiers so a text is read once."""

from collections.abc import Sequence
from dataclasses import dataclass

from crisis.monitor.sentiment import LABELS, CrisisScorer, VaderReading, languages_of


@dataclass(frozen=True)
class LabelledReadings:
    """Labelled texts read for training: each scorable text's reading and label (its index in LABELS), and how
    many texts there were in all (the unscorable ones are left out)."""

    readings: list[VaderReading]
    targets: list[int]
    total: int


def read_labelled(
    texts: Sequence[str],
    labels: Sequence[str],
    languages: Sequence[str | None] | None = None,
    reader: CrisisScorer | None = None,
) -> LabelledReadings:
    """Check the labels and read the texts in whatever languages they are (`languages`: a tag each, None where
    the detector is to tell); ValueError when a label is unknown, the lengths differ or nothing is scorable."""
    if len(texts) != len(labels):
        raise ValueError(f"got {len(texts)} texts but {len(labels)} labels")
    unknown = sorted({str(label) for label in labels if label not in LABELS})
    if unknown:
        raise ValueError(f"unknown labels {unknown}: use {', '.join(LABELS)}")
    reader = reader or CrisisScorer()
    readings, targets = [], []
    for text, label, language in zip(texts, labels, languages_of(texts, languages)):
        reading = reader.read(text, language, any_language=True)
        if reading is not None:
            readings.append(reading)
            targets.append(LABELS.index(label))
    if not readings:
        raise ValueError("no scorable text to train on")
    return LabelledReadings(readings, targets, len(texts))
