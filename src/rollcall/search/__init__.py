"""Cross-script person search: find a person from whatever writing of their name the searcher knows.

A Django app. The index lives at the record level (`models`), is filled by `index` right after ingest
(incrementally, idempotent) and answers through `query.search`; `ratelimit` holds the per-client token
bucket the public surfaces use. See docs/search.md.
"""
