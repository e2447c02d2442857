"""Organisations, roles, access rules, login throttling and API tokens."""
