"""A published response's text as paragraphs, each saying what it looks like.

Pasted pages break lines in the middle of sentences and run a label into the paragraph before it.
We rebuild the paragraphs the author wrote, repairing only what cannot change the meaning
(whitespace, a word hyphenated at a line end, a sentence split across paragraphs), and leave out
the site's debris (imports.parsers.text.is_debris).
"""

import re

from imports.parsers import response_forms
from imports.parsers.response_header import BODY, INTRODUCTION_HEADING, TITLE, date_line
from imports.parsers.response_labels import (
    CHIEF_OFFICER_LABEL,
    INLINE_LABEL,
    REPLY_LABEL,
    is_body_label,
    is_other_owner,
    label_match,
)
from imports.parsers.text import (
    BULLET_ONLY,
    DASHED_BULLET,
    KIND_NAME,
    NUMBERED,
    SUPERSCRIPTS,
    ends_sentence,
    is_date_only,
    is_debris,
    squeeze,
)

NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty"
).split()
FINDING_HEADING = re.compile(
    r"^(?P<label>accelerated\s+cause\s+of\s+concern|cause\s+of\s+concern|area\s+for\s+improvement|afi|recommendation)"
    r"(?:\s+(?:no\.?\s*|number\s+)?(?P<number>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?P<suffix>[a-z]?)\b)?(?:\s*[:.)\-–—]\s*|\s+(?=(?-i:[\"“‘'A-Z]))|\s*$)(?P<rest>.*)$",
    re.I,
)
# "Recommendations 1 to 5", "Recommendation 1 – 5": one passage answering several findings at once.
FINDING_RANGE = re.compile(
    rf"^{KIND_NAME}\s+\d{{1,3}}\s*(?:[-–—]|to|and|&)\s*\d{{1,3}}\b",
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
    r"|downloads?|documents|attachments?|signed|yours\s+(?:sincerely|faithfully)|(?:foot|end)?notes|references|sources)\s*:?$",
    re.I,
)
ENDS_WITH_JOINING_WORD = re.compile(r"\b(?:of|for|the|and|in|on|to|a|an|at|by|with|from|&)$", re.I)


def is_heading(paragraph):
    """A paragraph that is all structure: nothing can continue it."""
    if SECTION.match(paragraph) or CLOSING.match(paragraph):
        return True
    if INTRODUCTION_HEADING.match(paragraph) or date_line(paragraph) or is_date_only(paragraph):
        return True
    if CHIEF_OFFICER_LABEL.match(paragraph) or REPLY_LABEL.match(paragraph):
        return True
    heading = FINDING_HEADING.match(paragraph)
    label = label_match(paragraph)
    return bool(heading and not heading["rest"]) or bool(label and not label["rest"])


def _starts_structure(line):
    return bool(
        DASHED_BULLET.match(line)
        or NUMBERED.match(line)
        or FINDING_HEADING.match(line)
        or label_match(line)
        or TITLE.match(line)
        or BODY.match(line)
        or response_forms.FIELD.match(line)
        or is_heading(line)
    )


class _Draft:
    """A paragraph being built from lines. What decides whether a line continues it is known from
    its first and last lines, so long paragraphs cost no more to extend than short ones."""

    def __init__(self, line):
        self.lines = [line]
        self.heading = is_heading(line)
        self.names = bool(TITLE.match(line) or BODY.match(line))  # the report title or the body's name

    def continued_by(self, line, after_break):
        """Whether `line` carries on this paragraph's sentence rather than starting a paragraph."""
        last = self.lines[-1]
        if _starts_structure(line) or self.heading or ends_sentence(last, clause=True):
            return False
        first = line[0]
        continues_sentence = first.islower() or first.isdigit() or (first == "(" and line[1:2].islower())
        if self.names:
            # A title or a body's name wraps onto the next line, never past a blank one.
            return not after_break and (continues_sentence or bool(ENDS_WITH_JOINING_WORD.search(last)))
        if after_break:
            return continues_sentence  # "…between 5th and 9th December" + "2016, looking at…"
        # Within a block the lines were wrapped by hand, unless a short first line is a heading, or
        # the lines are a letter's address ("Police Headquarters" / "Exbridge EX1 2AB"): short
        # lines that end no sentence, and where the one before does not run on into them.
        if len(self.lines) == 1 and len(last.split()) <= 8 and first.isupper():
            return False
        return not (
            not first.islower()
            and len(line.split()) <= 6
            and not ends_sentence(line, clause=True)
            and len(last.split()) <= 12
            and not ENDS_WITH_JOINING_WORD.search(last)
        )

    def add(self, line, after_break):
        hyphenated = not after_break and re.search(r"[^\W\d_]-$", self.lines[-1]) and line[0].islower()
        if hyphenated:
            self.lines[-1] += line  # "multi-" + "agency"
        else:
            self.lines.append(line)

    def text(self):
        return " ".join(self.lines)


