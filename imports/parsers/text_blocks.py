"""Plain text of a report cut into blocks: headings, finding markers, list items and paragraphs.

Text reaches us from PDFs, saved web pages and pasting, so it carries line breaks in the middle of
sentences, words hyphenated at line ends and odd characters. This module undoes that and says what
each block looks like; report_text.py decides what the blocks mean.

Dehyphenation rule, for a line ending in letter + hyphen followed by a line starting with a word:
  1. a soft hyphen (U+00AD) is always a split word: join without it ("organ-" + "isations" -> "organisations");
  2. the next line starts with anything but a lowercase letter: keep the hyphen ("COVID-" + "19");
  3. the hyphenated form occurs elsewhere in the text: keep it ("multi-" + "agency" when the
     report also says "multi-agency");
  4. the joined form occurs elsewhere: join ("organ-" + "isations" when it also says "organisations");
  5. the first part is a prefix that English keeps hyphenated ("co", "non", "self", "well",
     "multi", "cross", "anti", "cyber"): keep it ("co-ordinate", "well-being");
  6. otherwise join without the hyphen.
Either way the whole word moves to the first line, so a word never straddles two lines.

A table of contents names the sections ("Areas for improvement ........ 6", "Recommendations 12")
but holds no finding, and read as text its lines look like markers ("Areas for improvement 6"). Its
lines are blanked, like any other navigation: the lines under a "Contents" heading that end in a page
number, and anywhere else a run of three or more such lines whose page numbers never go down.
"""

import re
from dataclasses import dataclass, field

from imports.parsers.footnotes import mark_calls, note_numbers
from imports.parsers.report_tables import findings_header, read_row
from imports.parsers.text import BULLET, NUMBERED, SOFT_HYPHEN, clean_text, ends_sentence, kind_label, squeeze

# U+FFFE is how PDFium reports any hyphen at a line end, real or not.
HYPHENS = "-\u2010\u2011\ufffe"
KEEP_HYPHEN_AFTER = {"co", "non", "self", "well", "multi", "cross", "anti", "cyber"}
# Dot leaders of a table of contents: "Recommendations ........ 12".
CONTENTS_LINE = re.compile(r"(\.\s?){4,}\s*\d+\s*$|\u2026\s*\d+\s*$")
# A contents line without leaders: a heading, then its page number at the right ("Recommendations 12").
CONTENTS_ENTRY = re.compile(r"(?P<entry>.+?)\s+(?P<page>\d{1,3})")
DIGIT = re.compile(r"\d")
CONTENTS_HEADING = re.compile(r"(?:table of )?contents|cynnwys|in this report", re.IGNORECASE)
CONTENTS_RUN = 3

MARKER = re.compile(
    r"(?P<label>recommendation|areas? for improvement|afi|accelerated cause of concern|cause of concern)"
    r"(?:\s*(?P<number>\d{1,3}))?\s*(?:(?P<sep>[:.)\u2013\u2014-])\s*(?P<rest>.*))?",
    re.IGNORECASE,
)
SECTION_WORDS = re.compile(
    r"\b(recommendations|areas for improvement|accelerated causes? of concern|causes? of concern)\b", re.IGNORECASE
)
# Headings about other reports' findings: their lists are not this report's findings.
NOT_OUR_FINDINGS = re.compile(r"\b(previous|progress|earlier|prior|last|update|revisit|former)\b", re.IGNORECASE)
OUTLINE_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.)\s+")
SUB_ITEM = re.compile(r"(?:\((?:[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})\))\s+(?P<rest>\S.*)")
MODAL = re.compile(r"\b(should|must|needs? to|ought to|recommend)\b", re.IGNORECASE)
# The Welsh of a finding's marker or a section's heading.
WELSH_MARKER = re.compile(
    r"(?:argymhelliad|argymhellion|maes i['\u2019]w wella|meysydd i['\u2019]w gwella|achos(?:ion)? pryder(?: carlam)?)"
    r"(?:\s*\d{1,3})?\s*[:.]?",
    re.IGNORECASE,
)
TRAILING_FUNCTION_WORD = re.compile(r"\b(and|or|the|of|to|for|with|in|on|by|a|an|that|its|their)$", re.IGNORECASE)


