"""The Slack sandbox: a local fake of Slack (Web API, and what Slack sends to an app) for tests and `crisisbot demo`."""

from sandbox.slack_api import Call, SlackSandbox
from sandbox.slack_user import SlackUser

__all__ = ["Call", "SlackSandbox", "SlackUser"]
