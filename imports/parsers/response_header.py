"""What comes before a response's content: the report it answers, the body that published it, dates.

The usual shape is "HMICFRS: <title>", "Response from: <body>", "Published 4 June 2024". Letters
to the Home Secretary name the report only in prose ("…the HMICFRS report 'An inspection of X',
published on 3rd March 2019…"), so the title and the report's date are looked for there too.
"""

import re

from imports.parsers.parsed import Flag
from imports.parsers.text import DATE, find_date, parse_date

INTRODUCTION_HEADING = re.compile(r"^(?:introduction|overview|background)\s*:?$", re.I)

TITLE = re.compile(
    r"^(?:(?:(?:OPCC|OPFCC|PCC|PFCC|MOPAC|Commissioner[’']?s?)\s+)?response\s+to\s+(?:the\s+)?)?"
    r"(?:HMICFRS|HMIC|HM\s+Inspectorate\s+of\s+Constabulary(?:\s+and\s+Fire\s*(?:&|and)\s*Rescue\s+Services)?)"
    r"(?:[’']s)?(?:\s+(?:inspection\s+)?report)?\s*[:\-–—|]\s*(?P<title>\S.*)$",
    re.I,
)
BODY = re.compile(
    r"^(?:response\s+(?:from|by)|published\s+by|submitted\s+by)\b(?P<sep>\s*[:\-–—]\s*|\s+)(?P<body>.*)$", re.I
)
DATE_LINE = re.compile(
    r"^(?P<which>report\s+published(?:\s+on)?|(?:first\s+)?published(?:\s+on)?|date\s+published|publication\s+date"
    r"|date\s+of\s+publication|response\s+(?:date|published(?:\s+on)?)|date)(?P<sep>\s*[:\-–—]\s*|\s+)(?P<date>.+?)\.?$",
    re.I,
)
DATE_IN_BODY = re.compile(r"\s*[,;|–—-]?\s*\b(?:published(?:\s+on)?|date)\s*:?\s*(?P<date>" + DATE + r")\.?\s*$", re.I)
# "…the HMICFRS report 'An inspection of X', published on 3rd March 2019…": a quoted title after
# the word report (or inspection), and the date it was published if the sentence gives it.
TITLE_IN_PROSE = re.compile(
    r"\b(?:HMICFRS|HMIC|inspectorate[’']?s?)\b[^.“\"‘]{0,80}?\b(?:report|inspection|review)\b[^“\"‘'.]{0,40}?"
    r"(?:entitled\s+|titled\s+|called\s+|named\s+)?"
    r"(?:“(?P<curly>[^”]{8,250}?)”|\"(?P<straight>[^\"]{8,250}?)\"|‘(?P<single>[^’]{8,250}?)’(?!\w)"
    r"|'(?P<plain>[^']{8,250}?)'(?!\w))"
    r"(?:[^.]{0,40}?\bpublished\s+(?:on\s+)?(?P<date>" + DATE + r"))?",
    re.I,
)


def date_line(paragraph):
    """The DATE_LINE match for a paragraph that gives a date ("Published 4 June 2024"), or None."""
    match = DATE_LINE.match(paragraph)
    if not match or BODY.match(paragraph):
        return None
    if parse_date(match["date"]) or (match["sep"].strip() and len(match["date"].split()) <= 6):
        return match
    return None


class Header:
    title = ""
    body_name = ""
    published_on = None
    report_published_on = None
    content_starts = 0
    leftover = ()  # paragraphs before the content that are neither title, body, date nor heading


def body_line(paragraph):
    """The body named by a "Response from: …" paragraph, or None when it is prose that starts alike."""
    if paragraph.kind != "body":
        return None
    name = paragraph.match["body"].strip()
    if not paragraph.match["sep"].strip() and (len(name.split()) > 20 or not re.match(r"(?:the\s+)?[A-Z]", name)):
        return None
    return name


