"""The one set of text helpers the parsers share: cleaning pasted text, recognising a site's debris,
spotting words lost in copying, and reading dates however a page writes them.

Everything here is about text in general, not about any one kind of document, so a report parser
and a response parser ask the same questions and get the same answers.
"""

import datetime
import re

# --- Cleaning ---------------------------------------------------------------------------------------

LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ud800-\udfff]")


def clean_text(text):
    """`text` with one kind of line break ("\\n") and no invisible or control characters.

    Pasted pages carry Windows and Unicode line separators, soft hyphens, zero-width spaces and
    byte-order marks; PostgreSQL refuses NUL. Spaces (including no-break spaces) are left for the
    caller, which knows whether a line's inner spacing matters."""
    return INVISIBLE.sub("", LINE_BREAKS.sub("\n", text))


def squeeze(line):
    """`line` with every run of whitespace (tabs, no-break spaces) made one space, and trimmed."""
    return " ".join(line.split())


# --- Debris -----------------------------------------------------------------------------------------

WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
ORDINAL = r"(?:st|nd|rd|th)?"
# A date as pages write it: "3 March 2019", "3rd March 2019", "March 3rd, 2019", "Sept. 3, 2019",
# "03/03/2019" (day first, as in the UK), "2019-03-03", any of them after "Monday".
DATE = (
    WEEKDAY + r"(?:\d{1,2}" + ORDINAL + r"\s+(?:of\s+)?[a-z]{3,9}\.?,?\s+\d{4}"
    r"|[a-z]{3,9}\.?\s+\d{1,2}" + ORDINAL + r",?\s+\d{4}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2})"
)

DEBRIS = re.compile(
    r"^(?:skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation)|this\s+(?:web)?site\s+uses\s+cookies"
    r"|cookies?(?:\s+(?:settings|preferences|policy|notice|consent|on\s+(?:this|our)\s+(?:web)?site))?"
    r"|(?:strictly\s+)?(?:necessary|essential|analytics?|analytical|functional|functionality|marketing|performance|advertising"
    r"|targeting|third[\s-]party|optional|non[\s-]essential)\s+cookies|google\s+analytics"
    r"|manage\s+(?:my\s+)?(?:cookies|preferences|settings|consent)|(?:save|set)\s+(?:my\s+)?(?:cookie\s+)?(?:preferences|settings|choices)"
    r"|(?:i\s+)?(?:accept|reject|decline|allow|deny|refuse)(?:\s+all)?(?:\s+(?:optional|analytics|additional|non[\s-]essential))?(?:\s+cookies)?"
    r"|i\s+agree|ok(?:ay)?(?:,?\s+got\s+it)?|got\s+it|hide(?:\s+this)?(?:\s+message)?|close(?:\s+this)?(?:\s+(?:message|banner))?"
    r"|dismiss|on|off|back\s+to\s+top|top\s+of\s+page|print(?:\s+this\s+page)?|share(?:\s+this(?:\s+page)?)?|menu|search|home"
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
    """Whether `line` is page furniture (cookie banners, skip links, "Back to top", copyright lines,
    a web archive's banner, an image's caption) rather than anything an author wrote for the reader."""
    return bool(DEBRIS.match(line)) or bool(COOKIE.search(line) and COOKIE_CONTEXT.search(line))


# --- Words lost in copying --------------------------------------------------------------------------

# A sentence's end, perhaps followed by a footnote's number stuck to it ("…in 2019.2", "…policing.³").
TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]]*(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}|\[\d{1,2}\])?$")
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


def lost_word_suspects(paragraph):
    """Where `paragraph` may have lost words in copying, as ("before" | "after", quoted words).

    "before": a sentence runs into the next with no full stop ("…criminalisation of Such steps…");
    "after": a paragraph of six or more words stops without ending its sentence."""
    suspects = [("before", match["quote"]) for match in RUN_ON.finditer(paragraph)]
    words = paragraph.split()
    if len(words) >= 6 and not TERMINAL.search(paragraph) and not is_title_case(paragraph):
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
