"""The message catalog writes Slack's mrkdwn (`*bold*`, `:warning:`); Teams reads Markdown and Unicode emoji.
This turns a rendered catalog text into what Teams shows; escaped user text (`\\*`) is left alone. On Teams the
commands are messages to the bot (`crisis update …`), so the catalog's `/crisis …` reads without the slash."""
from __future__ import annotations

import re

EMOJI = {
    "white_check_mark": "✅", "warning": "⚠️", "x": "❌", "rotating_light": "🚨", "alarm_clock": "⏰",
    "newspaper": "📰", "memo": "📝", "mag": "🔍", "lock": "🔒", "hourglass_flowing_sand": "⏳",
    "grey_question": "❔", "clipboard": "📋", "bar_chart": "📊", "arrow_double_up": "⏫", "zzz": "💤",
    "wastebasket": "🗑️", "thumbsdown": "👎", "robot_face": "🤖", "pushpin": "📌", "page_facing_up": "📄",
    "no_entry": "⛔", "no_bell": "🔕", "loudspeaker": "📢", "hourglass": "⌛", "heavy_check_mark": "✔️",
    "double_vertical_bar": "⏸️", "chart_with_upwards_trend": "📈", "bust_in_silhouette": "👤", "arrow_up": "⬆️",
    "arrow_forward": "▶️", "calendar": "📅", "bulb": "💡", "information_source": "ℹ️", "no_entry_sign": "🚫",
    "pager": "📟", "speech_balloon": "💬",
}
_EMOJI = re.compile(r"(?<!\\):([a-z_0-9+-]+):")
_BOLD = re.compile(r"(?<![\\*])\*(?!\s)([^*\n]+?)(?<![\\\s])\*(?!\*)")


def teams_markdown(text: str) -> str:
    """Emoji by name as Unicode, `*bold*` as `**bold**`, and the slash command as the words said to the bot."""
    text = text.replace("`/crisis ", "`crisis ").replace("`/crisis`", "`crisis`")
    text = _EMOJI.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), text)
    return _BOLD.sub(r"**\1**", text)


def fact(text: str) -> tuple[str, str]:
    """A catalog fact (`*Severity*\\nSEV2`, or `Severity: SEV2`) as (title, value)."""
    head, newline, rest = text.partition("\n")
    if newline:
        return head.strip("*"), rest
    title, colon, value = text.partition(": ")
    return (title.strip("*"), value) if colon else ("", text)
