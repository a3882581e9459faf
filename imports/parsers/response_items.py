"""Reading a response's content: the introduction, then finding, comment, finding, comment…

Each finding is quoted from the report (under a heading such as "Recommendation 3", or as a list
item that reads like one: "We recommend that…", "Chief constables should…") and followed by the
body's comment under a label (imports.parsers.response_labels). The chief officer's comments on the
whole report, and the body's reply to them, are read into their own places. Where we are unsure,
we keep the words and add a Flag for a person.
"""

import re

from imports.parsers import finding_details
from imports.parsers.parsed import Flag, ParsedFinding, ParsedItem
from imports.parsers.response_forms import read_position
from imports.parsers.response_header import take_date
from imports.parsers.response_paragraphs import INTRODUCTION_HEADING, NUMBER_WORDS
from imports.parsers.text import KIND_LABELS, ORDINAL, finding_kind, lost_word_suspects
from tracker.vocabulary import CONCERN_KINDS

FINDING_OPENING = re.compile(
    r"^[\"“‘']?(?:we\s+recommend|hmicf?r?s?\s+recommends|(?:by|before)\s+(?:\d{1,2}"
    + ORDINAL
    + r"\s+)?[a-z]{3,9}\s+\d{4}\s*,"
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
# Paragraphs that end the chief officer's comments (or the reply to them): the next part of the response.
ENDS_A_PASSAGE = ("section", "heading", "closing", "chief", "reply", "range")


def first_structure(paragraphs):
    """The index of the first paragraph that belongs to the findings (or len(paragraphs))."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind in ("section", "heading") or paragraph.strict_body_label:
            return index
        if paragraph.kind in ("bullet", "numbered") and FINDING_OPENING.match(paragraph.match["rest"]):
            return index
    return len(paragraphs)


class _Item:
    def __init__(self, kind, number="", heading=None):
        self.kind, self.number = kind, number
        self.has_heading = heading is not None  # "Recommendation 1…": its kind is settled
        self.heading_text = heading.text if heading is not None else ""
        self.finding, self.comment, self.labelled = [], [], False
        self.position, self.unclear_fields = "", []


class ItemReader:
    """Walks the paragraphs after the header, into introduction, items, the chief officer's
    comments and the body's reply to them."""

    def __init__(self, paragraphs, flags):
        self.paragraphs, self.flags = paragraphs, flags
        self.introduction, self.items = [], []
        self.chief_officer_comments, self.reply_to_chief_officer = [], []
        self.published_on = self.report_published_on = None
        self.section_kind, self.in_section = "recommendation", False
        self.current, self.counters, self.references = None, {}, set()
        self.passage = None  # the list the chief officer's comments or the reply are being read into
        self.closed = False  # past a closing heading ("Conclusion") after the comments
        self.concern = ""  # the cause of concern that the recommendations now being read come under

    def read(self):
        for index, paragraph in enumerate(self.paragraphs):
            if self.passage is not None and not self._ends_passage(index, paragraph):
                self.passage.append(paragraph.text)
                continue
            self.passage = None
            if paragraph.kind == "date":
                take_date(paragraph, self, self.flags)
            elif paragraph.kind in ("chief", "reply"):
                self._start_passage(paragraph)
            elif paragraph.kind == "range":
                self._take_range(paragraph)
            elif self.closed or (paragraph.kind == "closing" and (self.items or self.current)):
                self._take_closing(paragraph)
            elif paragraph.kind == "section":
                self._finish()
                self.in_section, self.concern = True, ""
                self.section_kind = finding_kind(
                    paragraph.match["what"] or paragraph.match["what2"] or "recommendations"
                )
            elif paragraph.kind == "heading":
                self._start_heading(paragraph)
            elif self._starts_finding(index, paragraph):
                self._start_listed(paragraph)
            elif paragraph.kind == "field" and self.current:
                self._take_field(paragraph)
            elif paragraph.kind == "label" and self.current and not self.current.labelled:
                self._take_label(paragraph)
            else:
                self._take_text(paragraph)
        self._finish()

    def _ends_passage(self, index, paragraph):
        if paragraph.kind in ENDS_A_PASSAGE or paragraph.strict_body_label or paragraph.kind == "date":
            return True
        return paragraph.kind in ("bullet", "numbered") and self._starts_finding(index, paragraph)

    def _start_passage(self, paragraph):
        inline = bool(paragraph.match["rest"])  # None after a lead-in sentence ("…commented as follows:")
        if paragraph.kind == "chief" and inline and self.current is not None:
            # "Chief Constable's response: …" inside a finding is the force's word on that finding:
            # kept, label and all, in the comment, as the page prints it.
            self.current.labelled = True
            self.current.comment.append(paragraph.text)
            return
        self._finish()
        self.passage = self.chief_officer_comments if paragraph.kind == "chief" else self.reply_to_chief_officer
        if inline:
            self.passage.append(paragraph.match["rest"])

    def _take_range(self, paragraph):
        """A passage under "Recommendations 1 to 5" answers several findings at once: rather than
        invent one item for it, it goes to the introduction for a person to map in the preview."""
        self._finish()
        self.introduction.append(paragraph.text)
        self.passage = self.introduction
        words = " ".join(paragraph.text.split()[:8])
        self.flags.append(
            Flag(
                f'The passage from "{words}" answers several findings at once: it was put in the introduction; '
                "in the preview, match it to the report's findings",
                where="Introduction",
            )
        )

    def _starts_finding(self, index, paragraph):
        current = self.current
        if current is not None and not current.labelled:
            # Inside a finding's own text: only a new finding that says so ends it.
            listed = paragraph.kind in ("bullet", "numbered") and FINDING_OPENING.match(paragraph.match["rest"])
            return bool(current.finding and listed)
        following = self.paragraphs[index + 1] if index + 1 < len(self.paragraphs) else None
        if following is not None and following.strict_body_label and paragraph.kind not in ("label", "field"):
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
        self.current = _Item(finding_kind(match["label"]), number + (match["suffix"] or "").lower(), heading=paragraph)
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
        if paragraph.other_owner:
            self.current.comment.append(paragraph.text)
        elif paragraph.match["rest"]:
            self.current.comment.append(paragraph.match["rest"])

    def _take_field(self, paragraph):
        """A form's status cell: the position when it clearly says which, else a flag quoting it;
        a long cell ("Progress: the force has…") is a comment, not a status."""
        value = paragraph.match["value"]
        position, unclear = read_position(value)
        if not unclear:
            self.current.position = position
        elif len(value.split()) <= 8:
            self.current.unclear_fields.append(paragraph.text)
        else:
            self.current.labelled = True
            self.current.comment.append(value)

    def _take_text(self, paragraph):
        current = self.current
        if current is None:
            if self.introduction or not INTRODUCTION_HEADING.match(paragraph.text):
                self.introduction.append(paragraph.text)
        elif current.labelled:
            current.comment.append(paragraph.text)
        elif (not current.finding and paragraph.kind == "bullet") or _same_number(current, paragraph):
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
        if not text_paragraphs and not comment_paragraphs:
            # A heading with nothing under it is no finding: say so rather than invent an empty one.
            fields = "".join(f', only "{field}"' for field in item.unclear_fields)
            self.flags.append(
                Flag(f'"{item.heading_text}" has no text and no comment under it{fields}: check against the source')
            )
            return
        kind = item.kind
        if text_paragraphs and (found := KIND_IN_TEXT.match(text_paragraphs[0])) and not item.has_heading:
            kind = finding_kind(found["kind"])
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
        for field in item.unclear_fields:
            self.flags.append(
                Flag(f'The form says "{field}" for {reference}: choose the position by hand', where=reference)
            )
        self.flags.extend(lost_word_flags(text_paragraphs, reference, reference))
        self.flags.extend(lost_word_flags(comment_paragraphs, reference, f"the comment on {reference}"))
        finding = ParsedFinding(kind=kind, reference=reference, text=text, addressees=finding_details.addressees(text))
        finding.deadline_text, finding.deadline_on = finding_details.deadline(text)
        if kind == "recommendation":
            finding.cause_of_concern = self.concern
        else:
            # Reports print a cause of concern followed by the recommendations made under it.
            self.concern = reference if kind in CONCERN_KINDS else ""
        self.items.append(ParsedItem(finding=finding, comment=comment, position=item.position))

    def _take_closing(self, paragraph):
        """What follows a closing heading after the comments ("Conclusion", "Next steps") answers no
        finding: it goes to the end of the introduction, flagged, so a person places it."""
        if not self.closed:
            self._finish()
            self.closed = True
            words = " ".join(paragraph.text.split()[:8])
            self.flags.append(
                Flag(
                    f'The text after the last comment, from "{words}", was put at the end of the introduction: '
                    "check where it belongs in the response",
                    where="Introduction",
                )
            )
        self.introduction.append(paragraph.text)


def _same_number(item, paragraph):
    """Whether `paragraph` is the list item that repeats its finding's number ("1. We recommend…"
    under "Recommendation 1"): the number is already in the reference. Another number is kept."""
    return not item.finding and paragraph.kind == "numbered" and paragraph.match["number"] == item.number


def lost_word_flags(paragraphs, where, place):
    """Flags for words that may have been lost in copying (imports.parsers.text.lost_word_suspects)."""
    return [
        Flag(f'Possible lost words {side} "{quote}" in {place}: check against the source', where=where)
        for paragraph in paragraphs
        for side, quote in lost_word_suspects(paragraph)
    ]
