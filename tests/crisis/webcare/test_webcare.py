"""Webcare use cases through the fakes: the plan's lines, a reply recorded before it is sent, approval from the
plan's severity on (the statements' four eyes), sent once (never in a drill), retried, and do-not-engage accounts
never replied to."""
from dataclasses import replace

import pytest

from crisis.errors import BadInput, IllegalTransition, NotAuthorised, PlanError, PublishFailed
from crisis.events import EventKind
from crisis.i18n import render
from crisis.monitor.mentions import Mention
from crisis.ports import Ports
from crisis.room import drills
from crisis.room.model import OpenCrisisForm
from crisis.timeline import describe
from crisis.views import Action, Buttons, Link
from crisis.webcare import services
from crisis.webcare.lines import fill, parse_webcare
from crisis.webcare.model import PostSeen, ReplyState, Unengaged
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.webcare import FakeReplier
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, kinds, open_one

URL = "https://social.example/posts/42"
WEBCARE = {"approval_from_severity": "SEV2", "do_not_engage": ["@Troll@bad.social"], "lines": {
    "sorry": {"name": "Apology", "text": "{author} we are sorry, please DM us your booking number."},
    "looking": {"name": "Looking into it", "text": "{author} thanks, we are looking into it."}}}


@pytest.fixture
def plan():
    return make_plan(webcare=WEBCARE)


@pytest.fixture
def replier():
    return FakeReplier(posts={"42": PostSeen("@jane", "Your ad is <b>awful</b> @channel", URL),
                              "66": PostSeen("@troll@BAD.social", "lol", "https://social.example/posts/66")})


@pytest.fixture
def ports(plan, clock, chat, db, replier):
    return Ports(plan=plan, uow=db, chat=chat, clock=clock, repliers={"mastodon": ("Mastodon social.example",
                                                                                    replier)})


def ask(ports, crisis, url=URL, line="sorry", text="", user="USOCIAL", key="ask-1", channel=None):
    return services.request_reply(channel or crisis.channel_id, url, line, text, user=user, request_key=key,
                                  ports=ports)


def saved(ports, reply):
    with ports.uow() as uow:
        return uow.replies.get(reply.id)


def test_the_plans_lines_are_checked_with_key_paths():
    plan = parse_webcare(WEBCARE, ("SEV1", "SEV2"))
    assert [line.name for line in plan.lines] == ["Apology", "Looking into it"]
    assert plan.do_not_engage == ("troll@bad.social",) and plan.approval_from_severity == "SEV2"
    assert fill(plan.line("looking"), "jane") == "@jane thanks, we are looking into it."
    for bad, path in (({"approval_from_severity": "SEV9"}, "webcare.approval_from_severity"),
                      ({"lines": {"x": {"text": "hi {name}"}}}, "webcare.lines.x.text"),
                      ({"lines": {"Bad Key": {"text": "hi"}}}, "webcare.lines.Bad Key"),
                      ({"do_not_engage": "troll"}, "webcare.do_not_engage"),
                      ({"colour": 1}, "webcare.colour")):
        with pytest.raises(PlanError) as wrong:
            parse_webcare(bad, ("SEV1", "SEV2"))
        assert wrong.value.path == path
    assert make_plan().webcare.lines == ()


def test_in_a_sev2_crisis_a_reply_waits_for_four_eyes_then_goes_out_once(ports, chat, replier):
    crisis = open_one(ports)  # SEV2
    reply = ask(ports, crisis)
    kept = saved(ports, reply)
    assert (kept.state, kept.needs_approval, kept.text) == (
        ReplyState.PENDING, True, "@jane we are sorry, please DM us your booking number.")
    assert replier.sent == {}
    card = chat.last_view(f"reply:{reply.id}")
    assert [b.action for p in card.parts if isinstance(p, Buttons) for b in p.buttons] == [
        Action.APPROVE_REPLY, Action.REJECT_REPLY]
    with pytest.raises(NotAuthorised):
        services.decide(reply.id, approve=True, user="USOCIAL", request_key="own", ports=ports)
    services.decide(reply.id, approve=True, user="UCOMMS", request_key="a1", ports=ports)
    assert replier.sent == {}
    services.decide(reply.id, approve=True, user="ULEGAL", request_key="a2", ports=ports)
    kept = saved(ports, reply)
    assert kept.state is ReplyState.SENT and kept.reply_url.endswith(f"r-crisisbot-reply-{reply.id}")
    assert replier.sent == {f"crisisbot-reply-{reply.id}": ("42", kept.text)}
    assert services.send(reply.id, ports=ports) is False and len(replier.sent) == 1
    assert kinds(ports, crisis)[-4:] == [EventKind.REPLY_REQUESTED, EventKind.REPLY_APPROVED,
                                         EventKind.REPLY_APPROVED, EventKind.REPLY_SENT]
    with ports.uow() as uow:  # as the debrief report lists the timeline
        last = uow.timeline.for_crisis(crisis.id)[-1]
    assert render(describe(last, ports.plan)) == (
        f"Reply #{reply.id} to @jane sent on Mastodon social.example ({kept.reply_url})")


