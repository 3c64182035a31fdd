"""Records and statements: every row a record with a locator, every non-empty cell a statement."""
