"""Accounts: roles, what each role may see (redaction), API tokens and the audit log."""
