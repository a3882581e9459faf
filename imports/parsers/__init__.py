"""Importers: HMICFRS reports (PDF, HTML, text, JSON, CSV) and responses published elsewhere.

Parsing (text in, Parsed* out) is kept apart from saving (imports/report_plan.py), so every
parser can be checked by machine (`--json`) and corrected by a person before anything is written.
"""
