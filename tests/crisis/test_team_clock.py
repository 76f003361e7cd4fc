"""The team's clock and language from the plan: times typed and shown in its zone (daylight saving included),
stored in UTC; the plan's `language` and `timezone` validated with clear errors."""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from crisis.errors import BadInput, PlanError
from crisis.i18n import Msg, Time, render, voice
from crisis.i18n.zones import read_time
from crisis.plan_parsing import parse_plan
from handlers.block_kit import SLACK
from tests.crisis.plans import plan_data

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WINTER_NOW = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)
SUMMER_NOW = datetime(2026, 7, 1, 16, 0, tzinfo=UTC)


def typed(text: str, now: datetime = WINTER_NOW, zone: ZoneInfo = AMSTERDAM) -> datetime:
    return read_time(text, now, zone, "error.started_usage")


@pytest.mark.parametrize("text,now,stored", [
    ("14:05", WINTER_NOW, datetime(2026, 11, 25, 13, 5, tzinfo=UTC)),  # CET, UTC+1
    ("14:05", SUMMER_NOW, datetime(2026, 7, 1, 12, 5, tzinfo=UTC)),  # CEST, UTC+2
    ("2026-03-29 01:30", WINTER_NOW, datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),  # just before the jump
    ("2026-03-29 03:00", WINTER_NOW, datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),  # just after it
    ("2026-11-25 14:05 UTC", WINTER_NOW, datetime(2026, 11, 25, 14, 5, tzinfo=UTC)),
    ("2026-11-25 14:05 +05:30", WINTER_NOW, datetime(2026, 11, 25, 8, 35, tzinfo=UTC)),
    ("2026-10-25 02:30 CEST", WINTER_NOW, datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # the first 02:30
    ("2026-10-25 02:30 cet", WINTER_NOW, datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),  # the second
])
def test_typed_times_are_read_on_the_teams_clock_and_stored_in_utc(text, now, stored):
    assert typed(text, now) == stored


def test_today_is_the_teams_today():
    """00:30 in Amsterdam on 26 November is still 25 November in UTC: 'today' is the team's day."""
    assert typed("00:45", datetime(2026, 11, 25, 23, 40, tzinfo=UTC)) == datetime(2026, 11, 25, 23, 45, tzinfo=UTC)


def test_a_time_the_clock_skipped_is_refused_with_what_was_likely_meant():
    with pytest.raises(BadInput) as refused:
        typed("2026-03-29 02:30")
    assert refused.value.key == "error.time_nonexistent"
    text = render(Msg(refused.value.key, refused.value.params))
    assert text.startswith("02:30 does not exist on 2026-03-29 in Europe/Amsterdam: the clocks jump forward 1 h")
    assert "you probably mean 2026-03-29 03:30 CEST" in text


def test_a_time_the_clock_showed_twice_asks_which_one():
    with pytest.raises(BadInput) as asked:
        typed("2026-10-25 02:30")
    assert asked.value.key == "error.time_ambiguous"
    assert "`02:30 CEST` (the first) or `02:30 CET` (the second)" in render(Msg(asked.value.key, asked.value.params))


def test_a_wrong_abbreviation_says_which_ones_fit():
    with pytest.raises(BadInput) as refused:
        typed("2026-11-25 14:05 EST")
    assert refused.value.key == "error.time_unknown_zone"
    assert "write CET or `UTC`" in render(Msg(refused.value.key, refused.value.params))


@pytest.mark.parametrize("text", ["", "soon", "25:00", "14:61", "2026-02-30 10:00", "14:05 +25:00"])
def test_unreadable_times_explain_the_format_in_the_teams_zone(text):
    with pytest.raises(BadInput) as refused:
        typed(text)
    assert refused.value.key == "error.started_usage" and refused.value.params == {"zone": "Europe/Amsterdam"}


def test_in_utc_nothing_is_ambiguous():
    assert typed("2026-10-25 02:30", zone=ZoneInfo("UTC")) == datetime(2026, 10, 25, 2, 30, tzinfo=UTC)


# --- shown ------------------------------------------------------------------------------------------------------

def test_times_are_shown_on_the_teams_clock_with_the_zone_named():
    winter, summer = datetime(2026, 11, 25, 13, 5, tzinfo=UTC), datetime(2026, 7, 1, 12, 5, tzinfo=UTC)
    assert render(Msg("timeline.line", {"at": Time(winter), "text": "x"})) == "2026-11-25 13:05 UTC · x"
    voice.speak_as_team(voice.Voice("en", AMSTERDAM))
    assert render(Msg("timeline.line", {"at": Time(winter), "text": "x"})) == "2026-11-25 14:05 CET · x"
    assert render(Msg("timeline.line", {"at": Time(summer), "text": "x"})) == "2026-07-01 14:05 CEST · x"


def test_slack_shows_each_reader_their_own_time_and_the_teams_as_fallback():
    voice.speak_as_team(voice.Voice("nl", AMSTERDAM))
    at = datetime(2026, 11, 25, 13, 5, tzinfo=UTC)
    assert SLACK.time(at) == f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}|2026-11-25 14:05 CET>"


# --- the plan ---------------------------------------------------------------------------------------------------

def test_the_plan_defaults_to_english_and_utc():
    plan = parse_plan(plan_data())
    assert (plan.language, plan.timezone, plan.zone) == ("en", "UTC", ZoneInfo("UTC"))


def test_the_plan_names_the_teams_language_and_zone():
    plan = parse_plan({**plan_data(), "language": "nl", "timezone": "Europe/Amsterdam"})
    assert (plan.language, plan.zone) == ("nl", AMSTERDAM)
    assert plan.statements.target_name("press") == "Persbericht"
    assert plan.statements.target_name("x") == "X / Twitter"


@pytest.mark.parametrize("key,value,problem", [
    ("language", "fr", "'fr' is not a language crisisbot speaks; use one of en, nl"),
    ("language", "", "is not a language crisisbot speaks"),
    ("timezone", "", "is not a time zone"),
    ("timezone", "Europe/Amsterdamm", "'Europe/Amsterdamm' is not a time zone; write an IANA name such as "
                                      "Europe/Amsterdam or UTC"),
    ("timezone", "../../etc/passwd", "is not a time zone"),
    ("timezone", 1, "is not a time zone"),
])
def test_a_wrong_language_or_zone_is_a_clear_plan_error(key, value, problem):
    with pytest.raises(PlanError) as error:
        parse_plan({**plan_data(), key: value})
    assert error.value.path == key and problem in error.value.problem
