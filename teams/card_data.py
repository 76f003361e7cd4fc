"""What a card's data carries, read strictly: an id is 1 to 18 ASCII digits (what a database holds), anything else
is refused with the caller's catalog key, never an error the person cannot act on."""
from __future__ import annotations

import re
from typing import Any

from crisis.errors import BadInput

_ID = re.compile(r"[0-9]{1,18}")


def maybe_number(value: Any) -> int | None:
    """The id in `value` (a str of ASCII digits; an int that is no bool), or None."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value)
    return int(text) if _ID.fullmatch(text) else None


def number(value: Any, unknown: str) -> int:
    """The id in `value`; BadInput `unknown` for anything else."""
    found = maybe_number(value)
    if found is None:
        raise BadInput(unknown)
    return found


def number_pair(value: Any, unknown: str) -> tuple[int, int]:
    """`<id>:<n>` (a statement and its version); BadInput `unknown` for anything else."""
    first, colon, second = value.partition(":") if isinstance(value, str) else ("", "", "")
    if not colon:
        raise BadInput(unknown)
    return number(first, unknown), number(second, unknown)
