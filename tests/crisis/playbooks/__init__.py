"""Playbooks: the checklist per crisis type, its steps, ticks and who may tick."""
