"""Findings in the plain text of an HMICFRS report: recommendations, areas for improvement, causes of concern.

Reports state findings in a few ways, all handled here:
- a marker and its text: "Recommendation 3" on its own line with the text below, or inline
  ("Recommendation 3: By 31 March 2024, chief constables should…"); the same for "Area for
  improvement 2", "AFI 2", "Cause of concern 1", "Accelerated cause of concern";
- a list under a heading ("Recommendations", "Areas for improvement"): numbered or bulleted items,
  or paragraphs that say what someone should do;
- a cause of concern followed by its recommendations, often as a lead-in and bullets ("Within six
  months, the force should:" + "• make sure…"). Each bullet becomes a recommendation that starts
  with the lead-in, so it reads whole on its own, and points at the cause of concern; the "; and"
  that ties a bullet to the next is dropped and a full stop put in its place.
A bilingual report follows each English passage with its Welsh: the English is the finding, and the
Welsh is kept in a flag beside the finding it follows, never read as a finding, heading or discussion.
Lettered items ("(a)", "b)") are parts of the finding above them, never findings of their own.

A finding runs on over line, paragraph and page breaks while its sentence is unfinished, and ends
at the next marker, list item, heading, or a new paragraph after a finished sentence (what follows
a finding in a report is usually the inspectorate's discussion, not more of the finding).

Numbers come from the text when it has them ("Recommendation 3" stays 3) and otherwise count on
from the highest so far, per kind; references are "Recommendation N", "Area for improvement N",
"Cause of concern N" and "Accelerated cause of concern N".
"""

import re
from dataclasses import dataclass, field

from imports.parsers import finding_details as details
from imports.parsers import footnotes, report_tables
from imports.parsers.parsed import Flag, ImportProblem, ParsedFinding, ParsedReport
from imports.parsers.text import (
    KIND_LABELS,
    ends_sentence,
    finding_kind,
    is_debris,
    is_skip_link,
    is_welsh,
    lost_word_suspects,
)
from imports.parsers.text_blocks import MODAL, blocks, clean_lines, is_heading_like
from tracker.vocabulary import CONCERN_KINDS

EMPTY = "The file is empty"
NOTHING_FOUND = "No recommendations, areas for improvement or causes of concern were found in this text"
# The labels of the kinds a recommendation may be made under.
CONCERNS = tuple(KIND_LABELS[kind].lower() for kind in CONCERN_KINDS)
# Present tense only: "in 2019 we recommended that:" introduces another report's recommendations.
RECOMMEND = re.compile(r"\b(?:recommend|recommends|recommendations?)\b", re.IGNORECASE)
# The last sentence of a paragraph when it introduces a list: "… To address this, the force should:".
LAST_SENTENCE_LEAD_IN = re.compile(r"(?P<before>.*[.!?][\"'\u2019\u201d)]*)\s+(?P<lead_in>[^.!?]+:)")
# "…people; and" at the end of one bullet of a list that makes a single sentence.
LIST_JOINER = re.compile(r"\s*[;,]\s*(?:and|or)?\s*$", re.IGNORECASE)


def parse_report_text(text: str, *, title_hint="", notes=None) -> ParsedReport:
    """The report `text` describes. A non-empty `title_hint` (from a PDF's title page, a page's
    <h1>, or the person importing) wins over the first heading of the text. `notes` are the
    footnotes taken out of the text ({number: text}, footnotes.py), for the findings that call them."""
    if not isinstance(text, str) or not text.strip():
        raise ImportProblem(EMPTY)
    lines = clean_lines(text)
    if not any(lines):
        raise ImportProblem(EMPTY)
    reader = _FindingReader(notes={**footnotes.notes_in_text(lines), **(notes or {})})
    for block in blocks(lines):
        if block.kind in ("para", "heading", "item", "subitem") and is_welsh(block.text):
            reader.read_welsh(block)
        else:
            reader.read(block)
    reader.close()
    if not reader.findings:
        raise ImportProblem(NOTHING_FOUND)
    return _report(lines, reader, title_hint)


