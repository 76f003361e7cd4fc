"""HTML to plain text for feed entries and Mastodon statuses: tags and scripts dropped, entities decoded.

A scanner of its own rather than the standard library's HTMLParser, which takes quadratic time on
unterminated tags and comments (50 KB of `<a x='` took seconds) and raises on some declarations: here every
step moves forward with one find or one anchored match, so time is linear in the input, which is cut at
MAX_HTML_CHARS first, and no input raises.
"""
from __future__ import annotations

import re
from html import unescape

from crisis.monitor.mentions import MAX_MENTION_CHARS

MAX_HTML_CHARS = 5 * MAX_MENTION_CHARS
"""Characters of HTML read: room for a mention's longest text with markup around it; the rest is dropped."""

_BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})
_HIDDEN = frozenset({"script", "style", "template", "head", "title"})
_RAW_TEXT = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")}
"""Elements whose content is not markup (it runs to their end tag, whatever it contains): dropped whole."""

_TAG = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*+)(?:[^>=]|=\s*+(?:"[^"]*+"|'[^']*+')?+)*+>""")
"""A start or end tag; `>` inside a quoted attribute value does not end it. Possessive (`*+`, `?+`): nothing
is given back, so a match costs one pass over the text it spans, and a failed one over the rest, never more."""
_TAG_START = re.compile(r"</?[a-zA-Z]")
_MARKUP_START = re.compile(r"<[a-zA-Z!?/]")
"""Where markup may start; any other `<` (as in "a < b" or "<3") is text."""
_MARKUP_END = {"<!--": "-->", "<![CDATA[": "]]>", "<!": ">", "<?": ">", "</": ">"}
"""Comments, CDATA, declarations, processing instructions and `</` without a tag name: dropped up to their end
(longest opener first)."""


def html_to_text(markup: object) -> str:
    """The visible text of an HTML fragment on one line (whitespace collapsed)."""
    if not isinstance(markup, str) or not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    return " ".join(_visible(_cut(markup)).split())


def _cut(markup: str) -> str:
    """At most MAX_HTML_CHARS, without a tag cut in half at the end."""
    if len(markup) <= MAX_HTML_CHARS:
        return markup
    markup = markup[:MAX_HTML_CHARS]
    last_open = markup.rfind("<")
    return markup[:last_open] if last_open > markup.rfind(">") else markup


def _visible(markup: str) -> str:
    parts: list[str] = []
    hidden = 0
    i, end = 0, len(markup)
    while i < end:
        found = _MARKUP_START.search(markup, i)
        start = found.start() if found else end
        if not hidden:
            parts.append(unescape(markup[i:start]))
        if start == end:
            break
        tag = _TAG.match(markup, start) if _TAG_START.match(markup, start) else None
        if tag is None:
            opener = next((o for o in _MARKUP_END if markup.startswith(o, start)), None)
            close = markup.find(_MARKUP_END[opener], start + len(opener)) if opener else -1
            if close < 0:  # an unterminated tag or comment: the rest is text
                if not hidden:
                    parts.append(unescape(markup[start:]))
                break
            i = close + len(_MARKUP_END[opener])
            continue
        i = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name in _BREAKS:
            parts.append(" ")
        elif closing and name in _HIDDEN:
            hidden = max(0, hidden - 1)
        elif name in _RAW_TEXT:
            found = _RAW_TEXT[name].search(markup, i)
            if found is None:
                break
            i = found.end()
        elif name in _HIDDEN:
            hidden += 1
    return "".join(parts)
