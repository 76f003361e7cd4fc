"""The README and docs/ against the code: the command table is whole, and the modules they name exist."""
from __future__ import annotations

import re
from pathlib import Path

from handlers.commands import SUB_COMMANDS

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _using_it_table() -> list[str]:
    """The lines from the first row of the README's command table to the first line that is not a row."""
    lines = (ROOT / "README.md").read_text().split("## Using it", 1)[1].splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(first, len(lines)) if not lines[i].startswith("|")), len(lines))
    return lines[first:end]


def test_the_readme_command_table_is_one_table_with_a_row_per_command():
    rows = {match[1] for line in _using_it_table() if (match := re.match(r"\| `/crisis (\w+)", line))}
    assert rows == set(SUB_COMMANDS)


def test_the_source_files_the_docs_name_exist():
    tops = {path.name for path in ROOT.iterdir() if path.is_dir()}
    missing = [(doc.name, name) for doc in DOCS for name in re.findall(r"`(\w+(?:/\w+)+\.py)", doc.read_text())
               if name.split("/")[0] in tops and not (ROOT / name).exists()]
    assert missing == []