def test_below_the_plans_severity_the_edited_reply_goes_out_at_once(ports, replier):
    crisis = open_one(ports, form=OpenCrisisForm(
        title="Late trains", severity="SEV3", kind="complaint_wave"))
    reply = ask(ports, crisis, text="  @jane sorry, a refund is on its way  ")
    kept = saved(ports, reply)
    assert (kept.needs_approval, kept.state, kept.text) == (False, ReplyState.SENT, "@jane sorry, a refund is on its way")
    assert ask(ports, crisis) is None  # the same request again


def test_outside_a_crisis_only_those_who_answer_warnings_reply_and_no_approval_is_needed(ports, replier):
    with pytest.raises(NotAuthorised):
        services.request_reply("CALERTS", URL, "sorry", "", user="USOCIAL", request_key="k", ports=ports)
    reply = services.request_reply("CALERTS", URL, "sorry", "", user="ULEAD", request_key="k2", ports=ports)
    kept = saved(ports, reply)
    assert (kept.crisis_id, kept.channel_id, kept.state) == (None, "CALERTS", ReplyState.SENT)


@pytest.mark.parametrize(("url", "error"), [
    ("https://social.example/posts/404", "error.reply_gone"),
    ("https://unknown.example/p/1", "error.reply_unknown_platform"),
    ("https://social.example/posts/66", "error.reply_do_not_engage"),
    ("javascript:alert(1)", "error.reply_usage"),
])
def test_gone_unknown_and_do_not_engage_are_refused_and_nothing_is_recorded(ports, db, url, error):
    crisis = open_one(ports)
    for attempt in (lambda: services.reply_form(crisis.channel_id, url, user="USOCIAL", ports=ports),
                    lambda: ask(ports, crisis, url=url)):
        with pytest.raises((BadInput, IllegalTransition)) as refused:
            attempt()
        assert refused.value.key == error
    assert db.rows("replies") == []


def test_an_account_marked_in_chat_is_refused_and_the_undo_lifts_it(ports, replier):
    crisis = open_one(ports)
    with pytest.raises(NotAuthorised):
        services.mark(crisis.channel_id, "@jane", undo=False, user="USTRANGER", request_key="m0", ports=ports)
    assert services.mark(crisis.channel_id, "@Jane", undo=False, user="ULEAD", request_key="m1", ports=ports)
    assert not services.mark(crisis.channel_id, "jane", undo=False, user="ULEAD", request_key="m2", ports=ports)
    with pytest.raises(IllegalTransition) as refused:
        services.reply_form(crisis.channel_id, URL, user="USOCIAL", ports=ports)
    assert refused.value.key == "error.reply_do_not_engage"
    assert services.marked(ports=ports) == ["jane", "troll@bad.social"]
    with pytest.raises(IllegalTransition):  # the plan's own list is the plan's
        services.mark(crisis.channel_id, "@troll@bad.social", undo=True, user="ULEAD", request_key="m3", ports=ports)
    assert services.mark(crisis.channel_id, "@jane", undo=True, user="ULEAD", request_key="m4", ports=ports)
    assert services.reply_form(crisis.channel_id, URL, user="USOCIAL", ports=ports).post.author == "@jane"
    assert kinds(ports, crisis)[-2:] == [EventKind.DO_NOT_ENGAGE, EventKind.ENGAGE_AGAIN]


def test_a_failed_send_is_retried_by_the_tick_with_the_same_key(ports, clock, replier):
    replier.fail = [PublishFailed("Mastodon answered 503")]
    replier.land = True
    crisis = open_one(ports, form=OpenCrisisForm(
        title="Late trains", severity="SEV4", kind="complaint_wave"))
    reply = ask(ports, crisis)
    kept = saved(ports, reply)
    assert kept.state is ReplyState.APPROVED and "503" in kept.error and kept.send_due_at is not None
    clock.advance(minutes=6)
    assert services.tick(ports=ports) == 1
    assert saved(ports, reply).state is ReplyState.SENT and len(replier.sent) == 1
    keys = {call[3] for call in replier.calls if call[0] == "reply"}
    assert keys == {f"crisisbot-reply-{reply.id}"}


