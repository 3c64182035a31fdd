"""Evidence: every file kept byte-for-byte, named by its SHA-256, with a hash-chained custody log."""
