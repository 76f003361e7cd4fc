"""Block Kit as Slack checks it (limits, error messages with JSON pointers) and as a person reads it (plain text)."""

from __future__ import annotations

from typing import Any

from crisis.i18n import msg
from sandbox.transcript import said

MESSAGE_MAX_BLOCKS = 50
SURFACE_MAX_BLOCKS = 100  # modals and the Home tab
BLOCK_TYPES = frozenset(
    {"actions", "context", "divider", "file", "header", "image", "input", "markdown", "rich_text", "section", "video"}
)
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})
MODAL_TITLE_MAX = 24
TEXT_MAX = 3000
"""Any text object (section text, a context element), and a plain_text_input's value."""
OPTION_VALUE_MAX = 150
MOST_OPTIONS = {"static_select": 100, "multi_static_select": 100, "overflow": 5, "radio_buttons": 10,
                "checkboxes": 10}


class BlocksFormatError(ValueError):
    """`blocks` is not a list of objects at all (Slack: invalid_blocks_format)."""


def _too_long(limit: int, pointer: str) -> str:
    return f"[ERROR] must be less than {limit + 1} characters [json-pointer:{pointer}]"


def _text_errors(obj: Any, pointer: str, limit: int, *, plain_only: bool = False) -> list[str]:
    if not isinstance(obj, dict):
        return [f"[ERROR] must be a text object [json-pointer:{pointer}]"]
    allowed = {"plain_text"} if plain_only else TEXT_TYPES
    if obj.get("type") not in allowed:
        return [f"[ERROR] must be one of {sorted(allowed)} [json-pointer:{pointer}/type]"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"[ERROR] must be more than 0 characters [json-pointer:{pointer}/text]"]
    return [_too_long(limit, f"{pointer}/text")] if len(text) > limit else []


def _element_errors(element: Any, pointer: str) -> list[str]:
    if not isinstance(element, dict) or "type" not in element:
        return [f"[ERROR] must be an element object [json-pointer:{pointer}]"]
    errors = []
    if len(str(element.get("action_id", ""))) > 255:
        errors.append(_too_long(255, f"{pointer}/action_id"))
    if element["type"] == "button":
        errors += _text_errors(element.get("text"), f"{pointer}/text", 75, plain_only=True)
        if len(str(element.get("value", ""))) > 2000:
            errors.append(_too_long(2000, f"{pointer}/value"))
        if len(str(element.get("url", ""))) > 3000:
            errors.append(_too_long(3000, f"{pointer}/url"))
        if element.get("style") not in (None, "primary", "danger"):
            errors.append(f"[ERROR] must be one of ['danger', 'primary'] [json-pointer:{pointer}/style]")
    if "placeholder" in element:
        errors += _text_errors(element["placeholder"], f"{pointer}/placeholder", 150, plain_only=True)
    options = element.get("options") or []
    most = MOST_OPTIONS.get(element["type"])
    if most is not None and len(options) > most:
        errors.append(f"[ERROR] no more than {most} items allowed [json-pointer:{pointer}/options]")
    if element["type"] == "overflow" and len(options) < 2:
        errors.append(f"[ERROR] must provide at least 2 items [json-pointer:{pointer}/options]")
    for i, option in enumerate(options):
        errors += _option_errors(option, f"{pointer}/options/{i}")
    if "initial_option" in element:
        errors += _option_errors(element["initial_option"], f"{pointer}/initial_option")
    if element["type"] == "checkboxes":
        errors += _checkboxes_errors(element, options, pointer)
    if element["type"] == "plain_text_input":
        errors += _input_value_errors(element, pointer)
    return errors


def _checkboxes_errors(element: dict, options: list, pointer: str) -> list[str]:
    """At least one option, and initial options that are options of the element (text and value alike)."""
    errors = [] if options else [f"[ERROR] must provide at least 1 items [json-pointer:{pointer}/options]"]
    initial = element.get("initial_options", [])
    if not isinstance(initial, list):
        return errors + [f"[ERROR] must be an array [json-pointer:{pointer}/initial_options]"]
    for i, option in enumerate(initial):
        if option not in options:
            errors.append(f"[ERROR] must match one of the options [json-pointer:{pointer}/initial_options/{i}]")
    return errors


def _option_errors(option: Any, pointer: str) -> list[str]:
    option = option if isinstance(option, dict) else {}
    errors = _text_errors(option.get("text"), f"{pointer}/text", 75)
    if len(str(option.get("value", ""))) > OPTION_VALUE_MAX:
        errors.append(_too_long(OPTION_VALUE_MAX, f"{pointer}/value"))
    return errors


