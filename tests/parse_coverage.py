"""Nothing silently dropped: which words of a source a parse has lost.

A parser may drop a site's debris (cookie banners, "Skip to main content", page furniture) but no
word of the meaningful text: each must end up somewhere in the parse (title, body, dates, a finding,
the introduction, a comment, the chief officer's comments, the signature) or in a flag's message
for a person to check. Fixtures give their meaningful text, apart from the debris around it."""

import re
from dataclasses import asdict, is_dataclass

WORD = re.compile(r"[^\W_]+", re.UNICODE)
ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def words(text):
    """The words of `text`, lower-cased, with curly apostrophes made straight (a parser may tidy them)."""
    found = {word.lower() for word in WORD.findall(text.replace("\u2019", "'"))}
    return {ORDINAL.sub(r"\1", word) for word in found}  # "3rd March" is read as a date


def _strings(value):
    if is_dataclass(value):
        value = asdict(value)
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def parsed_words(parsed):
    """Every word the parse holds, in any field or flag; dates count in ISO and as written."""
    found = set()
    for text in _strings(parsed):
        found |= words(text)
    for name in getattr(parsed, "DATES", ("published_on",)):
        day = getattr(parsed, name, None)
        if day:
            found |= words(f"{day:%d %B %Y} {day.day} {day:%b %m %y}") | {str(day.day), str(day.month)}
    return found


def lost_words(meaningful_text, parsed, structure=""):
    """The words of `meaningful_text` found nowhere in `parsed` (sorted, for a readable failure).

    `structure` holds the words a parse turns into structure rather than keeps as text (labels such
    as "Signed:" or "OPCC comment:", a date's "Published"): name them in the fixture, word by word."""
    return sorted(words(meaningful_text) - parsed_words(parsed) - words(structure))