def _report(lines, reader, title_hint):
    title = " ".join(str(title_hint or "").split())[:500] or _first_heading(lines)
    published_on, guessed = details.published_on(lines)
    flags = list(reader.flags)
    if guessed:
        flags.insert(
            0, Flag("The publication date was taken from a date on the title page: check it", "publication date")
        )
    elif not published_on:
        flags.insert(
            0, Flag("No publication date was found: enter the date the report was published", "publication date")
        )
    all_forces = any(details.addresses_all_forces(f.text) for f in reader.findings)
    opening = " ".join(line for line in lines[:200] if line)
    return ParsedReport(
        title=title,
        findings=reader.findings,
        published_on=published_on,
        report_type=details.report_type(title, opening, all_forces),
        concerns_all_forces=all_forces,
        flags=flags,
    )


def _first_heading(lines):
    """The first line that stands alone as a heading near the top, skipping web page furniture."""
    # Everything above "Skip to main content" in a copied web page is the site's, not the report's.
    skip = next((i for i, line in enumerate(lines[:80]) if is_skip_link(line)), -1)
    for i, line in enumerate(lines[:80]):
        if i <= skip:
            continue
        alone = (i == 0 or not lines[i - 1]) and (i + 1 == len(lines) or not lines[i + 1])
        if alone and is_heading_like(line) and not is_debris(line):
            return line[:500]
    return ""


@dataclass
class _Draft:
    """A finding being read: its lines so far and where it came from."""

    label: str
    number: int | None
    lines: list
    concern: str = ""
    item_style: str = ""  # "numbered" or "bullet" when the finding is an item of a list
    takes_items: bool = False  # its text ended "…should:", so the items that follow are part of it

    @property
    def text(self):
        return " ".join(" ".join(self.lines).split())


