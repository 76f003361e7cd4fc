"""A configuration mistake stops `crisisbot` with one line naming what to fix and exit status 2, never a
traceback: database drivers, log levels, the Slack API URL and the web addresses in the crisis plan."""
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import bot

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "examples" / "crisis-plan.yaml"


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("SLACK_APP_TOKEN", "DATABASE_URL", "CRISIS_PLAN", "SLACK_API_URL", "LOG_LEVEL",
                 "CRISIS_SENTIMENT_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("CRISIS_PLAN", str(PLAN))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.sqlite'}")
    return monkeypatch


def refused(argv, capsys) -> str:
    """Run the command in-process; it must fail with exit status 2 and one line on stderr."""
    assert bot.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("crisisbot: ") and "\n" not in err and "Traceback" not in err
    return err


def plan_with(tmp_path, change) -> Path:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("url,driver", [("foo://x", "foo"), ("mysql://crisis:hunter2@db/crisis", "mysql"),
                                        ("postgresql+psycopg2://crisis:hunter2@db/crisis", "postgresql+psycopg2")])
@pytest.mark.parametrize("argv", [["serve", "--port", "0"], ["db", "upgrade"], ["export-labels", "--out", "x.csv"]])
def test_an_unknown_database_driver_is_one_line(env, capsys, url, driver, argv):
    env.setenv("DATABASE_URL", url)
    err = refused(argv, capsys)
    assert f"driver that is not available ({driver})" in err and "hunter2" not in err


@pytest.mark.parametrize("level", ["LOUD", "", "5", "info please"])
def test_a_bad_log_level_is_one_line_naming_the_choices(env, capsys, level):
    env.setenv("LOG_LEVEL", level)
    err = refused(["db", "upgrade"], capsys)
    assert "LOG_LEVEL" in err and "DEBUG, INFO, WARNING, ERROR, CRITICAL" in err


def test_a_log_level_in_lower_case_is_accepted(env, capsys):
    env.setenv("LOG_LEVEL", "debug")
    assert bot.main(["db", "upgrade"]) == 0


@pytest.mark.parametrize("url", ["ftp://slack.example/api/", "slack.com/api", "https://", "http://[::1"])
def test_a_slack_api_url_that_is_not_http_is_one_line(env, capsys, url):
    env.setenv("SLACK_API_URL", url)
    assert "SLACK_API_URL" in refused(["serve", "--port", "0"], capsys)


BAD_URL = "ftp://feeds:hunter2@news.example/acme"


@pytest.mark.parametrize("index,key", [(0, "url"), (1, "instance")])
def test_a_source_address_that_is_not_http_names_the_plan_file_line_and_key(env, capsys, tmp_path, index, key):
    path = plan_with(tmp_path, lambda data: data["monitor"]["sources"][index].__setitem__(key, BAD_URL))
    env.setenv("CRISIS_PLAN", str(path))
    err = refused(["serve", "--port", "0"], capsys)
    assert f"{path}, line " in err and f"(monitor.sources.{index}.{key})" in err and "http(s)" in err
    assert "hunter2" not in err


def test_a_publisher_address_that_is_not_http_is_one_line_without_its_credentials(env, capsys, tmp_path):
    path = plan_with(tmp_path, lambda data: data["statements"]["targets"].__setitem__("mastodon", {
        "publisher": {"type": "mastodon", "instance": BAD_URL, "token_env": "MASTODON_TOKEN"}}))
    env.setenv("CRISIS_PLAN", str(path))
    err = refused(["serve", "--port", "0"], capsys)
    assert "(statements.targets.mastodon.publisher.instance): must be an http(s) base URL" in err  # when read
    assert "hunter2" not in err and len(err.strip().splitlines()) == 1


def test_a_source_option_only_its_adapter_checks_is_one_line_too(env, capsys, tmp_path):
    path = plan_with(tmp_path, lambda data: data["monitor"]["sources"].append(
        {"name": "replay", "type": "file", "term": "acme", "path": "mentions.csv", "speed": "fast"}))
    env.setenv("CRISIS_PLAN", str(path))
    assert "crisis plan: monitor.sources.replay.speed" in refused(["serve", "--port", "0"], capsys)


def test_the_real_process_prints_one_line_and_exits_2(tmp_path):
    environ = {"PATH": "/usr/bin:/bin", "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s",
               "CRISIS_PLAN": str(PLAN), "DATABASE_URL": "foo://x", "LOG_LEVEL": "INFO"}
    done = subprocess.run([sys.executable, str(REPO / "bot.py"), "serve", "--port", "0"], check=False, cwd=tmp_path,
                          env=environ, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    assert "driver that is not available (foo)" in done.stderr


def test_a_sentiment_model_that_cannot_load_is_one_line(env, tmp_path, capsys):
    mentions = tmp_path / "in.csv"
    mentions.write_text("text\nthe app is broken\n")
    out = str(tmp_path / "out.csv")
    (tmp_path / "not-a-model").mkdir()
    err = refused(["score", str(mentions), "--out", out, "--model", str(tmp_path / "not-a-model")], capsys)
    assert "cannot be loaded" in err and "is not an encoder sentiment model" in err
    (tmp_path / "model.json").write_text('{"format": "something else"}')
    err = refused(["score", str(mentions), "--out", out, "--model", str(tmp_path / "model.json")], capsys)
    assert "cannot be loaded" in err and "is not a sentiment model file" in err
    assert not (tmp_path / "out.csv").exists()
