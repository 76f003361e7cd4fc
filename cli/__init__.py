"""The `crisisbot` command line: argument parsing and one small function per command, calling into wiring/."""
