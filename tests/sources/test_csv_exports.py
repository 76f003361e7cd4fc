"""CSV exports (score, export-labels, backtest warnings): a cell a spreadsheet would run as a formula is inert."""
import csv
from datetime import UTC, datetime

import pytest

from crisis.i18n import spreadsheet_safe
from crisis.monitor.backtest import BacktestWarning
from crisis.monitor.mentions import Mention
from crisis.monitor.sentiment import CrisisScorer
from sources.analyst_files import score_file, write_labels, write_warnings

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1", "\r=1"]
AT = datetime(2026, 11, 25, 9, tzinfo=UTC)


def rows(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_cells_get_a_quote_and_plain_cells_numbers_stay(text):
    assert spreadsheet_safe(text) == "'" + text
    assert [spreadsheet_safe(v) for v in ("-0.42", "+3", "so slow", "a=b", "", 1.5)] == \
        ["-0.42", "+3", "so slow", "a=b", "", 1.5]


def test_score_output(tmp_path):
    source = tmp_path / "mentions.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["id", "author", "text"])
        writer.writeheader()
        writer.writerows({"id": str(n), "author": "@ann", "text": text} for n, text in enumerate(FORMULAS))
    score_file(source, tmp_path / "scored.csv", CrisisScorer())
    scored = rows(tmp_path / "scored.csv")
    assert [r["text"] for r in scored] == ["'" + text for text in FORMULAS]
    assert {r["author"] for r in scored} == {"'@ann"}
    assert all(float(r["sentiment_compound"]) <= 1 for r in scored)  # numbers stay numbers


def test_export_labels(tmp_path):
    labelled = [(Mention("file:x", str(n), "@a", text, "", AT, term="acme", feed="x"), "negative")
                for n, text in enumerate(FORMULAS)]
    write_labels(tmp_path / "labels.csv", labelled)
    assert [r["text"] for r in rows(tmp_path / "labels.csv")] == ["'" + text for text in FORMULAS]


def test_backtest_warnings(tmp_path):
    write_warnings(tmp_path / "warnings.csv", [BacktestWarning("2026-11-25 09:00:00", "=cmd", -1)])
    [row] = rows(tmp_path / "warnings.csv")
    assert (row["timestamp"], row["kind"], row["level"]) == ("2026-11-25 09:00:00", "'=cmd", "-1")
