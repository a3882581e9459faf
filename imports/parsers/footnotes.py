"""Footnotes of a report: the calls in the text ("services.12", a superscript 12) and the notes.

A footnote call is not a word of the finding: "…partner services.12 The force…" would otherwise give
a finding that ends "services.12". Calls reach us as superscript digits where the source marks them
(a PDF's smaller, raised digits, which pdf_layout.py turns into superscript characters; a web page's
<sup>), and in pasted text as plain digits stuck to a word. Those are taken for calls when they
follow a word's closing punctuation ("services.12", "requires,2") or a word the text also uses
without them ("services12" where "services" appears elsewhere) or whose number a note has ("research15"
where a line starts "15 Safe Lives…"): a number like "Code C" or "2024" or
"section 55" is never stuck to a word.

The notes themselves (a PDF page's small print at its foot, a web page's list of notes) are taken
out of the flow of the text, where they would cut a finding that goes on over the page in two, and
kept: a finding's call is taken out of its text and the note it calls is put in a flag on the finding,
for a person to read. Pasted text has no foot of the page: there a line that starts with the called
number and a capital is taken for the note. Notes no finding calls belong to the report's discussion, which is not imported.
"""

import re

from imports.parsers.text import SUPERSCRIPTS

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", SUPERSCRIPTS)
PLAIN_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
SUPERSCRIPT_RUN = "[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3}"
# A call: superscript digits after a word or its closing punctuation.
CALL = re.compile(rf"(?:(?<=[^\W\d_])|(?<=[^\W\d_][.,;:)\]\"'\u2019\u201d]))(?P<n>{SUPERSCRIPT_RUN})(?![^\W_])")
# Plain digits after a lowercase word's closing punctuation, before a space or the line's end.
PUNCTUATED_CALL = re.compile(r"(?<=[a-z][.,;:\u2019\u201d])(?P<n>\d{1,2})(?=\s|$)")
STUCK_CALL = re.compile(r"\b(?P<word>[a-z]{4,})(?P<n>\d{1,2})(?=[\s.,;:]|$)")
# The start of a note: its number, plain or superscript, then its words.
NOTE_START = re.compile(rf"(?P<n>\d{{1,3}}|{SUPERSCRIPT_RUN})\.?\s+(?P<rest>\S.*)")
BARE_NOTE_START = re.compile(rf"(?P<n>\d{{1,3}}|{SUPERSCRIPT_RUN})\s+(?P<rest>[A-Z\u2018\u201c].*)")
HTML_NOTE_ID = re.compile(r"^(?:fn|footnote|note|ftn)[-_:]?(?P<n>\d{1,3})$", re.IGNORECASE)
BACKLINKS = re.compile(r"\s*(?:\u21a9\ufe0e?|\u2191|back to (?:text|content))\s*", re.IGNORECASE)


def superscript(digits):
    return digits.translate(SUPERSCRIPT_DIGITS)


def mark_calls(line, vocabulary, note_numbers=()):
    """`line` with calls written as plain digits made superscript (see the module docstring)."""
    line = PUNCTUATED_CALL.sub(lambda m: superscript(m.group("n")), line)

    def stuck(match):
        if match.group("word") not in vocabulary and int(match.group("n")) not in note_numbers:
            return match.group()
        return match.group("word") + superscript(match.group("n"))

    return STUCK_CALL.sub(stuck, line)


def note_numbers(lines):
    """The numbers of the lines that look like notes (see notes_in_text)."""
    return {_number(start.group("n")) for start in map(BARE_NOTE_START.fullmatch, lines) if start}


def take_calls(text):
    """(`text` without its footnote calls, the numbers of the notes it calls, in order)."""
    numbers = [_number(m.group("n")) for m in CALL.finditer(text)]
    return " ".join(CALL.sub("", text).split()), numbers


def _number(digits):
    return int(digits.translate(PLAIN_DIGITS))


def notes_from_lines(lines):
    """{number: text} of the notes in `lines`, each starting with its number."""
    notes, current = {}, None
    for line in lines:
        start = NOTE_START.fullmatch(line)
        if start:
            current = _number(start.group("n"))
            notes[current] = start.group("rest")
        elif current is not None:
            notes[current] = f"{notes[current]} {line}"
    return notes


def notes_in_text(lines):
    """{number: text} of what look like notes in plain text: a line that starts with a bare number
    and a capital ("12 Home Office, Crime outcomes…"), the last such for each number, with the
    lines of its paragraph. (A numbered item has a full stop or bracket after its number.)"""
    notes = {}
    for index, line in enumerate(lines):
        start = BARE_NOTE_START.fullmatch(line)
        if start:
            following = []
            for more in lines[index + 1 :]:
                if not more or BARE_NOTE_START.fullmatch(more):
                    break
                following.append(more)
            notes[_number(start.group("n"))] = " ".join([start.group("rest"), *following])
    return notes


def take_html_notes(root):
    """{number: text} of a web page's notes (elements with ids such as "fn12"), taken out of `root`."""
    notes = {}
    for element in root.find_all(id=HTML_NOTE_ID):
        if element.parent is None:
            continue
        number = int(HTML_NOTE_ID.match(element["id"]).group("n"))
        words = BACKLINKS.sub(" ", " ".join(element.get_text(" ").split())).strip()
        start = NOTE_START.fullmatch(words)
        notes[number] = start.group("rest") if start and _number(start.group("n")) == number else words
        element.extract()
    return notes


def call_flags(reference, numbers, notes):
    """What a person should read about the notes a finding calls."""
    for number in numbers:
        note = notes.get(number)
        if note:
            yield f"Footnote {number} of {reference}: {note}"
        else:
            yield f"{reference} calls footnote {number}, whose text was not found: check the report"
