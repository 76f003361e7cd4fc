"""The crisis plan read from a mapping: every section validated, errors naming the key path."""
from datetime import timedelta

import pytest

from config.plan_file import PlanFileError, load_plan
from crisis.errors import PlanError
from crisis.plan_parsing import parse_duration, parse_plan
from tests.crisis.plans import plan_data


def test_valid_plan_parses_roles_severities_and_rules():
    plan = parse_plan(plan_data())
    assert [r.key for r in plan.roles] == ["crisis_lead", "comms_lead", "legal"]
    assert plan.role("legal").backup is None
    assert plan.severity("SEV1").ack_within == timedelta(minutes=5)
    assert plan.approval_rule("SEV3").roles == ("comms_lead", "legal")
    assert plan.approval_rule("SEV3").needed == 2


@pytest.mark.parametrize("text,expected", [("90s", timedelta(seconds=90)), ("1h30m", timedelta(minutes=90)),
                                           ("2d", timedelta(days=2)), ("5 m", timedelta(minutes=5))])
def test_durations(text, expected):
    assert parse_duration(text, "x") == expected


@pytest.mark.parametrize("bad", ["", "soon", "5 minutes", "0m", "-5m", 5, None, "9999999999999999999d", "3651d"])
def test_bad_durations_name_the_key(bad):
    with pytest.raises(PlanError) as error:
        parse_duration(bad, "severities.SEV1.ack_within")
    assert error.value.path == "severities.SEV1.ack_within"


@pytest.mark.parametrize("change,path,words", [
    (lambda d: d["statement_approval"].update(default="comms_lead AND lawyer"), "statement_approval.default",
     "unknown role 'lawyer'"),
    (lambda d: d["roles"]["legal"].update(primary="not a person"), "roles.legal.primary", "neither"),
    (lambda d: d["roles"]["legal"].update(backup="ULEGAL"), "roles.legal.backup", "same person"),
    (lambda d: d["severities"].pop("SEV4"), "severities", "missing SEV4"),
    (lambda d: d["severities"]["SEV2"].update(ack_within="fast"), "severities.SEV2.ack_within", "not a duration"),
    (lambda d: d.update(lead_role="boss"), "lead_role", "not one of the roles"),
    (lambda d: d.update(colour="red"), "colour", "unknown key"),
    (lambda d: d.update(announce_channel="general"), "announce_channel", "channel"),
    (lambda d: d["statement_approval"].update(SEV1="any 4 of comms_lead, legal"), "statement_approval.SEV1", "any 4"),
])
def test_broken_plans_say_where_and_what(change, path, words):
    data = plan_data()
    change(data)
    with pytest.raises(PlanError) as error:
        parse_plan(data)
    assert error.value.path == path
    assert words in error.value.problem


def test_plan_file_error_names_file_line_and_key(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(
        "announce_channel: '#a'\n"
        "roles:\n"
        "  crisis_lead: {primary: U111}\n"
        "severities:\n"
        "  SEV1: {description: x, ack_within: 5m, update_every: 1h}\n"
        "  SEV2: {description: x, ack_within: 5m, update_every: 1h}\n"
        "  SEV3: {description: x, ack_within: 5m, update_every: 1h}\n"
        "  SEV4: {description: x, ack_within: soon, update_every: 1h}\n")
    with pytest.raises(PlanFileError) as error:
        load_plan(path)
    assert str(error.value).startswith(f"{path}, line 8 (severities.SEV4.ack_within)")


def test_duplicate_role_is_refused_with_its_line(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("roles:\n  legal: {primary: U1}\n  legal: {primary: U2}\n")
    with pytest.raises(PlanFileError, match=r"line 3 \(roles.legal\): 'legal' is defined twice"):
        load_plan(path)


def test_missing_and_invalid_yaml_files(tmp_path):
    with pytest.raises(PlanFileError, match="does not exist"):
        load_plan(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("roles: [\n")
    with pytest.raises(PlanFileError, match="not valid YAML"):
        load_plan(bad)


def test_example_plan_ships_and_loads():
    plan = load_plan("examples/crisis-plan.yaml")
    assert len(plan.roles) == 7
    assert plan.approval_rule("SEV1").needed == 2
    assert [s.kind for s in plan.monitor.sources] == ["rss", "mastodon", "webhook"]


def test_monitor_section_sources_are_validated_with_lines(tmp_path):
    text = open("examples/crisis-plan.yaml").read().split("# The mention monitor")[0] + (
        "monitor:\n"
        "  terms: [acme]\n"
        "  sources:\n"
        "    - {name: press, type: rss, term: acme, url: 'https://news.example/acme.rss', every: 5m}\n"
        "    - name: feed2\n"
        "      type: telepathy\n"
        "      term: acme\n")
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    with pytest.raises(PlanFileError) as error:
        load_plan(path)
    line = text.splitlines().index("      type: telepathy") + 1
    assert f"line {line} (monitor.sources.1.type): unknown source type" in str(error.value)


def test_monitor_section_parses():
    data = plan_data()
    data["monitor"] = {"terms": ["acme"], "bucket_minutes": 10, "sources": [
        {"name": "toots", "type": "mastodon", "term": "acme", "instance": "https://m.example", "hashtag": "acme"}]}
    monitor = parse_plan(data).monitor
    assert monitor.bucket_minutes == 10
    assert monitor.source("toots").options == {"instance": "https://m.example", "hashtag": "acme"}
    data["monitor"]["sources"][0].pop("hashtag")
    with pytest.raises(PlanError, match="hashtag or a query"):
        parse_plan(data)


def test_a_plan_says_which_chat_the_team_uses_and_names_people_by_email_or_entra_id():
    data = plan_data()
    data.update(chat="teams")
    data["roles"]["legal"].update(primary="5f0c2b1e-8a7d-4c3b-9e21-0a1b2c3d4e5f")
    data["announce_channel"] = "19:abc123@thread.tacv2"
    plan = parse_plan(data)
    assert (plan.chat, plan.role("legal").primary, plan.announce_channel) == (
        "teams", "5f0c2b1e-8a7d-4c3b-9e21-0a1b2c3d4e5f", "19:abc123@thread.tacv2")
    assert parse_plan(plan_data()).chat == "slack"
    data.update(chat="irc")
    with pytest.raises(PlanError) as error:
        parse_plan(data)
    assert error.value.path == "chat"


@pytest.mark.parametrize("section", ["roles", "playbooks", "statements"])
def test_a_key_with_a_line_break_is_refused_on_one_line(section):
    data = plan_data()
    data[section] = {**(data.get(section) or {}), "evil\nkey": None}
    with pytest.raises(PlanError) as refused:
        parse_plan(data)
    assert "\n" not in str(refused.value) and "evil\\nkey" in str(refused.value)


def test_a_plan_without_an_organisation_names_it_in_the_plans_language():
    """The default is a catalog message: a Dutch briefing never speaks of 'Our company'."""
    from datetime import UTC, datetime

    from crisis.room.model import Crisis
    from crisis.statements.briefing import briefing_text

    unnamed = {key: value for key, value in plan_data().items() if key != "organisation"}
    dutch = parse_plan({**unnamed, "language": "nl"})
    assert (parse_plan(unnamed).organisation, dutch.organisation) == ("Our company", "Ons bedrijf")
    assert parse_plan({**unnamed, "organisation": "Acme", "language": "nl"}).organisation == "Acme"
    crisis = Crisis("Offensive ad", "SEV2", "offensive_post", "ULEAD", datetime(2026, 11, 25, tzinfo=UTC))
    text = briefing_text(crisis, dutch, {})
    assert "Ons bedrijf" in text and "Our company" not in text
