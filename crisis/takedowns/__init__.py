"""Taking down an offending post of one of the brand's own accounts, under the statements' approval rule."""
