"""Property-based: whatever a person types or clicks (slash-command text, modal values, button values, forged
ids), whatever a plan file or a webhook sender says, the bot answers without a 5xx or an unhandled exception,
and every refusal is a message the person can read. Deterministic (derandomized) and bounded in examples."""
import json
import urllib.error
import urllib.request
from datetime import timedelta

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.plan_file import PlanFileError, load_plan
from crisis.errors import PlanError
from crisis.plan_parsing import parse_plan
from handlers import ids
from handlers.commands import SUB_COMMANDS
from sandbox.local_bot import REPO
from sandbox.slack_user import block_actions_body
from tests.handlers.flows import last_view, open_crisis
from tests.security.conftest import TOKEN

END_TO_END = settings(max_examples=30, derandomize=True, deadline=None, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FAST = settings(max_examples=300, derandomize=True, deadline=None, database=None)
INTERNAL_ERROR = "something went wrong on our side"

typed = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)
"""What a person can type: any text (Slack never sends lone surrogates)."""
tricky = st.sampled_from(["", " ", "0", "-1", "1:1", "1:999", "²", "١", "1e3", "1.5", "99999999999999999999",
                          "9223372036854775808", "1:²", ":", "x:y", "<@U1>", "null", "\x00", "1\n", "🔥"])
values = typed | tricky


def settled_ok(bot, send):
    """Send; the app answered below 500, its listeners raised nothing, and nobody was told of an internal error."""
    replies, posts = len(bot.sandbox.ephemeral_messages()), len(bot.sandbox.calls_to("chat.postMessage"))
    status, _ = send()
    bot.settle()
    assert status < 500
    assert bot.executor.failures == []
    assert not any(INTERNAL_ERROR in json.dumps(m) for m in bot.sandbox.ephemeral_messages()[replies:])
    assert not any(INTERNAL_ERROR in json.dumps(c.args) for c in bot.sandbox.calls_to("chat.postMessage")[posts:])


def seen_by(bot, who) -> int:
    """How many things the person has been shown: ephemeral replies, DMs, modals."""
    user = bot.users[who]
    dm = bot.sandbox.dm_channel(user)
    return (len(bot.sandbox.ephemeral_messages(user)) + len(bot.sandbox.views_opened())
            + (len(bot.sandbox.messages(dm)) if dm else 0))


# --- slash commands ---------------------------------------------------------------------------


def test_any_slash_command_text_gets_an_answer_never_an_error(bot):
    room = open_crisis(bot)["id"]

    @END_TO_END
    @given(st.sampled_from([*SUB_COMMANDS, "", "OPEN", "nope"]), values, st.booleans())
    def run(sub, rest, in_room):
        before = seen_by(bot, "social")
        settled_ok(bot, lambda: bot.command("social", f"{sub} {rest}", room if in_room else "general"))
        in_channel = bot.sandbox.messages(room if in_room else "general")
        assert seen_by(bot, "social") > before or in_channel  # never silence: a reply, a modal or a post

    run()


# --- modal submissions --------------------------------------------------------------------------


def select(value):
    return {"type": "static_select", "selected_option": None if value is None else {"value": value}}


maybe_select = st.none() | values | st.sampled_from(["SEV1", "SEV2", "offensive_post", "x",
                                                                       "press", "holding"])
picked_time = st.one_of(st.none(), st.integers(min_value=-10**12, max_value=10**12), values)


def test_any_values_in_the_open_and_close_modals_are_answered(bot):
    room = open_crisis(bot)["id"]

    @END_TO_END
    @given(values, maybe_select, maybe_select, values, values, values)
    def run(title, severity, kind, description, link, resolution):
        bot.command("opener", "open", "general")
        settled_ok(bot, lambda: bot.submit("opener", last_view(bot)["id"], {
            ids.TITLE_BLOCK: {ids.TITLE_INPUT: title}, ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: select(severity)},
            ids.KIND_BLOCK: {ids.KIND_INPUT: select(kind)}, ids.DESCRIPTION_BLOCK: {ids.DESCRIPTION_INPUT: description},
            ids.LINK_BLOCK: {ids.LINK_INPUT: {"type": "url_text_input", "value": link}}}))
        bot.command("social", "close", room)
        if last_view(bot)["callback_id"] == ids.CLOSE_MODAL:
            settled_ok(bot, lambda: bot.submit("social", last_view(bot)["id"], {
                ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: resolution}}))

    run()