@dataclass
class Block:
    """A run of lines that belong together. `kind` is one of the names in `classify_line`."""

    kind: str  # marker, section, heading, item, subitem, para; tablehead, tablerow (report_tables.py)
    lines: list = field(default_factory=list)
    label: str = ""  # marker or section: the kind of finding it announces
    number: int | None = None  # marker or numbered item
    starts_paragraph: bool = True
    row: object = None  # tablerow: its report_tables.TableRow

    @property
    def text(self):
        return " ".join(" ".join(self.lines).split())


def clean_lines(text):
    """The text's lines, tidied and dehyphenated; "" marks a paragraph break."""
    text = clean_text(text, keep_soft_hyphens=True)
    lines = [squeeze(line) for line in text.split("\n")]
    lines = ["" if len(line) < 300 and CONTENTS_LINE.search(line) else line for line in lines]
    lines = _dehyphenate(_without_contents(lines), _vocabulary(text))
    words = set(re.findall(r"\b[a-z]{4,}\b", text))  # words seen without a footnote call stuck to them
    numbers = note_numbers(lines)
    return [mark_calls(line, words, numbers) if DIGIT.search(line) else line for line in lines]


def _contents_page(line):
    """The page number a contents line gives, or None when `line` is not one."""
    found = CONTENTS_ENTRY.fullmatch(line) if len(line) <= 120 and line[-1].isdigit() else None
    if not found or not is_heading_like(found.group("entry")):
        return None
    return int(found.group("page"))


def _without_contents(lines):
    """`lines` with the lines of a table of contents blanked (see the module docstring)."""
    entries = [i for i, line in enumerate(lines) if line]
    pages = {i: _contents_page(lines[i]) for i in entries}
    contents = set()
    under_heading, run = False, []
    for position, i in enumerate(entries):
        if pages[i] is None:
            contents.update(_contents_run(run, lines, pages))
            under_heading, run = bool(CONTENTS_HEADING.fullmatch(lines[i])), []
        elif under_heading:
            # "Recommendation 1" under a Contents heading is a marker when its text follows it.
            following = entries[position + 1] if position + 1 < len(entries) else None
            if not _bare_marker(lines[i]) or (following is not None and pages[following] is not None):
                contents.add(i)
        else:
            run.append(i)
    contents.update(_contents_run(run, lines, pages))
    return ["" if i in contents else line for i, line in enumerate(lines)]


def _bare_marker(line):
    """ "Recommendation 1" alone, which a table of contents and a finding's own heading share."""
    return bool(MARKER.fullmatch(line)) and not line.lower().startswith("areas")


def _contents_run(run, lines, pages):
    """The lines of `run` (consecutive contents-like lines) when they make a table of contents."""
    numbers = [pages[i] for i in run]
    if len(run) < CONTENTS_RUN or numbers != sorted(numbers) or all(_bare_marker(lines[i]) for i in run):
        return []
    return run


def _vocabulary(text):
    return set(re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()))


def _dehyphenate(lines, vocabulary):
    lines = list(lines)
    for i in range(len(lines) - 1):
        line, following = lines[i], lines[i + 1]
        if (
            not line
            or not following
            or len(line) < 2
            or line[-1] not in HYPHENS + SOFT_HYPHEN
            or not line[-2].isalpha()
        ):
            continue
        word, _, rest = following.partition(" ")
        head = re.search(r"[^\W\d_]+$", line[:-1]).group()
        lines[i] = line[:-1] + _hyphen(head, line[-1], word, vocabulary) + word
        # When the moved word was the whole line, drop the line rather than break the paragraph.
        lines[i + 1] = rest or None
    return [line.replace(SOFT_HYPHEN, "").replace("\ufffe", "-") for line in lines if line is not None]


