"""Read a section 55 response that an office has already published on its own website.

Offices paste responses into their sites by hand, so what we get carries the site's debris (cookie
banners, "Skip to main content") and the defects of copying: a sentence split across paragraphs,
words lost at the end of a line. We repair only what cannot change the meaning (whitespace, and
paragraphs that are clearly one sentence) and never change a word. Anything that looks like lost
words becomes a Flag, so a person checks it against the source in the preview before saving.

The shape we expect: the report title ("HMICFRS: <title>"), "Response from: <body>", an
introduction, then each finding as quoted from the report followed by the body's comment
("OPCC comment: …").
"""

import re

from imports.parsers import finding_details
from imports.parsers.html_text import html_to_text
from imports.parsers.parsed import Flag, ImportProblem, ParsedFinding, ParsedItem, ParsedResponse
from tracker.vocabulary import FindingKind

NO_RESPONSE = (
    'No response was found in this text: expected the report title, "Response from: …" '
    "and each recommendation followed by a comment"
)
KIND_LABELS = dict(FindingKind.choices)
NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()

# --- Dates -----------------------------------------------------------------------------------------

WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
DATE = (
    WEEKDAY + r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{2}-\d{2})"
)
DATE_LINE = re.compile(
    r"^(?P<which>report\s+published(?:\s+on)?|(?:first\s+)?published(?:\s+on)?|date\s+published|publication\s+date"
    r"|date\s+of\s+publication|response\s+(?:date|published(?:\s+on)?)|date)(?P<sep>\s*[:\-–—]\s*|\s+)(?P<date>.+?)\.?$",
    re.I,
)
DATE_IN_BODY = re.compile(r"\s*[,;|–—-]?\s*\b(?:published(?:\s+on)?|date)\s*:?\s*(?P<date>" + DATE + r")\.?\s*$", re.I)

# --- What a paragraph is ----------------------------------------------------------------------------

