"""Pages of HMICFRS's web register of recommendations: one finding a page, or a theme's findings.

The register gives each finding a number of its own ("Reference: 2023/045", "AFI-2022-012") beside
the site's markup around the finding: details (type, report, date, addressees) as a <dl> or table,
a status history ("Open", "In progress", "Complete", with dates) as a <dl>, table or list, and
commentary the inspectorate adds later ("Our commentary", "Follow-up", "Progress update").

Only the finding's own words become its text: the status history and commentary describe what
happened after the report, and a response answers the report. But they are not dropped: an admin
importing from the register expects to see where each finding stood, so each entry's details,
status history and commentary go into the report's summary, under the entry's register number, and
a flag says so. The page's own heading, when it is not the report's title, and any other text on
the page (an introduction to a theme) go into the summary too.

Each finding's reference is its kind and its register number ("Recommendation 2023/045"): the
register does not give the number the finding had in its report. The report's title is the report
the entries name ("Report: …"), else the page's heading; its date the one the details or the page
give, flagged like any web page's date.
"""

import re

from imports.parsers import finding_details as details
from imports.parsers.html_text import LIST_MARK, main_content, tag_text
from imports.parsers.parsed import Flag, ImportProblem, ParsedReport
from imports.parsers.report_tables import KIND_WORDS
from imports.parsers.report_text import NOTHING_FOUND, make_finding
from imports.parsers.text import KIND_ABBREVIATIONS, kind_label, parse_date

# A register number: a year and a serial, with the kind's letters in front or not.
REGISTER_NUMBER = re.compile(r"\b(?:(?P<prefix>AFI|REC|R|COC|ACOC)[-/ ]?)?(?:19|20)\d\d[-/]\d{1,4}\b", re.IGNORECASE)
LABELLED_NUMBER = re.compile(
    r"(?:register\s+)?(?:reference|ref\.?|register\s+number|recommendation\s+number)(?:\s+number)?\s*:?\s*"
    + REGISTER_NUMBER.pattern,
    re.IGNORECASE,
)
REFERENCE_LABEL = re.compile(r"(?:register\s+)?(?:reference|ref\.?|register\s+number)(?:\s+number)?\s*:?", re.I)
STATUS_WORDS = re.compile(
    r"\b(?:status|open|in progress|complete[d]?|closed|superseded|not started|partially met|met)\b", re.IGNORECASE
)
STATUS_HEADING = re.compile(r"\bstatus\b|\bhistory\b", re.IGNORECASE)
COMMENTARY_HEADING = re.compile(
    r"\b(?:commentary|comments?|update|progress|follow[- ]?up|our (?:view|assessment)|evidence|closure|rationale)\b",
    re.IGNORECASE,
)
KIND_FIELD = re.compile(r"^(?:type|kind|category|finding type)$", re.IGNORECASE)
REPORT_FIELD = re.compile(r"^(?:report|source report|publication|from the report)$", re.IGNORECASE)
DATE_FIELD = re.compile(r"^(?:date published|published|report published|publication date)$", re.IGNORECASE)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def is_register_page(html):
    """Whether the page shows register entries: a register number labelled as the reference."""
    return bool(LABELLED_NUMBER.search(" ".join(main_content(html).get_text(" ").split())))


def parse_register_html(html):
    root = main_content(html)
    heading = root.find("h1")
    page_title = " ".join(heading.get_text(" ").split()) if heading else ""
    if heading:
        heading.extract()
    containers = _entry_containers(root)
    entries = [entry for entry in map(_read_entry, containers) if entry["number"]]
    if not any(entry["text"] for entry in entries):
        raise ImportProblem(NOTHING_FOUND)
    # What is left once the entries are taken out: the page's introduction.
    rest = "" if containers == [root] else tag_text(root)
    return _report(entries, page_title, rest)


def _entry_containers(root):
    """For each labelled register number, the largest element around it holding no other one; taken
    out of the page, so that what remains is the page's own text."""
    labels = [s for s in root.find_all(string=REFERENCE_LABEL) if _labels_a_number(s)]
    containers = []
    for label in labels:
        element = label.parent
        while element.parent is not None and element.parent is not root and _entry_count(element.parent) <= 1:
            element = element.parent
        if element not in containers:
            containers.append(element)
    if len(containers) == 1:
        return [root]  # a page of one finding: the whole page is its entry
    for element in containers:
        element.extract()
    return containers


def _labels_a_number(label):
    """Whether the words around `label` ("Reference:") give a register number."""
    around = label.parent.parent if label.parent.parent is not None else label.parent
    return _entry_count(around) > 0


def _entry_count(element):
    return len(LABELLED_NUMBER.findall(" ".join(element.get_text(" ").split())))


