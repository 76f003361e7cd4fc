"""Tables of the Home tab."""