TITLE = re.compile(
    r"^(?:(?:(?:OPCC|OPFCC|PCC|PFCC|MOPAC|Commissioner[’']?s?)\s+)?response\s+to\s+(?:the\s+)?)?"
    r"(?:HMICFRS|HMIC|HM\s+Inspectorate\s+of\s+Constabulary(?:\s+and\s+Fire\s*(?:&|and)\s*Rescue\s+Services)?)"
    r"(?:[’']s)?(?:\s+(?:inspection\s+)?report)?\s*[:\-–—|]\s*(?P<title>\S.*)$",
    re.I,
)
BODY = re.compile(
    r"^(?:response\s+(?:from|by)|published\s+by|submitted\s+by)\b(?P<sep>\s*[:\-–—]\s*|\s+)(?P<body>.*)$", re.I
)
OWNER_WORD = (
    r"(?:the|our|office|of|and|for|police|fire|crime|commissioner|commissioners|deputy|mayor|opcc|opfcc|pcc|pfcc|mopac"
    r"|chief|constable|officer|force|constabulary|joint|initial|body)"
)
LABEL = re.compile(
    rf"^(?P<owner>(?:{OWNER_WORD}(?:[’']s|s[’'])?[\s,]+){{0,7}})(?P<word>comments?|response|reply|update)\b"
    r"(?P<sep>\s*[:\-–—]\s*|\s*$)(?P<rest>.*)$",
    re.I,
)
# Labels that introduce the force's words rather than the body's: kept in the comment as written.
OTHER_OWNER = re.compile(r"\b(?:chief|constable|constabulary|force)\b", re.I)
BODY_OWNER = re.compile(r"\b(?:commissioner|o?pf?cc|mopac|mayor)\b", re.I)
FINDING_HEADING = re.compile(
    r"^(?P<label>accelerated\s+cause\s+of\s+concern|cause\s+of\s+concern|area\s+for\s+improvement|afi|recommendation)"
    r"(?:\s+(?:no\.?\s*|number\s+)?(?P<number>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?P<suffix>[a-z]?)\b)?(?:\s*[:.)\-–—]\s*|\s+(?=(?-i:[\"“‘'A-Z]))|\s*$)(?P<rest>.*)$",
    re.I,
)
SECTION = re.compile(
    r"^(?:the\s+|our\s+)?(?:(?P<what>recommendations|areas\s+for\s+improvement|accelerated\s+causes\s+of\s+concern|causes\s+of\s+concern|findings)"
    r"(?:\s+(?:and|with)\s+(?:our\s+|the\s+)?(?:responses?|comments?|updates?))?(?:\s+(?:made\s+)?(?:in|from)\s+the\s+report)?"
    r"|(?:responses?|comments?)\s+(?:to|on)\s+(?:the\s+)?(?P<what2>recommendations|findings|areas\s+for\s+improvement))\s*:?$",
    re.I,
)
CLOSING = re.compile(
    r"^(?:conclusions?|in\s+conclusion|summary|closing\s+(?:remarks|comments)|final\s+(?:remarks|comments)|next\s+steps"
    r"|further\s+information|more\s+information|contact(?:\s+us)?|related\s+(?:content|pages|links|documents|information|news)"
    r"|downloads?|documents|attachments?|signed|yours\s+(?:sincerely|faithfully))\s*:?$",
    re.I,
)
INTRODUCTION_HEADING = re.compile(r"^(?:introduction|overview|background)\s*:?$", re.I)
BULLET = re.compile(r"^(?:[•·▪▫●○◦‣∙⁃■□➢➤►]\s*|[-*–—]\s+)(?P<rest>\S.*)$")
BULLET_ONLY = re.compile(r"^(?:[•·▪▫●○◦‣∙⁃■□➢➤►]|[-*–—])$")
NUMBERED = re.compile(r"^\(?(?P<number>\d{1,2})[.)]\s+(?P<rest>\S.*)$")
FINDING_OPENING = re.compile(
    r"^[\"“‘']?(?:we\s+recommend|hmicf?r?s?\s+recommends|(?:by|before)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[a-z]{3,9}\s+\d{4}\s*,"
    r"|with\s+immediate\s+effect|(?:an?\s+|the\s+)?(?:area\s+for\s+improvement|(?:accelerated\s+)?cause\s+of\s+concern)\b"
    r"|(?:all\s+)?(?:chief\s+constables|chief\s+officers|(?:police\s+)?forces|police\s+(?:fire\s+)?and\s+crime\s+commissioners"
    r"|pccs|the\s+home\s+office|the\s+college\s+of\s+policing|the\s+npcc|the\s+national\s+police\s+chiefs[’']?\s+council)"
    r"\s+(?:should|must|need)\b)",
    re.I,
)
PLAIN_OPENING = re.compile(r"^[\"“‘']?(?:we\s+recommend|hmicf?r?s?\s+recommends)\b", re.I)
KIND_IN_TEXT = re.compile(
    r"^[\"“‘']?(?:an?\s+|the\s+)?(?P<kind>area\s+for\s+improvement|accelerated\s+cause\s+of\s+concern|cause\s+of\s+concern)\b",
    re.I,
)
# A body's label inside a paragraph starts its own: pages often put "<br><strong>OPCC comment:</strong>"
# after the finding, and the line break does not survive as whitespace.
INLINE_LABEL = re.compile(
    r"(?:(?<=\S)\s+|(?<=[.!?;)\"”’]))(?=(?:(?:OPCC|OPFCC|PCC|PFCC|MOPAC)(?:[’']s)?|(?:Police(?:,)?\s+(?:Fire\s+and\s+)?(?:and\s+)?Crime\s+)?Commissioner[’']s"
    r"|Mayor[’']s)\s+(?:comments?|response|reply)\s*:|Response\s+(?:from|by)\s*:)"
)

# --- Debris ----------------------------------------------------------------------------------------