def _input_value_errors(element: dict, pointer: str) -> list[str]:
    """A plain_text_input's max_length is at most 3000, and its initial_value no longer than its max_length."""
    most = element.get("max_length", TEXT_MAX)
    if not isinstance(most, int) or not 1 <= most <= TEXT_MAX:
        return [f"[ERROR] must be between 1 and {TEXT_MAX} [json-pointer:{pointer}/max_length]"]
    if len(str(element.get("initial_value", ""))) > most:
        return [_too_long(most, f"{pointer}/initial_value")]
    return []


def _elements_errors(elements: Any, pointer: str, most: int, *, texts_allowed: bool) -> list[str]:
    if not isinstance(elements, list) or not elements:
        return [f"[ERROR] must provide at least 1 item [json-pointer:{pointer}]"]
    if len(elements) > most:
        return [f"[ERROR] no more than {most} items allowed [json-pointer:{pointer}]"]
    errors: list[str] = []
    action_ids: set[str] = set()
    for i, element in enumerate(elements):
        here = f"{pointer}/{i}"
        if texts_allowed and isinstance(element, dict) and element.get("type") in TEXT_TYPES:
            errors += _text_errors(element, here, TEXT_MAX)
            continue
        errors += _element_errors(element, here)
        action_id = element.get("action_id") if isinstance(element, dict) else None
        if action_id is not None:
            if action_id in action_ids:
                errors.append(f"[ERROR] duplicate action_id {action_id!r} [json-pointer:{here}/action_id]")
            action_ids.add(action_id)
    return errors


def _block_errors(block: dict, pointer: str) -> list[str]:
    kind = block["type"]
    if kind == "section":
        if "text" not in block and "fields" not in block:
            return [f"[ERROR] must provide text or fields [json-pointer:{pointer}]"]
        errors = _text_errors(block["text"], f"{pointer}/text", TEXT_MAX) if "text" in block else []
        fields = block.get("fields", [])
        if len(fields) > 10:
            errors.append(f"[ERROR] no more than 10 items allowed [json-pointer:{pointer}/fields]")
        for i, field in enumerate(fields[:10]):
            errors += _text_errors(field, f"{pointer}/fields/{i}", 2000)
        if "accessory" in block:
            errors += _element_errors(block["accessory"], f"{pointer}/accessory")
        return errors
    if kind == "header":
        return _text_errors(block.get("text"), f"{pointer}/text", 150, plain_only=True)
    if kind == "context":
        return _elements_errors(block.get("elements"), f"{pointer}/elements", 10, texts_allowed=True)
    if kind == "actions":
        return _elements_errors(block.get("elements"), f"{pointer}/elements", 25, texts_allowed=False)
    if kind == "input":
        errors = _text_errors(block.get("label"), f"{pointer}/label", 2000, plain_only=True)
        if "hint" in block:
            errors += _text_errors(block["hint"], f"{pointer}/hint", 2000, plain_only=True)
        if "element" not in block:
            errors.append(f"[ERROR] missing required field: element [json-pointer:{pointer}]")
        else:
            errors += _element_errors(block["element"], f"{pointer}/element")
        return errors
    if kind == "image":
        errors = [] if block.get("alt_text") else [f"[ERROR] missing required field: alt_text [json-pointer:{pointer}]"]
        if not (block.get("image_url") or block.get("slack_file")):
            errors.append(f"[ERROR] missing required field: image_url [json-pointer:{pointer}]")
        return errors
    return []


def block_errors(blocks: Any, *, pointer: str = "/blocks", most: int = MESSAGE_MAX_BLOCKS) -> list[str]:
    """Slack's complaints about a list of blocks, as `response_metadata.messages` strings ([] when valid).

    Raises BlocksFormatError when `blocks` is not a list of objects.
    """
    if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
        raise BlocksFormatError(f"[ERROR] must be an array of objects [json-pointer:{pointer}]")
    if len(blocks) > most:
        return [f"[ERROR] no more than {most} items allowed [json-pointer:{pointer}]"]
    errors: list[str] = []
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        here = f"{pointer}/{i}"
        if block.get("type") not in BLOCK_TYPES:
            errors.append(f"[ERROR] unsupported type: {block.get('type')!r} [json-pointer:{here}/type]")
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if len(str(block_id)) > 255:
                errors.append(_too_long(255, f"{here}/block_id"))
            if block_id in block_ids:
                errors.append(f"[ERROR] duplicate block_id {block_id!r} [json-pointer:{here}/block_id]")
            block_ids.add(block_id)
        errors += _block_errors(block, here)
    return errors


