"""Tables of prevention: the account register, notices, offboardings and access reviews."""