def test_any_values_in_the_draft_and_note_modals_are_answered(bot):
    room = open_crisis(bot)["id"]

    @END_TO_END
    @given(maybe_select, values, maybe_select, picked_time)
    def run(target, text, template, deadline):
        bot.command("comms", "draft", room)
        settled_ok(bot, lambda: bot.submit("comms", last_view(bot)["id"], {
            ids.TARGET_BLOCK: {ids.TARGET_INPUT: select(target)}, ids.TEXT_BLOCK: {ids.TEXT_INPUT: text},
            ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: select(template)},
            ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker", "selected_date_time": deadline}}}))

    run()


def test_any_debrief_answers_are_answered(bot):
    room = open_crisis(bot)["id"]
    bot.command("lead", "close", room)
    bot.submit("lead", last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Done"}})
    dm = bot.sandbox.dm_channel(bot.users["comms"])
    invitation = next(m for m in bot.sandbox.messages(dm) if ids.DEBRIEF_START in json.dumps(m))

    @END_TO_END
    @given(values, maybe_select, values, st.none() | values, st.none() | values)
    def run(went_well, speed, follow_up, owner, due):
        bot.click("comms", dm, invitation["ts"], ids.DEBRIEF_START)
        settled_ok(bot, lambda: bot.submit("comms", last_view(bot)["id"], {
            "went_well": {"went_well": went_well}, "response_speed": {"response_speed": select(speed)},
            ids.follow_up_block(0, "text"): {"text": follow_up},
            ids.follow_up_block(0, "owner"): {"owner": {"type": "users_select", "selected_user": owner}},
            ids.follow_up_block(0, "due"): {"due": {"type": "datepicker", "selected_date": due}}}))

    run()


# --- buttons and menus with forged values -----------------------------------------------------------------


ACTIONS = sorted(set(ids.ACTION_IDS.values()) | {ids.FOLLOW_UP_DONE})


def test_any_button_value_is_refused_clearly_or_acted_on(bot):
    room = open_crisis(bot)["id"]
    bot.command("comms", "draft", room)
    bot.submit("comms", last_view(bot)["id"], {ids.TARGET_BLOCK: {ids.TARGET_INPUT: select("x")},
                                               ids.TEXT_BLOCK: {ids.TEXT_INPUT: "We are sorry."}})
    user = bot.users["social"]

    @END_TO_END
    @given(st.sampled_from(ACTIONS), values | st.sampled_from(["1", "2", "3", "1:1", "2:1",
                                                               "negative|webhook:push|1"]), st.booleans())
    def run(action_id, value, in_room):
        channel = room if in_room else bot.sandbox.channel_by_name("general")["id"]
        action = {"action_id": action_id, "block_id": "forged", "value": value}
        if action_id == ids.LABEL_MENTION:
            action = {"action_id": action_id, "block_id": "forged", "type": "overflow",
                      "selected_option": {"value": value}}
        body = block_actions_body(user, [action], team_id=bot.sandbox.team_id,
                                  trigger_id=bot.sandbox.issue_trigger_id(user), channel_id=channel,
                                  message={"ts": "1.000001", "blocks": []},
                                  response_url=bot.sandbox.response_url(user, channel))
        settled_ok(bot, lambda: bot.slack.post(body))

    run()


# --- the plan loader -----------------------------------------------------------------------------------


EXAMPLE_PLAN = yaml.safe_load((REPO / "examples" / "crisis-plan.yaml").read_text())
json_like = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | typed,
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(typed, inner, max_size=4),
                         max_leaves=12)


def paths(value, prefix=()):
    """Every key path into a plan (mappings and lists), the plan itself first."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths(inner, (*prefix, index))


PLAN_PATHS = list(paths(EXAMPLE_PLAN))


def replaced(plan, path, new):
    if not path:
        return new
    copy = dict(plan) if isinstance(plan, dict) else list(plan)
    copy[path[0]] = replaced(plan[path[0]], path[1:], new)
    return copy


@FAST
@given(st.sampled_from(PLAN_PATHS), json_like | st.sampled_from(["", "0", "-5m", "99999999d", "1e9", "SEV9",
                                                                  "a AND", "x OR y", "#", "@", "http://"]))
def test_a_plan_with_any_value_anywhere_is_loaded_or_refused_with_a_plan_error(path, value):
    try:
        parse_plan(replaced(EXAMPLE_PLAN, path, value))
    except PlanError as error:
        assert error.problem and "\n" not in str(error)


@FAST
@given(st.sampled_from(PLAN_PATHS), st.booleans())
def test_a_plan_missing_any_key_is_loaded_or_refused_with_a_plan_error(path, empty_instead):
    if not path:
        return
    plan = json.loads(json.dumps(EXAMPLE_PLAN))
    holder = plan
    for key in path[:-1]:
        holder = holder[key]
    if empty_instead:
        holder[path[-1]] = type(holder[path[-1]])() if isinstance(holder[path[-1]], (dict, list, str)) else None
    elif isinstance(holder, dict):
        del holder[path[-1]]
    else:
        holder.pop(path[-1])
    try:
        parse_plan(plan)
    except PlanError as error:
        assert error.problem


@settings(max_examples=60, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed | st.sampled_from(["roles: [", "a: *b", "!!python/object:os.system {}", "\t- x", "{a: 1, a: 2}",
                                "roles:\n  x: 1\n  x: 2", "- 1\n- 2", "~", "&a [*a]", "\ufeffroles: {}"])
       | json_like.map(yaml.safe_dump))
def test_any_plan_file_is_loaded_or_refused_in_one_line(tmp_path, text):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_plan(path)
    except PlanFileError as error:
        assert str(error) and "\n" not in str(error) and "Traceback" not in str(error)


# --- webhook ingest ------------------------------------------------------------------------------------


def push(bot, body: bytes):
    request = urllib.request.Request(bot.app_url.replace("/slack/events", "/ingest/push"), method="POST", data=body,
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        with refused:
            return refused.code, refused.read()


def test_any_webhook_body_is_stored_or_refused_with_a_reason_never_a_5xx(bot):
    now = bot.clock.now()
    item = st.fixed_dictionaries({}, optional={
        "id": values | st.integers(), "text": values | json_like, "author": values | json_like,
        "url": values | json_like, "language": values, "source": values,
        "created_at": st.sampled_from([now.isoformat(), (now - timedelta(hours=1)).isoformat(), "2006-01-02",
                                       "9999-12-31T23:59:59Z", "0", "", "yesterday"]) | values | st.integers()})

    @END_TO_END
    @given(st.lists(item, max_size=4).map(json.dumps).map(str.encode) | json_like.map(json.dumps).map(str.encode)
           | st.binary(max_size=40))
    def run(body):
        status, answer = push(bot, body)
        assert status < 500, answer
        if status >= 400:
            assert json.loads(answer)["error"]

    run()
    bot.settle()