DEBRIS = re.compile(
    r"^(?:skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation)|this\s+(?:web)?site\s+uses\s+cookies"
    r"|cookies?(?:\s+(?:settings|preferences|policy|notice|consent|on\s+(?:this|our)\s+(?:web)?site))?"
    r"|(?:strictly\s+)?(?:necessary|essential|analytics?|analytical|functional|functionality|marketing|performance|advertising"
    r"|targeting|third[\s-]party|optional|non[\s-]essential)\s+cookies|google\s+analytics"
    r"|manage\s+(?:my\s+)?(?:cookies|preferences|settings|consent)|(?:save|set)\s+(?:my\s+)?(?:cookie\s+)?(?:preferences|settings|choices)"
    r"|(?:i\s+)?(?:accept|reject|decline|allow|deny|refuse)(?:\s+all)?(?:\s+(?:optional|analytics|additional|non[\s-]essential))?(?:\s+cookies)?"
    r"|i\s+agree|ok(?:ay)?(?:,?\s+got\s+it)?|got\s+it|hide(?:\s+this)?(?:\s+message)?|close(?:\s+this)?(?:\s+(?:message|banner))?"
    r"|dismiss|on|off|back\s+to\s+top|top\s+of\s+page|print(?:\s+this\s+page)?|share(?:\s+this(?:\s+page)?)?|menu|search|home"
    r"|(?:page\s+)?last\s+(?:updated|reviewed|modified)\b.{0,40}|©.{0,120}|copyright\b.{0,120})[.!]?$",
    re.I,
)
COOKIE = re.compile(r"\bcookies?\b", re.I)
COOKIE_CONTEXT = re.compile(
    r"\b(?:our|this)\s+(?:web)?site\b|\bwe\s+use\b|\byour\s+(?:device|browser|preferences|settings|consent)\b|\banalytics\b"
    r"|\bconsent\b|\bpreferences\b|\bsite\s+traffic\b",
    re.I,
)

# --- Repair and flags -------------------------------------------------------------------------------

ENDS_WITH_JOINING_WORD = re.compile(r"\b(?:of|for|the|and|in|on|to|a|an|at|by|with|from|&)$", re.I)
TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]]*$")
# Words that begin sentences and seldom follow a lowercase word inside one: "…of Such steps" means
# the end of one sentence and the start of the next were lost.
STARTERS = (
    "The This These Those That There Such It Its We Our They Their He She His Her In As For Further Furthermore "
    "However Also Additionally Moreover Therefore Thus Whilst While Where When If Although Though Given Following "
    "Since Each All Any Some Both Through Alongside Having Once Overall With By At On To What How Why Who Which "
    "Please Many Most Other Another After Before During Despite Whether Nor Yet Currently Recently Already "
    "Finally Firstly Secondly Lastly Importantly Similarly Accordingly Consequently Instead Here Now Today"
).split()
LOST_WORDS = re.compile(r"\b[a-z][a-z’']*\s+(?P<quote>(?:" + "|".join(STARTERS) + r")\s+[a-z][a-z’'-]*)")


def parse_response_html(html: str) -> ParsedResponse:
    """A response from a saved web page: the page's text, then the same as parse_response_text."""
    html = _as_text(html)
    if not html.strip():
        raise ImportProblem("The file is empty")
    try:
        text = html_to_text(html)
    except Exception as error:  # the HTML parser's own failures, for input no browser would show
        raise ImportProblem(f"This page could not be read as HTML: {error}") from None
    if not _clean(text).strip():
        raise ImportProblem("No text was found in this page")
    return parse_response_text(text)