def test_a_rejected_reply_is_never_sent_and_a_closed_crisis_takes_no_replies(ports, replier):
    crisis = open_one(ports)
    reply = ask(ports, crisis)
    services.decide(reply.id, approve=False, user="UCOMMS", request_key="r", ports=ports)
    assert saved(ports, reply).state is ReplyState.REJECTED and replier.sent == {}
    with pytest.raises(IllegalTransition):
        services.decide(reply.id, approve=True, user="ULEGAL", request_key="late", ports=ports)
    close(ports, crisis)
    with pytest.raises(IllegalTransition):
        ask(ports, crisis, key="after-close")


def test_the_card_shows_hostile_post_text_as_a_quote_and_the_timeline_reads(ports, chat):
    crisis = open_one(ports)
    reply = ask(ports, crisis)
    card = chat.last_view(f"reply:{reply.id}")
    assert "Your ad is <b>awful</b> @channel" in str(card)  # a Quote: each platform escapes it when rendering
    with ports.uow() as uow:
        event = uow.timeline.for_crisis(crisis.id)[-1]
    assert "@jane" in render(describe(event, ports.plan))


def test_a_spike_warning_offers_reply_under_examples_but_never_for_do_not_engage_authors(ports, db):
    mentions = [Mention("mastodon", str(n), author, "text", url, T0) for n, (author, url) in enumerate((
        ("@jane", URL), ("@Troll@bad.social", "https://social.example/posts/66"),
        ("@marked", "https://social.example/posts/7"),
        ("@bob", "https://elsewhere.example/posts/1"), ("@eve", "javascript:alert(1)")))]
    with ports.uow() as uow:
        uow.unengaged.add(Unengaged("marked", "ULEAD", T0))
        uow.commit()
    with ports.uow() as uow:
        assert services.offered(uow, ports, mentions) == {URL}
    without_lines = Ports(plan=make_plan(), uow=db, chat=ports.chat, clock=ports.clock, repliers=ports.repliers)
    with ports.uow() as uow:
        assert services.offered(uow, without_lines, mentions) == frozenset()


def test_a_drills_reply_trains_the_approvals_but_never_reaches_the_person_and_is_marked_skipped(ports, clock, chat,
                                                                                                 replier):
    drill = drills.start_drill("", actor="USOMEONE", request_key="command:T1", ports=ports).crisis
    reply = ask(ports, drill)
    assert saved(ports, reply).state is ReplyState.PENDING
    for who in ("UCOMMS", "ULEGAL"):
        services.decide(reply.id, approve=True, user=who, request_key=who, ports=ports)
    kept = saved(ports, reply)
    assert (kept.state, kept.sent_at, kept.reply_url, replier.sent) == (ReplyState.SENT, T0, "", {})
    assert kinds(ports, drill)[-1] is EventKind.REPLY_SKIPPED
    with ports.uow() as uow:
        said = render(describe(uow.timeline.for_crisis(drill.id)[-1], ports.plan))
    assert "skipped: drill" in said and "@jane" in said
    assert chat.posted(drill.channel_id)[-1] == "reply.drill_notice"
    card = chat.last_view(f"reply:{reply.id}")
    assert "skipped: drill" in render(card.summary) and "skipped: drill" in render(card.parts[-1].lines[-1])
    assert not [line for line in card.parts[-1].lines if isinstance(line, Link)], "no link to a reply never sent"
    clock.advance(minutes=10)
    assert services.tick(ports=ports) == 0 and replier.sent == {}


def test_a_drills_reply_that_needs_no_approval_is_not_sent_either_and_its_form_says_so(ports, replier):
    ports = replace(ports, plan=make_plan(webcare={**WEBCARE, "approval_from_severity": None}))
    drill = drills.start_drill("", actor="USOMEONE", request_key="command:T1", ports=ports).crisis
    said = render(services.reply_form(drill.channel_id, URL, user="USOCIAL", ports=ports).what_happens)
    assert "This is a drill: nothing is sent" in said and "as soon as you send" not in said
    reply = ask(ports, drill)
    assert (saved(ports, reply).state, replier.sent) == (ReplyState.SENT, {})
    assert kinds(ports, drill)[-1] is EventKind.REPLY_SKIPPED


def test_a_drills_form_says_the_reply_waits_for_approval_and_then_is_not_sent(ports):
    drill = drills.start_drill("", actor="USOMEONE", request_key="command:T1", ports=ports).crisis
    said = render(services.reply_form(drill.channel_id, URL, user="USOCIAL", ports=ports).what_happens)
    assert "This is a drill: the reply waits for approval" in said and "nothing is sent" in said
    crisis = open_one(ports)
    assert "waits for approval (as a statement) before it goes out" in render(
        services.reply_form(crisis.channel_id, URL, user="USOCIAL", ports=ports).what_happens)
