"""Findings set out in a table, a finding a row: "Recommendation | Owner | Deadline".

Tables reach the text parser as lines of cells separated by " | ": html_text.py writes a web page's
table rows so, pdf_layout.py a PDF's, and a table pasted as Markdown looks the same. A table holds
findings when a cell of its first row (the header) names a kind of finding ("Recommendation",
"Areas for improvement"); that column gives each row's finding, its number taken from the start of
the cell ("1. The force should…") or from a number column ("No.", "Ref").

The other columns are not part of the finding's words, and are not lost either: an owner column
gives the finding's addressees when it names them ("Chief constables"), a deadline column its
deadline ("31 March 2025"; "Immediately" is kept as the deadline's wording). What neither explains
(an owner such as "Head of public protection", any other column) is kept in a flag on the finding,
for a person to read.
"""

import re
from dataclasses import dataclass, field

from imports.parsers import finding_details as details
from imports.parsers.text import KIND_NAME, NUMBER_COLUMN, kind_label, parse_date

KIND_WORDS = re.compile(rf"^{KIND_NAME}$", re.IGNORECASE)
OWNER_COLUMN = re.compile(r"\b(?:owner|lead|responsib\w*|addressed to|for whom|who)\b", re.IGNORECASE)
DEADLINE_COLUMN = re.compile(r"\b(?:deadline|due|by when|timescale|target date|completion date)\b", re.IGNORECASE)
LEADING_NUMBER = re.compile(
    r"(?:(?:recommendation|afi|area for improvement)\s*)?(?P<n>\d{1,3})[.):]?\s+(?P<rest>\S.*)", re.I
)


@dataclass
class TableRow:
    """One finding's row: its text, number if given, and what the other columns say."""

    text: str
    number: int | None = None
    owner: str = ""
    deadline: str = ""
    others: list = field(default_factory=list)  # (column name, value)


def cells(line):
    """The cells of a table line, or [] when `line` is not one."""
    if " | " not in line and not line.startswith("|"):
        return []
    parts = [part.strip() for part in line.strip().strip("|").split("|")]
    return parts if len(parts) >= 2 else []


def findings_header(line):
    """(column of the findings, its kind's label, column names) when `line` heads a findings table."""
    header = cells(line)
    column = next((i for i, name in enumerate(header) if KIND_WORDS.match(name.rstrip(":"))), None)
    if column is None:
        return None
    return column, kind_label(header[column]), header


def read_row(line, header):
    """The TableRow of a row of the findings table `header` (from findings_header) heads, or None."""
    column, _, names = header
    row = cells(line)
    if len(row) <= column or not row[column]:
        return None
    text, number = row[column], None
    numbered = LEADING_NUMBER.fullmatch(text)
    if numbered:
        text, number = numbered.group("rest"), int(numbered.group("n"))
    found = TableRow(text, number)
    for index, value in enumerate(row):
        name = names[index] if index < len(names) else ""
        if index == column or not value:
            continue
        if NUMBER_COLUMN.match(name) and value.rstrip(".").isdigit() and found.number is None:
            found.number = int(value.rstrip("."))
        elif OWNER_COLUMN.search(name) and not found.owner:
            found.owner = value
        elif DEADLINE_COLUMN.search(name) and not found.deadline:
            found.deadline = value
        else:
            found.others.append((name or f"Column {index + 1}", value))
    return found


def apply_columns(finding, row):
    """Give `finding` what its row's other columns say; return what is left for a flag, or ""."""
    left = list(row.others)
    if row.owner:
        named = details.addressees(row.owner)
        if named:
            finding.addressees = named
        else:
            left.insert(0, ("Owner", row.owner))
    if row.deadline:
        day = parse_date(row.deadline)
        finding.deadline_on = day or finding.deadline_on
        if day or not finding.deadline_text:
            finding.deadline_text = row.deadline[:200]
        else:
            left.append(("Deadline", row.deadline))
    return "; ".join(f"{name}: {value}" for name, value in left)