def parse_response_text(text: str) -> ParsedResponse:
    """A response from the text of a published page, with Flags for what a person should check."""
    text = _clean(_as_text(text))
    if not text.strip():
        raise ImportProblem("The file is empty")
    paragraphs = [_classify(p) for p in _paragraphs(text)]
    flags, item_flags = [], []
    header = _header(paragraphs, flags)
    reader = _ItemReader(paragraphs[header.content_starts :], item_flags)
    reader.read()
    if not reader.items and (not header.body_name or not reader.introduction):
        raise ImportProblem(NO_RESPONSE)
    if not header.body_name:
        flags.insert(0, Flag('No "Response from: …" line was found: choose the body that published this response'))
    if not header.title:
        flags.insert(
            0, Flag('The report title was not found (expected a line such as "HMICFRS: <title>"): choose the report')
        )
    flags += _lost_word_flags(reader.introduction, "Introduction", "the introduction") + item_flags
    if not reader.items:
        flags.append(
            Flag(
                "No recommendations with comments were found: all the text is in the introduction; check against the source"
            )
        )
    return ParsedResponse(
        report_title=header.title,
        body_name=header.body_name,
        introduction="\n\n".join(reader.introduction),
        items=reader.items,
        published_on=header.published_on or reader.published_on,
        report_published_on=header.report_published_on or reader.report_published_on,
        flags=_unique(flags),
    )


# --- Text into paragraphs ---------------------------------------------------------------------------


def _as_text(value):
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportProblem("The file is not UTF-8 text") from None
    if not isinstance(value, str):
        raise ImportProblem("The file is not text")
    return value


LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ud800-\udfff]")


def _clean(text):
    """One kind of line break, and no invisible or control characters (PostgreSQL refuses NUL)."""
    return INVISIBLE.sub("", LINE_BREAKS.sub("\n", text))


def _is_debris(paragraph):
    return bool(DEBRIS.match(paragraph)) or bool(COOKIE.search(paragraph) and COOKIE_CONTEXT.search(paragraph))


def _is_heading(paragraph):
    """A paragraph that is all structure: nothing can continue it."""
    if SECTION.match(paragraph) or CLOSING.match(paragraph):
        return True
    if INTRODUCTION_HEADING.match(paragraph) or _date_line(paragraph):
        return True
    heading = FINDING_HEADING.match(paragraph)
    label = LABEL.match(paragraph)
    return bool(heading and not heading["rest"]) or bool(label and not label["rest"])


def _starts_structure(line):
    return bool(
        BULLET.match(line)
        or NUMBERED.match(line)
        or FINDING_HEADING.match(line)
        or LABEL.match(line)
        or TITLE.match(line)
        or BODY.match(line)
        or _is_heading(line)
    )


class _Draft:
    """A paragraph being built from lines. What decides whether a line continues it is known from
    its first and last lines, so long paragraphs cost no more to extend than short ones."""

    def __init__(self, line):
        self.lines = [line]
        self.heading = _is_heading(line)
        self.names = bool(TITLE.match(line) or BODY.match(line))  # the report title or the body's name

    def continued_by(self, line, after_break):
        """Whether `line` carries on this paragraph's sentence rather than starting a paragraph."""
        last = self.lines[-1]
        if _starts_structure(line) or self.heading or TERMINAL.search(last):
            return False
        first = line[0]
        continues_sentence = first.islower() or first.isdigit() or (first == "(" and line[1:2].islower())
        if self.names:
            # A title or a body's name wraps onto the next line, never past a blank one.
            return not after_break and (continues_sentence or bool(ENDS_WITH_JOINING_WORD.search(last)))
        if after_break:
            return continues_sentence  # "…between 5th and 9th December" + "2016, looking at…"
        # Within a block the lines were wrapped by hand, unless a short first line is a heading.
        return not (len(self.lines) == 1 and len(last.split()) <= 8 and first.isupper())

    def add(self, line, after_break):
        hyphenated = not after_break and re.search(r"[^\W\d_]-$", self.lines[-1]) and line[0].islower()
        if hyphenated:
            self.lines[-1] += line  # "multi-" + "agency"
        else:
            self.lines.append(line)

    def text(self):
        return " ".join(self.lines)


def _paragraphs(text):
    drafts, after_break, pending_bullet = [], True, ""
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line or _is_debris(line):
            after_break = True
            continue
        if BULLET_ONLY.match(line):
            pending_bullet = line
            continue
        if pending_bullet:
            line, pending_bullet = f"{pending_bullet} {line}", ""
        if drafts and drafts[-1].continued_by(line, after_break):
            drafts[-1].add(line, after_break)
        else:
            drafts.append(_Draft(line))
        after_break = False
    split = []
    for draft in drafts:
        split.extend(part for part in INLINE_LABEL.split(draft.text()) if part)
    return [p for p in split if not _is_debris(p)]


