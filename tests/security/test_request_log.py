"""The request log (handled_request) keeps a claimed key only as long as a retry or double click can come."""
from crisis.ticks import REQUEST_KEYS_KEPT, room_tick
from reports.report import render_report


def test_request_keys_are_forgotten_after_their_useful_life(bot):
    with bot.ports.uow() as uow:
        assert uow.requests.claim("retry-me", bot.clock.now())
        uow.commit()
    bot.clock.advance(hours=1)
    assert room_tick(ports=bot.ports, render=render_report).requests_forgotten == 0
    with bot.ports.uow() as uow:
        assert not uow.requests.claim("retry-me", bot.clock.now())  # a retry within the day is still a repeat
    bot.clock.current += REQUEST_KEYS_KEPT
    assert room_tick(ports=bot.ports, render=render_report).requests_forgotten == 1
    bot.clock.advance(minutes=1)
    assert room_tick(ports=bot.ports, render=render_report).requests_forgotten == 0
