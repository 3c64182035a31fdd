"""People: records grouped into persons by record linkage, human judgements, stable public IDs."""
