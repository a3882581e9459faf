"""The one set of text helpers the report and response parsers share.

What lives here, each rule once:
- cleaning: the line breaks, invisible characters and ligatures that pasted pages and PDFs carry
  (clean_text, squeeze);
- sentences: where a sentence (or a clause that leads into a list) ends (ends_sentence, TERMINAL);
- lists and tables: the marks of a bulleted or numbered item (BULLET, DASHED_BULLET, BULLET_ONLY,
  NUMBERED), the name of a column of numbers (NUMBER_COLUMN);
- debris: a site's furniture, as lines of text (DEBRIS, is_debris, SKIP_LINK) and as the names in
  its markup (FURNITURE_MARKUP), both from one list of furniture words;
- lost words: where copying seems to have lost words (lost_word_suspects);
- dates: reading a date however a page writes it (DATE, parse_date, find_date, is_date_only);
- finding kinds: a kind's name (KIND_NAME) and the kind of finding words name ("Areas for
  improvement", "AFI"), in the vocabulary's terms (finding_kind, kind_label, KIND_LABELS);
- Welsh: whether a passage is in Welsh (is_welsh).

Everything here is about text in general, not about any one kind of document, so a report parser
and a response parser ask the same questions and get the same answers: a fix to one of these rules
reaches both (tests/test_parser_text_helpers.py keeps it so).
"""

import datetime
import re

from tracker.vocabulary import FindingKind

# --- Cleaning ---------------------------------------------------------------------------------------

LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Controls (C0 but tab and line breaks, C1 but NEL), zero-width characters, byte-order marks and
# lone surrogates (which PostgreSQL refuses); the soft hyphen separately, as a report's dehyphenation
# needs to see it before it goes (text_blocks.py).
INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff\ud800-\udfff]")
SOFT_HYPHEN = "\u00ad"
LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)


def clean_text(text, *, keep_soft_hyphens=False):
    """`text` with one kind of line break ("\\n"), ligatures spelt out, and no invisible or control
    characters.

    Pasted pages carry Windows and Unicode line separators, soft hyphens, zero-width spaces and
    byte-order marks; PDFs carry ligatures ("ﬁ"); PostgreSQL refuses NUL. Spaces (including no-break
    spaces) are left for the caller, which knows whether a line's inner spacing matters. With
    `keep_soft_hyphens`, soft hyphens stay, for a caller that mends words split at a line's end."""
    text = INVISIBLE.sub("", LINE_BREAKS.sub("\n", text)).translate(LIGATURES)
    return text if keep_soft_hyphens else text.replace(SOFT_HYPHEN, "")


def squeeze(line):
    """`line` with every run of whitespace (tabs, no-break spaces) made one space, and trimmed."""
    return " ".join(line.split())


# --- Sentences --------------------------------------------------------------------------------------

SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_CLOSERS = r"[\"'”’)\]]*"
# A footnote's number stuck to a sentence's end: "…in 2019.2", "…policing.³", "…victims.[4]".
_NOTE_CALL = rf"(?:\d{{1,2}}|[{SUPERSCRIPTS}]{{1,2}}|\[\d{{1,2}}\])?"
# A finished sentence: "…by March 2025.", "…policing.”", "…victims?³".
SENTENCE_END = re.compile(rf"[.!?…]{_CLOSERS}{_NOTE_CALL}$")
# A finished sentence, or a clause that hands on to what follows ("…as follows:", "…people;").
TERMINAL = re.compile(rf"[.!?:;…]{_CLOSERS}{_NOTE_CALL}$")


def ends_sentence(text, *, clause=False):
    """Whether `text` ends a sentence; with `clause`, a clause that leads on (":" or ";") counts too."""
    return bool((TERMINAL if clause else SENTENCE_END).search(text))


# --- Lists ------------------------------------------------------------------------------------------

BULLET_MARKS = "•●▪▫■□◦‣∙·○◆►➢➤✓⁃\uf0b7"
BULLET = re.compile(rf"^(?:[{BULLET_MARKS}]\s*|[-*]\s+)(?P<rest>\S.*)$")
# A response page's lists may use an en or em dash as the bullet. In a report's text a line that
# starts with one is an aside wrapped from the line before, so the report parser uses BULLET.
DASHED_BULLET = re.compile(rf"^(?:[{BULLET_MARKS}]\s*|[-*–—]\s+)(?P<rest>\S.*)$")
BULLET_ONLY = re.compile(rf"^(?:[{BULLET_MARKS}]|[-*–—])$")
# "3. …", "3) …", "(3) …".
NUMBERED = re.compile(r"^\(?(?P<number>\d{1,3})[.)]\s+(?P<rest>\S.*)$")
# The name of a table's column that numbers its rows ("No.", "Ref", "#"), in reports and responses.
NUMBER_COLUMN = re.compile(r"^(?:no\.?|number|#|ref(?:erence)?\.?)$", re.I)


