"""The dependency rule, as allow-lists per layer: crisis/ is plain Python, adapters around it, wired only in wiring/."""
from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crisis", "handlers", "db", "sources", "publishers", "config", "reports", "sandbox", "wiring", "cli",
            "benchmarks", "teams", "teams_sandbox")
OURS = frozenset(PACKAGES) | {"bot"}
ANY = frozenset({"*"})
MAX_LINES = 450
MAX_CRISIS_TOP_MODULES = 10
CATALOGS = ROOT / "crisis" / "i18n"


@dataclass(frozen=True)
class Layer:
    ours: frozenset[str]
    """Our packages (or dotted modules) it may import."""
    libraries: frozenset[str] = frozenset()
    """Third-party distributions it may import; the standard library is always allowed."""


def layer(ours: str, libraries: str = "") -> Layer:
    return Layer(frozenset(ours.split()), ANY if libraries == "*" else frozenset(libraries.split()))


ALLOWED = {
    "crisis": layer("crisis"),
    "crisis.monitor": layer("crisis", "vaderSentiment numpy py3langid"),
    # the encoder tier alone, imported only when asked for (the encoder extra)
    "crisis.monitor.encoder_sentiment": layer("crisis", "torch transformers tokenizers safetensors"),
    "db": layer("db crisis", "sqlalchemy alembic psycopg"),
    "handlers": layer("handlers crisis reports.charts", "slack_bolt slack_sdk"),
    "teams": layer("teams crisis", "microsoft_agents pydantic jwt httpx"),
    "teams_sandbox": layer("teams_sandbox", "jwt cryptography httpx"),
    "sources": layer("sources crisis", "feedparser httpx"),
    "publishers": layer("publishers crisis sources.http handlers.room.blocks handlers.block_kit handlers.slack_client "
                        "handlers.slack_once teams.cards teams.client teams.conversations", "httpx slack_sdk"),
    "config": layer("config crisis", "yaml"),
    "reports": layer("reports crisis", "matplotlib numpy jinja2 markupsafe PIL"),
    "sandbox": layer("sandbox crisis db handlers sources publishers config reports wiring teams.client teams_sandbox",
                     "slack_sdk slack_bolt sqlalchemy"),
    "wiring": layer("wiring crisis db handlers sources publishers config reports",
                    "apscheduler slack_bolt slack_sdk sqlalchemy waitress prometheus_client"),
    "wiring.teams": layer("wiring crisis db teams reports publishers.registry", "apscheduler sqlalchemy"),
    "cli": layer("cli wiring sandbox.demo sandbox.prevention_demo sandbox.teams_demo"),
    "bot": layer("cli"),
    "benchmarks": layer("crisis db handlers sources publishers config reports sandbox wiring", "*"),
}
"""Who may import what. Only cli/ imports wiring/ (and the sandbox and benchmarks, which run the same wiring on
loopback); only bot.py imports cli/."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def our_modules() -> dict[str, Path]:
    paths = [ROOT / "bot.py"] + [p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))]
    return {module_name(path): path for path in paths}


MODULES = our_modules()


def imported_names(path: Path) -> list[str]:
    """Every module `path` imports, at the top or inside functions; `from a import b` names a.b when that is
    one of our modules, else a. Imports under `if TYPE_CHECKING:` count too: a circle of type hints is still
    a circle (both circles issue #8 names ran through such blocks)."""
    found: list[str] = []
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append(full if full in MODULES else base)
    return found


def third_party(name: str) -> bool:
    top = name.split(".")[0]
    return top not in OURS and top not in sys.stdlib_module_names and top != "__future__"


def layer_of(module: str) -> Layer:
    key = max((k for k in ALLOWED if module == k or module.startswith(k + ".")), key=len)
    return ALLOWED[key]


def forbidden(module: str, imported: list[str]) -> list[str]:
    allowed = layer_of(module)
    refused = []
    for name in imported:
        if name.split(".")[0] in OURS:
            if not any(name == ok or name.startswith(ok + ".") for ok in allowed.ours):
                refused.append(name)
        elif third_party(name) and allowed.libraries != ANY and name.split(".")[0] not in allowed.libraries:
            refused.append(name)
    return refused


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_layer_imports_only_what_it_is_allowed(module):
    refused = forbidden(module, imported_names(MODULES[module]))
    assert not refused, f"{module} may not import {sorted(set(refused))}"


def import_graph() -> dict[str, set[str]]:
    """Our modules -> the modules of ours they import (the deepest one of ours each import names)."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        targets = set()
        for name in imported_names(path):
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path a -> ... -> a, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_import_circles():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_allow_lists_refuse_what_they_do_not_list():
    assert forbidden("crisis.room.services", ["sqlalchemy.orm", "handlers.app", "datetime"]) == \
        ["sqlalchemy.orm", "handlers.app"]
    assert forbidden("crisis.monitor.sentiment", ["vaderSentiment.vaderSentiment"]) == []
    assert forbidden("crisis.room.rules", ["vaderSentiment.vaderSentiment"]) == ["vaderSentiment.vaderSentiment"]
    assert forbidden("handlers.app", ["wiring.root", "cli.main", "db.uow"]) == ["wiring.root", "cli.main", "db.uow"]
    assert forbidden("sandbox.demo", ["cli.main"]) == ["cli.main"]


def test_only_sentiment_module_imports_vader():
    users = [module for module, path in MODULES.items() if not module.startswith("benchmarks.")
             and any(name.split(".")[0] == "vaderSentiment" for name in imported_names(path))]
    assert users == ["crisis.monitor.sentiment"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_says_what_it_owns(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    if MODULES[module].name == "__init__.py" or tree.body:
        assert ast.get_docstring(tree), f"{module} has no module docstring"


def _sized() -> list[Path]:
    """Our modules, leaving out migrations and message catalogs (tests and examples are not in MODULES)."""
    return [path for path in MODULES.values() if "migrations" not in path.parts
            and not (path.parent == CATALOGS and path.name != "__init__.py")]


def test_no_module_is_over_450_lines():
    long = {p.relative_to(ROOT).as_posix(): n for p in _sized()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_the_top_of_crisis_holds_only_the_shared_pieces():
    top = sorted(p.name for p in (ROOT / "crisis").glob("*.py") if p.name != "__init__.py")
    assert len(top) <= MAX_CRISIS_TOP_MODULES, top
