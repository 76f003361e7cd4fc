"""Tests of the Slack sandbox (sandbox/)."""