@dataclass
class _FindingReader:
    """Reads blocks in order, keeping track of the section, list and cause of concern we are in."""

    findings: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    mode: str = ""  # "", "marker", "list" or "concern"
    list_label: str = ""  # what the items of the current list are
    concern: str = ""  # reference of the cause of concern whose recommendations follow
    lead_in: str = ""  # "Within six months, the force should:" before a list
    draft: _Draft | None = None
    highest: dict = field(default_factory=dict)  # label -> highest number used
    by_reference: dict = field(default_factory=dict)  # reference -> ParsedFinding
    texts: set = field(default_factory=set)  # (kind, text folded) of the findings so far
    notes: dict = field(default_factory=dict)  # footnote number -> its text
    welsh: list = field(default_factory=list)  # Welsh passages met while a finding was being read

    def read(self, block):
        getattr(self, f"_read_{block.kind}")(block)

    def _read_marker(self, block):
        self.close()
        if block.label == "area for improvement" or block.label in CONCERNS:
            self.concern = ""
        self.mode = "concern" if block.label in CONCERNS else "marker"
        self.lead_in = ""
        self.draft = _Draft(block.label, block.number, list(block.lines), concern=self._concern_for(block.label))
        self._note_lead_in_colon()

    def _read_section(self, block):
        self.close()
        if block.label != "recommendation":
            self.concern = ""  # a new list of AFIs or concerns ends the last concern's recommendations
        self.mode, self.list_label, self.lead_in = "list", block.label, ""

    def _read_heading(self, block):
        self.close()
        if self.mode in ("list", "theme") and not self.lead_in:
            self.mode = "theme"  # perhaps the theme of the findings under it: _read_para decides
            return
        self.mode, self.concern, self.lead_in = "", "", ""

    def _read_tablehead(self, block):
        self.close()
        self.mode, self.lead_in = "table", ""

    def _read_tablerow(self, block):
        """A row of a findings table (report_tables.py): its finding, with what the other columns say."""
        self.close()
        finding = self._add(_Draft(block.label, block.number, [block.text], self._concern_for(block.label)), block.text)
        left = report_tables.apply_columns(finding, block.row) if finding else ""
        if left:
            self.flags.append(Flag(f"The table also gives {finding.reference}: {left}", finding.reference))

    def _read_item(self, block):
        style = "numbered" if block.number is not None else "bullet"
        draft = self.draft
        if draft and draft.takes_items and draft.label in CONCERNS:
            self._split_concern_lead_in(draft)
            draft = self.draft
        if draft and draft.takes_items and draft.item_style != style:
            draft.lines.extend(block.lines)
            return
        self.close()
        if self.mode == "theme":
            self.mode = "list"
        if self.mode != "list":
            return
        text = f"{self.lead_in} {block.text}" if self.lead_in else block.text
        self.draft = _Draft(self.list_label, block.number, [text], self._concern_for(self.list_label), item_style=style)
        self._note_lead_in_colon()

    def _split_concern_lead_in(self, draft):
        """A concern whose paragraph ends by introducing its recommendations ("… the force should:")
        keeps its own sentences; the last one becomes the lead-in of the recommendations listed next."""
        split = LAST_SENTENCE_LEAD_IN.fullmatch(draft.text)
        if not split or not MODAL.search(split.group("lead_in")):
            return
        draft.lines, draft.takes_items = [split.group("before")], False
        self.close()
        self.mode, self.list_label = "list", "recommendation"
        self.lead_in = split.group("lead_in")[:-1].rstrip()

    def _read_subitem(self, block):
        if self.draft:
            self.draft.lines.extend(block.lines)

    def _read_para(self, block):
        draft, text = self.draft, block.text
        if draft and (
            not draft.lines or not block.starts_paragraph or not ends_sentence(draft.text) or text[:1].islower()
        ):
            draft.lines.extend(block.lines)
            self._note_lead_in_colon()
            return
        self.close()
        if self.mode == "theme":
            self.mode = "list" if _states_a_finding(text) else ""
        if text.endswith(":") and (RECOMMEND.search(text) or (self.mode in ("list", "concern") and MODAL.search(text))):
            if self.mode != "list":
                self.mode, self.list_label = "list", "recommendation"
            self.lead_in = text[:-1].rstrip() if MODAL.search(text) else ""
        elif self.mode == "list" and (self.list_label in CONCERNS or MODAL.search(text)):
            lines = [self.lead_in, *block.lines] if self.lead_in else list(block.lines)
            self.draft = _Draft(self.list_label, None, lines, self._concern_for(self.list_label), item_style="para")
        else:
            self.lead_in = ""  # a paragraph between a lead-in's list and the next list ends the lead-in

    def _concern_for(self, label):
        return self.concern if label == "recommendation" else ""

    def _note_lead_in_colon(self):
        self.draft.takes_items = self.draft.takes_items or self.draft.text.endswith(":")

    def close(self):
        """Finish the finding being read, if it has any text."""
        draft, self.draft = self.draft, None
        welsh, self.welsh = self.welsh, []
        text, finding = draft.text if draft else "", None
        if draft and draft.item_style and not draft.takes_items:
            text = LIST_JOINER.sub("", text)
            text = text if ends_sentence(text) or not text else text + "."
        if text:
            finding = self._add(draft, text)
        self._note_welsh(welsh, finding)

    def read_welsh(self, block):
        """A Welsh passage of a bilingual report. The finding is its English: the Welsh is kept out
        of it, and in a flag beside the finding it follows, for a person to see."""
        if self.draft is not None:
            self.welsh.append(block.text)  # the English finding may go on after it
        else:
            self._note_welsh([block.text])

    def _note_welsh(self, passages, finding=None):
        finding = finding or (self.findings[-1] if self.findings else None)
        for passage in passages:
            if finding:
                message = f"Welsh text after {finding.reference}, kept out of the finding: {passage}"
                self.flags.append(Flag(message, finding.reference))
            else:
                self.flags.append(Flag(f"Welsh text before the first finding: {passage}", "Welsh text"))

    def _add(self, draft, text):
        text, calls = footnotes.take_calls(text)
        finding = self._add_finding(draft, text) if text else None
        if finding is not None:
            flags = footnotes.call_flags(finding.reference, calls, self.notes)
            self.flags.extend(Flag(message, finding.reference) for message in flags)
        return finding

    def _add_finding(self, draft, text):
        label, highest = draft.label, self.highest.get(draft.label, 0)
        number = draft.number
        if draft.item_style and (number is None or number <= highest):
            if (finding_kind(label), _folded(text)) in self.texts:
                return None  # a list repeated later in the report, say in its summary and its chapter
            if number is not None:
                where = f"{label.capitalize()} {highest + 1}"
                self.flags.append(Flag(f"Item {number} of a list was numbered {highest + 1} to follow on", where))
            number = highest + 1
        number = number if number is not None else highest + 1
        reference = f"{label.capitalize()} {number}"
        if label in CONCERNS:
            self.concern = reference
        existing = self.by_reference.get(reference)
        if existing:
            return self._merge(existing, draft, text)
        self.highest[label] = max(highest, number)
        finding = self._finding(label, reference, text, draft.concern)
        self.findings.append(finding)
        self.by_reference[reference] = finding
        self.texts.add((finding.kind, _folded(text)))
        return finding

    def _merge(self, existing, draft, text):
        """A reference seen before, as when a summary lists the recommendations a chapter repeats.

        Where the two wordings differ, neither wins silently: the more substantive one is kept as
        the finding and the flag quotes both, so a person can see which the report means."""
        if not existing.cause_of_concern and draft.concern:
            existing.cause_of_concern = draft.concern
        if _folded(existing.text) == _folded(text):
            return existing
        kept, other = existing, text
        if _more_substantive(text, existing.text):
            kept = self._finding(draft.label, existing.reference, text, existing.cause_of_concern or draft.concern)
            self.findings[self.findings.index(existing)] = kept
            self.by_reference[kept.reference] = kept
            self.texts.add((kept.kind, _folded(text)))
            other = existing.text
        message = (
            f"{kept.reference} appears more than once with different wording. Kept: \u201c{kept.text}\u201d. "
            f"Also found: \u201c{other}\u201d. Check which the report means"
        )
        self.flags.append(Flag(message, kept.reference))
        return kept

    def _finding(self, label, reference, text, concern):
        return make_finding(label, reference, text, concern, self.flags)


