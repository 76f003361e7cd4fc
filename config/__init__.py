"""Configuration adapters: the crisis plan file and settings from the environment."""
