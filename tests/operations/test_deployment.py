"""The deployment files, checked as far as can be without Docker: the image's key lines, the compose file's shape,
the proxy's routes, and docs/operations.md naming only metrics that exist."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

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
    assert any(keyword == "RUN" and "pip install ." in args for keyword, args in steps)
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


def test_the_operations_guide_covers_each_topic_and_names_only_real_metrics():
    guide = (ROOT / "docs" / "operations.md").read_text()
    for topic in ("Environment", "Migrations", "Replicas", "Backups", "Upgrades", "Sizing", "Alerting"):
        assert f"## {topic}" in guide, topic
    exported = {sample_name for family in Metrics().registry.collect() for sample_name in
                {family.name, family.name + "_total", family.name + "_bucket", family.name + "_count"}}
    exported |= {family.name for family in state_families()}
    named = set(re.findall(r"crisisbot_[a-z_]+", guide))
    assert named and named <= exported, named - exported
    for variable in re.findall(r"environ\.get\(\"([A-Z_]+)\"", (ROOT / "wiring" / "settings.py").read_text()):
        assert f"`{variable}`" in guide, variable