def make_finding(label, reference, text, concern, flags):
    """The finding `text` states, its addressees and deadline read from its wording; what a person
    should check (a date that does not exist, a word that seems lost) is added to `flags`."""
    deadline_text, deadline_on = details.deadline(text)
    if re.match(r"By (?:the end of )?\d", deadline_text) and deadline_on is None:
        flags.append(Flag(f"The deadline \u201c{deadline_text}\u201d is not a real date: check it", reference))
    # A finding's end is the reader's to decide (close() ends a list item's sentence), so only words
    # lost between two sentences are suspected here.
    lost = [quote for _, quote in lost_word_suspects(text, unfinished=False)]
    if lost:
        quoted = " and ".join(f"\u201c{quote}\u201d" for quote in lost)
        flags.append(Flag(f"A word may be missing before {quoted}: check against the report", reference))
    return ParsedFinding(
        kind=finding_kind(label),
        reference=reference,
        text=text,
        addressees=details.addressees(text),
        cause_of_concern=concern,
        deadline_on=deadline_on,
        deadline_text=deadline_text[:200],
    )


def _states_a_finding(text):
    """Whether a paragraph reads as a finding, not discussion: someone should do something, said
    early in its first sentence ("The force should…", "By May 2025, chief constables should…")."""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    modal = MODAL.search(first)
    return bool(modal) and len(first[: modal.start()].split()) <= 15 and not re.match(r"(?:we|our|in)\b", text, re.I)


def _more_substantive(text, than):
    """Whether `text` is the better candidate for a finding than `than`: it says what someone should
    do and the other does not, or it says all the other says and more (a summary shortens)."""
    if bool(MODAL.search(text)) != bool(MODAL.search(than)):
        return bool(MODAL.search(text))
    return len(text) > len(than) and _word_set(than) <= _word_set(text)


def _word_set(text):
    return set(re.findall(r"[^\W_]+", text.casefold()))


def _folded(text):
    return " ".join(text.split()).casefold()
