"""Adaptive Cards as a person reads them, for the transcript: text blocks, facts and the buttons offered."""
from __future__ import annotations

import re
from typing import Any

_AT = re.compile(r"<at>([^<]*)</at>")


def activity_lines(activity: dict[str, Any]) -> tuple[str, ...]:
    """A message as its reader sees it: the text (a mention as @name) and each card's lines."""
    lines = _AT.sub(r"@\1", str(activity["text"])).split("\n") if activity.get("text") else []
    for attachment in activity.get("attachments") or []:
        if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
            lines.extend(card_lines(attachment.get("content") or {}))
    return tuple(lines)


def card_lines(card: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for element in card.get("body") or []:
        lines.extend(_element_lines(element))
    buttons = [f"[{a.get('title')}]" for a in card.get("actions") or []]
    if buttons:
        lines.append(" ".join(buttons))
    return lines


def _element_lines(element: dict[str, Any]) -> list[str]:
    kind = element.get("type")
    if kind == "TextBlock":
        return [str(element.get("text", ""))]
    if kind == "FactSet":
        return [f"{f.get('title')}: {f.get('value')}" for f in element.get("facts") or []]
    if kind == "Container":
        return [line for item in element.get("items") or [] for line in _element_lines(item)]
    if kind == "ActionSet":
        return [" ".join(f"[{a.get('title')}]" for a in element.get("actions") or [])]
    if kind == "Image":
        url = str(element.get("url") or "")
        size = f" ({len(url.partition(',')[2]) * 3 // 4:,} bytes)" if url.startswith("data:") else ""
        return [f"[image: {element.get('altText') or 'chart'}{size}]"]
    if kind and kind.startswith("Input."):
        return [f"<{element.get('label') or element.get('id')}: {element.get('value', '')}>"]
    return []
