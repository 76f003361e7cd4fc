"""Tables of playbooks: the checklist of each crisis."""