def read_header(paragraphs, content_limit, flags):
    """The Header found in `paragraphs[:content_limit]` (before the first finding or comment)."""
    header = Header()
    searched = paragraphs[:content_limit]
    anchor = next((i for i, p in enumerate(searched) if body_line(p) is not None), None)
    titles = [i for i, p in enumerate(searched[:anchor]) if p.kind == "title"]
    title_at = None
    if titles:
        title_at = titles[-1] if anchor is not None else titles[0]
        header.title = paragraphs[title_at].match["title"]
    elif anchor is not None and anchor + 1 < len(paragraphs) and paragraphs[anchor + 1].kind == "title":
        title_at = anchor + 1
        header.title = paragraphs[title_at].match["title"]
    elif anchor:
        candidates = [i for i in range(anchor) if paragraphs[i].kind == "text" and len(paragraphs[i].text) <= 300]
        if candidates:
            title_at = candidates[-1]
            header.title = paragraphs[title_at].text
    header.title = header.title.strip().strip("\"“”‘’'").strip()
    starts = max(i for i in (-1, anchor, title_at) if i is not None) + 1
    used = {anchor, title_at}
    if anchor is not None:
        name = body_line(paragraphs[anchor])
        if not name and anchor + 1 < len(paragraphs) and paragraphs[anchor + 1].kind == "text":
            name = paragraphs[anchor + 1].text
            starts = max(starts, anchor + 2)
            used.add(anchor + 1)
        if match := DATE_IN_BODY.search(name):
            header.published_on = parse_date(match["date"])
            name = name[: match.start()]
        name = name.strip().rstrip(".,;:–—-").strip()
        header.body_name = re.sub(r"^the\s+(?=[A-Z])", "", name)  # "Response from the Police and Crime Commissioner…"
    for paragraph in paragraphs[:starts]:
        if paragraph.kind == "date":
            take_date(paragraph, header, flags)
    header.leftover = [
        p.text
        for i, p in enumerate(paragraphs[:starts])
        if i not in used and p.kind not in ("date", "section") and not INTRODUCTION_HEADING.match(p.text)
    ]
    header.content_starts = starts
    return header


def take_date(paragraph, into, flags):
    """Set `into`'s published_on (or report_published_on, for "Report published …") from a date
    paragraph, unless already set; a date that cannot be read, or that differs from one already
    found, is flagged."""
    day = parse_date(paragraph.match["date"])
    if day is None:
        flags.append(Flag(f'The date in "{paragraph.text}" could not be read: enter it by hand'))
        return
    field = "report_published_on" if paragraph.match["which"].lower().startswith("report") else "published_on"
    if getattr(into, field) is None:
        setattr(into, field, day)
    elif getattr(into, field) != day:
        flags.append(Flag(f'Another date was found, "{paragraph.text}": check which date is right'))


# "The Chief Constable's comments were received on 3 April 2024", "We received the Chief Constable's
# response on…": the sentence up to the date, which find_date then reads.
CHIEF_OFFICER_RECEIVED = re.compile(
    r"\bchief\s+(?:constable|officer)[’']?s?\b[^.]{0,60}?\b(?:comments?|response)\b[^.]{0,30}?\breceived\b[^.]{0,60}"
    r"|\breceived\s+(?:the\s+)?chief\s+(?:constable|officer)[’']?s?\s+(?:comments?|response)\b[^.]{0,60}",
    re.I,
)


def chief_officer_comments_received_on(paragraphs):
    """When the chief officer's comments were received, if a sentence of `paragraphs` says so, else None."""
    for paragraph in paragraphs:
        for match in CHIEF_OFFICER_RECEIVED.finditer(paragraph):
            day, _ = find_date(match.group())
            if day:
                return day
    return None


def title_in_prose(paragraphs):
    """(title, the report's publication date or None) from the first sentence that names the report
    in quotation marks, or ("", None)."""
    for paragraph in paragraphs:
        match = TITLE_IN_PROSE.search(paragraph)
        if match:
            day = parse_date(match["date"]) if match["date"] else None
            title = match["curly"] or match["straight"] or match["single"] or match["plain"]
            return title.strip().rstrip(",.").strip(), day
    return "", None
