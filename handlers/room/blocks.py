"""Block Kit of the crisis room: the open, close and false-alarm modals, and the timeline reply."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crisis.events import TimelineEvent
from crisis.i18n import Time, msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.room.views import kind_label
from crisis.timeline import describe
from crisis.views import Card
from handlers import ids
from handlers.block_kit import (
    SECTION_LIMIT,
    block,
    cut,
    input_block,
    modal,
    option,
    plain,
    section,
    slack_text,
)

MAX_MESSAGE_BLOCKS = 50


# --- modals -----------------------------------------------------------------------------------

def open_modal(plan: CrisisPlan, metadata: dict[str, Any], *, title: str = "", description: str = "",
               severity: str | None = None, kind: str | None = None, advice: Card | None = None) -> dict[str, Any]:
    """The open-crisis modal; a spike warning pre-fills it with its numbers, `advice` (the monitor's triage)
    is shown above the fields."""
    severities = [option(s.key, plain(msg("severity.option", key=s.key, description=s.description)))
                  for s in plan.severities]
    kinds = [option(k, plain(kind_label(k))) for k in plan.crisis_types]
    chosen_severity = next((o for o in severities if o["value"] == severity), severities[min(1, len(severities) - 1)])
    chosen_kind = next((o for o in kinds if o["value"] == kind), kinds[0])
    title_input: dict[str, Any] = {"type": "plain_text_input", "action_id": ids.TITLE_INPUT, "max_length": 150}
    if title:
        title_input["initial_value"] = cut(title, 150)
    description_input: dict[str, Any] = {"type": "plain_text_input", "action_id": ids.DESCRIPTION_INPUT,
                                         "multiline": True, "max_length": 3000}
    if description:
        description_input["initial_value"] = cut(description, 3000)
    return modal(ids.OPEN_MODAL, msg("modal.open.title"), json.dumps(metadata), submit=msg("modal.open.submit"),
                 close=msg("modal.cancel"), blocks=[
            *({**block(part), "block_id": f"advice_{n}"} for n, part in enumerate(advice.parts if advice else ())),
            input_block(ids.TITLE_BLOCK, msg("modal.field.title"), title_input, hint=msg("modal.field.title_hint")),
            input_block(ids.SEVERITY_BLOCK, msg("modal.field.severity"), {
                "type": "static_select", "action_id": ids.SEVERITY_INPUT, "options": severities,
                "initial_option": chosen_severity}),
            input_block(ids.KIND_BLOCK, msg("modal.field.kind"), {
                "type": "static_select", "action_id": ids.KIND_INPUT, "options": kinds, "initial_option": chosen_kind}),
            input_block(ids.DESCRIPTION_BLOCK, msg("modal.field.description"), description_input, optional=True),
            input_block(ids.LINK_BLOCK, msg("modal.field.link"), {
                "type": "url_text_input", "action_id": ids.LINK_INPUT}, optional=True),
        ])


def reason_modal(metadata: dict[str, Any]) -> dict[str, Any]:
    return modal(ids.FALSE_ALARM_MODAL, msg("modal.false_alarm.title"), json.dumps(metadata),
                 submit=msg("modal.false_alarm.submit"), close=msg("modal.cancel"),
                 blocks=[input_block(ids.REASON_BLOCK, msg("modal.field.reason"), {
                     "type": "plain_text_input", "action_id": ids.REASON_INPUT, "multiline": True, "max_length": 1000},
                     hint=msg("modal.field.reason_hint"))])


def close_modal(crisis: Crisis, metadata: dict[str, Any]) -> dict[str, Any]:
    return modal(ids.CLOSE_MODAL, msg("modal.close.title"), json.dumps(metadata), submit=msg("modal.close.submit"),
                 close=msg("modal.cancel"), blocks=[
                     section(msg("modal.close.intro", title=crisis.title)),
                     input_block(ids.RESOLUTION_BLOCK, msg("modal.field.resolution"), {
                         "type": "plain_text_input", "action_id": ids.RESOLUTION_INPUT, "multiline": True,
                         "max_length": 3000}),
                 ])


# --- timeline ---------------------------------------------------------------------------------

def timeline_blocks(crisis: Crisis, events: Sequence[TimelineEvent], plan: CrisisPlan) -> list[dict[str, Any]]:
    """The newest entries that fit one message, oldest first, with a note of how many were left out."""
    if not events:
        return [section(msg("timeline.empty"))]
    lines = [slack_text(msg("timeline.line", at=Time(e.at), text=describe(e, plan))) for e in events]
    chunks: list[list[str]] = [[]]
    for line in reversed(lines):
        line = cut(line, SECTION_LIMIT)
        if sum(len(x) + 1 for x in chunks[-1]) + len(line) > SECTION_LIMIT:
            if len(chunks) == MAX_MESSAGE_BLOCKS - 2:
                break
            chunks.append([])
        chunks[-1].insert(0, line)
    shown = sum(len(c) for c in chunks)
    blocks = [section(msg("timeline.header", title=crisis.title))]
    if shown < len(lines):
        blocks.append(section(msg("timeline.more", n=len(lines) - shown)))
    blocks.extend(section("\n".join(c)) for c in reversed(chunks))
    return blocks