def view_errors(view: Any) -> list[str]:
    """Slack's complaints about a modal or Home tab view ([] when valid); these come back as invalid_arguments."""
    if not isinstance(view, dict):
        return ["[ERROR] must be an object [json-pointer:/view]"]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return ["[ERROR] must be one of ['home', 'modal'] [json-pointer:/view/type]"]
    errors: list[str] = []
    if kind == "modal":
        errors += _text_errors(view.get("title"), "/view/title", MODAL_TITLE_MAX, plain_only=True)
        for button in ("submit", "close"):
            if button in view:
                errors += _text_errors(view[button], f"/view/{button}", MODAL_TITLE_MAX, plain_only=True)
        has_inputs = any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or [])
        if has_inputs and "submit" not in view:
            errors.append("[ERROR] must provide submit text when using input blocks [json-pointer:/view/submit]")
    for field, limit in (("callback_id", 255), ("external_id", 255), ("private_metadata", 3000)):
        if len(str(view.get(field, ""))) > limit:
            errors.append(_too_long(limit, f"/view/{field}"))
    try:
        errors += block_errors(view.get("blocks", []), pointer="/view/blocks", most=SURFACE_MAX_BLOCKS)
    except BlocksFormatError as bad:
        errors.append(str(bad))
    return errors


# --- rendering -------------------------------------------------------------------------------


def _text(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text", ""))
    return "" if obj is None else str(obj)


def _element_text(element: dict) -> str:
    kind = element.get("type")
    if kind in TEXT_TYPES:
        return _text(element)
    if kind == "image":
        return f"[image: {element.get('alt_text', '')}]"
    if kind == "button":
        return f"[{_text(element.get('text'))}]"
    if kind == "checkboxes":
        ticked = element.get("initial_options") or []
        return " ".join(f"[{'x' if o in ticked else ' '}] {_text(o.get('text'))}" for o in element.get("options", []))
    if "placeholder" in element:
        return f"[{_text(element['placeholder'])} ▾]"
    return f"[{kind}]"


def _rich_text(elements: list) -> str:
    parts = []
    for element in elements:
        if "elements" in element:
            parts.append(_rich_text(element["elements"]))
        elif element.get("type") == "user":
            parts.append(f"<@{element.get('user_id')}>")
        elif element.get("type") == "link":
            parts.append(element.get("text") or element.get("url", ""))
        else:
            parts.append(str(element.get("text", "")))
    return "".join(parts)


def _block_lines(block: dict) -> list[str]:
    kind = block.get("type")
    if kind == "section":
        lines = [_text(block.get("text"))] if "text" in block else []
        lines += [" ".join(_text(field).splitlines()) for field in block.get("fields", [])]
        if "accessory" in block:
            lines.append(_element_text(block["accessory"]))
        return lines
    if kind == "header":
        return [f"*{_text(block.get('text'))}*"]
    if kind in ("context", "actions"):
        return [" ".join(_element_text(e) for e in block.get("elements", []))]
    if kind == "divider":
        return ["---"]
    if kind == "image":
        return [f"[image: {block.get('alt_text', '')}]"]
    if kind == "input":
        optional = " (optional)" if block.get("optional") else ""
        return [f"{_text(block.get('label'))}{optional}: {_element_text(block.get('element', {}))}"]
    if kind == "rich_text":
        return [_rich_text(block.get("elements", []))]
    if kind == "markdown":
        return [str(block.get("text", ""))]
    return [f"[{kind}]"]


def render_blocks(blocks: list) -> list[str]:
    """The lines a person reads in Slack for these blocks: texts, fields, buttons as [Label]."""
    return [line for block in blocks for line in _block_lines(block) if line]


def render_message(message: dict) -> list[str]:
    """The lines a person reads for a message: its blocks if any (else its text), then attachments and files."""
    lines = render_blocks(message["blocks"]) if message.get("blocks") else [message.get("text") or ""]
    for attachment in message.get("attachments") or []:
        if attachment.get("blocks"):
            lines += ["| " + line for line in render_blocks(attachment["blocks"])]
        else:
            lines.append("| " + (attachment.get("text") or attachment.get("fallback") or ""))
    for file in message.get("files") or []:
        lines.append(said(msg("demo.log.file", title=file.get("title") or file.get("name"), size=file.get("size", 0))))
    return [line for line in "\n".join(lines).splitlines() if line.strip()] or [""]


def render_view(view: dict) -> str:
    """One line for a modal or Home tab: its title, its field labels and its buttons."""
    title = _text(view.get("title")) or said(msg("demo.log.home_tab"))
    labels = [_text(b.get("label")) for b in view.get("blocks", []) if b.get("type") == "input"]
    buttons = [f"[{_text(view[key])}]" for key in ("submit", "close") if key in view]
    fields = f" {said(msg('demo.log.fields', labels=', '.join(labels)))}" if labels else ""
    return f'"{title}"{fields} {" ".join(buttons)}'.rstrip()