def paragraphs(lines):
    """The paragraphs of `lines` (cleaned text split at line breaks), debris left out."""
    drafts, after_break, pending_bullet = [], True, ""
    for raw in lines:
        line = squeeze(raw)
        if not line or is_debris(line):
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
        for part in INLINE_LABEL.split(draft.text()):
            if part:
                split.extend(response_forms.split_fields(part))
    return [p for p in split if not is_debris(p)]


class Paragraph:
    """A paragraph and what it looks like: kind is one of title, body, date, range (several findings
    answered at once), section, closing, heading (a finding's own heading), chief (the chief officer's comments begin), reply (the body's
    reply to them), label (a comment begins), field (a form's field: "Status: Complete"), bullet,
    numbered, text."""

    def __init__(self, text, kind, match=None):
        self.text, self.kind, self.match = text, kind, match

    @property
    def strict_body_label(self):
        """A label that certainly starts the body's comment (response_labels.is_body_label)."""
        return self.kind == "label" and is_body_label(self.match)

    @property
    def other_owner(self):
        return self.kind == "label" and is_other_owner(self.match["owner"])


def classify(text):
    for kind, pattern in (("title", TITLE), ("body", BODY)):
        match = pattern.match(text)
        if match:
            return Paragraph(text, kind, match)
    match = date_line(text)
    if match:
        return Paragraph(text, "date", match)
    for kind, pattern in (("reply", REPLY_LABEL), ("chief", CHIEF_OFFICER_LABEL), ("field", response_forms.FIELD)):
        match = pattern.match(text)
        if match:
            return Paragraph(text, kind, match)
    for kind, pattern in (
        ("range", FINDING_RANGE),
        ("section", SECTION),
        ("closing", CLOSING),
        ("heading", FINDING_HEADING),
    ):
        match = pattern.match(text)
        if match:
            return Paragraph(text, kind, match)
    match = label_match(text)
    if match:
        return Paragraph(text, "label", match)
    for kind, pattern in (("bullet", DASHED_BULLET), ("numbered", NUMBERED)):
        match = pattern.match(text)
        if match:
            return Paragraph(text, kind, match)
    return Paragraph(text, "text")


FOOTNOTE = re.compile(r"^(?:\[(?P<a>\d{1,2})\]|(?P<b>\d{1,2})\.?|(?P<c>[¹²³⁴⁵⁶⁷⁸⁹]))\s+\S")


def _marker_in(text, number):
    """Whether `text` has footnote `number` stuck to a word: "inspection1", "policing.2", "victims³", "[4]"."""
    superscript = "".join(SUPERSCRIPTS[int(d)] for d in number)
    return bool(re.search(rf"(?<=[^\W\d_])[.,;:)”’\"]?{number}(?!\d)|{superscript}|\[{number}\]", text))


def mark_footnotes(paragraphs):
    """The run of footnotes at the end ("1 HMICFRS, State of Policing 2019"), each matching a
    number stuck to a word earlier, marked as closing text: it belongs to no comment."""
    start = len(paragraphs)
    while start > 1:
        match = FOOTNOTE.match(paragraphs[start - 1].text)
        if not match:
            break
        number = match["a"] or match["b"] or str(SUPERSCRIPTS.index(match["c"]))
        if not any(_marker_in(p.text, number) for p in paragraphs[: start - 1]):
            break
        start -= 1
    for paragraph in paragraphs[start:]:
        paragraph.kind, paragraph.match = "closing", None
    return paragraphs