# --- Debris -----------------------------------------------------------------------------------------

WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
ORDINAL = r"(?:st|nd|rd|th)?"
# A date in words, day first: "3 March 2019", "3rd of March 2019", "Sept. 3, 2019" is the other way.
DAY_MONTH_YEAR = r"\d{1,2}" + ORDINAL + r"\s+(?:of\s+)?[a-z]{3,9}\.?,?\s+\d{4}"
# A date as pages write it: "3 March 2019", "3rd March 2019", "March 3rd, 2019", "Sept. 3, 2019",
# "03/03/2019" (day first, as in the UK), "2019-03-03", any of them after "Monday". Compile with re.I.
DATE = (
    WEEKDAY + r"(?:" + DAY_MONTH_YEAR + r"|[a-z]{3,9}\.?\s+\d{1,2}" + ORDINAL + r",?\s+\d{4}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2})"
)

# The words that name a site's furniture, in its text ("Menu", "Share") and in its markup's class,
# id and role names (class="cookie-banner", role="contentinfo").
FURNITURE_WORDS = (
    "cookie consent gdpr banner skip breadcrumb share social menu navigation newsletter contentinfo footer"
).split()
# Markup, not text: saved pages built without <header>, <nav> or <footer> mark their furniture only
# by these names (html_text.py), which are parts of longer names ("site-footer"), so searched anywhere.
FURNITURE_MARKUP = re.compile("|".join(FURNITURE_WORDS), re.I)
SKIP_LINK_WORDS = r"skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation)"
SKIP_LINK = re.compile(rf"^\s*{SKIP_LINK_WORDS}\s*$", re.I)
DEBRIS = re.compile(
    rf"^(?:{SKIP_LINK_WORDS}|this\s+(?:web)?site\s+uses\s+cookies"
    r"|cookies?(?:\s+(?:settings|preferences|policy|notice|consent|on\s+(?:this|our|the)\s+(?:web)?site))?"
    r"|cookies\s+on\s+[\w&’'. -]{2,60}"
    r"|(?:strictly\s+)?(?:necessary|essential|analytics?|analytical|functional|functionality|marketing|performance|advertising"
    r"|targeting|third[\s-]party|optional|non[\s-]essential)\s+cookies|google\s+analytics"
    r"|manage\s+(?:my\s+)?(?:cookies|preferences|settings|consent)|(?:save|set)\s+(?:my\s+)?(?:cookie\s+)?(?:preferences|settings|choices)"
    r"|(?:i\s+)?(?:accept|reject|decline|allow|deny|refuse)(?:\s+all)?(?:\s+(?:optional|analytics|additional|non[\s-]essential))?(?:\s+cookies)?"
    r"|i\s+agree|ok(?:ay)?(?:,?\s+got\s+it)?|got\s+it|hide(?:\s+this)?(?:\s+message)?|close(?:\s+this)?(?:\s+(?:message|banner))?"
    r"|dismiss|on|off|back\s+to\s+top|top\s+of\s+page|print(?:\s+this\s+page)?|share(?:\s+this(?:\s+page)?)?|search|home"
    r"|(?:(?:main|site|open|close|toggle|show|hide)\s+)?(?:" + "|".join(FURNITURE_WORDS) + r")s?"
    r"|sign\s+(?:in|out)|log\s*(?:in|out)|(?:please\s+)?(?:enable|turn\s+on)\s+javascript\b.{0,80}"
    r"|(?:this\s+(?:page|site)|you)\s+(?:needs?|requires?)\s+javascript\b.{0,80}|javascript\s+is\s+(?:disabled|required|off)\b.{0,80}"
    r"|(?:page\s+)?last\s+(?:updated|reviewed|modified)\b.{0,40}|©.{0,120}|copyright\b.{0,120}"
    # Web archives (the UK Government Web Archive, the Wayback Machine) add a banner and a date.
    r"|this\s+is\s+an\s+archived\s+(?:version|copy|snapshot)\s+of\s+(?:the|this)\s+(?:web\s*)?(?:page|site)\b.{0,160}"
    r"|(?:this\s+page\s+was\s+)?archived\s+(?:on|at)\s*:?\s*" + DATE + r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    # What a browser's reader view adds: the site's address and the reading time.
    r"|https?://\S+|www\.[a-z0-9.-]+/?|[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|police|wales|cymru|example)/?|\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s+min(?:ute)?s?(?:\s+read)?"
    # A bilingual site's language switch.
    r"|cymraeg|english|saesneg"
    r"|(?:view|go\s+to)\s+(?:the\s+)?(?:live|current)\s+(?:version\s+of\s+(?:the|this)\s+)?(?:page|site|website)"
    # Captions the page's images carried, pasted with the text: "Image: the Commissioner at …".
    # (a hyphen only with a space before it: "Image-based abuse…" is a sentence).
    r"|(?:image|photo|photograph|picture|caption)(?:\s+\d{1,2})?(?:\s*[:–—]|\s+-)\s*.{0,160})[.!]?$",
    re.I,
)
COOKIE = re.compile(r"\bcookies?\b", re.I)
COOKIE_CONTEXT = re.compile(
    r"\b(?:our|this)\s+(?:web)?site\b|\bwe\s+use\b|\byour\s+(?:device|browser|preferences|settings|consent)\b|\banalytics\b"
    r"|\bconsent\b|\bpreferences\b|\bsite\s+traffic\b",
    re.I,
)


