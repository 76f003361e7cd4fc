"""Reading the crisis plan YAML file, with errors that name the file, the line and the key."""
from __future__ import annotations

from pathlib import Path

import yaml

from crisis.errors import PlanError
from crisis.plan import CrisisPlan
from crisis.plan_parsing import parse_plan


class PlanFileError(Exception):
    """The plan cannot be used; the message is one line a person can act on."""


def load_plan(path: str | Path) -> CrisisPlan:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError(f"crisis plan {path} does not exist (set CRISIS_PLAN to your plan file)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(f"crisis plan {path} cannot be read: {error}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        raise PlanFileError(f"{path}{where}: not valid YAML ({problem})") from None
    lines: dict[str, int] = {}
    try:
        _walk(root, "", lines, path)
        return parse_plan(data)
    except RecursionError:
        raise PlanFileError(f"{path}: an alias (*name) refers to a value that contains it") from None
    except PlanError as error:
        raise PlanFileError(f"{path}, line {_line_of(error.path, lines)} ({error.path or 'top level'}): "
                            f"{error.problem}") from None


def _walk(node: yaml.Node | None, prefix: str, lines: dict[str, int], path: Path) -> None:
    """Record the line of every key path; refuse duplicate keys (YAML would silently keep the last)."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = f"{prefix}.{index}"
            lines[item_path] = item.start_mark.line + 1
            _walk(item, item_path, lines, path)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_path = f"{prefix}.{key}" if prefix else key
        if key in seen:
            raise PlanFileError(f"{path}, line {key_node.start_mark.line + 1} ({key_path}): "
                                f"'{key}' is defined twice")
        seen.add(key)
        lines[key_path] = key_node.start_mark.line + 1
        _walk(value_node, key_path, lines, path)


def _line_of(key_path: str, lines: dict[str, int]) -> int:
    """The line of the key, or of its nearest parent that exists in the file."""
    parts = key_path.split(".")
    while parts:
        found = lines.get(".".join(parts))
        if found:
            return found
        parts.pop()
    return 1
