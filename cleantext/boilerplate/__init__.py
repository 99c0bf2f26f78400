"""Boilerplate evidence: one module per kind (phrases, edges, pull quotes, titles)."""
