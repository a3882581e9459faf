"""Responses written in a form (a Word table) and pasted as text.

A table pasted into a web page loses its cells: "Recommendation 1 Forces should … Response The
OPCC … Status Complete" arrives as one line, and tick boxes arrive as words ("☐ Accepted
☒ Partially accepted", or "Yes No X" where the X's box is lost). We split such a line back into its
fields, and read a status as the s.55(5B) position only when it clearly says which; otherwise a
person chooses, told what the form said.
"""

import re

from tracker.vocabulary import Position

TICKED = r"(?:[☒☑✅✓✔■]|\[\s*[xX✓✔]\s*\])"
UNTICKED = r"(?:[☐□]|\[\s*\])"
_BOX = rf"(?:{TICKED}|{UNTICKED})"
# What a status says, in the words forms use, and the position each means. Words such as "Accepted"
# say whether the body agrees, not what was done, so they are left for a person.
POSITION_WORDS = [
    (Position.NO_ACTION, r"no\s+(?:further\s+)?action|not\s+accepted|rejected|declined|not\s+applicable|n/?a"),
    (
        Position.ACTION_PROPOSED,
        r"action\s+proposed|in\s+progress|on[\s-]?going|under\s*way|planned|partially\s+(?:complete|completed|implemented)"
        r"|not\s+yet\s+(?:started|complete|completed)|open",
    ),
    (Position.ACTION_TAKEN, r"action\s+taken|complete|completed|implemented|achieved|done|closed|discharged"),
]
# A cell's value without a colon before it: a box, or the words of an answer.
_ANSWER = "|".join(words for _, words in POSITION_WORDS) + r"|(?:partially\s+)?accepted|yes|no"
_VALUE_START = r"(?:" + _BOX + r"|(?:" + _ANSWER + r")\b)"
FIELD = re.compile(
    r"^(?:(?P<name>(?:rag\s+)?status|position|progress|outcome|decision|accepted\??)(?:\s*[:\-–—]\s*|\s+(?="
    + _VALUE_START
    + r"))"
    r"|(?=" + _BOX + r"))(?P<value>\S.*)$",
    re.I,
)
# In a flattened row, where the next cell starts: its capitalised name, then a capitalised value
# (not a box's caption: "☐ Accepted").
_NEXT_CELL = re.compile(
    r"(?<![☐□☒☑✅✓✔■\]])\s+(?=(?-i:Response|Comments?|Update|Status|Position|Progress|Outcome|Accepted\??)\s*[:\-–—]?\s+(?:(?-i:[A-Z])|"
    + _BOX
    + r"))"
)
_ROW_START = re.compile(r"^(?:(?:recommendation|area\s+for\s+improvement|cause\s+of\s+concern|afi)\s+\d{1,3}\b)", re.I)
_COMMENT_CELL = re.compile(r"^(?P<name>Response|Comments?|Update)\s+(?=\S)(?P<rest>.*)$")


def split_fields(paragraph):
    """A flattened table row ("Recommendation 1 … Response … Status …") as one paragraph per cell,
    each cell's name followed by a colon so it reads as a label; any other paragraph unchanged."""
    if not _ROW_START.match(paragraph) or not _NEXT_CELL.search(paragraph):
        return [paragraph]
    cells = _NEXT_CELL.split(paragraph)
    return [cells[0]] + [_COMMENT_CELL.sub(r"\g<name>: \g<rest>", cell, count=1) for cell in cells[1:]]


def read_position(value):
    """What a status cell says: (position, unclear). `position` is a Position value or "";
    `unclear` is True when the cell says something a person must read (no box ticked, several,
    an "X" whose box was lost, or words that name no position)."""
    value = " ".join(value.split())
    if re.search(_BOX, value):
        ticked = re.findall(TICKED + r"\s*([^☐□☒☑✅✓✔■\[]+)", value)
        if len(ticked) != 1:
            return "", True
        value = ticked[0]
    elif re.search(r"(?:^|\s)[xX](?:\s|$)", value):
        return "", True  # "Yes No X": which box held the X is lost
    value = value.strip().rstrip(".").strip()
    for position, words in POSITION_WORDS:
        if re.fullmatch(words, value, re.I):
            return position.value, False
    return "", True
