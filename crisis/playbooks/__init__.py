"""Playbooks: the checklist of a crisis type, posted in the crisis room at open, ticked step by step."""
