"""A spike warning offers Reply under each example mention on a platform of the plan's accounts, and never under a
do-not-engage author's: the warning built from an ingested wave through the fakes."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from crisis.monitor import services
from crisis.monitor.services import Monitor
from crisis.monitor.views import spike_warning
from crisis.ports import Ports
from crisis.webcare import services as webcare
from crisis.views import Action, Buttons, Example
from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase, FakeScorer
from crisis.webcare.model import Unengaged, account_key
from tests.crisis.fakes.webcare import FakeReplier
from tests.crisis.monitor.stream import SPIKE_AT, stream
from tests.crisis.plans import make_plan

NOW = SPIKE_AT + timedelta(minutes=20)


MONITOR = {"terms": ["acme"], "spikes": {"warmup_days": 1},
           "sources": [{"name": "push", "type": "webhook", "term": "acme", "token_env": "PUSH_TOKEN"}]}


def posted_warning():
    """The spike warning of the test wave as the monitor posted it, and its ports."""
    replier = FakeReplier()
    replier.recognise = lambda url: url.rpartition("/")[2] or None  # every example's link is on its platform
    plan = make_plan(alerts_channel="#brand-alerts", monitor=MONITOR,
                     webcare={"lines": {"sorry": {"text": "{author} sorry"}}})
    ports = Ports(plan=plan, uow=FakeDatabase(), chat=FakeChat(), clock=FakeClock(NOW),
                  repliers={"mastodon": ("Mastodon social.example", replier)})
    services.ingest("push", stream(NOW, burst=30), monitor=Monitor(ports, {}, FakeScorer()))
    services.detect(ports=ports)
    services.post_alerts(ports=ports)
    return ports.chat.named("post_spike_warning")[0][2], ports


def offered(parts) -> dict[str, bool]:
    """Example author -> whether a Reply button for its link follows it."""
    found = {}
    for index, part in enumerate(parts):
        if isinstance(part, Example):
            follows = parts[index + 1] if index + 1 < len(parts) else None
            found[part.author] = isinstance(follows, Buttons) and follows.buttons[0].action is Action.REPLY_MENTION \
                and follows.buttons[0].value == part.url
    return found


def test_examples_get_a_reply_button_except_do_not_engage_authors():
    warning, ports = posted_warning()
    everyone = offered(spike_warning(warning).parts)
    assert everyone and all(everyone.values())
    troll = next(iter(everyone))
    with ports.uow() as uow:
        uow.unengaged.add(Unengaged(account_key(troll.upper()), "ULEAD", NOW))
        uow.commit()
    with ports.uow() as uow:  # as the warning's next update builds it
        again = replace(warning, replyable=webcare.offered(uow, ports, warning.examples))
    assert offered(spike_warning(again).parts) == {author: author != troll for author in everyone}
