"""Webcare: replying to people on the platforms with the plan's approved lines, and the accounts never engaged."""
