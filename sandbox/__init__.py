"""The Slack sandbox: a local fake of Slack (its Web API in slack_api, what it sends to apps in slack_user).

Used by the end-to-end tests and by `crisisbot demo`; it needs nothing outside this package at run time.
"""
