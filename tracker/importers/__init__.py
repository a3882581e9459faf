"""Importers: HMICFRS reports (PDF, HTML, text, JSON, CSV) and responses published elsewhere.

Parsing (text in, Parsed* out) is kept apart from saving (tracker/importers/saving.py), so every
parser can be checked by machine (`--json`) and corrected by a person before anything is written.
"""
