"""The REST API (Django Ninja): persons, sources, facilities and search, redacted by role."""