def _read_entry(container):
    """A register entry's parts: its number, fields, kind, own text, status history, commentary."""
    entry = {"number": "", "fields": [], "status": [], "commentary": [], "kind": "", "text": ""}
    labelled = LABELLED_NUMBER.search(" ".join(container.get_text(" ").split()))
    if labelled is None:
        return entry
    entry["number"] = REGISTER_NUMBER.search(labelled.group()).group()
    prefix = (REGISTER_NUMBER.search(labelled.group()).group("prefix") or "").lower()
    entry["kind"] = kind_label(prefix) if prefix in KIND_ABBREVIATIONS else ""
    for element in list(container.find_all(["dl", "table", "ul", "ol"])):
        if element.parent is None or element.find_parent(["dl", "table"]):
            continue
        if element.name in ("dl", "table"):
            _take_fields(element, entry)
    commentary_start = next(
        (h for h in container.find_all(HEADINGS) if COMMENTARY_HEADING.search(h.get_text(" "))), None
    )
    if commentary_start is not None:
        for sibling in list(commentary_start.find_next_siblings()):
            entry["commentary"].append(tag_text(sibling.extract()))
        commentary_start.extract()
    for element in container.find_all(HEADINGS):
        words = " ".join(element.get_text(" ").split())
        kind = _kind(words)
        if kind and not entry["kind"]:
            entry["kind"] = kind
        if kind or STATUS_HEADING.search(words):
            element.extract()
    for string in list(container.find_all(string=REFERENCE_LABEL)):
        if string.parent is not None and LABELLED_NUMBER.fullmatch(" ".join(string.parent.get_text(" ").split())):
            string.parent.extract()
    entry["text"] = " ".join(tag_text(container).replace(f"{LIST_MARK} ", "").split())
    entry["kind"] = entry["kind"] or "recommendation"
    return entry


def _take_fields(element, entry):
    """Take a <dl> or table of details or status out of the entry, into its fields or status history."""
    pairs = _pairs(element)
    is_status = all(STATUS_WORDS.search(f"{name} {value}") or parse_date(value) for name, value in pairs)
    for name, value in pairs:
        if REGISTER_NUMBER.fullmatch(value) and REFERENCE_LABEL.fullmatch(name + ":"):
            continue
        if KIND_FIELD.match(name) and _kind(value):
            entry["kind"] = _kind(value)
        if is_status:
            entry["status"].append(f"{name}: {value}" if name else value)
        else:
            entry["fields"].append((name, value))
    element.extract()


def _pairs(element):
    """(name, value) pairs of a <dl> (dt, dd) or a table (first cell, the rest; or header, cell)."""

    def words(tag):
        return " ".join(tag.get_text(" ").split())

    if element.name == "dl":
        pairs, name = [], ""
        for tag in element.find_all(["dt", "dd"]):
            if tag.name == "dt":
                name = words(tag).rstrip(":")
            else:
                pairs.append((name, words(tag)))
        return pairs
    rows = [[words(cell) for cell in row.find_all(["th", "td"])] for row in element.find_all("tr")]
    header = rows[0] if rows and element.find("th") and len(rows) > 1 else None
    if header:
        return [("", ", ".join(f"{h}: {c}" for h, c in zip(header, row, strict=False))) for row in rows[1:]]
    return [(row[0], ", ".join(row[1:])) for row in rows if row]


def _kind(words):
    """The kind of finding that `words` name outright ("Area for improvement"), or ""."""
    words = " ".join(words.split()).rstrip(":")
    return kind_label(words) if KIND_WORDS.fullmatch(words) else ""


def _report(entries, page_title, rest):
    fields = {name.lower(): value for entry in entries for name, value in entry["fields"]}
    reports = {value for entry in entries for name, value in entry["fields"] if REPORT_FIELD.match(name)}
    title = next(iter(reports)) if len(reports) == 1 else page_title
    flags, findings, summary = [], [], []
    if page_title and page_title != title:
        summary.append(f"From the register's page \u201c{page_title}\u201d.")
    if rest:
        summary.append(rest)
    by_reference = {}
    for entry in entries:
        reference = f"{entry['kind'].capitalize()} {entry['number']}"
        summary.append(_summary(entry, reference))
        if not entry["text"]:
            flags.append(Flag(f"Register entry {entry['number']} gives no finding's words: see the summary", reference))
            continue
        if reference in by_reference:
            if by_reference[reference].text != entry["text"]:
                message = (
                    f"{reference} appears more than once with different wording. Kept: "
                    f"\u201c{by_reference[reference].text}\u201d. Also found: \u201c{entry['text']}\u201d. "
                    "Check which the register means"
                )
                flags.append(Flag(message, reference))
            continue
        by_reference[reference] = make_finding(entry["kind"], reference, entry["text"], "", flags)
        findings.append(by_reference[reference])
        if entry["status"] or entry["commentary"] or entry["fields"]:
            flags.append(
                Flag(
                    f"The register's details, status history and commentary for {entry['number']} are kept in "
                    "the report's summary, not in the finding's text",
                    reference,
                )
            )
    if len(reports) > 1:
        flags.insert(0, Flag(f"The page lists findings of {len(reports)} reports: check the report's title", "title"))
    dated = next((value for name, value in fields.items() if DATE_FIELD.match(name)), "")
    published_on = parse_date(dated) if dated else details.published_on([rest])[0]
    all_forces = any(details.addresses_all_forces(f.text) for f in findings)
    if not findings:
        raise ImportProblem(NOTHING_FOUND)
    return ParsedReport(
        title=title[:500],
        findings=findings,
        published_on=published_on,
        report_type=details.report_type(title, rest, all_forces),
        concerns_all_forces=all_forces,
        summary="\n\n".join(summary),
        flags=flags,
    )


def _summary(entry, reference):
    lines = [reference]
    lines += [f"{name}: {value}" for name, value in entry["fields"]]
    if entry["status"]:
        lines.append("Status history: " + "; ".join(entry["status"]))
    if entry["commentary"]:
        lines.append("Commentary: " + " ".join(entry["commentary"]))
    return "\n".join(lines)
