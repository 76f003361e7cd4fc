"""crisisbot's own queue of brand posts in the database (paused posts live with the statements' rows)."""
