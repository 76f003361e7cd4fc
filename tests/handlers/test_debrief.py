"""End to end: the debrief questionnaire at close, reminders, the deadline, the report, follow-ups."""
import json

import bot as cli
from crisis.due import MAX_REFUSALS
from crisis.ports import Ports
from crisis.ticks import room_tick
from handlers import ids
from reports.report import render_report
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.flows import last_view, open_crisis, replies_to

LONG = "<script>alert(1)</script> **bold** [link](javascript:x) " + "x" * 2900


def close(bot, channel):
    bot.command("lead", "close", channel)
    bot.submit("lead", last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Apology posted"}})


def start_button(bot, who):
    dm = bot.sandbox.dm_channel(bot.users[who])
    message = next(m for m in bot.sandbox.messages(dm) if ids.DEBRIEF_START in json.dumps(m))
    return dm, message


def answer(bot, who, went_well="Fast paging", speed="4", follow_up=None):
    dm, message = start_button(bot, who)
    bot.click(who, dm, message["ts"], ids.DEBRIEF_START)
    view = last_view(bot)
    values = {"went_well": {"went_well": went_well},
              "response_speed": {"response_speed": {"type": "static_select", "selected_option": {"value": speed}}}}
    if follow_up:
        values[ids.follow_up_block(0, "text")] = {"text": follow_up}
        values[ids.follow_up_block(0, "owner")] = {"owner": {"type": "users_select",
                                                             "selected_user": bot.users["comms"]}}
        values[ids.follow_up_block(0, "due")] = {"due": {"type": "datepicker", "selected_date": "2026-12-01"}}
    return bot.submit(who, view["id"], values)


def debrief_of(bot, channel):
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        return uow.debriefs.for_crisis(crisis.id), uow.debriefs.responses(crisis.id)


def test_close_invites_everyone_and_answers_can_be_edited(bot):
    channel = open_crisis(bot)["id"]
    close(bot, channel)
    record, _ = debrief_of(bot, channel)
    assert set(record.participants) >= {bot.users[k] for k in ("lead", "comms", "legal", "social", "opener")}
    for who in ("lead", "comms", "legal", "social", "opener"):
        assert start_button(bot, who)
    answer(bot, "legal", went_well="First try")
    answer(bot, "legal", went_well=LONG)
    _, responses = debrief_of(bot, channel)
    assert len(responses) == 1 and responses[0].answers["went_well"].startswith("<script>")
    assert responses[0].answers["response_speed"] == 4
    dm = bot.sandbox.dm_channel(bot.users["legal"])
    assert any("answers are saved" in m.get("text", "") for m in bot.sandbox.messages(dm))
    assert "First try" in json.dumps(last_view(bot))  # the second questionnaire opened with the first answers


def test_progress_for_the_lead_only(bot):
    channel = open_crisis(bot)["id"]
    close(bot, channel)
    answer(bot, "legal")
    bot.command("lead", "debrief", channel)
    assert any("1 of" in r and "answered" in r for r in replies_to(bot, "lead"))
    bot.command("social", "debrief", channel)
    assert any("Only the crisis lead" in r for r in replies_to(bot, "social"))


def test_reminder_once_then_deadline_builds_and_uploads_the_report_once(bot, uow_factory):
    channel = open_crisis(bot)["id"]
    bot.command("lead", "started 00:00", channel)
    close(bot, channel)
    answer(bot, "legal", went_well=LONG, follow_up="Brief the agency on review rules")
    bot.clock.advance(hours=25)
    bot.tick()
    bot.tick()
    dm = bot.sandbox.dm_channel(bot.users["comms"])
    assert sum("Reminder" in m.get("text", "") for m in bot.sandbox.messages(dm)) == 1
    legal_dm = bot.sandbox.dm_channel(bot.users["legal"])
    assert not any("Reminder" in m.get("text", "") for m in bot.sandbox.messages(legal_dm))
    bot.clock.advance(hours=24)
    restarted = Ports(plan=bot.ports.plan, uow=uow_factory, chat=bot.ports.chat, clock=bot.clock,
                      publishers=bot.ports.publishers)  # a fresh process after a restart
    room_tick(ports=restarted, render=render_report)
    bot.tick()
    files = [f for f in bot.sandbox.files() if channel in json.dumps(f.get("channels"))]
    assert sorted(f["name"].rsplit(".", 1)[1] for f in files if not f["name"].endswith(".png")) == ["html", "md"]
    html = next(f for f in files if f["name"].endswith(".html"))["content"].decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "@Maria Rossi" in html and "@" + bot.users["legal"] not in html  # people by name, not by id
    record, _ = debrief_of(bot, channel)
    assert record.closed_at and record.report_markdown and record.report_file_id
    dm, message = start_button(bot, "comms")
    bot.click("comms", dm, message["ts"], ids.DEBRIEF_START)
    assert any("debrief closed" in r for r in replies_to(bot, "comms"))


def test_participant_who_blocks_dms_is_reported(uow_factory):
    """Named once, while the tick tries again after a back-off."""
    clock = SettableClock()
    local = start_local_bot(uow_factory, clock=clock)
    try:
        channel = open_crisis(local)["id"]
        blocked = local.sandbox.add_user("ghost", can_dm=False)
        local.command("lead", f"assign social_media <@{blocked}|ghost>", channel)
        close(local, channel)
        for _ in range(MAX_REFUSALS - 1):
            clock.advance(minutes=5)
            local.tick()
        assert sum("could not reach" in m.get("text", "") and blocked in m.get("text", "")
                   for m in local.sandbox.messages(channel)) == 1
    finally:
        local.stop()


def test_follow_ups_listed_reminded_and_done(bot):
    channel = open_crisis(bot)["id"]
    close(bot, channel)
    answer(bot, "legal", follow_up="Review the agency contract")
    bot.command("comms", "followups", "general")
    listing = next(m for m in bot.sandbox.ephemeral_messages(bot.users["comms"]) if "follow-up" in json.dumps(m))
    assert "Review the agency contract" in json.dumps(listing)
    bot.clock.current = bot.clock.current.replace(year=2026, month=11, day=30, hour=18)
    bot.tick()
    dm = bot.sandbox.dm_channel(bot.users["comms"])
    assert any("Review the agency contract" in m.get("text", "") for m in bot.sandbox.messages(dm))


def test_report_cli_exports_markdown_and_html(bot, database_url, monkeypatch, tmp_path, capsys):
    channel = open_crisis(bot)["id"]
    close(bot, channel)
    answer(bot, "legal", went_well=LONG)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("CRISIS_PLAN", "examples/crisis-plan.yaml")
    out = tmp_path / "report.html"
    assert cli.main(["report", "1", "--format", "html", "--out", str(out)]) == 0
    assert "<script>alert" not in out.read_text() and "Offensive ad video" in out.read_text()
    md = tmp_path / "report.md"
    name = bot.sandbox.channel(channel)["name"]
    assert cli.main(["report", name, "--format", "md", "--out", str(md)]) == 0
    assert "Offensive ad video" in md.read_text()


def test_channel_is_archived_after_the_report_when_the_plan_says_so(uow_factory):
    local = start_local_bot(uow_factory, clock=SettableClock(),
                            plan=lambda users: team_plan(users, debrief={"archive_channel": True, "deadline": "2h"}))
    try:
        channel = open_crisis(local)["id"]
        close(local, channel)
        assert not local.sandbox.channel(channel)["is_archived"]
        local.clock.advance(hours=3)
        local.tick()
        assert local.sandbox.channel(channel)["is_archived"]
        assert any(f["name"].endswith(".html") for f in local.sandbox.files())
    finally:
        local.stop()


def test_a_follow_up_reworded_in_the_questionnaire_keeps_its_id(bot):
    channel = open_crisis(bot)["id"]
    close(bot, channel)
    answer(bot, "legal", follow_up="Brief the agency")
    answer(bot, "comms", follow_up="Update the FAQ")  # a later row: the edit cannot get the same id back by chance
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        (before,) = [f for f in uow.follow_ups.for_crisis(crisis.id) if f.created_by == bot.users["legal"]]
    answer(bot, "legal", follow_up="Brief the agency on review rules")
    with bot.ports.uow() as uow:
        (after,) = [f for f in uow.follow_ups.for_crisis(crisis.id) if f.created_by == bot.users["legal"]]
    assert (after.id, after.text, after.created_at) == (before.id, "Brief the agency on review rules", before.created_at)