def is_debris(line):
    """Whether `line` is page furniture (cookie banners, skip links, "Back to top", "Sign in",
    copyright lines, a web archive's banner, an image's caption) rather than anything an author
    wrote for the reader."""
    return bool(DEBRIS.match(line)) or bool(COOKIE.search(line) and COOKIE_CONTEXT.search(line))


def is_skip_link(line):
    """Whether `line` is a "Skip to main content" link: what comes above it is the site's."""
    return bool(SKIP_LINK.match(line))


# --- Words lost in copying --------------------------------------------------------------------------

# Words that begin sentences and seldom follow a lowercase word inside one: "…of Such steps" means
# the end of one sentence and the start of the next were lost.
STARTERS = (
    "The This These Those That There Such It Its We Our They Their He She His Her In As For Further Furthermore "
    "However Also Additionally Moreover Therefore Thus Whilst While Where When If Although Though Given Following "
    "Since Each All Any Some Both Through Alongside Having Once Overall With By At On To What How Why Who Which "
    "Please Many Most Other Another After Before During Despite Whether Nor Yet Currently Recently Already "
    "Finally Firstly Secondly Lastly Importantly Similarly Accordingly Consequently Instead Here Now Today"
).split()
RUN_ON = re.compile(r"\b[a-z][a-z’']*\s+(?P<quote>(?:" + "|".join(STARTERS) + r")\s+[a-z][a-z’'-]*)")


def lost_word_suspects(paragraph, *, unfinished=True):
    """Where `paragraph` may have lost words in copying, as ("before" | "after", quoted words).

    "before": a sentence runs into the next with no full stop ("…criminalisation of Such steps…");
    "after" (unless `unfinished` is off, for a caller that ends unfinished text itself): a
    paragraph of six or more words stops without ending its sentence."""
    suspects = [("before", match["quote"]) for match in RUN_ON.finditer(paragraph)]
    words = paragraph.split()
    if unfinished and len(words) >= 6 and not ends_sentence(paragraph, clause=True) and not is_title_case(paragraph):
        suspects.append(("after", " ".join(words[-3:])))
    return suspects


MINOR_WORDS = frozenset("a an and at by for from in of on or the to with".split())


def is_title_case(line):
    """Whether every word of `line` but the small ones starts with a capital or a digit: a name, an
    address or a heading ("Office of the Police and Crime Commissioner for Exshire"), not a sentence."""
    words = re.findall(r"[^\W_][\w’'&.-]*", line)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower() in MINOR_WORDS for w in words)


# --- Dates ------------------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
DATE_PATTERN = re.compile(DATE, re.I)
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")
_IN_WORDS = re.compile(
    r"(\d{1,2})" + ORDINAL + r"\s+(?:of\s+)?([a-z]+)\s+(\d{4})|([a-z]+)\s+(\d{1,2})" + ORDINAL + r"\s+(\d{4})"
)


def parse_date(text):
    """The date `text` names, or None. Reads "2019-03-03", "3 March 2019", "3rd March 2019",
    "3rd of March 2019", "March 3rd, 2019", "Sept. 3 2019", "03/03/2019" (day first, as UK pages
    write it) and any of these after a weekday ("Monday 3 March 2019"); None for a day that does
    not exist (31 February)."""
    text = re.sub(r"^" + WEEKDAY, "", " ".join(str(text).split()), flags=re.I).lower()
    text = re.sub(r"(?<=[a-z])\.(?=\s)", "", text).replace(",", " ")
    text = " ".join(text.split())
    numbers = _NUMERIC.fullmatch(text)
    if numbers:
        day, month, year = numbers.group(1, 2, 3) if numbers.group(1) else numbers.group(6, 5, 4)
        return _date(year, month, day)
    words = _IN_WORDS.fullmatch(text)
    if not words:
        return None
    day, month, year = words.group(1, 2, 3) if words.group(1) else words.group(5, 4, 6)
    return _date(year, MONTHS.get(month), day)


