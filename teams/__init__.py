"""The Microsoft Teams surface: activities from the Bot Connector in, Adaptive Cards out, the same use cases."""
