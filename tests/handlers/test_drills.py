"""End to end: `/crisis drill` opens a practice crisis marked DRILL, announced to its participants only."""
from tests.handlers.flows import replies_to


def test_crisis_drill_opens_a_drill_room_and_leaves_the_announce_channel_quiet(bot):
    status, _ = bot.command("opener", "drill", "general")
    assert status == 200
    created = [c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")]
    channel = created[-1].response["channel"]
    assert channel["name"].startswith("drill-")
    assert any("Drill started" in r for r in replies_to(bot, "opener"))
    announce = bot.sandbox.channel_by_name(bot.ports.plan.announce_channel.lstrip("#"))
    assert announce is None or not bot.sandbox.messages(announce["id"])
    told = [c for c in bot.sandbox.calls_to("chat.postMessage") if "DRILL" in str(c.args)
            and c.args.get("channel") == bot.users["opener"]]
    assert told and all(c.response.get("ok") for c in told)


def test_an_unknown_drill_type_is_answered_with_the_plans_types(bot):
    bot.command("opener", "drill meteor", "general")
    assert any("meteor" in r and "/crisis drill" in r for r in replies_to(bot, "opener"))
    assert not [c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")]