def find_date(text):
    """The first real date written anywhere in `text`, as (date, the words that wrote it), or (None, "")."""
    for match in DATE_PATTERN.finditer(text):
        day = parse_date(match.group())
        if day:
            return day, match.group()
    return None, ""


def is_date_only(line):
    """Whether `line` is nothing but a date ("12 March 2024", "Monday 3rd March 2019.")."""
    return parse_date(line.strip().rstrip(".")) is not None


def _date(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):  # no such month name, or no such day (31 February)
        return None


# --- Kinds of finding -------------------------------------------------------------------------------

# The name of a kind of finding, one or many, longest first ("Accelerated causes of concern", "AFI").
KIND_NAME = (
    r"(?:accelerated\s+causes?\s+of\s+concern|causes?\s+of\s+concern|areas?\s+for\s+improvement|afis?|recommendations?)"
)
# The printed label of each kind, as references write it ("Area for improvement 2").
KIND_LABELS = dict(FindingKind.choices)
# A register's letters for a kind ("AFI-2022-012", "COC/2023/4").
KIND_ABBREVIATIONS = {
    "afi": FindingKind.AREA_FOR_IMPROVEMENT.value,
    "coc": FindingKind.CAUSE_OF_CONCERN.value,
    "acoc": FindingKind.ACCELERATED_CAUSE_OF_CONCERN.value,
}


def finding_kind(words):
    """The kind of finding (a FindingKind value) that words such as "Areas for improvement:", "AFI",
    "Causes of concern" or "Recommendations" name; a recommendation when they name none."""
    words = " ".join(words.lower().rstrip(":").split())
    abbreviated = KIND_ABBREVIATIONS.get(words.rstrip("s"))
    if abbreviated:
        return abbreviated
    if words.startswith("accelerated"):
        return FindingKind.ACCELERATED_CAUSE_OF_CONCERN.value
    if "concern" in words:
        return FindingKind.CAUSE_OF_CONCERN.value
    if words.startswith("area"):
        return FindingKind.AREA_FOR_IMPROVEMENT.value
    return FindingKind.RECOMMENDATION.value


def kind_label(words):
    """The label, in lower case ("area for improvement"), of the kind of finding `words` name."""
    return KIND_LABELS[finding_kind(words)].lower()


# --- Welsh ------------------------------------------------------------------------------------------

# Common Welsh words that English does not share, and the words of reports and responses in Welsh.
# Words are read between apostrophes ("i'r" is "i" and "r"), so the short forms are here too.
WELSH_WORDS = frozenset(
    """ac ar bod chi dylai dylid dylen dylent ei eu gan gyda heb hefyd mae maen mewn nad neu oedd pan pob sy sydd
    trwy drwy wedi yn yr yw ein eich fod hyn hynny rhaid heddlu heddluoedd plentyn plant erbyn argymhelliad
    argymhellion maes meysydd wella gwella achos achosion pryder cyhoeddwyd arolwg arolygiad dros cael gael sut ydy
    bydd fydd prif gwnstabliaid cwnstabl comisiynwyr comisiynydd trosedd troseddu throseddu plismona ni y o r n
    gyfer holl fel yng ym ydym rydym byddwn wrth nid ond â ôl hon hwn ymateb sylw sylwadau swyddfa adroddiad
    dioddefwyr ddioddefwyr gwaith nghymru cymru cymraeg diolch llu lluoedd cyhoedd gwasanaeth ymchwiliad
    ymchwiliadau cynllun""".split()
)
ENGLISH_WORDS = frozenset("the and of to should is that for with are was this be it on we has have will its by".split())
WELSH_LETTERS = re.compile("[\u0175\u0177\u0174\u0176]")  # w and y with a circumflex: Welsh only
WORD = re.compile(r"[^\W\d_]+")


def is_welsh(text):
    """Whether `text` is Welsh: more of its words are common Welsh words than twice the common
    English ones, and they are at least a fifth of its words. A Welsh place or office named in an
    English sentence ("Heddlu Dyfed-Powys") does not make it Welsh."""
    words = WORD.findall(text.lower())
    if not words:
        return False
    welsh = sum(word in WELSH_WORDS for word in words) + len(WELSH_LETTERS.findall(text))
    english = sum(word in ENGLISH_WORDS for word in words)
    return welsh >= max(1, len(words) / 5) and welsh > 2 * english