def _hyphen(head, mark, tail, vocabulary):
    """The hyphen to keep between `head` and `tail`, or "" to join them (see the module docstring)."""
    letters = re.match(r"[^\W\d_]+", tail)
    if mark == SOFT_HYPHEN:
        return ""
    if not tail[:1].islower() or not letters:
        return "-"
    head, tail = head.lower(), letters.group().lower()
    if f"{head}-{tail}" in vocabulary:
        return "-"
    if head + tail in vocabulary:
        return ""
    return "-" if head in KEEP_HYPHEN_AFTER else ""


def classify_line(line):
    """A fresh Block for `line` when it starts something, or None when it only continues a block."""
    marker = MARKER.fullmatch(line)
    if marker:
        label = marker.group("label").lower()
        if label.startswith("areas") and not marker.group("number") and not marker.group("rest"):
            return _section(line, "area for improvement")
        number = int(marker.group("number")) if marker.group("number") else None
        label = kind_label(label)
        block = Block("marker", label=label, number=number)
        if marker.group("rest"):
            block.lines.append(marker.group("rest"))
        return block
    section = _section_label(line)
    if section:
        return _section(line, section)
    numbered = NUMBERED.fullmatch(line)
    if numbered:
        return Block("item", [numbered.group("rest")], number=int(numbered.group("number")))
    for pattern, kind in ((BULLET, "item"), (SUB_ITEM, "subitem")):
        found = pattern.fullmatch(line)
        if found:
            return Block(kind, [found.group("rest")])
    return None


def _section(line, label):
    return Block("section", [line], label=label)


def _section_label(line):
    """The finding kind a heading such as "Areas for improvement" introduces, if it is one."""
    bare = OUTLINE_NUMBER.sub("", line).rstrip(":").strip()
    found = SECTION_WORDS.search(bare)
    if not found or not is_heading_like(bare) or NOT_OUR_FINDINGS.search(bare):
        return ""
    return kind_label(found.group(1))


def is_heading_like(line):
    """Short, capitalised and not a sentence: a heading when it stands alone."""
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 100
        and (line[0].isupper() or line[0].isdigit())
        and line[-1] not in ".,;:!?-"
        and any(c.isalpha() for c in line)
        and not MODAL.search(line)
        and not TRAILING_FUNCTION_WORD.search(line)
    )


def blocks(lines):
    """The blocks of `lines` (from clean_lines), in order."""
    found, table = [], None
    for paragraph in _paragraphs(lines):
        current = None
        for i, line in enumerate(paragraph):
            row = read_row(line, table) if table else None
            if row is not None:
                found.append(Block("tablerow", [row.text], label=table[1], number=row.number, row=row))
                current = None
                continue
            table = findings_header(line)
            if table:
                found.append(Block("tablehead", [line], label=table[1]))
                current = None
                continue
            started = classify_line(line)
            if started is None and WELSH_MARKER.fullmatch(line):
                started = Block("para", [line])  # "Argymhelliad 1" under "Recommendation 1": not its text
            if started is not None and started.kind == "section" and i and not ends_sentence(paragraph[i - 1]):
                started = None  # "Recommendations" wrapped to the start of a line mid-sentence
            if started is None and _stands_alone(paragraph, i):
                started = Block("heading", [line])
            if started is None and current is not None and current.kind not in ("heading", "section"):
                current.lines.append(line)
                continue
            if started is None:
                started = Block("para", [line])
            started.starts_paragraph = i == 0
            found.append(started)
            current = started
    return found


def _paragraphs(lines):
    paragraph = []
    for line in lines:
        if line:
            paragraph.append(line)
        elif paragraph:
            yield paragraph
            paragraph = []
    if paragraph:
        yield paragraph


def _stands_alone(paragraph, i):
    """A heading-like line that is its own paragraph, or is set off as a heading inside one."""
    line = paragraph[i]
    if not is_heading_like(line):
        return False
    if len(paragraph) == 1:
        return True
    previous_ends = i == 0 or ends_sentence(paragraph[i - 1])
    next_starts = i + 1 == len(paragraph) or paragraph[i + 1][:1].isupper()
    return previous_ends and next_starts and len(line.split()) <= 8
