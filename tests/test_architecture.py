"""The dependency rule: handlers/ -> crisis/ <- db/, wired only in bot.py; crisis/ stays plain Python."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ADAPTER_LIBRARIES = {"slack_sdk", "slack_bolt", "sqlalchemy", "alembic", "apscheduler", "yaml", "psycopg"}
MONITOR_ONLY = {"vaderSentiment", "numpy"}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", modules("crisis"), ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_imports_no_adapter(path):
    used = imports(path)
    assert not used & ADAPTER_LIBRARIES, f"{path} imports {used & ADAPTER_LIBRARIES}"
    assert not used & {"handlers", "db", "bot", "config", "sandbox", "reports", "sources"}
    if "monitor" not in path.parts:
        assert not used & MONITOR_ONLY


def test_only_sentiment_module_imports_vader():
    users = [p for p in ROOT.glob("**/*.py") if ".venv" not in p.parts and "vaderSentiment" in imports(p)]
    assert [p.relative_to(ROOT).as_posix() for p in users if "tests" not in p.parts and "benchmarks" not in p.parts] \
        == ["crisis/monitor/sentiment.py"]


@pytest.mark.parametrize("package,forbidden", [
    ("handlers", {"db", "bot", "sandbox"}),
    ("db", {"handlers", "bot", "slack_sdk", "slack_bolt", "sources", "reports", "sandbox"}),
    ("sources", {"handlers", "db", "bot", "sandbox", "slack_sdk", "slack_bolt", "sqlalchemy"}),
    ("reports", {"handlers", "db", "bot", "sandbox", "sources", "slack_sdk", "slack_bolt", "sqlalchemy"}),
])
def test_adapters_do_not_import_each_other(package, forbidden):
    for path in modules(package):
        assert not imports(path) & forbidden, path


@pytest.mark.parametrize("package", ["crisis", "handlers", "db", "config", "sandbox", "sources", "reports"])
def test_every_module_says_what_it_owns(package):
    for path in modules(package):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path.name == "__init__.py" or tree.body:
            assert ast.get_docstring(tree), f"{path} has no module docstring"
