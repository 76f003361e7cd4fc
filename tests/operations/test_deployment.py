"""The deployment files, checked as far as can be without Docker: the image's key lines, the compose file's shape,
the proxy's routes, and docs/operations.md naming only metrics that exist."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from cli.main import parser
from handlers.after_acks import AfterAcks
from wiring.metrics import Metrics, state_families

ROOT = Path(__file__).resolve().parents[2]


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (continuation lines joined), as (KEYWORD, arguments)."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_the_image_is_slim_non_root_installs_the_package_and_serves_with_a_health_check():
    steps = instructions()
    keywords = [keyword for keyword, _ in steps]
    assert steps[0] == ("FROM", "python:3.11-slim")
    [install] = [args for keyword, args in steps if keyword == "RUN" and "pip install" in args]
    assert install.startswith('pip install ${EXTRAS:+--extra-index-url https://download.pytorch.org/whl/cpu} ".${EXTRAS}"')
    assert ("ARG", 'EXTRAS=""') in steps and steps.index(("ARG", 'EXTRAS=""')) < steps.index(("RUN", install))
    users = [args for keyword, args in steps if keyword == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert keywords.index("USER") < keywords.index("CMD")
    assert dict(steps)["CMD"].startswith('["crisisbot", "serve"')
    assert "/healthz" in dict(steps)["HEALTHCHECK"]
    for package in ("crisis", "db", "handlers", "wiring", "cli", "sources", "publishers", "reports", "config"):
        assert any(keyword == "COPY" and args.startswith(f"{package} ") for keyword, args in steps), package


def test_compose_runs_postgres_a_migration_two_replicas_and_a_proxy():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert compose["x-bot"]["build"] == {"context": ".", "args": {"EXTRAS": "${CRISISBOT_EXTRAS:-}"}}
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["migrate"]["command"] == ["crisisbot", "db", "upgrade"]
    replicas = [name for name, service in services.items() if "serve" in service.get("command", [])]
    assert replicas == ["bot-1", "bot-2"]
    for name in replicas:
        service = services[name]
        assert "--no-migrate" in service["command"]
        assert service["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
        assert service["environment"]["DATABASE_URL"].startswith("postgresql://")
        assert "@postgres:5432/" in service["environment"]["DATABASE_URL"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert set(proxy["depends_on"]) == set(replicas)
    for mount in proxy["volumes"]:
        assert (ROOT / mount.split(":")[0]).is_file(), mount


def test_the_proxy_spreads_slack_and_ingest_over_both_replicas_and_hides_operations():
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.findall(r"server (bot-\d):3000", config) == ["bot-1", "bot-2"]
    locations = re.findall(r"location\s+(=\s+)?(\S+)\s*\{", config)
    assert [path for _, path in locations] == ["/slack/events", "/ingest/", "/healthz", "/"]
    assert "client_header_timeout" in config and "client_body_timeout" in config


def exported() -> set[str]:
    """Every sample name /metrics can show."""
    metrics = Metrics()
    # Slack's server has it; serve-teams has no work after acks
    metrics.watch_after_acks(AfterAcks(at_once_threads=1, kept_threads=1))
    names = {sample_name for family in metrics.registry.collect() for sample_name in
             {family.name, family.name + "_total", family.name + "_bucket", family.name + "_count"}}
    return names | {family.name for family in state_families()}


def test_the_operations_guide_covers_each_topic_and_names_only_real_metrics():
    guide = (ROOT / "docs" / "operations.md").read_text()
    for topic in ("Environment", "Migrations", "Replicas", "Backups", "Upgrades", "Sizing", "Alerting"):
        assert f"## {topic}" in guide, topic
    named = set(re.findall(r"crisisbot_[a-z_]+", guide))
    assert named and named <= exported(), named - exported()
    for variable in re.findall(r"environ\.get\(\"([A-Z_]+)\"", (ROOT / "wiring" / "settings.py").read_text()):
        assert f"`{variable}`" in guide, variable


def test_every_command_parses_and_the_health_checks_and_ports_meet():
    """The image's and compose's commands are ones the CLI accepts; the image's health check, the replicas'
    port, EXPOSE and the proxy's upstreams are one port; PostgreSQL's check and the bots' URL name its user
    and database; the proxy publishes the port nginx listens on."""
    steps, compose = instructions(), yaml.safe_load((ROOT / "compose.yaml").read_text())
    services, nginx = compose["services"], (ROOT / "deploy" / "nginx.conf").read_text()
    commands = [json_list(dict(steps)["CMD"])] + [s["command"] for s in services.values() if "command" in s]
    for command in commands:
        assert command[0] == "crisisbot"
        parser().parse_args(command[1:])  # SystemExit on an unknown command or flag
    ports = {command[command.index("--port") + 1] for command in commands if "--port" in command}
    health = re.search(r"127\.0\.0\.1:(\d+)/healthz", dict(steps)["HEALTHCHECK"])
    assert ports == {health.group(1)} == {dict(steps)["EXPOSE"]} == set(re.findall(r"server bot-\d:(\d+)", nginx))
    postgres = services["postgres"]
    check = postgres["healthcheck"]["test"]
    user, database = check[check.index("-U") + 1], check[check.index("-d") + 1]
    assert (user, database) == (postgres["environment"]["POSTGRES_USER"], postgres["environment"]["POSTGRES_DB"])
    url = services["bot-1"]["environment"]["DATABASE_URL"]
    assert url.startswith(f"postgresql://{user}:") and url.endswith(f"@postgres:5432/{database}")
    listen = re.search(r"listen (\d+);", nginx).group(1)
    assert [port.split(":")[-1] for port in services["proxy"]["ports"]] == [listen]
    assert "include /etc/nginx/crisisbot_proxy.conf;" in nginx
    assert any(mount.endswith(":/etc/nginx/crisisbot_proxy.conf:ro") for mount in services["proxy"]["volumes"])


def test_the_image_copies_every_package_it_installs_and_the_replicas_get_their_settings():
    """pip install . finds only what was copied: every package pyproject.toml includes is a COPY; the plan is
    mounted where CRISIS_PLAN points; the variables a replica cannot start without are in deploy/env.example."""
    copied = {path for keyword, args in instructions() if keyword == "COPY" for path in args.split()[:-1]}
    for path in copied:
        assert (ROOT / path).exists(), path
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for pattern in setuptools["packages"]["find"]["include"]:
        assert pattern.rstrip("*") in copied, pattern
    for module in setuptools["py-modules"]:
        assert f"{module}.py" in copied, module
    bot = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]["bot-1"]
    plan = bot["environment"]["CRISIS_PLAN"]
    assert any(mount.split(":")[1] == plan for mount in bot["volumes"])
    assert bot["env_file"] == ".env"
    example = (ROOT / "deploy" / "env.example").read_text()
    for variable in ("POSTGRES_PASSWORD", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        assert re.search(rf"^{variable}=", example, re.MULTILINE), variable


def json_list(text: str) -> list[str]:
    """A Dockerfile exec-form argument list."""
    return yaml.safe_load(text)


def test_the_alerting_rules_page_on_real_metrics_and_labels():
    """deploy/prometheus-alerts.yaml: Prometheus's rule-file shape, every metric and label it names exported,
    and every page-worthy condition of point 6 covered (stuck pages, Slack failures, slow answers, no replica)."""
    groups = yaml.safe_load((ROOT / "deploy" / "prometheus-alerts.yaml").read_text())["groups"]
    rules = [rule for group in groups for rule in group["rules"]]
    assert len({rule["alert"] for rule in rules}) == len(rules)
    labels = {"kind": {"page", "escalation", "card_update", "debrief", "warning", "request"}, "surface":
              {"command", "action", "view", "event", "ingest"}}
    for rule in rules:
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"} and rule["annotations"]["summary"]
        assert rule["labels"]["severity"] in ("page", "ticket")
        assert re.fullmatch(r"\d+m", rule.get("for", "0m")), rule["alert"]
        assert rule["expr"].count("(") == rule["expr"].count(")"), rule["alert"]
        named = set(re.findall(r"crisisbot_[a-z_]+", rule["expr"]))
        assert named and named <= exported(), (rule["alert"], named - exported())
        for label, values in re.findall(r'(kind|surface)=~?"([^"]+)"', rule["expr"]):
            assert set(values.split("|")) <= labels[label], rule["alert"]
    paged = " ".join(rule["expr"] for rule in rules if rule["labels"]["severity"] == "page")
    for metric in ("crisisbot_due_work_oldest_seconds", "crisisbot_slack_api_failures_total",
                   "crisisbot_request_seconds_bucket", "crisisbot_database_readable"):
        assert metric in paged, metric
