"""The web app: pages for search, people with their evidence, sources, facilities and review."""
