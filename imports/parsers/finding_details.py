"""What a finding's own words tell us: whom it is addressed to, its deadline; and a report's dates and type.

Everything here reads wording HMICFRS uses in practice ("By 31 March 2024, chief constables
should…", "With immediate effect…", "Within six months…", "Published: 12 March 2024").
"""

import re

from imports.parsers.text import DATE, DAY_MONTH_YEAR, is_date_only, parse_date
from tracker.vocabulary import AddresseeKind, ReportType

PUBLISHED = re.compile(
    r"\b(?:first\s+)?(?:published|publication\s+date|date\s+of\s+publication|date\s+published)"
    rf"(?:\s+on)?\s*[:\u2013-]?\s*(?P<date>{DATE})",
    re.IGNORECASE,
)

# The subject of a finding is what comes before its first "should": "By 31 March 2024, chief
# constables should work with the College of Policing" is addressed to chief constables only.
MODAL = re.compile(r"\b(?:should|must|needs? to|will need to|ought to|are to|is to)\b", re.IGNORECASE)
NAMED_ADDRESSEES = [
    (AddresseeKind.CHIEF_CONSTABLES, re.compile(r"\bchief constables?\b|\bchief officers\b", re.IGNORECASE)),
    (
        AddresseeKind.POLICE_AND_CRIME_COMMISSIONERS,
        re.compile(
            r"\bpolice,? (?:fire )?and crime commissioners?\b|\blocal policing bod(?:y|ies)\b|(?-i:\bP(?:F)?CCs?\b)",
            re.IGNORECASE,
        ),
    ),
    (AddresseeKind.HOME_OFFICE, re.compile(r"\bHome Office\b|\bHome Secretary\b", re.IGNORECASE)),
    (AddresseeKind.COLLEGE_OF_POLICING, re.compile(r"\bCollege of Policing\b|(?-i:\bthe College\b)", re.IGNORECASE)),
    (
        AddresseeKind.NATIONAL_POLICE_CHIEFS_COUNCIL,
        re.compile(r"\bNational Police Chiefs['\u2019]? Council\b|\bNPCC\b", re.IGNORECASE),
    ),
]
# Forces are run by their chief constables: "the force should", "Kent Police should", "forces should".
FORCES = re.compile(
    r"\bforces?\b|\bconstabular(?:y|ies)\b|\bpolice service\b|(?-i:\b[A-Z][a-z]+ Police\b(?!,? (?:and|[Ff]ire|Chiefs)))",
    re.IGNORECASE,
)
ALL_FORCES = re.compile(
    r"\bchief constables\b|\ball (?:police )?forces\b|\bevery force\b|\bforces (?:should|must)\b", re.IGNORECASE
)

NUMBER_WORDS = r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four"
DEADLINES = [
    re.compile(rf"\bby\s+(?:the\s+end\s+of\s+)?(?P<date>{DAY_MONTH_YEAR})\b", re.IGNORECASE),
    re.compile(r"\bwith\s+immediate\s+effect\b", re.IGNORECASE),
    re.compile(rf"\bwithin\s+(?:the\s+next\s+)?(?:{NUMBER_WORDS})\s+(?:days?|weeks?|months?|years?)\b", re.IGNORECASE),
    re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?:[A-Za-z]{3,9}\s+)?20\d\d\b", re.IGNORECASE),  # "By March 2025"
]

OF_THIS_REPORT = re.compile(r"\s+of\s+(?:the\s+)?(?:publication\s+of\s+)?(?:this|the|our)\s+report", re.IGNORECASE)

REPORT_TYPES = [
    (ReportType.PEEL, re.compile(r"\bPEEL\b")),
    (ReportType.NCPI, re.compile(r"national child protection inspection", re.IGNORECASE)),
    (ReportType.JTAI, re.compile(r"joint targeted area inspection|\bJTAI\b", re.IGNORECASE)),
    (ReportType.CRIME_DATA_INTEGRITY, re.compile(r"crime data integrity", re.IGNORECASE)),
    (ReportType.CUSTODY, re.compile(r"\bcustody\b", re.IGNORECASE)),
]
COMMISSIONED = [
    (
        ReportType.PCC_COMMISSIONED,
        re.compile(
            r"commissioned by the (?:police,? (?:fire )?and crime commissioner|PCC|mayor)|section 54\s*\(2BA\)",
            re.IGNORECASE,
        ),
    ),
    (
        ReportType.HOME_SECRETARY_COMMISSIONED,
        re.compile(r"commissioned by the Home Secretary|section 54\s*\(2B\)", re.IGNORECASE),
    ),
]


def addressees(text):
    """Addressee slugs for a finding, in the order they are named."""
    modal = MODAL.search(text)
    subject = text[: modal.start()] if modal else ""
    found = _named(subject)
    forces = FORCES.search(subject)
    if forces and AddresseeKind.CHIEF_CONSTABLES not in [slug for _, slug in found]:
        found = sorted(found + [(forces.start(), AddresseeKind.CHIEF_CONSTABLES)])
    return [slug for _, slug in found or _named(text)]


def _named(text):
    """(position, slug) of each addressee named in `text`, in order."""
    hits = []
    for slug, pattern in NAMED_ADDRESSEES:
        match = pattern.search(text)
        if match:
            hits.append((match.start(), slug))
    return sorted(hits)


def addresses_all_forces(text):
    return bool(ALL_FORCES.search(text))


def deadline(text):
    """(deadline_text, deadline_on) for the first deadline the text states, or ("", None)."""
    matches = [m for m in (pattern.search(text) for pattern in DEADLINES) if m and _is_deadline(m, text)]
    if not matches:
        return "", None
    first = min(matches, key=lambda m: m.start())
    wording = " ".join(first.group().split())
    on = parse_date(first.group("date")) if "date" in first.re.groupindex else None
    return wording[0].upper() + wording[1:], on


def _is_deadline(match, text):
    """ "Within six months, the force should…" sets a deadline; "should charge within 28 days" does not."""
    if not match.group().lower().startswith("within"):
        return True
    modal = MODAL.search(text)
    return not modal or match.start() < modal.start() or bool(OF_THIS_REPORT.match(text, match.end()))


def published_on(lines):
    """(date, guessed) from a "Published: …" line, or else a date standing alone on the title page."""
    for line in lines:
        match = PUBLISHED.search(line)
        if match and parse_date(match.group("date")):
            return parse_date(match.group("date")), False
    title_page = [line for line in lines if line][:40]
    for line in title_page:
        if is_date_only(line):
            return parse_date(line.strip().rstrip(".")), True
    return None, False


def report_type(title, opening_text, all_forces):
    for kind, pattern in REPORT_TYPES:
        if pattern.search(title):
            return kind
    for kind, pattern in COMMISSIONED:
        if pattern.search(title) or pattern.search(opening_text):
            return kind
    return ReportType.NATIONAL_THEMATIC if all_forces else ReportType.OTHER
