"""End to end: the playbook checklist posted in the crisis room at open, a checkbox ticked and unticked (the
message edited in place, the timeline), Slack's retry of a click acting once, a stranger refused."""
import json

from handlers import ids
from tests.handlers.flows import open_crisis, replies_to


def checklist(bot, channel_id):
    (message,) = [m for m in bot.sandbox.messages(channel_id) if ids.TICK_STEP in json.dumps(m)]
    return message


def boxes(message):
    """Block id -> ticked, per step."""
    return {b["block_id"]: bool(b["accessory"].get("initial_options")) for b in message["blocks"]
            if b.get("accessory", {}).get("type") == "checkboxes"}


def step_events(bot, channel_id):
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
        return [(e.kind.value, e.actor, e.data["step"]) for e in uow.timeline.for_crisis(crisis.id)
                if e.kind.value.startswith("playbook_step")]


def test_the_checklist_is_posted_at_open_and_ticked_in_place_with_who_and_when(bot):
    channel = open_crisis(bot, kind="account_leak")["id"]
    message = checklist(bot, channel)
    steps = list(boxes(message))
    assert len(steps) == 7 and not any(boxes(message).values())
    assert "change its password and sign out every session" in json.dumps(message)
    status, _ = bot.click("legal", channel, message["ts"], ids.TICK_STEP, value=steps[0])
    assert status == 200
    message = checklist(bot, channel)
    assert boxes(message)[steps[0]] and f"done by <@{bot.users['legal']}>" in json.dumps(message)
    bot.click("lead", channel, message["ts"], ids.TICK_STEP, value=steps[0])  # ticked: this click unticks it
    assert not any(boxes(checklist(bot, channel)).values())
    assert step_events(bot, channel) == [("playbook_step_done", bot.users["legal"], 1),
                                         ("playbook_step_undone", bot.users["lead"], 1)]


def test_slacks_retry_of_a_click_acts_once(bot):
    channel = open_crisis(bot)["id"]
    message = checklist(bot, channel)
    step = list(boxes(message))[2]
    body = bot.slack.click_body(bot.users["comms"], channel, message["ts"], ids.TICK_STEP, step)
    assert bot.slack.post(body)[0] == 200
    assert bot.slack.post(body, retry_num=1)[0] == 200
    bot.settle()
    assert step_events(bot, channel) == [("playbook_step_done", bot.users["comms"], 3)]


def test_a_stranger_is_refused_and_a_stale_tick_says_who_did_it(bot):
    channel = open_crisis(bot)["id"]
    stranger = bot.sandbox.add_user("zoe", email="zoe@acme.example", real_name="Zoe Stranger")
    message = checklist(bot, channel)
    step = list(boxes(message))[0]
    bot.click(stranger, channel, message["ts"], ids.TICK_STEP, value=step)
    assert any("join the crisis channel first" in r for r in replies_to(bot, stranger))
    stale = bot.slack.click_body(bot.users["social"], channel, message["ts"], ids.TICK_STEP, step)
    bot.click("legal", channel, message["ts"], ids.TICK_STEP, value=step)
    bot.slack.post(stale)  # a click on the message as it was before legal's tick showed
    bot.settle()
    assert any("already ticked by" in r for r in replies_to(bot, "social"))
    assert step_events(bot, channel) == [("playbook_step_done", bot.users["legal"], 1)]
