"""Prevention: the brand's social-account register, hygiene flags, offboarding alerts and access reviews."""
