"""Side-by-side comparison of two response snapshots, with word-level differences marked.

Staff compare revisions to check what changed before publishing an amendment, so the comparison
works on snapshots (responses/snapshot.py): the same data the public page and the PDF are made from.
"""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from responses.snapshot import POSITION_LABELS
from tracker.models import Finding

# Words (keeping "don't" and "co-operate" whole), runs of whitespace, and single punctuation marks:
# joining the tokens gives back the text exactly, so it reads naturally with its changes marked.
TOKEN = re.compile(r"\w+(?:['’-]\w+)*|\s+|[^\w\s]")

REMOVED = '<del class="app-diff__removed"><span class="govuk-visually-hidden">Removed: </span>'
ADDED = '<ins class="app-diff__added"><span class="govuk-visually-hidden">Added: </span>'


@dataclass(frozen=True)
class Row:
    """One part of the response in both revisions. The HTML is safe: built by `word_diff`."""

    label: str
    old_html: str
    new_html: str
    changed: bool


def word_diff(old, new):
    """(old_html, new_html): `old` with removed words in <del>, `new` with added words in <ins>.

    Comparing words rather than characters or lines matches how people edit prose, and gives marks
    that can be read. autojunk is off: it would treat the commonest tokens (spaces) as noise in
    long texts and produce scattered, misleading matches.
    """
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    opcodes = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False).get_opcodes()
    old_parts, new_parts = [], []
    for changed, i1, i2, j1, j2 in _grouped(opcodes, old_tokens):
        old_parts.append(_render(old_tokens[i1:i2], REMOVED if changed else None, "</del>"))
        new_parts.append(_render(new_tokens[j1:j2], ADDED if changed else None, "</ins>"))
    # mark_safe is justified: every piece of user text went through escape() in _html before any
    # markup was added, and the only markup added is the fixed strings in this module.
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))


def inline_diff(old, new):
    """`new` as safe HTML, with the words removed since `old` in <del> and those added in <ins>,
    each change where it happened: the whole text read once, as tracked changes in Word show it.
    With `old` None nothing is marked (there is nothing to compare with)."""
    if old is None:
        return mark_safe(_render(TOKEN.findall(new or ""), None, ""))
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    opcodes = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False).get_opcodes()
    parts = []
    for changed, i1, i2, j1, j2 in _grouped(opcodes, old_tokens):
        if changed:
            removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
            if removed.strip() and added.strip():
                # Only the words: the whitespace around them is the new text's, which follows.
                parts.append(REMOVED + _html(removed.strip()) + "</del> ")
            elif removed.strip():
                parts.append(_render(old_tokens[i1:i2], REMOVED, "</del>"))
            parts.append(_render(new_tokens[j1:j2], ADDED, "</ins>"))
        else:
            parts.append(_render(new_tokens[j1:j2], None, ""))
    # Safe for the reason given in word_diff: text escaped, only this module's markup added.
    return mark_safe("".join(parts))


def _grouped(opcodes, old_tokens):
    """(changed, i1, i2, j1, j2) runs, a change absorbing the bare whitespace between it and the next.

    So that "big red" replaced by "small blue" is one removal and one addition, not two of each.
    """
    runs = []
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < n < len(opcodes) - 1 and opcodes[n + 1][0] != "equal"
        if tag == "equal" and not (between_changes and "".join(old_tokens[i1:i2]).isspace()):
            runs.append([False, i1, i2, j1, j2])
        elif runs and runs[-1][0]:
            runs[-1][2], runs[-1][4] = i2, j2
        else:
            runs.append([True, i1, i2, j1, j2])
    return runs


def _render(tokens, opening, closing):
    """The tokens as HTML; when `opening` is given, their words wrapped in it and `closing`.

    Whitespace at either end stays outside the mark, so a mark never holds only a line break; a
    change of line breaks alone (paragraphs split or joined) is marked with a pilcrow instead.
    """
    text = "".join(tokens)
    if opening and "\n" in text and text.isspace():
        return opening + "¶" + closing + _html(text)
    if opening and text.strip():
        body = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        return _html(lead) + opening + _html(body) + closing + _html(trail)
    return _html(text)


def _html(text):
    """Escaped text with line breaks shown: a blank line (a new paragraph) as two <br>s, which,
    unlike <p>, may sit inside a <del> or <ins> when a change spans paragraphs.
    """
    escaped = re.sub(r"\r?\n[ \t\r]*\n\s*", "<br><br>", str(escape(text)))
    return escaped.replace("\r\n", "<br>").replace("\n", "<br>")


def compare(old_snapshot, new_snapshot):
    """The rows of a comparison of two snapshots, in the order the response reads.

    Findings are matched by finding_id, so a reference that was renumbered is still the same finding;
    one on only one side (added to or removed from the report) gets rows with the other side empty.
    """
    old, new = old_snapshot, new_snapshot
    rows = [
        _row("Introduction", old["introduction"], new["introduction"]),
        _row("The chief officer's comments", old["chief_officer_comments"], new["chief_officer_comments"]),
        _row(
            "Date the chief officer's comments were received",
            _date(old["chief_officer_comments_received_on"]),
            _date(new["chief_officer_comments_received_on"]),
        ),
        _row("Our reply to the chief officer's comments", old["reply_to_chief_officer"], new["reply_to_chief_officer"]),
    ]
    if old.get("change_note") or new.get("change_note"):
        rows.append(_row("Change note", old.get("change_note"), new.get("change_note")))
    old_items = {item["finding_id"]: item for item in old["items"]}
    new_items = {item["finding_id"]: item for item in new["items"]}
    for finding_id in _merged_order(list(old_items), list(new_items)):
        before, after = old_items.get(finding_id, {}), new_items.get(finding_id, {})
        reference = after.get("reference") or before.get("reference")
        rows.append(_row(f"{reference}: comment", before.get("comment"), after.get("comment")))
        positions = before.get("position"), after.get("position")
        if any(positions) or (after or before)["kind"] in Finding.KINDS_NEEDING_POSITION:
            rows.append(_row(f"{reference}: position", *(POSITION_LABELS.get(p, p or "") for p in positions)))
    # The sign-off ends the response. Snapshots written before it was part of them have none.
    rows.append(_row("Signed by", old.get("signature"), new.get("signature")))
    return rows


def changed_rows(rows):
    """Only the rows that differ, for the "show only changes" view."""
    return [row for row in rows if row.changed]


def _row(label, old_text, new_text):
    old_text, new_text = old_text or "", new_text or ""
    return Row(label, *word_diff(old_text, new_text), changed=old_text != new_text)


def _merged_order(old_ids, new_ids):
    """The new order of findings, with each one only in the old placed after its old predecessor."""
    merged = list(new_ids)
    for n, finding_id in enumerate(old_ids):
        if finding_id not in merged:
            merged.insert(merged.index(old_ids[n - 1]) + 1 if n else 0, finding_id)
    return merged


def _date(iso):
    day = datetime.date.fromisoformat(iso) if iso else None
    return f"{day.day} {day:%B %Y}" if day else ""
