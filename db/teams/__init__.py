"""Tables of the Microsoft Teams adapter."""
