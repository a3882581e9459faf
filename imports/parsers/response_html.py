"""A saved response page as text, using what only its markup can tell us.

Some offices publish their response as a table, one row per finding, with columns such as
Recommendation | Response | Position. As plain text each row's cells would run together, so such a
table becomes the shape the text reader knows: the finding under its heading, the response under a
label, the position as a form's status. Other tables are left to the page's text as they are.
"""

import re

from bs4 import BeautifulSoup

from imports.parsers.html_text import html_to_text
from imports.parsers.text import KIND_LABELS, KIND_NAME, NUMBER_COLUMN, finding_kind

FINDING_COLUMN = re.compile(rf"\b(?:{KIND_NAME}|findings?)\b", re.I)
RESPONSE_COLUMN = re.compile(r"\b(?:response|comments?|update|progress|action(?:s)?\s+taken)\b", re.I)
POSITION_COLUMN = re.compile(r"\b(?:position|status|rag|accepted)\b", re.I)
HEADING_IN_CELL = re.compile(
    r"^(?:recommendation|area\s+for\s+improvement|afi|(?:accelerated\s+)?cause\s+of\s+concern)\s*\d", re.I
)


# What a browser adds when it saves a page as it shows it: Firefox's reader view puts the page's
# <title>, the site's address and a reading time above the content.
BROWSER_FURNITURE = re.compile(
    r"^(?:reader-header|reader-estimated-time|reader-domain|reader-credits|reader-controls)$"
)


def page_text(html):
    """(the page's text, Flags about it)."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(class_=BROWSER_FURNITURE):
        if not tag.decomposed:
            tag.decompose()
    for table in soup.find_all("table"):
        _unfold_finding_table(soup, table)
    return html_to_text(str(soup)), []


def _cells(row):
    return row.find_all(["td", "th"], recursive=False)


def _columns(header):
    """The role of each column of a header row, or None when the table is not one of findings."""
    roles = []
    for cell in header:
        name = " ".join(cell.get_text(" ").split())
        if NUMBER_COLUMN.match(name):
            roles.append("number")
        elif POSITION_COLUMN.search(name) and not FINDING_COLUMN.search(name):
            roles.append("position")
        elif RESPONSE_COLUMN.search(name) and not FINDING_COLUMN.search(name):
            roles.append("response")
        elif FINDING_COLUMN.search(name):
            roles.append("finding")
        else:
            roles.append("other")
    if roles.count("finding") != 1 or "response" not in roles:
        return None
    return roles


def _unfold_finding_table(soup, table):
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    if len(rows) < 2:
        return
    roles = _columns(_cells(rows[0]))
    if roles is None:
        return
    # The heading each row's finding is given, in words the text reader knows ("Area for improvement").
    kind = KIND_LABELS[finding_kind(FINDING_COLUMN.search(_text(_cells(rows[0])[roles.index("finding")]))[0])]
    replacement = soup.new_tag("div")
    for row in rows[1:]:
        cells = _cells(row)
        by_role = {}
        for role, cell in zip(roles, cells, strict=False):
            by_role.setdefault(role, []).append(cell)
        finding = _paragraphs(by_role.get("finding", []))
        if not finding:
            continue
        number = " ".join(_text(c) for c in by_role.get("number", []))
        if not HEADING_IN_CELL.match(finding[0]):
            finding[0] = f"{kind} {number}: {finding[0]}" if number else f"{kind}: {finding[0]}"
        lines = finding
        response = _paragraphs(by_role.get("response", []))
        if response:
            lines = lines + [f"Response: {response[0]}"] + response[1:]
        lines += [f"Status: {p}" for p in _paragraphs(by_role.get("position", []))]
        lines += _paragraphs(by_role.get("other", []))
        for line in lines:
            paragraph = soup.new_tag("p")
            paragraph.string = line
            replacement.append(paragraph)
    table.replace_with(replacement)


def _text(cell):
    return " ".join(cell.get_text(" ").split())


def _paragraphs(cells):
    """The paragraphs of `cells`: each block inside a cell is its own, else the cell's text."""
    found = []
    for cell in cells:
        blocks = cell.find_all(["p", "li"])
        texts = [_text(block) for block in blocks] if blocks else [_text(cell)]
        found.extend(text for text in texts if text)
    return found
