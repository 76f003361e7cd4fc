"""Drill recordings from their files: times from the drill's start or recorded times, the example recording, and
refusals that name the recording and the line."""
from __future__ import annotations

import importlib.util
import json
from datetime import timedelta
from pathlib import Path

import pytest

from crisis.errors import BadInput, PlanError
from crisis.i18n import Msg, render
from crisis.monitor.recordings import DrillsPlan, parse_drills
from sources.drill_recordings import FileRecordings
from tests.crisis.plans import make_plan

REPO = Path(__file__).resolve().parents[2]


def recordings(tmp_path: Path, name: str, text: str) -> FileRecordings:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return FileRecordings(DrillsPlan({"wave": name}), tmp_path)


def said(refusal: BadInput, locale: str = "en") -> str:
    return render(Msg(refusal.key, refusal.params), locale=locale)


def test_rows_keep_their_time_from_the_drills_start_oldest_first(tmp_path):
    lines = [{"id": "b", "at": "15m", "text": "later"}, {"id": "a", "at": -7200, "text": "history"},
             {"at": "90", "text": "no id", "author": "@x", "language": "nl"}]
    loaded = recordings(tmp_path, "w.jsonl", "\n".join(json.dumps(row) for row in lines) + "\n").load("wave")
    assert [(r.at, r.mention.source_id) for r in loaded] == [
        (timedelta(hours=-2), "a"), (timedelta(seconds=90), "line-3"), (timedelta(minutes=15), "b")]
    assert loaded[1].mention.language == "nl" and loaded[1].mention.author == "@x"


def test_a_csv_with_recorded_times_counts_from_its_earliest(tmp_path):
    text = "id,created_at,text\n1,2024-03-01T10:05:00Z,second\n2,2024-03-01T10:00:00Z,first\n"
    loaded = recordings(tmp_path, "w.csv", text).load("wave")
    assert [(r.at, r.mention.text) for r in loaded] == [(timedelta(0), "first"), (timedelta(minutes=5), "second")]


@pytest.mark.parametrize("text, line, problem", [
    ('{"at": 1, "text": "ok"}\n{"at": 2, "text": \n', 2, "not valid JSON"),
    ('{"at": 1, "text": "ok"}\n\n{"text": "no time"}\n', 3, "created_at is missing"),
    ('{"at": "soon", "text": "x"}\n', 1, "'soon' is not a time"),
    ('{"at": 5}\n', 1, "text is missing"),
])
def test_a_malformed_row_is_refused_with_its_line(tmp_path, text, line, problem):
    with pytest.raises(BadInput) as refused:
        recordings(tmp_path, "w.jsonl", text).load("wave")
    assert refused.value.key == "error.bad_recording"
    assert refused.value.params["line"] == line and problem in said(refused.value)


@pytest.mark.parametrize("name, text, problem", [
    ("w.jsonl", '{"at": 1, "text": "ok"}\n{"at": 2, "text": \n', "regel 2: geen geldige JSON."),
    ("w.jsonl", '[1]\n', "regel 1: geen JSON-object."),
    ("w.jsonl", '{"text": "no time"}\n', "regel 1: at (de tijd vanaf de start van de oefening, bv. -2d of 90s) of "
                                        "created_at ontbreekt."),
    ("w.jsonl", '{"at": "soon", "text": "x"}\n', "regel 1: at: 'soon' is geen tijd vanaf de start van de oefening"),
    ("w.jsonl", '{"at": "90d", "text": "x"}\n', "regel 1: at: meer dan 60 dagen van de start van de oefening."),
    ("w.jsonl", '{"at": 5}\n', "regel 1: text ontbreekt."),
    ("w.jsonl", '{"at": 5, "text": "x", "author": 5.5}\n', "regel 1: author moet tekst zijn."),
    ("w.csv", "id,body\n1,x\n", "regel 1: een CSV-opname begint met een kopregel die een kolom text heeft."),
    ("w.csv", "text,created_at\nx,soon\n", "regel 2: created_at: 'soon' is geen ISO 8601-tijd."),
])
def test_a_recordings_problem_reads_in_the_readers_language(tmp_path, name, text, problem):
    """The problem is the catalog's, not English inside a Dutch sentence."""
    with pytest.raises(BadInput) as refused:
        recordings(tmp_path, name, text).load("wave")
    assert problem in said(refused.value, "nl")


def test_an_unknown_name_and_a_missing_file_are_refused_clearly(tmp_path):
    found = FileRecordings(DrillsPlan({"wave": "gone.jsonl"}), tmp_path)
    with pytest.raises(BadInput) as unknown:
        found.load("meteor")
    assert (unknown.value.key, unknown.value.params["choices"]) == ("error.unknown_recording", "wave")
    with pytest.raises(BadInput) as missing:
        found.load("wave")
    assert missing.value.key == "error.unreadable_recording" and "no file gone.jsonl" in said(missing.value)
    assert "(geen bestand gone.jsonl)" in said(missing.value, "nl")


def test_the_example_plans_recording_has_history_before_a_wave():
    plan = make_plan(drills={"recordings": {"complaint-wave": "examples/drill-recording.jsonl"}})
    loaded = FileRecordings(plan.drills, REPO).load("complaint-wave")
    before = [r for r in loaded if r.at <= timedelta(0)]
    assert before[0].at < -timedelta(days=3) and len(loaded) - len(before) > 200


@pytest.mark.parametrize("section, path", [
    ({"recordings": {"wave": "x.txt"}}, "drills.recordings.wave"),
    ({"recordings": {"Bad Name": "x.jsonl"}}, "drills.recordings.Bad Name"),
    ({"recordings": ["x.jsonl"]}, "drills.recordings"),
    ({"replays": {}}, "drills.replays"),
    ("wave", "drills"),
])
def test_the_plans_drills_section_is_checked_with_key_paths(section, path):
    with pytest.raises(PlanError) as broken:
        parse_drills(section)
    assert broken.value.path == path
    with pytest.raises(PlanError):
        make_plan(drills=section)


def test_a_plan_names_its_recordings():
    assert make_plan(drills={"recordings": {"wave": " w.csv "}}).drills.recordings == {"wave": "w.csv"}
    assert make_plan().drills.recordings == {}


def test_the_example_recording_is_what_its_generator_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_drill_recording", REPO / "examples" / "make_drill_recording.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.main([str(tmp_path / "out.jsonl")])
    assert (tmp_path / "out.jsonl").read_bytes() == (REPO / "examples" / "drill-recording.jsonl").read_bytes()
