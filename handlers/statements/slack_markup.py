"""Slack's stored message markup (its escapes, links and mentions) as the plain text a statement publishes."""
from __future__ import annotations

import re
from collections.abc import Mapping

_TOKEN = re.compile(r"<([^<>\n]*)>")
_ESCAPE = re.compile(r"&(amp|lt|gt);")
_UNESCAPED = {"amp": "&", "lt": "<", "gt": ">"}
_DROPPED = "\ufdd0"  # a noncharacter: never in a message, marks what is left out until the spaces around it go
_SCHEMES = ("https://", "http://", "mailto:", "tel:")


def plain_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """A message's `text` as Slack stores it, as a person reads it: `&amp;` `&lt;` `&gt;` unescaped; a link
    `<url|label>` as "label (url)" (the label alone where it is the address itself, as Slack links a typed
    acme.example), `<url>` as the url; a person `<@U…|name>` by the name Slack gave, else by `names` (user id ->
    name), a channel `<#C…|name>` as #name; a date `<!date^…|fallback>` as its fallback. A person with no name
    known and `<!here>`-style pings are left out, with the space before them."""
    marked = _TOKEN.sub(lambda m: _token(m.group(1), names or {}), text)
    marked = re.sub(rf"(?m)^{_DROPPED}+[ \t]*", "", marked)
    marked = re.sub(rf"[ \t]*{_DROPPED}+", "", marked)
    return _ESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], marked)


def mentioned_people(text: str) -> list[str]:
    """The user ids of the people mentioned without a name (`<@U…>`), in order, once each."""
    found = [m.group(1)[1:] for m in _TOKEN.finditer(text) if m.group(1).startswith("@") and "|" not in m.group(1)]
    return list(dict.fromkeys(found))


def _token(inner: str, names: Mapping[str, str]) -> str:
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        name = label.lstrip("@") or names.get(target[1:], "")
        return name if name and name != target[1:] else _DROPPED
    if target.startswith("#"):
        return f"#{label}" if label else _DROPPED
    if target.startswith("!"):
        return label if target.startswith("!date^") and label else _DROPPED
    if not label or label == target or label == _without_scheme(target):
        return label or target
    return f"{label} ({target})"


def _without_scheme(url: str) -> str:
    return next((url[len(s):] for s in _SCHEMES if url.startswith(s)), url)
