"""Tables of take-downs."""
