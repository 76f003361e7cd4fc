"""Tables of webcare: replies and the accounts marked do not engage."""
