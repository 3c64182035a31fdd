"""Facilities: the merged registry of detention facilities from the ASPI and BuzzFeed News datasets, every
value traceable to its file, row and column (see docs/facilities.md)."""