# --- Classifying paragraphs -------------------------------------------------------------------------


class _Paragraph:
    """A paragraph and what it looks like: kind is one of title, body, date, section, closing,
    heading (a finding's own heading), label, bullet, numbered, text."""

    def __init__(self, text, kind, match=None):
        self.text, self.kind, self.match = text, kind, match

    @property
    def strict_body_label(self):
        """A label such as "OPCC comment: …", with its colon, not a heading that merely says "Response"."""
        return self.kind == "label" and bool(self.match["sep"].strip()) and not _is_other_owner(self.match["owner"])


def _is_other_owner(owner):
    return bool(OTHER_OWNER.search(owner)) and not BODY_OWNER.search(owner)


def _date_line(paragraph):
    match = DATE_LINE.match(paragraph)
    if not match or BODY.match(paragraph):
        return None
    if _parse_date(match["date"]) or (match["sep"].strip() and len(match["date"].split()) <= 6):
        return match
    return None


def _classify(text):
    for kind, pattern in (("title", TITLE), ("body", BODY)):
        match = pattern.match(text)
        if match:
            return _Paragraph(text, kind, match)
    match = _date_line(text)
    if match:
        return _Paragraph(text, "date", match)
    for kind, pattern in (("section", SECTION), ("closing", CLOSING), ("heading", FINDING_HEADING), ("label", LABEL)):
        match = pattern.match(text)
        if match:
            return _Paragraph(text, kind, match)
    for kind, pattern in (("bullet", BULLET), ("numbered", NUMBERED)):
        match = pattern.match(text)
        if match:
            return _Paragraph(text, kind, match)
    return _Paragraph(text, "text")


def _parse_date(text):
    """finding_details.parse_date, which also reads what pages add: "Thursday 12 March 2020", "Sept."."""
    text = re.sub(r"^" + WEEKDAY, "", text.strip(), flags=re.I)
    return finding_details.parse_date(re.sub(r"(?<=[a-z])\.(?=\s)", "", text, flags=re.I))


# --- The title, the body and dates before the content ---------------------------------------------


class _Header:
    title = ""
    body_name = ""
    published_on = None
    report_published_on = None
    content_starts = 0


def _first_structure(paragraphs):
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind in ("section", "heading") or paragraph.strict_body_label:
            return index
        if paragraph.kind in ("bullet", "numbered") and FINDING_OPENING.match(paragraph.match["rest"]):
            return index
    return len(paragraphs)


def _body_line(paragraph):
    """The body named by a "Response from: …" paragraph, or None when it is prose that starts alike."""
    if paragraph.kind != "body":
        return None
    name = paragraph.match["body"].strip()
    if not paragraph.match["sep"].strip() and (len(name.split()) > 20 or not re.match(r"(?:the\s+)?[A-Z]", name)):
        return None
    return name


def _header(paragraphs, flags):
    header = _Header()
    searched = paragraphs[: _first_structure(paragraphs)]
    anchor = next((i for i, p in enumerate(searched) if _body_line(p) is not None), None)
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
    if anchor is not None:
        name = _body_line(paragraphs[anchor])
        if not name and anchor + 1 < len(paragraphs) and paragraphs[anchor + 1].kind == "text":
            name = paragraphs[anchor + 1].text
            starts = max(starts, anchor + 2)
        if match := DATE_IN_BODY.search(name):
            header.published_on = _parse_date(match["date"])
            name = name[: match.start()]
        name = name.strip().rstrip(".,;:–—-").strip()
        header.body_name = re.sub(r"^the\s+(?=[A-Z])", "", name)  # "Response from the Police and Crime Commissioner…"
    for paragraph in paragraphs[:starts]:
        if paragraph.kind == "date":
            _take_date(paragraph, header, flags)
    header.content_starts = starts
    return header


def _take_date(paragraph, into, flags):
    day = _parse_date(paragraph.match["date"])
    if day is None:
        flags.append(Flag(f'The date in "{paragraph.text}" could not be read: enter it by hand'))
        return
    field = "report_published_on" if paragraph.match["which"].lower().startswith("report") else "published_on"
    if getattr(into, field) is None:
        setattr(into, field, day)


# --- Findings and comments --------------------------------------------------------------------------


class _Item:
    def __init__(self, kind, number="", heading=None):
        self.kind, self.number = kind, number
        self.has_heading = heading is not None  # "Recommendation 1…": its kind is settled
        self.finding, self.comment, self.labelled = [], [], False


class _ItemReader:
    """Walks the paragraphs after the header: introduction, then finding, comment, finding, comment…"""

    def __init__(self, paragraphs, flags):
        self.paragraphs, self.flags = paragraphs, flags
        self.introduction, self.items = [], []
        self.published_on = self.report_published_on = None
        self.section_kind, self.in_section = "recommendation", False
        self.current, self.counters, self.references = None, {}, set()
        self.concern = ""  # the cause of concern that the recommendations now being read come under

    def read(self):
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.kind == "date":
                _take_date(paragraph, self, self.flags)
            elif paragraph.kind == "closing" and (self.items or self.current):
                self._finish()
                self._left_out(self.paragraphs[index:])
                return
            elif paragraph.kind == "section":
                self._finish()
                self.in_section, self.concern = True, ""
                self.section_kind = _kind_from_words(
                    paragraph.match["what"] or paragraph.match["what2"] or "recommendations"
                )
            elif paragraph.kind == "heading":
                self._start_heading(paragraph)
            elif self._starts_finding(index, paragraph):
                self._start_listed(paragraph)
            elif paragraph.kind == "label" and self.current and not self.current.labelled:
                self._take_label(paragraph)
            else:
                self._take_text(paragraph)
        self._finish()

    def _starts_finding(self, index, paragraph):
        current = self.current
        if current is not None and not current.labelled:
            # Inside a finding's own text: only a new finding that says so ends it.
            listed = paragraph.kind in ("bullet", "numbered") and FINDING_OPENING.match(paragraph.match["rest"])
            return bool(current.finding and listed)
        following = self.paragraphs[index + 1] if index + 1 < len(self.paragraphs) else None
        if following is not None and following.strict_body_label and paragraph.kind != "label":
            return True
        if paragraph.kind in ("bullet", "numbered"):
            return bool(FINDING_OPENING.match(paragraph.match["rest"]))
        if paragraph.kind == "text":
            return bool((self.in_section or current is not None) and PLAIN_OPENING.match(paragraph.text))
        return False

    def _start_heading(self, paragraph):
        self._finish()
        match = paragraph.match
        number = match["number"] or ""
        if number.lower() in NUMBER_WORDS:
            number = str(NUMBER_WORDS.index(number.lower()) + 1)
        self.current = _Item(
            _kind_from_words(match["label"]), number + (match["suffix"] or "").lower(), heading=paragraph
        )
        if match["rest"]:
            self.current.finding.append(match["rest"])

    def _start_listed(self, paragraph):
        self._finish()
        text = paragraph.match["rest"] if paragraph.kind in ("bullet", "numbered") else paragraph.text
        number = paragraph.match["number"] if paragraph.kind == "numbered" else ""
        self.current = _Item(self.section_kind, number)
        self.current.finding.append(text)

    def _take_label(self, paragraph):
        self.current.labelled = True
        if _is_other_owner(paragraph.match["owner"]):
            self.current.comment.append(paragraph.text)
        elif paragraph.match["rest"]:
            self.current.comment.append(paragraph.match["rest"])

    def _take_text(self, paragraph):
        current = self.current
        if current is None:
            if self.introduction or not INTRODUCTION_HEADING.match(paragraph.text):
                self.introduction.append(paragraph.text)
        elif current.labelled:
            current.comment.append(paragraph.text)
        elif not current.finding and paragraph.kind in ("bullet", "numbered"):
            current.finding.append(paragraph.match["rest"])  # "Recommendation 1" then "1. We recommend…"
        else:
            current.finding.append(paragraph.text)

    def _reference(self, item, kind):
        label = KIND_LABELS[kind]
        if item.number:
            digits = re.match(r"\d+", item.number)
            self.counters[kind] = int(digits[0]) if digits else self.counters.get(kind, 0) + 1
            reference = f"{label} {item.number}"
        else:
            self.counters[kind] = self.counters.get(kind, 0) + 1
            reference = f"{label} {self.counters[kind]}"
        if reference in self.references:
            self.flags.append(
                Flag(
                    f'Two findings are numbered "{reference}": check the numbering against the source', where=reference
                )
            )
        self.references.add(reference)
        return reference

    def _finish(self):
        item, self.current = self.current, None
        if item is None:
            return
        text_paragraphs, comment_paragraphs = item.finding, item.comment
        kind = item.kind
        if text_paragraphs and (found := KIND_IN_TEXT.match(text_paragraphs[0])) and not item.has_heading:
            kind = _kind_from_words(found["kind"])
        reference = self._reference(item, kind)
        if not item.labelled and len(text_paragraphs) > 1:
            text_paragraphs, comment_paragraphs = text_paragraphs[:1], text_paragraphs[1:]
            self.flags.append(
                Flag(
                    f'No label such as "OPCC comment:" was found after {reference}: the paragraphs after it were taken as '
                    "the comment; check against the source",
                    where=reference,
                )
            )
        text = "\n\n".join(text_paragraphs)
        comment = "\n\n".join(comment_paragraphs)
        if not text:
            self.flags.append(Flag(f"{reference} has no text: check against the source", where=reference))
        if not comment:
            self.flags.append(Flag(f"No comment was found for {reference}: check against the source", where=reference))
        self.flags.extend(_lost_word_flags(text_paragraphs, reference, reference))
        self.flags.extend(_lost_word_flags(comment_paragraphs, reference, f"the comment on {reference}"))
        finding = ParsedFinding(kind=kind, reference=reference, text=text, addressees=finding_details.addressees(text))
        finding.deadline_text, finding.deadline_on = finding_details.deadline(text)
        if kind == "recommendation":
            finding.cause_of_concern = self.concern
        else:
            # Reports print a cause of concern followed by the recommendations made under it.
            self.concern = reference if kind in ("cause-of-concern", "accelerated-cause-of-concern") else ""
        self.items.append(ParsedItem(finding=finding, comment=comment))

    def _left_out(self, paragraphs):
        words = " ".join(paragraphs[0].text.split()[:8])
        self.flags.append(
            Flag(
                f'The text after the last comment was left out, from "{words}": check whether it belongs in the response'
            )
        )


def _kind_from_words(words):
    words = " ".join(words.lower().split())
    if words.startswith("accelerated"):
        return "accelerated-cause-of-concern"
    if words.startswith("cause"):
        return "cause-of-concern"
    if words.startswith("area") or words == "afi":
        return "area-for-improvement"
    return "recommendation"


def _lost_word_flags(paragraphs, where, place):
    """Flags for sentences that lost their end: "…criminalisation of Such steps…", or a paragraph
    that stops mid-sentence ("…learning highlighted from these")."""
    flags = []
    for paragraph in paragraphs:
        for match in LOST_WORDS.finditer(paragraph):
            flags.append(
                Flag(f'Possible lost words before "{match["quote"]}" in {place}: check against the source', where=where)
            )
        words = paragraph.split()
        if len(words) >= 6 and not TERMINAL.search(paragraph):
            quote = " ".join(words[-3:])
            flags.append(Flag(f'Possible lost words after "{quote}" in {place}: check against the source', where=where))
    return flags


def _unique(flags):
    seen, unique = set(), []
    for flag in flags:
        if (flag.message, flag.where) not in seen:
            seen.add((flag.message, flag.where))
            unique.append(flag)
    return unique
